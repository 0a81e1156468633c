/**
 * Which summary of a callee a call site gets, for callbacks.ts: the reading-callbacks one when the call discharges
 * every assumption it rests on (see the top of callbacks.ts), bound to a factory call's arguments or to the functions
 * the call names when that writes fewer, else the general one. Apart from callbacks.ts's judging of values because it
 * is the call site's side of the assumptions: what one call passes makes good what the callee took to only read.
 */
import type * as ts from 'typescript';
import type { FunctionLike } from './context';
import { argumentOf, type Summary } from './param-effects';
import { skipParens } from './expressions';
import { contextOf } from './code-behind';
import { factoryCallOf, factoryCallsOf } from './factory-made';
import { defaultForwarded, dischargeAtCall, dischargeForwarded } from './forwarded';
import { quietBuiltinCallback } from './builtin-callbacks';
import { madeHoldingReaders } from './object-readers';
import type { FactoryCall } from './function-of-symbol';
import { fixedParameter } from './bound-factory';
import { leavesThisAlone, THIS_FIELD } from './this-readers';
import { callBoundChain } from './call-bound';
import { defaultOnlyReads, enclosesOrIs, mayBeUndefined, thisScopeOf } from './function-values';
import type { Callbacks } from './callbacks';

/** How many parameters a summary takes to be written (now or by what it hands back). */
const writtenCount = (s: Summary | undefined): number => s?.params.filter((p) => p.written || p.writtenLater).length ?? 0;

/**
 * The callee's summary for this call: the reading-callbacks one when this call discharges every assumption it
 * rests on (see the top of callbacks.ts), else the general one. `args` are the call's (or `new`'s) arguments.
 */
export function summaryAt(cb: Callbacks, call: ts.CallExpression | ts.NewExpression, target: FunctionLike, duringCall = false): Summary | undefined {
  // A closure made by one factory call (`max(a, b)` where `var max = _curry2(function max(a, b) {…})`): its summary
  // with that call's arguments bound to the factory's parameters (bound-factory.ts).
  // (The plain reading-callbacks summary first, when this call discharges what it assumed of the factory's
  // parameters too: it may read what the bound one writes, when the factory's argument only reads as a whole.)
  const chains = cb.ctx.ts.isCallExpression(call) ? factoryCallsOf(cb.ctx, call.expression, target) : [];
  const via = chains.length === 1 ? chains[0] : undefined;
  // (When both hold, the one writing fewer parameters: each is sound for this call, its assumptions made good. The
  // bound one knows a name the factory call gave, `obj[prop](iterate)` with prop = 'some': keyed-methods.ts.)
  const plain = dischargedSummary(cb, call, target, duringCall);
  const bound = via && (!plain || writtenCount(plain.summary) > 0) ? dischargedSummary(cb, call, target, duringCall, via) : undefined;
  let chosen = plain && (!bound || writtenCount(bound.summary) >= writtenCount(plain.summary)) ? plain : bound;
  // (And with the callee's own parameters bound to the functions this call names, when this call discharges what
  // that reading-callbacks summary assumed and it writes fewer: call-bound.ts. Not the general summary so bound: it
  // trusts a method's name on an untyped receiver, `a.forEach(f)`, where the reading one assumes it of the caller.)
  const direct = (!chosen || writtenCount(chosen.summary) > 0) && cb.ctx.ts.isCallExpression(call) && chains.length <= 1
    ? callBoundChain(cb.ctx, call, target, cb.bindings, via, cb.lookup(target, true, via)?.assumes) : undefined;
  const reading = direct && dischargedSummary(cb, call, target, duringCall, direct);
  if (reading && (!chosen || writtenCount(reading.summary) < writtenCount(chosen.summary))) chosen = reading;
  if (!chosen) return cb.lookup(target, false, via);
  for (const [on, field] of chosen.inherited) cb.assume(on, field);
  return chosen.summary;
}

/**
 * The callee's reading-callbacks summary (bound to `via`'s arguments, when given) if this call discharges it, with
 * the assumptions that rest on this function's own parameters in turn (`inherited`, for the caller to record).
 */
function dischargedSummary(cb: Callbacks, call: ts.CallExpression | ts.NewExpression, target: FunctionLike, duringCall: boolean,
  via?: readonly FactoryCall[]): { summary: Summary; inherited: [ts.Node, string][] } | undefined {
  const reading = cb.lookup(target, true, via);
  const assumes = duringCall ? reading?.assumesDuringCall ?? reading?.assumes : reading?.assumes;
  const inherited: [ts.Node, string][] = [];
  if (!reading || !assumes || assumes.size === 0) return reading && { summary: reading, inherited };
  for (const [on, fields] of assumes) {
    for (const field of fields) if (!cb.discharge(call, target, on, field, inherited, true, duringCall)) return undefined;
  }
  return { summary: reading, inherited };
}

