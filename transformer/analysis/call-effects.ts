/**
 * What a call or a `new` does to the values it is given, for one function's analysis: built-in methods and functions
 * by their tables (builtins.ts), the program's functions and constructors by their summaries (the callee's summary for
 * this call site's callbacks: callbacks.ts), `xs.forEach(f)` passing the elements to `f`, and anything else as unknown
 * code, which writes and keeps what it is given. Also answers reach.ts's question of whether a call may keep an
 * argument. The statement visitor (function-effects.ts) hands every call here.
 */
import type * as ts from 'typescript';
import { DEFERRING_FUNCTIONS, isReadOnlyFunction, MUTATING_METHODS, READING_METHODS, readsArgumentsByName, readsItsArguments, REGEXP_MOVING_METHODS, writesFirstArgument } from './builtins';
import { nodeReceiverChange } from './node-builtins';
import { canKeepObjects, isNamespaceImport, isPrimitiveNode, symbolOf, type AnalysisContext, type FunctionLike } from './context';
import { methodOfAllocation } from './held-callbacks';
import { chainedMethod } from './fluent';
import type { ReachMap } from './reach';
import { COPYING_CONSTRUCTORS, isBuiltinMethodCall, overridingType } from './builtin-callees';
import { calledBody } from './code-behind';
import { skipParens, programConstructor } from './expressions';
import { CALLBACK_METHODS, type Callbacks } from './callbacks';
import { changingUse, keepsObjectIn, onlySetsOwnSlots, programMethod, useOf } from './method-receivers';
import { RECEIVER } from './reach-flow';
import { deferred, elementsToFunction, thisArgumentToFunction, type HandOff } from './handed-functions';
import { snippet } from './reason';
import { argumentParam, callerSeesWrite, outlives, withLaterWrites, type SummaryLookup } from './param-effects';
import type { EffectRecorder } from './effect-recorder';
import { isIterationStep } from './iterators';
import { isLiteralAccumulator } from './accumulators';
import { isArraySlot } from './array-slots';
import { programCallArgument } from './program-calls';
import { candidateEffect, candidates, candidatesReturn, toCandidates } from './candidate-calls';
import { overridingMethods } from './overrides';
import { inlineExecutor, isSettlingFunction } from './promise-executors';
import { inlineToReadingName } from './inline-to-readers';
import { methodKeys } from './caller-iterators';
import { ownExportMember } from './own-exports';
import { isFreshArrayConstant } from './fresh-arrays';
import { argumentEffect } from './spread-arguments';

/** Built-in functions calling their second argument with the elements of their first. */
const MAPPING_MAKERS = /^(Array|(Big)?(Int|Uint|Float)(8|16|32|64)(Clamped)?Array)\.from$/;

/** Built-in methods whose result may be an argument (the initial accumulator). */
const REDUCING_METHODS = new Set(['reduce', 'reduceRight']);

/** The callee names a global every declaration of which is ambient (lib or @types), not a function of the program. */
function isAmbient(ctx: AnalysisContext, callee: ts.Expression): boolean {
  const declarations = ctx.ts.isIdentifier(callee) ? symbolOf(ctx, callee)?.declarations ?? [] : [];
  return declarations.length > 0 && declarations.every((d) => d.getSourceFile().isDeclarationFile);
}

export class CallEffects {
  private readonly ts: typeof ts;

  constructor(private readonly ctx: AnalysisContext, private readonly fn: FunctionLike, private readonly lookup: SummaryLookup, private readonly callbacks: Callbacks,
    private readonly record: EffectRecorder, private readonly reachMap: () => ReachMap) {
    this.ts = ctx.ts;
  }

  private get reach(): ReachMap { return this.reachMap(); }

  /** What the rules for functions handed on (handed-functions.ts) need of this analysis. */
  private get handOff(): HandOff { return { ctx: this.ctx, lookup: this.lookup, callbacks: this.callbacks, record: this.record }; }

