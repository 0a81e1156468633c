/**
 * Arguments that are spread into a call of the program's function (transformation-matrix's `compose(...matrices)`
 * calling `transform(...matrices)`), or that follow such a spread. Their elements, or they, may land in any parameter
 * from the first one they can reach to the last (a rest parameter), so what the call does to them is what it does to
 * any of those parameters. Such calls were taken as unknown code: every array spread into a function was written.
 *
 * For a spread `...xs`, a parameter receiving one of xs's elements writing it writes inside xs (the caller's xs is
 * changed deep, its own slots are not); a rest parameter is a fresh array holding xs's elements, so only its deep
 * writes (`writtenDeep`) reach them. What the function lets out or returns of those parameters it lets out of xs; the
 * depth at which the result holds it is taken as the parameter's own (a part of xs at least that deep: erring shallow
 * is sound for the caller, whose reach then holds xs itself).
 */
import type * as ts from 'typescript';
import type { FunctionLike } from './context';
import { argumentParam, callerSeesLaterWrite, callerSeesWrite, holdInOuter, type ParamEffects, type Summary } from './param-effects';

/** Whether argument `index` is a spread or comes after one (the parameter it lands in is then not known by position). */
export function afterSpread(t: typeof ts, args: readonly ts.Expression[], index: number): boolean {
  return args.slice(0, index + 1).some((a) => t.isSpreadElement(a));
}

/**
 * What the call does to argument `index`, seen as one parameter's effects: the parameter it binds, or, at or after a
 * spread, all those it may land in merged (the first reason of each kind, the least depth returned). `param` is the
 * declaration to judge rest-parameter copies by (callerSeesWrite): undefined where that is already done here.
 */
export function argumentEffect(t: typeof ts, target: FunctionLike, summary: Summary, args: readonly ts.Expression[], index: number):
  { effect: ParamEffects | undefined; param: ts.ParameterDeclaration | undefined } {
  if (!afterSpread(t, args, index)) {
    const at = argumentParam(target, index);
    return { effect: summary.params[at], param: target.parameters[at] };
  }
  // (The arguments before it that are not spread fill as many parameters at least.)
  const before = args.slice(0, index).filter((a) => !t.isSpreadElement(a)).length;
  const spread = t.isSpreadElement(args[index]);
  const merged: { -readonly [K in keyof ParamEffects]: ParamEffects[K] } = {};
  for (let at = argumentParam(target, before); at < target.parameters.length; at++) {
    const effect = summary.params[at];
    if (!effect) return { effect: undefined, param: undefined };
    const param = target.parameters[at];
    for (const key of Object.keys(effect) as (keyof ParamEffects)[]) {
      if (key === 'returnedAt') merged.returnedAt = Math.min(merged.returnedAt ?? Infinity, effect.returnedAt!);
      else if (key === 'storedInOuter') {
        const held = merged.storedInOuter = new Map(merged.storedInOuter);
        for (const [d, as] of effect.storedInOuter!) holdInOuter(held, d, as);
      }
      else if (spread && (key === 'written' || key === 'writtenDeep' || key === 'writtenLater' || key === 'writtenLaterDeep')) continue;
      else (merged as Record<string, unknown>)[key] ??= effect[key];
    }
    if (!spread) {
      // A plain argument after a spread binds the parameter itself, or is an element of a rest parameter.
      const written = callerSeesWrite(param, effect);
      const later = callerSeesLaterWrite(param, effect);
      if (written) merged.written ??= written;
      if (later) merged.writtenLater ??= later;
      continue;
    }
    // An element of xs written is xs written deep.
    const written = callerSeesWrite(param, effect);
    const later = callerSeesLaterWrite(param, effect);
    if (written) { merged.written ??= written; merged.writtenDeep ??= written; }
    if (later) { merged.writtenLater ??= later; merged.writtenLaterDeep ??= later; }
  }
  return { effect: merged, param: undefined };
}
