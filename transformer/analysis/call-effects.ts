/**
 * What a call or a `new` does to the values it is given, for one function's analysis: built-in methods and functions
 * by their tables (builtins.ts), the program's functions and constructors by their summaries (the callee's summary for
 * this call site's callbacks: callbacks.ts), `xs.forEach(f)` passing the elements to `f`, and anything else as unknown
 * code, which writes and keeps what it is given. Also answers reach.ts's question of whether a call may keep an
 * argument. The statement visitor (function-effects.ts) hands every call here. What kind of call a call is (the standard
 * library's method, a caller's method, a reading callback) is call-kinds.ts's; what a `new` does, new-expressions.ts's.
 */
import type * as ts from 'typescript';
import { DEFERRING_FUNCTIONS, isReadOnlyFunction, MUTATING_METHODS, READING_METHODS, readsArgumentsByName, readsItsArguments, REGEXP_MOVING_METHODS, writesFirstArgument } from './builtins';
import { assignsIntoFresh } from './fresh-results';
import { calledKeys } from './keyed-methods';
import { nodeReceiverChange } from './node-builtins';
import { canKeepObjects, isLibraryGlobal, isNamespaceImport, isPrimitiveNode, type AnalysisContext, type FunctionLike } from './context';
import { methodOfAllocation } from './held-callbacks';
import { chainedMethod } from './fluent';
import type { ReachMap } from './reach';
import { overridingType } from './builtin-callees';
import { calledBody } from './code-behind';
import { isSuperCall, skipParens, programConstructor } from './expressions';
import { CALLBACK_METHODS, type Callbacks } from './callbacks';
import { changingUse, keepsObjectIn, onlySetsOwnSlots, programMethod, useOf } from './method-receivers';
import { RECEIVER } from './reach-flow';
import { deferred, elementsToFunction, thisArgumentToFunction, type HandOff } from './handed-functions';
import { snippet } from './reason';
import { argumentParam, outlives, type SummaryLookup } from './param-effects';
import type { EffectRecorder } from './effect-recorder';
import { programCallArgument } from './program-calls';
import { candidateEffect, candidates, candidatesReturn, toCandidates } from './candidate-calls';
import { overridingMethods } from './overrides';
import { isSettlingFunction } from './promise-executors';
import { ownExportMember } from './own-exports';
import { argumentEffect } from './spread-arguments';
import { CallKinds, isAmbient } from './call-kinds';
import { newExpressionEffects } from './new-expressions';
import { madeResultHoldsNothing } from './made-results';
import { boundCall } from './bound-calls';

/** Built-in functions calling their second argument with the elements of their first. */
const MAPPING_MAKERS = /^(Array|(Big)?(Int|Uint|Float)(8|16|32|64)(Clamped)?Array)\.from$/;

/** Built-in methods whose result may be an argument (the initial accumulator). */
const REDUCING_METHODS = new Set(['reduce', 'reduceRight']);

export class CallEffects {
  private readonly ts: typeof ts;
  /** What kind of call each call is (call-kinds.ts). */
  private readonly kinds: CallKinds;

  constructor(private readonly ctx: AnalysisContext, private readonly fn: FunctionLike, private readonly lookup: SummaryLookup, private readonly callbacks: Callbacks,
    private readonly record: EffectRecorder, private readonly reachMap: () => ReachMap) {
    this.ts = ctx.ts;
    this.kinds = new CallKinds(ctx, fn, lookup, callbacks, reachMap);
  }

  private get reach(): ReachMap { return this.reachMap(); }

  /** What the rules for functions handed on (handed-functions.ts) need of this analysis. */
  private get handOff(): HandOff { return { ctx: this.ctx, lookup: this.lookup, callbacks: this.callbacks, record: this.record }; }

  /**
   * The function a call runs, with a body: by its declaration, behind a `.d.ts`, a method of an object made here, or
   * of the object a chain of calls hands back (`dist.min(min).max(max)`).
   */
  private targetOf(call: ts.CallExpression): FunctionLike | undefined {
    if (isSuperCall(this.ts, call)) return programConstructor(this.ctx, call);
    return calledBody(this.ctx, call) ?? methodOfAllocation(this.ctx, this.fn, call) ?? chainedMethod(this.ctx, call);
  }
  private reached(expr: ts.Expression) { return this.record.reached(expr); }
  private write(...args: Parameters<EffectRecorder['write']>) { this.record.write(...args); }
  private writeInto(...args: Parameters<EffectRecorder['writeInto']>) { this.record.writeInto(...args); }
  private read(...args: Parameters<EffectRecorder['read']>) { this.record.read(...args); }
  private escape(...args: Parameters<EffectRecorder['escape']>) { this.record.escape(...args); }
  private stored(...args: Parameters<EffectRecorder['stored']>) { this.record.stored(...args); }

