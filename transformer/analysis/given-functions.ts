/**
 * A parameter of a local helper that each call of the helper gives a function: `const pass = (ok) => { … ok(a, b) … };
 * pass((a, b) => a.cents === b.cents)`. A call through the parameter runs one of the functions given, so it has the
 * effects of any of them (as a call into a table of functions does: candidate-calls.ts), not those of unknown code.
 * Without this, a task's matching passes written this way took both its arrays as written (np22's r56).
 *
 * The helper is a `const` arrow or function expression, or a function declaration, declared inside a function; every
 * reference to it is a plain call of it (so no call elsewhere gives it something else), giving at that position a
 * function written there or a name the analysis resolves to one; and the helper never assigns the parameter.
 */
import type * as ts from 'typescript';
import { isFunctionLike, symbolOf, type AnalysisContext, type FunctionLike } from './context';
import { skipParens } from './expressions';
import { functionOfExpression } from './function-of-symbol';
import { isWrittenName } from '../rewrite/syntax';

const given = new WeakMap<ts.ParameterDeclaration, FunctionLike[] | null>();

/** The functions a call through `callee` may run, when it names such a parameter; undefined otherwise. */
export function givenFunctions(ctx: AnalysisContext, callee: ts.Expression): FunctionLike[] | undefined {
  const { ts } = ctx;
  callee = skipParens(ts, callee);
  if (!ts.isIdentifier(callee)) return undefined;
  const param = symbolOf(ctx, callee)?.valueDeclaration;
  if (!param || !ts.isParameter(param)) return undefined;
  let known = given.get(param);
  if (known === undefined) {
    known = functionsGiven(ctx, param) ?? null;
    given.set(param, known);
  }
  return known ?? undefined;
}

function functionsGiven(ctx: AnalysisContext, param: ts.ParameterDeclaration): FunctionLike[] | undefined {
  const { ts } = ctx;
  const helper = param.parent;
  if (!isFunctionLike(ctx, helper) || !ts.isIdentifier(param.name) || param.dotDotDotToken || param.initializer) return undefined;
  const index = helper.parameters.indexOf(param);
  const name = ts.isFunctionDeclaration(helper) ? helper.name
    : (ts.isArrowFunction(helper) || ts.isFunctionExpression(helper)) && ts.isVariableDeclaration(helper.parent) && helper.parent.initializer === helper &&
      (ts.getCombinedNodeFlags(helper.parent) & ts.NodeFlags.Const) !== 0 && ts.isIdentifier(helper.parent.name) ? helper.parent.name : undefined;
  const scope = ts.findAncestor(helper.parent, (n) => isFunctionLike(ctx, n));
  if (!name || !scope || !helper.body) return undefined;
  const helperSymbol = symbolOf(ctx, name);
  const paramSymbol = symbolOf(ctx, param.name);
  const found = new Set<FunctionLike>();
  let ok = true;
  const visit = (node: ts.Node): void => {
    if (!ok) return;
    if (ts.isIdentifier(node) && node !== name && node.text === name.text && symbolOf(ctx, node) === helperSymbol) {
      const call = node.parent;
      const arg = ts.isCallExpression(call) && call.expression === node && !call.arguments.slice(0, index + 1).some((a) => ts.isSpreadElement(a))
        ? call.arguments[index] : undefined;
      const fn = arg && functionOfExpression(ctx, arg, 0);
      if (!fn) { ok = false; return; }
      found.add(fn);
    }
    // The helper itself never gives the parameter another value (nor through `arguments`).
    if (ts.isIdentifier(node) && node.text === 'arguments' && !ts.isArrowFunction(helper) && ts.findAncestor(node, (n) => n === helper)) { ok = false; return; }
    if (ts.isIdentifier(node) && node.text === param.name.getText() && symbolOf(ctx, node) === paramSymbol && isWrittenName(ts, node)) { ok = false; return; }
    ts.forEachChild(node, visit);
  };
  visit(scope);
  return ok && found.size > 0 ? [...found] : undefined;
}
