/**
 * Functions a call hands something to, for one function's analysis (call-effects.ts): `xs.forEach(f)` and
 * `Array.from(xs, f)` give f the elements; `setTimeout(cb, ms, …args)` keeps cb and gives it args after the delay.
 */
import type * as ts from 'typescript';
import { isLibraryGlobal, type AnalysisContext } from './context';
import { builtinName } from './builtin-callees';
import { COPYING_FUNCTIONS, HOLDS_ARGUMENT, isReadOnlyFunction } from './builtins';
import { isCallableValue, type Callbacks } from './callbacks';
import type { EffectRecorder } from './effect-recorder';
import { alternatives } from './expressions';
import { outlives, withLaterWrites, type ParamEffects, type Summary, type SummaryLookup } from './param-effects';
import { enclosesOrIs, localFunctionNamed } from './function-values';
import type { FunctionLike } from './context';
import { snippet } from './reason';

export interface HandOff {
  readonly ctx: AnalysisContext;
  readonly lookup: SummaryLookup;
  readonly callbacks: Callbacks;
  readonly record: EffectRecorder;
}

/**
 * `xs.forEach(f)`, `xs.map(f)`, `xs.sort(compare)` with `f` a function value, not written inline: f receives the
 * elements. (An inline callback is analysed in this body, with its parameters bound to what it may receive.)
 */
export function elementsToFunction(h: HandOff, call: ts.CallExpression, source: ts.Expression, functions: readonly ts.Expression[]): void {
  const { ts } = h.ctx;
  const elements = h.record.reached(source);
  if (elements.size === 0) return;
  // (`c ? (v) => … : f`: each function it may be; inline ones are analysed in this body.)
  for (const arg of functions.flatMap((f) => alternatives(ts, f))) {
    // (An untyped value may be a function too: `a.forEach(f)` in JavaScript.)
    const maybeFunction = isCallableValue(h.ctx, arg) || (h.ctx.checker.getTypeAtLocation(arg).flags & ts.TypeFlags.Any) !== 0;
    if (ts.isArrowFunction(arg) || ts.isFunctionExpression(arg) || !maybeFunction || h.callbacks.onlyReads(arg) || isReadingBuiltin(h.ctx, arg)) continue;
    const known = h.callbacks.programFunction(arg);
    // (A closure it hands back may be called by whoever collects its results: its writes count too.)
    const effects = known ? (summaryForElements(h, known)?.params ?? []).map(withLaterWrites) : undefined;
    const written = effects ? effects.find((e) => e.written)?.written : undefined;
    // (A function written here stores them in this function's own locals, which its reach follows: letOut.)
    const byName = known !== undefined && localFunctionNamed(h.ctx, h.callbacks.fn, arg, true) === known;
    const storesOnly = (e: ParamEffects) => byName && e.returnedAt === undefined && !e.kept && !e.inFunction;
    const kept = effects ? effects.find((e) => outlives(e) && !storesOnly(e)) : undefined;
    if (!effects || written) h.record.write(elements, call, `its elements are passed to \`${snippet(arg)}\`, which ${written ? `writes them: ${written.text}` : 'may change them'}`);
    if (!effects || kept) h.record.escape(elements, call, `its elements are passed to \`${snippet(arg)}\`, which may keep them`);
    else for (const e of effects) if (storesOnly(e)) h.record.letOut(elements, call, e, `\`${snippet(arg)}\``, true);
  }
}

/**
 * The summary of a named function given the elements (`const map = (f) => gen(f); fields.map(map)`): its
 * reading-callbacks one when everything it assumed is of parameters of this function or of one enclosing it, assumed
 * here in turn (this analysis is itself under that assumption); else its general one.
 */
function summaryForElements(h: HandOff, known: FunctionLike): Summary | undefined {
  const reading = h.callbacks.readingCallbacks ? h.lookup(known, true) : undefined;
  const assumes = [...reading?.assumes ?? []];
  const inherited = assumes.every(([on]) => h.ctx.ts.isParameter(on) && enclosesOrIs(on.parent, h.callbacks.fn) && (on.parent as ts.Node) !== (known as ts.Node));
  if (!reading || !inherited) return h.lookup(known, false);
  for (const [on, fields] of assumes) for (const field of fields) h.callbacks.assume(on, field);
  return reading;
}