  /** Whether the call may keep argument `index` beyond itself (unknown code, or a callee that lets it out). */
  keepsArgument(call: ts.CallExpression, index: number): boolean {
    const { ts } = this;
    const callee = skipParens(ts, call.expression);
    if (ts.isPropertyAccessExpression(callee) && (READING_METHODS.has(callee.name.text) || MUTATING_METHODS.has(callee.name.text)) &&
      this.kinds.builtinReceiver(call, callee)) return false; // push/set keep theirs in the receiver: reach.ts stores those itself
    if (ts.isPropertyAccessExpression(callee) && readsArgumentsByName(callee.name.text) && this.kinds.trustsName(call)) return false;
    if (this.kinds.inlineToReadingName(call, call.arguments[index])) return false;
    const name = this.reach.builtinName(callee);
    if (name && (writesFirstArgument(name) || readsItsArguments(name))) return false;
    if (this.kinds.callsReadingCallback(call)) return false;
    const target = this.targetOf(call);
    const members = candidates(this.handOff, callee);
    if (members) return members.length === 0 || members.some((fn) => { const effect = candidateEffect(this.handOff, fn, index, call); return !effect || outlives(effect) !== undefined; });
    if (!target) return !this.callbacks.isReadingCallback(callee) && !this.kinds.callerMethod(call);
    const summary = this.callbacks.summaryAt(call, target);
    const effect = summary && argumentEffect(ts, target, summary, call.arguments, index).effect;
    return !effect || effect.escapedOtherwise !== undefined || effect.kept !== undefined;
  }

  /**
   * How deep the call's result may hold (a part of) argument `index` (0: it may be it; undefined: not at all): unknown
   * code's may be it; a function of the program's holds it only when its summary says the parameter is let out
   * (returned: as deep as it returns it; stored, given to unknown code) or handed to a callback (whose result may be
   * what it was given).
   */
  returnsArgument(call: ts.CallExpression | ts.NewExpression, index: number): number | undefined {
    const { ts } = this;
    if (index === RECEIVER) {
      // A method of the program whose own analysis lets no part of its object out (method-receivers.ts).
      const method = ts.isCallExpression(call) ? programMethod(this.ctx, this.fn, call) : undefined;
      return method && !ts.isArrowFunction(method) && keepsObjectIn(this.ctx, method, this.lookup) ? undefined : 0;
    }
    if (ts.isNewExpression(call)) {
      // The program's constructor (reach.ts asks only for those): its new object holds what it keeps.
      const constructor = programConstructor(this.ctx, call);
      const effect = constructor && this.callbacks.summaryAt(call, constructor)?.params[argumentParam(constructor, index)];
      return !effect || outlives(effect) !== undefined ? 1 : undefined;
    }
    const callee = skipParens(ts, call.expression);
    // A built-in method hands back (part of) its receiver or a fresh value, never an argument, except reduce's
    // initial value (and what its callback returns). Not a namespace's function of the same name: `Reflect.get(o, k)`
    // hands back a part of `o`.
    if (ts.isPropertyAccessExpression(callee) && (READING_METHODS.has(callee.name.text) || MUTATING_METHODS.has(callee.name.text)) &&
      !REDUCING_METHODS.has(callee.name.text) && this.kinds.isBuiltinMethod(call) && !isNamespaceFunction(this.ctx, callee)) return undefined;
    // One of a few functions (a table's, a method's overrides): as deep as the shallowest of them holds it.
    if (candidates(this.handOff, callee)) return candidatesReturn(this.handOff, call, index);
    const target = this.targetOf(call);
    if (!target) return 0;
    // (`nativeKeys(o)` where `nativeKeys = overArg(Object.keys, Object)`: made-results.ts.)
    if (madeResultHoldsNothing(this.ctx, call, target)) return undefined;
    const summary = this.callbacks.summaryAt(call, target);
    const effect = summary && argumentEffect(ts, target, summary, call.arguments, index).effect;
    // Let out other than by return, or handed to a callback, it may come back as the result itself.
    if (!effect || effect.escapedOtherwise !== undefined || effect.toCallback !== undefined) return 0;
    return effect.escaped !== undefined ? effect.returnedAt ?? 0 : undefined;
  }

