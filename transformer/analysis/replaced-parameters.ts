/**
 * Parameters a function replaces (`cb = writer`, `callback = makeIterator(callback, thisObj)`, `values =
 * Array.from(values)`): what such a name may hold at a mention, for supplied.ts (is it still what the caller gave?) and
 * callbacks.ts (does each value a replacement gives it read?). Kept apart from supplied.ts, which asks.
 */
import type * as ts from 'typescript';
import { isPrimitiveNode, symbolOf, type AnalysisContext, type FunctionLike } from './context';
import { alternatives, skipParens } from './expressions';
import { builtinName } from './builtin-callees';
import { copiedReceiver } from './caller-iterators';
import { isWrittenName } from '../rewrite/syntax';
import { mayRunBefore } from './supplied';

/**
 * Whether some assignment to the name a parameter (or a name in its pattern) binds may run before `use`, and what it
 * gives: 'other' when the name may then hold what the function put there, not (a part of) what the caller gave;
 * 'part' when every such assignment gives it its own value, a part of it or a primitive (`customizer = typeof
 * customizer == 'function' ? customizer : undefined`, `node = node.next`); undefined when none may run before.
 * (A strict-mode `arguments` does not alias the parameters; sloppy code writing `arguments[i]` is not looked at.)
 */
export function replacedBefore(ctx: AnalysisContext, binding: ts.ParameterDeclaration | ts.BindingElement, use: ts.Identifier): 'part' | 'other' | undefined {
  const values = replacingValues(ctx, binding, use);
  return values === undefined ? 'other' : values.length > 0 ? 'other' : partReplaced.has(use) ? 'part' : undefined;
}

/** Mentions whose parameter some replacement that may run before gives its own value or a part of it (replacingValues). */
const partReplaced = new WeakSet<ts.Identifier>();

/**
 * What the replacements of a parameter that may run before `use` may give it other than its own value, a part or a
 * copy of it, or a primitive (`iteratee = cb(iteratee, context)`: that call); undefined when one is not a plain `=`.
 * Without `use`, every replacement the function makes (for a mention through a variable holding a part of it).
 */
export function replacingValues(ctx: AnalysisContext, binding: ts.ParameterDeclaration | ts.BindingElement, use?: ts.Identifier): ts.Expression[] | undefined {
  const { ts } = ctx;
  if (!ts.isIdentifier(binding.name)) return [];
  const own = symbolOf(ctx, binding.name);
  const others: ts.Expression[] = [];
  for (const write of parameterWrites(ctx, binding.name)) {
    let target: ts.Node = write;
    while (ts.isParenthesizedExpression(target.parent)) target = target.parent;
    const assignment = target.parent;
    const plain = ts.isBinaryExpression(assignment) && assignment.left === target && assignment.operatorToken.kind === ts.SyntaxKind.EqualsToken;
    // (The whole assignment: its right side, `F = F.map(g)`, is evaluated before the name is replaced.)
    if (use && !mayRunBefore(ctx, plain ? assignment : write, use)) continue;
    if (!plain) return undefined;
    for (const choice of alternatives(ts, (assignment as ts.BinaryExpression).right)) {
      if (isPrimitiveNode(ctx, choice)) continue;
      // (A copy, `p = Array.from(p)`, `p = p.slice()`: a new array with the built-in methods holding p's elements, a part
      // of p as much as they are: caller-iterators.ts trusts `slice` on the same assumption, data without functions.)
      let root = skipParens(ts, copyOf(ctx, choice) ?? choice);
      while (ts.isElementAccessExpression(root) || ts.isPropertyAccessExpression(root)) root = skipParens(ts, root.expression);
      if (!ts.isIdentifier(root) || symbolOf(ctx, root) !== own) others.push(choice);
      else if (use) partReplaced.add(use);
    }
  }
  return others;
}

/** `x` of `Array.from(x)` (the built-in: a fresh array of x's elements) or of `x.slice(…)`-like copies (copiedReceiver). */
function copyOf(ctx: AnalysisContext, value: ts.Expression): ts.Expression | undefined {
  const { ts } = ctx;
  value = skipParens(ts, value);
  if (!ts.isCallExpression(value) || value.questionDotToken) return undefined;
  if (builtinName(ctx, value.expression) === 'Array.from' && value.arguments.length === 1 && !ts.isSpreadElement(value.arguments[0])) return value.arguments[0];
  return copiedReceiver(ctx, value);
}

/** The right sides of every `p = …` the function makes; undefined when it writes the name another way (`p ||= …`, `p++`). */
export function parameterAssignments(ctx: AnalysisContext, name: ts.Identifier): ts.Expression[] | undefined {
  const { ts } = ctx;
  const values: ts.Expression[] = [];
  for (const write of parameterWrites(ctx, name)) {
    let target: ts.Node = write;
    while (ts.isParenthesizedExpression(target.parent)) target = target.parent;
    const assignment = target.parent;
    if (!ts.isBinaryExpression(assignment) || assignment.left !== target || assignment.operatorToken.kind !== ts.SyntaxKind.EqualsToken) return undefined;
    values.push(assignment.right);
  }
  return values;
}

const writesOfParameter = new WeakMap<ts.Identifier, ts.Identifier[]>();

/** Every mention writing the name (`p = …`, `p ||= …`, `p++`, a destructuring or for-in/of target) in its function. */
function parameterWrites(ctx: AnalysisContext, name: ts.Identifier): ts.Identifier[] {
  const { ts } = ctx;
  const known = writesOfParameter.get(name);
  if (known) return known;
  const symbol = symbolOf(ctx, name);
  let scope: ts.Node = name;
  while (!ts.isFunctionLike(scope) && scope.parent) scope = scope.parent;
  const body = (scope as FunctionLike).body;
  const found: ts.Identifier[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isIdentifier(node) && node !== name && node.text === name.text && isWrittenName(ts, node) && symbolOf(ctx, node) === symbol) found.push(node);
    ts.forEachChild(node, visit);
  };
  if (body) visit(body);
  // (A default of a later parameter may assign it too: `function f(p, q = (p = w))`.)
  for (const param of (scope as FunctionLike).parameters ?? []) if (param.initializer) visit(param.initializer);
  writesOfParameter.set(name, found);
  return found;
}
