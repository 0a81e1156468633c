/**
 * Calls whose callee is none function in particular but one of a known few (call-effects.ts asks): a member of a
 * constant object literal (`streamObjectType[object.type](object, stream)`: literal-members.ts), a variable only ever
 * assigned functions (`getTag(v)`: assigned-functions.ts), or a constant's choices (`var func = isArray(c) ?
 * arrayShuffle : baseShuffle`: the checker resolves such a call to one of them, and the analysis had trusted that one),
 * a method subclasses override (`a.f(x)`: overrides.ts), a local helper's parameter each call gives a function
 * (`ok(a, b)` in `const pass = (ok) => …`: given-functions.ts), a callback parameter the function may have replaced
 * by a function of the program (`interpolate = value`: replaced-callees.ts), besides the caller's function, which
 * reads what it is given under the reading-callbacks summary's assumption.
 * Each argument suffers what any of them does to that parameter.
 */
import type * as ts from 'typescript';
import type { FunctionLike } from './context';
import { literalMembers } from './literal-members';
import { assignedFunctions, chosenFunctions } from './assigned-functions';
import { givenFunctions } from './given-functions';
import { snippet } from './reason';
import { skipParens } from './expressions';
import { overridingMethods } from './overrides';
import { argumentParam, callerSeesWrite, ignoresArgument, withLaterWrites, type ParamEffects } from './param-effects';
import type { HandOff } from './handed-functions';

/** The functions a callee may be when it is none in particular (see the top of this file). */
export function candidates(h: HandOff, callee: ts.Expression): FunctionLike[] | undefined {
  return tableOrAssigned(h, callee) ?? chosenFunctions(h.ctx, callee) ?? overridingMethods(h.ctx, callee) ?? replacedFunctions(h, callee);
}

/** The functions of the program a replaced callback parameter may hold (the caller's function besides: replaced-callees.ts). */
function replacedFunctions(h: HandOff, callee: ts.Expression): FunctionLike[] | undefined {
  const fns = h.callbacks.replacedCandidates(callee);
  return fns && [...fns];
}

/** The callee as call-effects.ts asks `candidates` of it: `j.check!(xs)`, `(f as F)(x)` call what is inside (np60's crash). */
function calleeOf(h: HandOff, call: ts.CallExpression): ts.Expression {
  return skipParens(h.ctx.ts, call.expression);
}

function tableOrAssigned(h: HandOff, callee: ts.Expression): FunctionLike[] | undefined {
  return literalMembers(h.ctx, callee) ?? assignedFunctions(h.ctx, callee) ?? givenFunctions(h.ctx, callee);
}

/**
 * What `fn` does to its parameter `index`: its general summary for a table's or a reassigned variable's functions
 * (the summary for this call's callbacks would need every candidate's assumptions discharged here; on d3-geo's
 * recursive stream tables that did not end in minutes), the summary for this call's callbacks for a constant's few
 * choices (lodash's `func(collection, negate(predicate))`). What a closure it hands back writes counts too: whichever
 * function runs, its result is not followed.
 */
export function candidateEffect(h: HandOff, fn: FunctionLike, index: number, call: ts.CallExpression): ParamEffects | undefined {
  if (fn.parameters.length === 0) return undefined;
  const summary = tableOrAssigned(h, calleeOf(h, call)) ? h.lookup(fn, false) : h.callbacks.summaryAt(call, fn);
  const effect = summary?.params[argumentParam(fn, index)];
  return effect && withLaterWrites(effect);
}

/** Argument `index` (`expr`, reaching `params`) suffers what any of the candidates does to that parameter. */
export function toCandidates(h: HandOff, call: ts.CallExpression, index: number, expr: ts.Expression, params: ReadonlySet<number>): void {
  const { ts } = h.ctx;
  const callee = snippet(call.expression);
  const fns = candidates(h, calleeOf(h, call))!;
  // (The caller's function too, when the callee is a replaced callback parameter: it reads, assumed, and may return it.)
  if (replacedFunctions(h, calleeOf(h, call))) {
    h.record.read(params, expr, `read by \`${callee}\``);
    h.record.toCallback(params, expr, `passed to the callback \`${callee}\`, whose result may be it`);
  }
  if (fns.length === 0) {
    // None known (a subclass holds the name as a field, a mixin's class may run its own): code of unknown effect.
    h.record.assuming(() => h.record.write(params, expr, `passed to \`${callee}\`, which may be code of unknown effect (assumed to write it)`));
    h.record.escape(params, expr, `passed to \`${callee}\`, which may be code of unknown effect`, { toUnknown: true });
  }
  for (const fn of fns) {
    if (ignoresArgument(ts, fn, call.arguments, index)) continue;
    const effect = candidateEffect(h, fn, index, call);
    const name = fn.name?.getText() ?? (ts.isPropertyAssignment(fn.parent) ? fn.parent.name.getText() : 'a function');
    if (!effect) {
      h.record.assuming(() => h.record.write(params, expr, `passed to \`${callee}\`, which may be \`${name}\`, whose parameters could not be matched`));
      h.record.escape(params, expr, `passed to \`${callee}\`, which may be \`${name}\`, whose parameters could not be matched`);
      continue;
    }
    const written = callerSeesWrite(fn.parameters[argumentParam(fn, index)], effect);
    if (written) h.record.assuming(() => h.record.writeInto(expr, expr, `passed to \`${callee}\`, which may be \`${name}\`, which writes it: ${written.text}`, effect.writtenDeep !== undefined), effect.writtenKnown !== undefined);
    if (effect.read) h.record.read(params, expr, `passed to \`${callee}\`, which may be \`${name}\`, which reads it`);
    h.record.letOut(params, expr, effect, `\`${callee}\`, which may be \`${name}\``);
    if (effect.kept) call.arguments.forEach((other, j) => { if (j !== index) h.record.stored(ts.isSpreadElement(other) ? other.expression : other, params, call); });
    // What the call hands back is followed by the reach (candidatesReturn, which counts a candidate's callback that may
    // return it): as for a call of one function of the program (call-effects.ts programCallArgument), nothing more
    // makes this function's result possibly it. (lodash's arrayLikeKeys(value) was `value` because `isTypedArray(value)`,
    // one of two readers, hands value to a callback, though the result it gets is only tested.)
  }
}

/** How deep the call's result may hold argument `index` (0: it may be it): the shallowest any candidate gives. */
export function candidatesReturn(h: HandOff, call: ts.CallExpression, index: number): number | undefined {
  const fns = candidates(h, calleeOf(h, call))!;
  if (fns.length === 0) return 0; // none known (a field overriding the method): code of unknown effect may return it
  if (replacedFunctions(h, calleeOf(h, call))) return 0; // the caller's callback may return it
  const depths = fns.map((fn) => {
    const effect = candidateEffect(h, fn, index, call);
    if (!effect || effect.escapedOtherwise !== undefined || effect.toCallback !== undefined) return 0;
    return effect.escaped !== undefined ? effect.returnedAt ?? 0 : undefined;
  });
  const held = depths.filter((depth): depth is number => depth !== undefined);
  return held.length === 0 ? undefined : Math.min(...held);
}
