/**
 * What a call of a function of the program (with a body, by its summary for this call's callbacks) does to one
 * argument: its writes, reads, what it lets out and keeps. Kept apart from call-effects.ts, which decides which rule
 * a call falls under.
 *
 * What a closure the callee hands back writes when it is called (`writtenLater`: returned-closures.ts) is charged by
 * what this function does with the call's result: nothing when it drops it, the same for later when it returns it (its
 * own caller decides), and as a write at the call for any other use (it may be called here). For a dropped or
 * returned result, the callee's summary need only rest on assumptions about the call itself (`duringCall`).
 */
import type * as ts from 'typescript';
import type { FunctionLike } from './context';
import { reasonAt, snippet, type Reason } from './reason';
import { callerSeesLaterWrite, callerSeesWrite, ignoresArgument, outlives, type ParamEffects, type Summary } from './param-effects';
import { argumentEffect } from './spread-arguments';
import { isSuperCall } from './expressions';
import { resultUse } from './returned-closures';
import { localFunctionNamed } from './function-values';
import { isMadeHere } from './made-here';
import type { HandOff } from './handed-functions';

export interface CallSite extends HandOff {
  /** The function being analysed, which makes the call. */
  readonly fn: FunctionLike;
}

export function programCallArgument(h: CallSite, call: ts.CallExpression, target: FunctionLike, index: number, arg: ts.Expression,
  params: ReadonlySet<number>): void {
  const { ts } = h.ctx;
  const expr = ts.isSpreadElement(arg) ? arg.expression : arg;
  if (ignoresArgument(ts, target, call.arguments, index)) return;
  const summary = h.callbacks.summaryAt(call, target);
  // (At or after a spread, what any parameter it may land in suffers: spread-arguments.ts.)
  const { effect, param } = summary ? argumentEffect(ts, target, summary, call.arguments, index) : { effect: undefined, param: undefined };
  // (An arrow or function expression by the name it is declared under: `const set = (p) => …`, `{ set: (p) => … }`;
  // else by the callee as written.)
  const holder = target.parent;
  const calleeName = target.name ? target.name.getText()
    : holder && (ts.isVariableDeclaration(holder) || ts.isPropertyAssignment(holder)) && holder.initializer === target ? holder.name.getText()
      : snippet(call.expression);
  if (!summary || !effect) {
    h.record.assuming(() => h.record.write(params, arg, `passed to \`${calleeName}\`, whose parameters could not be matched`));
    h.record.escape(params, arg, `passed to \`${calleeName}\`, whose parameters could not be matched`);
    return;
  }
  const use = resultUse(h.ctx, h.fn, call);
  const only = use === 'used' ? undefined : callOnly(h, call, target, summary);
  const now = (only && argumentEffect(ts, target, only, call.arguments, index).effect) ?? effect;
  const later = callerSeesLaterWrite(param, effect);
  const deep = (e: ParamEffects): boolean => e.writtenDeep !== undefined || (use === 'used' && e.writtenLaterDeep !== undefined);
  const written: Reason | undefined = callerSeesWrite(param, now);
  // (Only assumed in the callee, only assumed here: its writtenKnown says which.)
  if (written) h.record.assuming(() => h.record.writeInto(expr, arg, `passed to \`${calleeName}\`, which writes it: ${written.text}`, deep(now)), now.writtenKnown !== undefined);
  else if (later && use === 'used') {
    h.record.assuming(() => h.record.writeInto(expr, arg, `passed to \`${calleeName}\`, whose result writes it when called: ${later.text}`, deep(effect)), effect.writtenKnown !== undefined);
  }
  // A result handed back: what its closure writes when called is written when this function's result is called (and
  // so is what the callee does at once only under assumptions this call did not discharge, when nothing was charged now).
  const all = later ?? (written ? undefined : callerSeesWrite(param, effect));
  if (use === 'returned' && all) {
    h.record.whenCalledLater(() => h.record.writeInto(expr, arg, `passed to \`${calleeName}\`, whose result writes it when called: ${all.text}`,
      effect.writtenDeep !== undefined || effect.writtenLaterDeep !== undefined));
  }
  if (effect.read) h.record.read(params, arg, `passed to \`${calleeName}\`, which reads it`);
  // Only returned by the callee: it is then in the call's result, and reach.ts follows that result wherever it goes.
  // (A dropped result's closures never run: what they would let out or keep, by the call's own summary, is not.)
  const kept = use === 'dropped' ? now : effect;
  h.record.letOut(params, arg, kept, `\`${calleeName}\``, localFunctionNamed(h.ctx, h.fn, call.expression, true) === target,
    ts.isSpreadElement(arg) || !param || param.dotDotDotToken ? undefined : arg); // (a rest parameter's elements are the arguments)
  if (kept.kept) {
    // (Not in a literal or container made for the call that the callee lets go of: `validate([existingValue], document)`,
    // `cloneDeepWithImpl(obj, undefined, obj, new Map(), …)`, np47's p02.)
    const diesWithCall = (other: ts.Expression, j: number): boolean => {
      const held = argumentEffect(ts, target, summary, call.arguments, j).effect;
      return isMadeHere(h.ctx, other) && held !== undefined && !outlives(held) && !held.inFunction && !held.toCallback;
    };
    call.arguments.forEach((other, j) => { if (j !== index && !diesWithCall(other, j)) h.record.stored(ts.isSpreadElement(other) ? other.expression : other, params, call); });
  }
  // `super(a)`: what the base constructor keeps in its new object, this constructor keeps in its own.
  if (isSuperCall(ts, call) && effect.escaped && !effect.escapedOtherwise) h.record.stored(call.expression, params, call);
  if (effect.buffer) for (const p of params) h.record.effects[p].buffer ??= reasonAt(arg, `passed to \`${calleeName}\`, which ${effect.buffer.text}`);
}

/**
 * The summary for what the call itself does (its result dropped or returned): the reading-callbacks one when this
 * call discharges the assumptions made outside the closures the callee hands back, though not those made in them.
 */
function callOnly(h: CallSite, call: ts.CallExpression, target: FunctionLike, strict: Summary): Summary | undefined {
  const reading = h.lookup(target, true);
  return reading === undefined || strict === reading ? strict : h.callbacks.summaryAt(call, target, true);
}
