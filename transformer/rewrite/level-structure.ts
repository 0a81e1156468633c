/**
 * Whether a task may change which objects a level it is given holds (`ps.push(…)`, `ps[0] = …`, `ps.splice(…)`), not
 * only the objects themselves (`for (const p of ps) p.x += 1`). The plan waits for a container's leaf alone
 * (`waitOn(groups[1][0]).x`): the leaf is picked before the wait, so a task that put another object in that slot
 * would leave the program reading the old one. A level such a task writes keeps its call direct, unless every use of
 * the container waits for a level whole after the call (containers.ts partUseAfter): nothing picks a leaf or reads a level's length first.
 *
 * Read off the task's body: the parameter used only by indexing it (not as a write target), its `length`, iterating
 * it (`for…of`, the library's reading methods) and comparisons leaves its slots alone; anything else (another name
 * for it, a call it is handed to, a mutating method) may change them.
 */
import type * as ts from 'typescript';
import { symbolOf, type AnalysisContext, type FunctionLike } from '../analysis/context';
import { READING_METHODS } from '../analysis/builtins';
import { isDeclarationName, isReference, isWriteTarget, withWrappers } from './syntax';

const known = new WeakMap<ts.ParameterDeclaration, boolean>();

export function mayRestructure(ctx: AnalysisContext, fn: FunctionLike, index: number): boolean {
  const param = fn.parameters[index];
  if (!param || !fn.body) return true;
  let answer = known.get(param);
  if (answer === undefined) { answer = restructures(ctx, fn, param); known.set(param, answer); }
  return answer;
}

function restructures(ctx: AnalysisContext, fn: FunctionLike, param: ts.ParameterDeclaration): boolean {
  const { ts } = ctx;
  if (!ts.isIdentifier(param.name)) return true;
  const symbol = symbolOf(ctx, param.name);
  if (!symbol) return true;
  const leavesSlots = (ref: ts.Identifier): boolean => {
    const outer = withWrappers(ts, ref);
    const parent = outer.parent;
    if (ts.isElementAccessExpression(parent) && parent.expression === outer) return !isWriteTarget(ts, parent);
    if (ts.isPropertyAccessExpression(parent) && parent.expression === outer) {
      const call = parent.parent;
      if (ts.isCallExpression(call) && call.expression === parent) return READING_METHODS.has(parent.name.text);
      return parent.name.text === 'length' && !isWriteTarget(ts, parent);
    }
    if (ts.isForOfStatement(parent) && parent.expression === outer) return true;
    // A copy of its slots (`[...ps].sort(…)`, `Array.of(...ps)`, `Array.from(ps)`): the copy's order is the copy's.
    if (ts.isSpreadElement(parent) && (ts.isArrayLiteralExpression(parent.parent) || isArrayMaker(ts, parent.parent))) return true;
    if (isArrayMaker(ts, parent) && (parent as ts.CallExpression).arguments[0] === outer) return true;
    return ts.isBinaryExpression(parent) && [ts.SyntaxKind.EqualsEqualsEqualsToken, ts.SyntaxKind.ExclamationEqualsEqualsToken].includes(parent.operatorToken.kind);
  };
  let changes = false;
  const visit = (node: ts.Node): void => {
    if (changes) return;
    if (ts.isIdentifier(node) && isReference(ts, node) && !isDeclarationName(ts, node) && symbolOf(ctx, node) === symbol && !leavesSlots(node)) changes = true;
    ts.forEachChild(node, visit);
  };
  visit(fn.body!);
  return changes;
}

/** `Array.from(…)`, `Array.of(…)`: a new array of what they are given. */
function isArrayMaker(t: typeof ts, node: ts.Node): boolean {
  return t.isCallExpression(node) && t.isPropertyAccessExpression(node.expression) && t.isIdentifier(node.expression.expression) &&
    node.expression.expression.text === 'Array' && ['from', 'of'].includes(node.expression.name.text);
}
