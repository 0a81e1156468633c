/**
 * A function's effects on its parameters, as data: each effect with the first place that shows it (the reason a user
 * reads in `taskify explain`). function-effects.ts produces them; summaries.ts caches them; directions, the plan and
 * callers' analyses consume them.
 */
import type * as ts from 'typescript';
import type { FunctionLike } from './context';
import type { Reason } from './reason';
import type { FactoryCall } from './function-of-symbol';

/** How an enclosing function's variable holds a value: as its value, or in the container it holds. */
export type OuterHolding = 'variable' | 'contents';

/**
 * Records that `declaration` holds the value `as` given, in `held` (ParamEffects.storedInOuter): held in its container
 * is the stronger claim (the enclosing function must have made that container), never weakened back to its value. So
 * entries are only added or strengthened, which summaries.ts counts on to see a change.
 */
export function holdInOuter(held: Map<ts.Declaration, OuterHolding>, declaration: ts.Declaration, as: OuterHolding): void {
  if (held.get(declaration) !== 'contents') held.set(declaration, as);
}

export interface ParamEffects {
  written?: Reason;
  /**
   * Some write reaches into what the parameter holds (`p.rows[0] = x`, a callee writing deep), not only the parameter's
   * own slots (`p[i] = x`, `p.sort()`): a caller passing a fresh copy of its data (`shuffle(xs.slice())`) then writes
   * nothing of its own only when this is unset.
   */
  writtenDeep?: Reason;
  /**
   * Written only by a closure the function hands back (`return (t) => { p.h = t }`), when that closure is called, not
   * by the call itself (returned-closures.ts); `writtenLaterDeep` as `writtenDeep`. A caller dropping the result
   * suffers none of it, one returning the result hands it on as its own, any other use is charged with it at the call.
   */
  writtenLater?: Reason;
  writtenLaterDeep?: Reason;
  read?: Reason;
  /**
   * The first write (now or later) the analysis sees in code: not one it only assumes of code it cannot see (a
   * library method, an undeclared function, a callback of unknown effect), nor one a callee only assumes. A user's
   * `@in` is trusted over assumed writes, never over seen ones (discover.ts).
   */
  writtenKnown?: Reason;
  /** The first thing the function does with it replaces all of its contents (evidence that it may be `out`). */
  overwritten?: Reason;
  /** A reference to it may outlive the call: returned, stored outside the function, or given to unknown code. */
  escaped?: Reason;
  /**
   * When it is returned: the least depth at which it (or a part of it) may sit in the result, 0 for the result itself
   * (`return p`, `return p.x`), 2 for `return [[p[0]]]`. A caller's reach of the result holds its argument that deep.
   */
  returnedAt?: number;
  /** The same, other than by being returned (a task's caller gets a returned argument back as its own object). */
  escapedOtherwise?: Reason;
  /**
   * The same, other than by being given to code of unknown effect (a library method, an undeclared function): stored
   * outside the function, kept by a promise or a timer, let out by a callee that does so. Unset when the only escape
   * is into unknown code: the one thing such code can do with it that a task's caller could see is hand it back as the
   * result or store it in another argument (discover.ts outlives), where a task with a primitive result and no other
   * object parameter lets nothing out.
   */
  escapedKnown?: Reason;
  /**
   * The variables of enclosing functions it may be held by, as their value (`top = [...top, p]`) or in the container
   * they hold (`order.push(p)` in a `visit` written inside a task, where `order` is the task's): escapes of this
   * function, but for the function declaring such a variable, which calls this one by name and follows its parameters
   * there (reach-flow.ts), a store into a local of its own (effect-recorder.ts).
   */
  storedInOuter?: Map<ts.Declaration, OuterHolding>;
  /** The first escape other than by being returned or stored in such a variable: when set, storedInOuter is moot. */
  escapedBeyondOuter?: Reason;
  /**
   * The first escape (other than by being returned) that may let out more than its elements (`out.push(p)`, not
   * `this.data[r][c] = p[i]`): unset when only elements escaped, which for an array of numbers lets nothing out
   * (task-params.ts; ml-matrix's `Matrix.from1DArray(3, 5, xs)`, np47's p03).
   */
  escapedWhole?: Reason;
  /**
   * Held by a function value the function hands back or makes (`return () => p`, `return p` in a function nested in
   * it), or by one a callee did so with: let out (`escaped`), but not out of sight. A caller's reach follows it in the
   * result (a call's result may be anything its callee holds: reach.ts), so a callback doing this still only reads;
   * a task's caller cannot get a function back from a worker, so discover.ts counts it as letting the parameter out.
   */
  inFunction?: Reason;
  /**
   * A reference to it is kept in another parameter (`to.push(from[0])`, `to.k = from`): the caller's objects then share
   * it, as the runtime keeps them sharing when the call is a task. Callers' analyses treat it as stored there.
   */
  kept?: Reason;
  /**
   * Given to a callback the reading-callbacks summary takes to only read (`return valueof(p)`): not let out, but the
   * callback may return it, so the function's result may be it (reach.ts asks, with `escaped`, what a result holds).
   */
  toCallback?: Reason;
  /** Its `.buffer` is used: the task depends on the array owning its whole ArrayBuffer. */
  buffer?: Reason;
}