/**
 * `xs.forEach(out.add, out)`: the second argument of an element visitor is the callback's `this`. A function value
 * (not an arrow, which has no `this` of its own) may change it or keep it, as a method changes its object.
 */
export function thisArgumentToFunction(h: HandOff, call: ts.CallExpression, method: string): void {
  const { ts } = h.ctx;
  const [callback, thisArg] = call.arguments;
  if (!callback || !thisArg || method === 'reduce' || method === 'reduceRight' || method === 'sort' || method === 'toSorted') return;
  const given = h.record.reached(thisArg);
  if (given.size === 0) return;
  // An arrow, a function written here never naming `this`, or (under the reading-callbacks summary, assumed of it in
  // turn) the caller's own callback parameter leaves it alone (this-readers.ts; xe-utils' arrayEach(list, iterate,
  // context) made every context `inout`). Not a function or method reached by name: an override or a reassigned
  // member may run instead of the one it names (rv71's r-foreach-this-override).
  const written = alternatives(ts, callback).every((f) => ts.isArrowFunction(f) || ts.isFunctionExpression(f) ||
    (ts.isIdentifier(f) && h.callbacks.ownParameter(f) !== undefined));
  if (written && h.callbacks.leavesThisAlone(callback)) return;
  h.record.write(given, thisArg, `given as \`this\` to \`${snippet(callback)}\` by \`${snippet(call)}\`, which may change it`);
  // `out.add` handed with `out`: a method of a built-in collection on its own object changes it and keeps nothing.
  const ownBuiltinMethod = ts.isPropertyAccessExpression(callback) && callback.expression.getText() === thisArg.getText() &&
    isLibraryGlobal(h.ctx, callback);
  if (!ownBuiltinMethod) h.record.escape(given, thisArg, `given as \`this\` to \`${snippet(callback)}\` by \`${snippet(call)}\`, which may keep it`);
}

/**
 * `setTimeout(cb, ms, …args)`: the callback runs later, so everything it captures (an inline one's parameters are
 * bound to what it may receive, and its body is analysed here) or is (a function value) escapes; the arguments
 * from `handedOn` on are given to it, as to a call of it; the others (the delay) are numbers read.
 */
export function deferred(h: HandOff, call: ts.CallExpression, handedOn: number): void {
  const { ts } = h.ctx;
  const [callback, ...rest] = call.arguments;
  if (!callback) return;
  const inline = ts.isArrowFunction(callback) || ts.isFunctionExpression(callback);
  h.record.escape(h.record.reached(callback), callback, `kept by \`${snippet(call)}\`, which runs it later`);
  rest.forEach((arg, i) => {
    const params = h.record.reached(ts.isSpreadElement(arg) ? arg.expression : arg);
    if (params.size === 0) return;
    if (i + 1 < handedOn) { h.record.read(params, arg, `read by \`${snippet(call)}\``); return; }
    h.record.escape(params, arg, `kept by \`${snippet(call)}\` for its callback`);
    if (inline || h.callbacks.onlyReads(callback)) h.record.read(params, arg, `given to the callback of \`${snippet(call)}\``);
    else h.record.assuming(() => h.record.write(params, arg, `given to the callback of \`${snippet(call)}\`, code of unknown effect (assumed to write it)`));
  });
}

/**
 * `row.filter(Number.isFinite)`, `xs.map(Math.abs)`, `objs.map(JSON.stringify)`: a built-in that only reads what it
 * is given (the element, its index and the array) and whose result holds none of it (not `Object(x)`, `Array.of(x)`,
 * `Array.from(x)`…).
 */
function isReadingBuiltin(ctx: AnalysisContext, fn: ts.Expression): boolean {
  const name = builtinName(ctx, fn);
  return name !== undefined && isReadOnlyFunction(name) && !HOLDS_ARGUMENT.has(name) && !COPYING_FUNCTIONS.has(name);
}
