/**
 * Setters of the program run by an assignment (`box.cur = x`, `for (box.cur of xs)`, `[box.cur] = [p]`): the setter
 * receives the value, so what its summary does to its parameter happens to that value, as for a call (np48's F1: a
 * setter of a task's own literal, `{ set cur(t) { list.push(t); t.v += 7 } }`, wrote the caller's objects unseen).
 * What it keeps is let out: its parameter is not bound in the caller's reach.
 */
import type * as ts from 'typescript';
import type { AnalysisContext, FunctionLike } from './context';
import type { EffectRecorder } from './effect-recorder';
import type { SummaryLookup } from './param-effects';
import type { Params } from './reach-values';
import { snippet } from './reason';

/** `target = value` (`elements`: each step of `for (target of value)` gives it an element of value). */
export function setterRuns(ctx: AnalysisContext, lookup: SummaryLookup, record: EffectRecorder, target: ts.PropertyAccessExpression,
  value: ts.Expression, node: ts.Node, elements = false): void {
  const params = record.reached(value);
  if (params.size === 0) return;
  for (const setter of setters(ctx, target)) {
    const effect = setter.body ? lookup(setter as unknown as FunctionLike, false)?.params[0] : undefined;
    const text = `assigned to \`${snippet(target)}\`, a setter`;
    if (!effect) {
      record.assuming(() => record.write(params, node, `${text} of unknown effect`));
      record.escape(params, node, `${text} of unknown effect`, { toUnknown: true });
      continue;
    }
    if (effect.written) record.writeInto(value, node, `${text} that writes it: ${effect.written.text}`, elements || effect.writtenDeep !== undefined);
    record.letOut(params, node, effect, `the setter \`${snippet(target)}\``);
    if (effect.kept) record.escape(params, node, `${text} that keeps it: ${effect.kept.text}`);
  }
}

/** A part of a destructured value assigned to a setter (`[box.cur] = [p]`): its summary cannot be matched to the part. */
export function setterGivenPart(ctx: AnalysisContext, record: EffectRecorder, target: ts.PropertyAccessExpression, value: Params, node: ts.Node): void {
  if (value.size === 0 || setters(ctx, target).length === 0) return;
  record.assuming(() => record.write(value, node, `assigned to \`${snippet(target)}\`, a setter, by \`${snippet(node)}\``));
}

/** `target` names a setter of the program's (or a declared one). */
export const isSetterTarget = (ctx: AnalysisContext, target: ts.PropertyAccessExpression): boolean => setters(ctx, target).length > 0;

function setters(ctx: AnalysisContext, target: ts.PropertyAccessExpression): ts.SetAccessorDeclaration[] {
  return (ctx.checker.getSymbolAtLocation(target.name)?.declarations ?? []).filter(ctx.ts.isSetAccessorDeclaration);
}