/**
 * The write of a parameter a caller's argument suffers: for a rest parameter (`...values`) the array is made by the
 * call, so only a write into what it holds (`writtenDeep`: the arguments themselves) reaches the caller's objects.
 */
export const callerSeesWrite = (param: ts.ParameterDeclaration | undefined, effect: ParamEffects): Reason | undefined =>
  param?.dotDotDotToken ? effect.writtenDeep : effect.written;

/** The same for what a closure the callee hands back writes when it is called (`writtenLater`). */
export const callerSeesLaterWrite = (param: ts.ParameterDeclaration | undefined, effect: ParamEffects): Reason | undefined =>
  param?.dotDotDotToken ? effect.writtenLaterDeep : effect.writtenLater;

/** Every write the parameter may suffer, now or through a closure handed back: for callers that cannot tell them apart. */
export const withLaterWrites = (effect: ParamEffects): ParamEffects =>
  effect.writtenLater ? { ...effect, written: effect.written ?? effect.writtenLater, writtenDeep: effect.writtenDeep ?? effect.writtenLaterDeep } : effect;

/**
 * The index of the parameter that a call's argument `index` binds: a TypeScript `this` parameter (`function (this: T,
 * ...rest)`) takes no argument, and arguments past the last parameter go to it (a rest parameter). Without the shift,
 * `w(p)` for `w = function (this: unknown, ...rest) { f.apply(this, rest) }` matched p with `this` and found it
 * untouched (a wrapped writer's write was lost).
 */
export function argumentParam(fn: FunctionLike, index: number): number {
  return Math.min(index + thisOffset(fn), fn.parameters.length - 1);
}

/**
 * Argument `index` lands in no parameter and the body never reads `arguments` (nor `eval`, which could): the
 * function cannot see it (lodash's `isBuffer(value)` that may be `stubFalse()`). Such an argument suffers nothing.
 */
export function ignoresArgument(t: typeof ts, fn: FunctionLike, args: readonly ts.Expression[], index: number): boolean {
  // (After a spread, an argument may land in any parameter.)
  if (args.slice(0, index + 1).some((a) => t.isSpreadElement(a))) return false;
  if (index + thisOffset(fn) < fn.parameters.length || fn.parameters.some((p) => p.dotDotDotToken) || !fn.body) return false;
  const sees = (n: ts.Node): boolean => (t.isIdentifier(n) && (n.text === 'arguments' || n.text === 'eval')) || (t.forEachChild(n, (c) => sees(c) || undefined) ?? false);
  return !sees(fn.body);
}

/** The argument index a parameter binds (-1 for a `this` parameter): the inverse of argumentParam. */
export const argumentOf = (fn: FunctionLike, param: ts.ParameterDeclaration): number => fn.parameters.indexOf(param) - thisOffset(fn);

const thisOffset = (fn: FunctionLike): number => {
  // (A binding pattern has no escapedText: only an identifier named `this` is one.)
  const first = fn.parameters[0]?.name as ts.Identifier | undefined;
  return first?.escapedText === 'this' ? 1 : 0;
};

/** Why a reference to the parameter may outlive the call: it escaped (returned included), or another parameter keeps it. */
export const outlives = (effect: ParamEffects | undefined): Reason | undefined => effect?.escaped ?? effect?.kept;

export interface Summary {
  readonly params: readonly ParamEffects[];
  /**
   * The reading-callbacks summary only: what it took to hold only functions that read what they are given — a
   * parameter (of this function, or of one enclosing it) or a method (its `this`), with the fields concerned ('' for
   * everything it holds). A call site discharges them or gets the general summary (callbacks.ts).
   */
  readonly assumes?: ReadonlyMap<ts.Node, ReadonlySet<string>>;
  /**
   * The part of `assumes` the call's own effects rest on: those made outside closures the function only hands back
   * (returned-closures.ts). A call site that drops or returns the result need only discharge these.
   */
  readonly assumesDuringCall?: ReadonlyMap<ts.Node, ReadonlySet<string>>;
}

/** How the caller's analysis asks for the summary of a function it calls (see Summaries for `readingCallbacks`). */
/**
 * `via`: the factory calls a made closure comes out of (factory-made.ts), for its summary with the factories'
 * parameters bound to what those calls passed (bound-factory.ts).
 */
export type SummaryLookup = (fn: FunctionLike, readingCallbacks: boolean, via?: readonly FactoryCall[]) => Summary | undefined;