  /**
   * The function a call runs, with a body: by its declaration, behind a `.d.ts`, a method of an object made here, or
   * of the object a chain of calls hands back (`dist.min(min).max(max)`).
   */
  private targetOf(call: ts.CallExpression): FunctionLike | undefined {
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
      this.builtinReceiver(call, callee)) return false; // push/set keep theirs in the receiver: reach.ts stores those itself
    if (ts.isPropertyAccessExpression(callee) && readsArgumentsByName(callee.name.text) && this.trustsName(call)) return false;
    if (this.inlineToReadingName(call, call.arguments[index])) return false;
    const name = this.reach.builtinName(callee);
    if (name && (writesFirstArgument(name) || readsItsArguments(name))) return false;
    if (this.callsReadingCallback(call)) return false;
    const target = this.targetOf(call);
    const members = candidates(this.handOff, callee);
    if (members) return members.some((fn) => { const effect = candidateEffect(this.handOff, fn, index, call); return !effect || outlives(effect) !== undefined; });
    if (!target) return !this.callbacks.isReadingCallback(callee) && !this.callerMethod(call);
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
    // initial value (and what its callback returns).
    if (ts.isPropertyAccessExpression(callee) && (READING_METHODS.has(callee.name.text) || MUTATING_METHODS.has(callee.name.text)) &&
      !REDUCING_METHODS.has(callee.name.text) && this.isBuiltinMethod(call)) return undefined;
    // One of a few functions (a table's, a method's overrides): as deep as the shallowest of them holds it.
    if (candidates(this.handOff, callee)) return candidatesReturn(this.handOff, call, index);
    const target = this.targetOf(call);
    if (!target) return 0;
    const summary = this.callbacks.summaryAt(call, target);
    const effect = summary && argumentEffect(ts, target, summary, call.arguments, index).effect;
    // Let out other than by return, or handed to a callback, it may come back as the result itself.
    if (!effect || effect.escapedOtherwise !== undefined || effect.toCallback !== undefined) return 0;
    return effect.escaped !== undefined ? effect.returnedAt ?? 0 : undefined;
  }

  call(call: ts.CallExpression): void {
    const { ts } = this;
    const callee = skipParens(ts, call.expression);
    const name = this.reach.builtinName(callee);
    // (`toString.call(v)` through `const toString = Object.prototype.toString` runs that built-in, not an unknown method.)
    const viaCall = this.callsReadingCallback(call);
    // `hash.update(buf)`: the hash's own state changes (node-builtins.ts), buf is only read (below).
    if (ts.isPropertyAccessExpression(callee) && name && nodeReceiverChange(name)) {
      this.writeInto(callee.expression, call, `calls \`${callee.name.text}\`, which changes it: \`${snippet(call)}\``);
    } else if (ts.isPropertyAccessExpression(callee) && !(name && (isReadOnlyFunction(name) || writesFirstArgument(name))) && !viaCall) {
      const method = callee.name.text;
      if (MUTATING_METHODS.has(method)) {
        this.writeInto(callee.expression, call, `calls \`${method}\`, which changes it: \`${snippet(call)}\``);
        // `list.push(item)` keeps its arguments in the receiver.
        // (A typed array's `set` copies numbers: nothing is kept.)
        if (canKeepObjects(this.ctx, callee.expression)) {
          for (const arg of call.arguments) this.stored(callee.expression, this.reached(ts.isSpreadElement(arg) ? arg.expression : arg), call);
        }
      } else if (!(READING_METHODS.has(method) && this.trustsName(call)) && !(this.isBuiltinMethod(call) && isPrimitiveNode(this.ctx, callee.expression)) &&
        !isNamespaceImport(this.ctx, callee.expression) && !ownExportMember(this.ctx, callee) && // `ns.f(x)`, `module.exports.f(x)`: by its summary
        !this.quietProgramMethod(call) && !this.callerMethod(call)) {
        // A library method of an object that is not known to only read may change it, or what it holds (a Date setter,
        // a RegExp's exec).
        // (Of the methods subclasses override it with too, the first that may change its object: overrides.ts.)
        const overriding = overridingMethods(this.ctx, callee);
        const own = overriding ? overriding.find((m) => changingUse(this.ctx, m, this.lookup) !== undefined) : programMethod(this.ctx, this.fn, call);
        const use = own && changingUse(this.ctx, own, this.lookup, !overriding && this.readingThis(call, own));
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
    if (ts.isElementAccessExpression(callee) && !viaCall && !candidates(this.handOff, callee) && !this.callerMethod(call)) {
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
        // Object.assign(target, { k: q }) stores q (or what a source holds) into the target.
        if (index > 0 && name === 'Object.assign' && call.arguments[0]) this.stored(call.arguments[0], params, call);
      } else if (index === 0 && ts.isPropertyAccessExpression(callee) && REGEXP_MOVING_METHODS.has(callee.name.text) &&
        this.isBuiltinMethod(call) && isPrimitiveNode(this.ctx, callee.expression)) {
        this.writeInto(expr, arg, `given to \`${snippet(call)}\`, which moves the lastIndex of a global or sticky RegExp`);
      } else if (ts.isPropertyAccessExpression(callee) && (READING_METHODS.has(callee.name.text) || MUTATING_METHODS.has(callee.name.text)) &&
        this.builtinReceiver(call, callee)) {
        this.read(params, arg, `read by \`${snippet(call)}\``);
      } else if (ts.isPropertyAccessExpression(callee) && readsArgumentsByName(callee.name.text) && this.trustsName(call)) {
        this.read(params, arg, `read by \`${snippet(call)}\`, a reading method by its name`);
      } else if (this.inlineToReadingName(call, arg)) {
        this.read(params, arg, `captured by a function written here and given to \`${snippet(call)}\`, a reading method by its name`);
        this.record.toCallback(params, arg, `captured by a function written here and given to \`${snippet(call)}\`, whose result may hold what it returns`);
      } else if (name && readsItsArguments(name)) {
        this.read(params, arg, `read by \`${name}\``);
      } else if (isSettlingFunction(this.ctx, callee)) {
        // `resolve(v)` of `new Promise((resolve) => …)`: the promise holds v (promise-executors.ts).
        this.read(params, arg, `read by \`${snippet(call)}\``);
        this.escape(params, arg, `kept by the promise: \`${snippet(call)}\``);
      } else if (!target && this.callerMethod(call)) {
        this.read(params, arg, `read by \`${snippet(call)}\`, a method of the caller's object`);
        this.record.toCallback(params, arg, `passed to \`${snippet(call)}\`, a method of the caller's object, whose result may be it`);
      } else if (candidates(this.handOff, callee) && !ts.isSpreadElement(arg)) {
        toCandidates(this.handOff, call, index, expr, params);
      } else if (viaCall || this.callbacks.isReadingCallback(callee)) {
        this.read(params, arg, `read by \`${snippet(callee)}\``);
        this.record.toCallback(params, arg, `passed to the callback \`${snippet(callee)}\`, whose result may be it`);
      } else if (target) {
        programCallArgument({ ...this.handOff, fn: this.fn }, call, target, index, arg, params);
      } else if (overridingType(this.ctx, call)) {
        // `s.add(p)` on a `.d.ts` subclass of Set: its JavaScript may override the built-in (a key function called on p).
        const type = overridingType(this.ctx, call)!.getName();
        this.record.assuming(() => this.write(params, arg, `passed to \`${snippet(call)}\`, a method of \`${type}\`, whose code may override the built-in's (of unknown effect, assumed to write it)`));
        this.escape(params, arg, `passed to \`${snippet(call)}\`, a method of \`${type}\` of unknown effect`, false, true);
      } else {
        this.record.assuming(() => this.write(params, arg, `passed to code of unknown effect (assumed to write it): \`${snippet(call)}\``));
        this.escape(params, arg, `passed to code of unknown effect: \`${snippet(call)}\``, false, true);
      }
    });
  }

  /**
   * `cb.call(thisArg, x)`, `cb.apply(thisArg, args)` where `cb` is a callback taken to only read (callbacks.ts): the
   * callback itself runs, given `thisArg` and the arguments, as for `cb(x)`. (Function.prototype.call changes nothing of
   * the function; a value with a `call` of its own does not discharge the assumption: it may hold a function that is
   * not a reader.) Without this, underscore's `optimizeCb` (`func.call(context, value)`) and every `f.apply(this,
   * arguments)` wrapper (memoize, debounce, negate) made its callback and what it was given unknown code's.
   */
  private callsReadingCallback(call: ts.CallExpression): boolean {
    const { ts } = this;
    const callee = skipParens(ts, call.expression);
    if (!ts.isPropertyAccessExpression(callee) || (callee.name.text !== 'call' && callee.name.text !== 'apply')) return false;
    const fn = skipParens(ts, callee.expression);
    const name = this.reach.builtinName(callee);
    return ts.isIdentifier(fn) && !(name && (isReadOnlyFunction(name) || writesFirstArgument(name))) && this.callbacks.isReadingCallback(fn);
  }

  /** A function written here given to a reading method of an untyped receiver (inline-to-readers.ts). */
  private inlineToReadingName(call: ts.CallExpression, arg: ts.Expression | undefined): boolean {
    return inlineToReadingName(this.ts, call, arg, () => this.trustsName(call));
  }

  /** The receiver's methods are the standard library's: by its type, a field taken so, or a literal accumulator (accumulators.ts). */
  private builtinReceiver(call: ts.CallExpression, callee: ts.PropertyAccessExpression): boolean {
    return this.isBuiltinMethod(call) || this.callbacks.isBuiltinContainerField(callee.expression) ||
      isLiteralAccumulator(this.ctx, callee.expression, (reduce) => this.runsBuiltinReduce(reduce)) ||
      isArraySlot(this.ctx, callee.expression, callee.name.text, (reduce) => this.runsBuiltinReduce(reduce)) || isFreshArrayConstant(this.ctx, callee.expression) || this.callbacks.isCallerCopy(callee.expression);
  }

  /** `xs.reduce(cb, init)` runs the standard library's method (reach-flow.ts RunsBuiltinReduce): assumed of a caller's untyped object. */
  runsBuiltinReduce(call: ts.CallExpression): boolean { return this.isBuiltinMethod(call) || this.callerMethod(call); }

  /** `p.m(…)` on an object the caller gave, its type unknown: see Callbacks.isCallerMethod. */
  private callerMethod(call: ts.CallExpression): boolean {
    const callee = skipParens(this.ts, call.expression);
    // A quoted key or a well-known symbol (or a constant of them) is a method's name (`a['fantasy-land/equals'](b)`, `v[Symbol.iterator]()`);
    // another computed one picks a function out of a table (`fs[i](x)`), which the caller may fill with writers of
    // what it is handed: no caller's method.
    const { ts } = this;
    const key = ts.isElementAccessExpression(callee) ? skipParens(ts, callee.argumentExpression) : undefined;
    const named = ts.isPropertyAccessExpression(callee) || (key !== undefined && methodKeys(this.ctx, key) !== undefined);
    return named && !this.isBuiltinMethod(call) && this.callbacks.isCallerMethod(call, callee as ts.PropertyAccessExpression | ts.ElementAccessExpression);
  }

  /** A method of the program that leaves its object alone (`w.total()`): no write of the receiver (method-receivers.ts). */
  private quietProgramMethod(call: ts.CallExpression): boolean {
    if (isIterationStep(this.ctx, call)) return true; // `it.next()` of `values[Symbol.iterator]()`: iterators.ts
    // A method subclasses override: each may run (overrides.ts); an abstract one with none is unknown.
    const overriding = overridingMethods(this.ctx, call.expression);
    if (overriding) return overriding.length > 0 && overriding.every((m) => changingUse(this.ctx, m, this.lookup) === undefined);
    const target = programMethod(this.ctx, this.fn, call);
    return target !== undefined && changingUse(this.ctx, target, this.lookup, this.readingThis(call, target)) === undefined;
  }

  /** This call discharges what the method's reading-callbacks summary assumed (of its object, made here): method-receivers.ts. */
  private readingThis(call: ts.CallExpression, method: FunctionLike): boolean {
    const reading = this.lookup(method, true);
    return reading !== undefined && this.callbacks.summaryAt(call, method) === reading;
  }

  /**
   * A method's name tells what it does (builtins.ts) when it is the standard library's own, or when nothing resolves
   * it (an untyped receiver: JavaScript's arrays, Maps and strings); not for a method the program or a package declares
   * (a class's `get` may change its object).
   */
  private trustsName(call: ts.CallExpression): boolean {
    return this.isBuiltinMethod(call) || this.ctx.checker.getResolvedSignature(call)?.declaration === undefined;
  }

  /** The method is the standard library's own (builtin-callees.ts): declared in a lib .d.ts, on a receiver nothing overrides it for. */
  private isBuiltinMethod(call: ts.CallExpression): boolean { return isBuiltinMethodCall(this.ctx, call); }

  /** `new C(…)`: a copying built-in reads its arguments; a constructor of the program is judged by its summary. */
  newExpression(node: ts.NewExpression): void {
    const { ts } = this;
    const known = ts.isIdentifier(node.expression) && COPYING_CONSTRUCTORS.has(node.expression.text);
    // `new DataView(buffer)`: a view on the buffer's bytes, made without touching them (reach.ts takes the new object as
    // possibly the buffer itself, so writes through the view's setters write it; its getters read).
    const view = ts.isIdentifier(node.expression) && node.expression.text === 'DataView' && isAmbient(this.ctx, node.expression);
    // `new Promise((resolve) => …)`: the executor runs now, its body analysed here (promise-executors.ts).
    const executor = inlineExecutor(this.ctx, node);
    const constructor = known ? undefined : programConstructor(this.ctx, node);
    const summary = constructor && this.callbacks.summaryAt(node, constructor);
    (node.arguments ?? []).forEach((arg, index) => {
      const params = this.reached(arg);
      if (params.size === 0) return;
      const found = summary?.params[argumentParam(constructor!, index)];
      const effect = found && withLaterWrites(found);
      const className = ts.isIdentifier(node.expression) ? node.expression.text : 'a class';
      if (known) this.read(params, arg, `copied by \`${snippet(node)}\``);
      else if (view) this.read(params, arg, `a view on its bytes made by \`${snippet(node)}\``);
      else if (executor && index === 0) this.read(params, arg, `mentioned by the executor of \`${snippet(node)}\`, which runs now`);
      else if (effect && !ts.isSpreadElement(arg)) {
        // A constructor of the program's own: its summary, as for a call (what it keeps, it keeps in the new object).
        const written = callerSeesWrite(constructor!.parameters[argumentParam(constructor!, index)], effect);
        if (written) this.record.assuming(() => this.writeInto(arg, arg, `passed to \`new ${className}\`, which writes it: ${written.text}`, effect.writtenDeep !== undefined), effect.writtenKnown !== undefined);
        if (effect.read) this.read(params, arg, `passed to \`new ${className}\`, which reads it`);
        const out = outlives(effect);
        if (out) this.escape(params, arg, `passed to \`new ${className}\`, which keeps it: ${out.text}`);
      } else {
        this.record.assuming(() => this.write(params, arg, `passed to a constructor of unknown effect: \`${snippet(node)}\``));
        this.escape(params, arg, `passed to a constructor of unknown effect: \`${snippet(node)}\``, false, true);
      }
    });
  }
}