/**
 * Whether this call makes good the callee's assumption that `on` (a parameter, or a function's `this`) holds only
 * reading functions (in `field`, or anywhere for ''): by what it passes, or by assuming the same of its own
 * parameters or `this` (collected in `inherited`). `inline`: a function written in the call is analysed with this
 * body (a call this function makes); not so at a factory call elsewhere, or one whose result is what is called.
 * `duringCall`: only for the call's own effects (its result dropped or returned: returned-closures.ts).
 */
export function discharge(cb: Callbacks, call: ts.CallExpression | ts.NewExpression, target: FunctionLike, on: ts.Node, field: string,
  inherited: [ts.Node, string][], inline = true, duringCall = false): boolean {
  const { ts } = cb.ctx;
  if (ts.isParameter(on)) {
    if (on.parent === (target as ts.Node)) {
      const args = call.arguments ?? [];
      const index = argumentOf(target, on);
      // (After a spread, any later argument may land here, or none.)
      const spread = args.findIndex((a) => ts.isSpreadElement(a));
      const shifted = spread >= 0 && spread <= index;
      const given = on.dotDotDotToken || shifted ? args.slice(shifted ? spread : index) : args[index] ? [args[index]] : [];
      if (!given.every((arg) => cb.holdsOnlyReaders(arg, field, inline) || (field === '' && quietBuiltinCallback(cb.ctx, arg, target, on)) ||
        (ts.isCallExpression(call) && dischargeAtCall(cb.ctx, cb.lookup, call, target, on, field,
          (own, f) => cb.discharge(call, target, own, f, inherited, true, duringCall), duringCall)))) return false;
      // The default runs when nothing is passed, and when what is passed is `undefined` (`q(p, undefined)`).
      if (!on.initializer || (given.length > 0 && !shifted && !given.some((arg) => mayBeUndefined(cb.ctx, arg)))) return true;
      if (field === THIS_FIELD) return leavesThisAlone({ ctx: contextOf(cb.ctx, on), lookup: cb.lookup, readingCallbacks: false, ownParameter: () => undefined, assume: () => undefined }, on.initializer);
      return defaultOnlyReads(contextOf(cb.ctx, on), on.initializer, cb.lookup) ||
        defaultForwarded(cb.ctx, cb.lookup, target, on, (own, f) => cb.discharge(call, target, own, f, inherited));
    }
    // A parameter of the factory that made the callee (`isArrayLike = createSizePropertyCheck(getLength)`).
    // (Each factory call the callee may come out of: `var keys = c ? _curry1(f) : _curry1(g)`.)
    const made = cb.ctx.ts.isCallExpression(call) ? factoryCallsOf(cb.ctx, call.expression, target).map((chain) => factoryCallOf(chain, on.parent)) : [];
    // (Or position by position, when the made closure hands `on` only its own parameters: forwarded.ts.)
    // (Only a parameter the factory never replaces holds what its call passed: bound-factory.ts.)
    if (made.length > 0 && made.every((m) => m !== undefined)) {
      if (!fixedParameter(cb.ctx, on)) return false;
      return made.every((m) => cb.atFactory(m!).discharge(m!.call, m!.factory, on, field, inherited, false) ||
        dischargeForwarded(cb.ctx, cb.lookup, target, m!, on, field, (own, f) => cb.discharge(call, target, own, f, inherited), duringCall));
    }
    if (cb.readingCallbacks && enclosesOrIs(on.parent, cb.fn)) { inherited.push([on, field]); return true; }
    return false;
  }
  // `on` is a method whose `this` was assumed: the receiver of this call.
  if (on === (target as ts.Node) && ts.isCallExpression(call) && ts.isPropertyAccessExpression(skipParens(ts, call.expression))) {
    const receiver = skipParens(ts, (skipParens(ts, call.expression) as ts.PropertyAccessExpression).expression);
    return receiver.kind === ts.SyntaxKind.ThisKeyword ? cb.holdsOnlyReaders(receiver, field) : madeHoldingReaders(cb, receiver, field, call, target);
  }
  if (cb.readingCallbacks && on === thisScopeOf(ts, cb.fn)) { inherited.push([on, field]); return true; }
  return false;
}