  call(call: ts.CallExpression): void {
    const { ts } = this;
    // `fn(a, b)` in a made closure whose factory parameter `fn` is bound to a known function (bound-calls.ts).
    if (boundCall({ ...this.handOff, fn: this.fn }, call)) return;
    const callee = skipParens(ts, call.expression);
    const name = this.reach.builtinName(callee);
    // (`toString.call(v)` through `const toString = Object.prototype.toString` runs that built-in, not an unknown method.)
    const viaCall = this.kinds.callsReadingCallback(call);
    // `hash.update(buf)`: the hash's own state changes (node-builtins.ts), buf is only read (below).
    if (ts.isPropertyAccessExpression(callee) && name && nodeReceiverChange(name)) {
      this.writeInto(callee.expression, call, `calls \`${callee.name.text}\`, which changes it: \`${snippet(call)}\``);
    } else if (ts.isPropertyAccessExpression(callee) && !(name && (isReadOnlyFunction(name) || writesFirstArgument(name))) && !viaCall) {
      const method = callee.name.text;
      if (MUTATING_METHODS.has(method)) {
        this.writeInto(callee.expression, call, `calls \`${method}\`, which changes it: \`${snippet(call)}\``);
        // `list.push(item)` keeps its arguments in the receiver.
        // (A typed array's `set` copies numbers: nothing is kept. `sort(cmp)` calls its comparator and keeps none of
        // it: a comparator reading a task's element (`(a, b) => a.x - o.x`) let `o` out, np22's r55.)
        if (canKeepObjects(this.ctx, callee.expression) && method !== 'sort') {
          for (const arg of call.arguments) this.stored(callee.expression, this.reached(ts.isSpreadElement(arg) ? arg.expression : arg), call);
        }
        // A method of the program named so (`grid.set(x, y, v)` writing `this.cells[…]`, `clear() { this.cells.fill(0) }`)
        // may also change what its object holds: judged by its body as well (helper-91 found it inferred `in`). Not a
        // built-in collection's subclass (d3's InternMap: `set(k, v) { return super.set(intern_set(this, k), v) }`),
        // whose own bookkeeping objects the body rule would take for what the map holds.
        const own = !this.kinds.isBuiltinMethod(call) ? programMethod(this.ctx, this.fn, call) : undefined;
        const use = own && !extendsLibraryClass(this.ctx, own) ? changingUse(this.ctx, own, this.lookup) : undefined;
        if (own && use && !onlySetsOwnSlots(this.ctx, own, this.lookup)) {
          const text = `calls \`${method}\`, a method that may change its object or hand it out: \`${snippet(useOf(this.ts, use))}\` in \`${snippet(call)}\``;
          this.record.assuming(() => this.write(this.reached(callee.expression), call, text), true);
        }
      } else if (!(READING_METHODS.has(method) && this.kinds.trustsName(call)) && !(this.kinds.isBuiltinMethod(call) && isPrimitiveNode(this.ctx, callee.expression)) &&
        !isNamespaceImport(this.ctx, callee.expression) && !ownExportMember(this.ctx, callee) && // `ns.f(x)`, `module.exports.f(x)`: by its summary
        !this.kinds.quietProgramMethod(call) && !this.kinds.callerMethod(call)) {
        // A library method of an object that is not known to only read may change it, or what it holds (a Date setter,
        // a RegExp's exec).
        // (Of the methods subclasses override it with too, the first that may change its object: overrides.ts.)
        const overriding = overridingMethods(this.ctx, callee);
        const own = overriding ? overriding.find((m) => changingUse(this.ctx, m, this.lookup) !== undefined) : programMethod(this.ctx, this.fn, call);
        const use = own && changingUse(this.ctx, own, this.lookup, !overriding && this.kinds.readingThis(call, own));
        const text = use ? `calls \`${method}\`, a method that may change its object or hand it out: \`${snippet(useOf(this.ts, use))}\` in \`${snippet(call)}\``
          : `calls method \`${method}\`, whose effects are unknown: \`${snippet(call)}\``;
        // (A method that only sets its object's own slots writes that object, not what it holds: method-receivers.ts.)
        if (own && use && onlySetsOwnSlots(this.ctx, own, this.lookup)) this.writeInto(callee.expression, call, text);
        else this.record.assuming(() => this.write(this.reached(callee.expression), call, text), use !== undefined);
      }
    }
    // `a['fantasy-land/equals'](b)`, `fs[i](x)`: a function the object holds, run with the object as `this`, which it may
    // change, as `a.m(b)` may (a table of the program's functions is judged by them: literal-members.ts). Through a
    // computed key, only the object's own slots: a local array of closures (`x[i](t)`) holding parts of the parameters
    // is not taken to hand them to its functions.
    if (ts.isElementAccessExpression(callee) && !viaCall && !candidates(this.handOff, callee) && !this.kinds.callerMethod(call)) {
      const text = `calls a function its object holds, whose effects are unknown: \`${snippet(call)}\``;
      this.record.assuming(() => {
        if (ts.isStringLiteralLike(callee.argumentExpression)) this.write(this.reached(callee.expression), call, text);
        else this.writeInto(callee.expression, call, text);
      });
    }
    if (ts.isPropertyAccessExpression(callee) && CALLBACK_METHODS.has(callee.name.text)) {
      elementsToFunction(this.handOff, call, callee.expression, call.arguments);
      thisArgumentToFunction(this.handOff, call, callee.name.text);
    }
    // (`a['forEach'](f, ctx)`, `obj[prop](iterate, context)` with a bound `prop`: the same built-in through its key.)
    const keyedReceiver = ts.isElementAccessExpression(callee) ? callee.expression : undefined;
    const keyed = ts.isElementAccessExpression(callee) ? calledKeys(this.ctx, callee, this.callbacks.bindings) ?? [] : [];
    for (const key of keyed.filter((k) => CALLBACK_METHODS.has(k))) {
      elementsToFunction(this.handOff, call, keyedReceiver!, call.arguments);
      thisArgumentToFunction(this.handOff, call, key);
    }
    // `Array.prototype.forEach.call(rows, f)`: f receives rows' elements, as in `rows.forEach(f)`.
    const borrowed = name && ts.isPropertyAccessExpression(callee) && callee.name.text === 'call' ? /\.prototype\.(\w+)$/.exec(name)?.[1] : undefined;
    if (borrowed && CALLBACK_METHODS.has(borrowed)) elementsToFunction(this.handOff, call, call.arguments[0], call.arguments.slice(1, 2));
    const target = this.targetOf(call);
    // `Array.from(xs, f)`, `Float64Array.from(xs, f)`: f receives the elements.
    if (name && MAPPING_MAKERS.test(name) && call.arguments.length > 1) elementsToFunction(this.handOff, call, call.arguments[0], call.arguments.slice(1, 2));
    if (name && DEFERRING_FUNCTIONS.has(name) && isAmbient(this.ctx, callee)) { deferred(this.handOff, call, DEFERRING_FUNCTIONS.get(name)!); return; }
    call.arguments.forEach((arg, index) => {
      const expr = ts.isSpreadElement(arg) ? arg.expression : arg;
      const params = this.reached(expr);
      if (params.size === 0) return;
      if (name && writesFirstArgument(name)) {
        if (index === 0) this.writeInto(expr, arg, `written by \`${name}\`: \`${snippet(call)}\``);
        else this.read(params, arg, `read by \`${name}\``);
        // Object.assign(target, { k: q }) stores q (or what a source holds) into the target; so do a property defined
        // with q as its value or in its getter (`Object.defineProperty(to, 'x', { get: () => from[0] })`), Reflect.set,
        // and a prototype set to q (the target then reads q's members as its own).
        if (index > 0 && STORING_BUILTINS.has(name) && call.arguments[0] && !assignsIntoFresh(this.ctx, call, name)) this.stored(call.arguments[0], params, call);
      } else if (index === 0 && ts.isPropertyAccessExpression(callee) && REGEXP_MOVING_METHODS.has(callee.name.text) &&
        this.kinds.isBuiltinMethod(call) && isPrimitiveNode(this.ctx, callee.expression)) {
        this.writeInto(expr, arg, `given to \`${snippet(call)}\`, which moves the lastIndex of a global or sticky RegExp`);
      } else if (ts.isPropertyAccessExpression(callee) && (READING_METHODS.has(callee.name.text) || MUTATING_METHODS.has(callee.name.text)) &&
        this.kinds.builtinReceiver(call, callee)) {
        this.read(params, arg, `read by \`${snippet(call)}\``);
      } else if (ts.isPropertyAccessExpression(callee) && readsArgumentsByName(callee.name.text) && this.kinds.trustsName(call)) {
        this.read(params, arg, `read by \`${snippet(call)}\`, a reading method by its name`);
      } else if (this.kinds.inlineToReadingName(call, arg)) {
        this.read(params, arg, `captured by a function written here and given to \`${snippet(call)}\`, a reading method by its name`);
        this.record.toCallback(params, arg, `captured by a function written here and given to \`${snippet(call)}\`, whose result may hold what it returns`);
      } else if (name && readsItsArguments(name)) {
        this.read(params, arg, `read by \`${name}\``);
      } else if (isSettlingFunction(this.ctx, callee)) {
        // `resolve(v)` of `new Promise((resolve) => …)`: the promise holds v (promise-executors.ts).
        this.read(params, arg, `read by \`${snippet(call)}\``);
        this.escape(params, arg, `kept by the promise: \`${snippet(call)}\``);
      } else if (!target && this.kinds.callerMethod(call)) {
        this.read(params, arg, `read by \`${snippet(call)}\`, a method of the caller's object`);
        this.record.toCallback(params, arg, `passed to \`${snippet(call)}\`, a method of the caller's object, whose result may be it`);
      } else if (candidates(this.handOff, callee) && !ts.isSpreadElement(arg)) {
        toCandidates(this.handOff, call, index, expr, params);
      } else if (viaCall && index === 0 && ts.isPropertyAccessExpression(callee) && !this.callbacks.leavesThisAlone(callee.expression)) {
        // `f.call(ctx, x)`: ctx is the callback's `this`, which a function reading every argument may still change
        // (this-readers.ts): read only when that is assumed of f too, as for `xs.forEach(f, ctx)` (handed-functions.ts).
        const text = `given as \`this\` to \`${snippet(callee.expression)}\` by \`${snippet(call)}\`, which may change it`;
        this.record.assuming(() => this.write(params, arg, text));
        this.escape(params, arg, `given as \`this\` to \`${snippet(callee.expression)}\` by \`${snippet(call)}\`, which may keep it`);
      } else if (viaCall || this.callbacks.isReadingCallback(callee)) {
        this.read(params, arg, `read by \`${snippet(callee)}\``);
        this.record.toCallback(params, arg, `passed to the callback \`${snippet(callee)}\`, whose result may be it`);
      } else if (target) {
        programCallArgument({ ...this.handOff, fn: this.fn }, call, target, index, arg, params);
      } else if (overridingType(this.ctx, call)) {
        // `s.add(p)` on a `.d.ts` subclass of Set: its JavaScript may override the built-in (a key function called on p).
        const type = overridingType(this.ctx, call)!.getName();
        this.record.assuming(() => this.write(params, arg, `passed to \`${snippet(call)}\`, a method of \`${type}\`, whose code may override the built-in's (of unknown effect, assumed to write it)`));
        this.escape(params, arg, `passed to \`${snippet(call)}\`, a method of \`${type}\` of unknown effect`, { toUnknown: true });
      } else {
        this.record.assuming(() => this.write(params, arg, `passed to code of unknown effect (assumed to write it): \`${snippet(call)}\``));
        this.escape(params, arg, `passed to code of unknown effect: \`${snippet(call)}\``, { toUnknown: true });
      }
    });
  }

