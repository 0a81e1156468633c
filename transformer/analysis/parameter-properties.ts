/**
 * What a constructor keeps in the object it makes. Parameter properties (`constructor(public a: number[][])`,
 * `private`, `readonly`…) store what they are given in the new object, as `this.a = a` does, and so does
 * `super(p)` when the base constructor keeps p. Kept there, the argument is in the `new` expression's result, as a
 * returned one is in a call's (at depth 1): the caller's reach follows the new object wherever it goes
 * (call-effects.ts returnsArgument), so `new Box(from).a[0].push(1)` writes `from`, and a local heap made with a
 * comparator that captured a task's parameter lets nothing out (np20's 19-er-triage-heap ran 0 of 8 calls in workers
 * when every such store counted as an escape).
 */
import type * as ts from 'typescript';
import type { AnalysisContext, FunctionLike } from './context';
import type { EffectRecorder } from './effect-recorder';
import { at, none } from './reach-values';
import { isConstructedOnly } from './prototype-members';

export function keepParameterProperties(ctx: AnalysisContext, fn: FunctionLike, record: EffectRecorder): void {
  const node: ts.Node = fn;
  if (!ctx.ts.isConstructorDeclaration(node)) return;
  node.parameters.forEach((param, index) => {
    if (!ctx.ts.isParameterPropertyDeclaration(param, node)) return;
    keptByNewObject(record, new Set([index]), param, `kept by the new object as its property \`${param.name.getText()}\``);
  });
}

/** `values` kept in the object the constructor makes: in the `new` expression's result, one slot down. */
export function keptByNewObject(record: EffectRecorder, values: ReadonlySet<number>, node: ts.Node, text: string): void {
  record.returned({ direct: none, contents: at(values, 1) }, node, text);
}

/**
 * `into` is (a part of) the object constructor `fn` makes: its own `this` (also inside arrow functions, which share
 * it) or `super`, under property and element accesses. Also a constructor function's (`function Stack(entries) {
 * this.__data__ = … }`) that nothing runs but `new`.
 */
export function isNewObjectPart(ctx: AnalysisContext, fn: FunctionLike, into: ts.Expression): boolean {
  const { ts } = ctx;
  const constructor = ts.isConstructorDeclaration(fn as ts.Node);
  if (!constructor && !ts.isFunctionDeclaration(fn) && !ts.isFunctionExpression(fn)) return false;
  let root: ts.Expression = into;
  for (;;) {
    if (ts.isParenthesizedExpression(root) || ts.isNonNullExpression(root)) root = root.expression;
    else if (ts.isPropertyAccessExpression(root) || ts.isElementAccessExpression(root)) root = root.expression;
    else break;
  }
  if (root.kind === ts.SyntaxKind.SuperKeyword) return constructor;
  if (root.kind !== ts.SyntaxKind.ThisKeyword) return false;
  let owner: ts.Node | undefined = root.parent;
  while (owner && (ts.isArrowFunction(owner) || !(ts.isFunctionLike(owner) || ts.isClassLike(owner)))) owner = owner.parent;
  // (A constructor function's `this`, when nothing runs it but `new`: prototype-members.ts.)
  return owner === (fn as ts.Node) && (constructor || isConstructedOnly(ctx, fn));
}
