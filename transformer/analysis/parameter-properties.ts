/**
 * A constructor's parameter properties (`constructor(public a: number[][])`, `private`, `readonly`…) store what they are
 * given in the new object, as `this.a = a` would: the argument outlives the call, and the new object holds it
 * (call-effects.ts returnsArgument), so `new Box(from).a[0].push(1)` writes `from`. Without this the constructor's
 * empty body said it kept nothing, and such a write was not seen.
 */
import type * as ts from 'typescript';
import type { AnalysisContext, FunctionLike } from './context';
import type { EffectRecorder } from './effect-recorder';

export function keepParameterProperties(ctx: AnalysisContext, fn: FunctionLike, record: EffectRecorder): void {
  const node: ts.Node = fn;
  if (!ctx.ts.isConstructorDeclaration(node)) return;
  node.parameters.forEach((param, index) => {
    if (!ctx.ts.isParameterPropertyDeclaration(param, node)) return;
    record.escape(new Set([index]), param, `kept by the new object as its property \`${param.name.getText()}\``);
  });
}