  /** `xs.reduce(cb, init)` runs the standard library's method (reach-flow.ts RunsBuiltinReduce): assumed of a caller's untyped object. */
  runsBuiltinReduce(call: ts.CallExpression): boolean { return this.kinds.runsBuiltinReduce(call); }

  /** `new C(…)`: new-expressions.ts. */
  newExpression(node: ts.NewExpression): void { newExpressionEffects(this.handOff, node); }
}

/** Built-ins writing their first argument that store (what) their other arguments (hold) into it. */
const STORING_BUILTINS = new Set(['Object.assign', 'Object.defineProperty', 'Object.defineProperties', 'Object.setPrototypeOf',
  'Reflect.set', 'Reflect.defineProperty', 'Reflect.setPrototypeOf']);

/** `Reflect.get`, `Object.values`: a function of a namespace of the standard library, not a method of a value. */
function isNamespaceFunction(ctx: AnalysisContext, callee: ts.PropertyAccessExpression): boolean {
  const receiver = skipParens(ctx.ts, callee.expression);
  return ctx.ts.isIdentifier(receiver) && isLibraryGlobal(ctx, receiver) && /^(Reflect|Object|Atomics)$/.test(receiver.text);
}

/** The method's class extends a class the program does not declare (`class IM extends Map`). */
function extendsLibraryClass(ctx: AnalysisContext, method: FunctionLike): boolean {
  const { ts } = ctx;
  const owner = method.parent;
  if (!owner || !ts.isClassLike(owner)) return false;
  const base = owner.heritageClauses?.find((h) => h.token === ts.SyntaxKind.ExtendsKeyword)?.types[0];
  if (!base) return false;
  const declaration = ctx.checker.getSymbolAtLocation(base.expression)?.declarations?.[0];
  return declaration === undefined || declaration.getSourceFile().isDeclarationFile;
}
