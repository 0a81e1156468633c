/**
 * What kind of call a call is, for one function's analysis (call-effects.ts): the standard library's own method, a
 * method whose name says it only reads, a method of an object the caller gave, a method of the program that leaves its
 * object alone, a reading callback run through `call`/`apply`. Kept apart from what the call then does to its arguments
 * (call-effects.ts), which asks these questions of every call.
 */
import type * as ts from 'typescript';
import { isReadOnlyFunction, writesFirstArgument } from './builtins';
import { symbolOf, type AnalysisContext, type FunctionLike } from './context';
import type { ReachMap } from './reach';
import { isBuiltinMethodCall } from './builtin-callees';
import { skipParens } from './expressions';
import type { Callbacks } from './callbacks';
import { changingUse, programMethod } from './method-receivers';
import type { SummaryLookup } from './param-effects';
import { isIterationStep } from './iterators';
import { isLiteralAccumulator } from './accumulators';
import { isArraySlot } from './array-slots';
import { overridingMethods } from './overrides';
import { inlineToReadingName } from './inline-to-readers';
import { calledKeys } from './keyed-methods';
import { isFreshArrayConstant } from './fresh-arrays';
import { isNameWritten, isReplacedMember, valuesWritten } from './replaced-members';
import { MUTATING_METHODS, READING_METHODS } from './builtins';
import { functionOfExpression } from './function-of-symbol';
import { summaryOnlyReads } from './function-values';
import { calledBody, contextOf } from './code-behind';

/** The callee names a global every declaration of which is ambient (lib or @types), not a function of the program. */
export function isAmbient(ctx: AnalysisContext, callee: ts.Expression): boolean {
  const declarations = ctx.ts.isIdentifier(callee) ? symbolOf(ctx, callee)?.declarations ?? [] : [];
  return declarations.length > 0 && declarations.every((d) => d.getSourceFile().isDeclarationFile);
}

export class CallKinds {
  private readonly ts: typeof ts;
  /** Per reading method name: every function the program assigns under it only reads (writtenOnlyReaders). */
  private readonly readersByName = new Map<string, boolean>();

  constructor(private readonly ctx: AnalysisContext, private readonly fn: FunctionLike, private readonly lookup: SummaryLookup, private readonly callbacks: Callbacks,
    private readonly reachMap: () => ReachMap) {
    this.ts = ctx.ts;
  }

  private get reach(): ReachMap { return this.reachMap(); }

  /**
   * `cb.call(thisArg, x)`, `cb.apply(thisArg, args)` where `cb` is a callback taken to only read (callbacks.ts): the
   * callback itself runs, given `thisArg` and the arguments, as for `cb(x)`. (Function.prototype.call changes nothing of
   * the function; a value with a `call` of its own does not discharge the assumption: it may hold a function that is
   * not a reader.) Without this, underscore's `optimizeCb` (`func.call(context, value)`) and every `f.apply(this,
   * arguments)` wrapper (memoize, debounce, negate) made its callback and what it was given unknown code's.
   */
  callsReadingCallback(call: ts.CallExpression): boolean {
    const { ts } = this;
    const callee = skipParens(ts, call.expression);
    if (!ts.isPropertyAccessExpression(callee) || (callee.name.text !== 'call' && callee.name.text !== 'apply')) return false;
    const fn = skipParens(ts, callee.expression);
    const name = this.reach.builtinName(callee);
    return ts.isIdentifier(fn) && !(name && (isReadOnlyFunction(name) || writesFirstArgument(name))) && this.callbacks.isReadingCallback(fn);
  }

  /** A function written here given to a reading method of an untyped receiver (inline-to-readers.ts). */
  inlineToReadingName(call: ts.CallExpression, arg: ts.Expression | undefined): boolean {
    return inlineToReadingName(this.ts, call, arg, () => this.trustsName(call));
  }

  /** The receiver's methods are the standard library's: by its type, a field taken so, or a literal accumulator (accumulators.ts). */
  builtinReceiver(call: ts.CallExpression, callee: ts.PropertyAccessExpression): boolean {
    if (this.shadowed(call)) return false;
    return this.isBuiltinMethod(call) || this.callbacks.isBuiltinContainerField(callee.expression) ||
      isLiteralAccumulator(this.ctx, callee.expression, (reduce) => this.runsBuiltinReduce(reduce)) ||
      isArraySlot(this.ctx, callee.expression, callee.name.text, (reduce) => this.runsBuiltinReduce(reduce)) ||
      isFreshArrayConstant(this.ctx, callee.expression) || this.callbacks.isCallerCopy(callee.expression);
  }

  /** `xs.reduce(cb, init)` runs the standard library's method (reach-flow.ts RunsBuiltinReduce): assumed of a caller's untyped object. */
  runsBuiltinReduce(call: ts.CallExpression): boolean { return this.isBuiltinMethod(call) || this.callerMethod(call); }

  /** `p.m(…)` on an object the caller gave, its type unknown: see Callbacks.isCallerMethod. */
  callerMethod(call: ts.CallExpression): boolean {
    const callee = skipParens(this.ts, call.expression);
    // A quoted key or a well-known symbol (or a constant of them) is a method's name (`a['fantasy-land/equals'](b)`, `v[Symbol.iterator]()`);
    // another computed one picks a function out of a table (`fs[i](x)`), which the caller may fill with writers of
    // what it is handed: no caller's method.
    const { ts } = this;
    const key = ts.isElementAccessExpression(callee) ? skipParens(ts, callee.argumentExpression) : undefined;
    // (A key naming a built-in that changes its object, `a['reverse']()`, `a[K](x)` with `K = 'push'`: the caller's data
    // without functions has only the built-in methods, so that one runs and changes it, as `a.reverse()` does; the
    // assumption that a caller's method leaves its object alone is made for the other names only.)
    const keys = key !== undefined ? calledKeys(this.ctx, callee as ts.ElementAccessExpression, this.callbacks.bindings) : undefined;
    const named = ts.isPropertyAccessExpression(callee) || (keys !== undefined && !keys.some((k) => MUTATING_METHODS.has(k)));
    return named && !this.isBuiltinMethod(call) && this.callbacks.isCallerMethod(call, callee as ts.PropertyAccessExpression | ts.ElementAccessExpression);
  }

  /** A method of the program that leaves its object alone (`w.total()`): no write of the receiver (method-receivers.ts). */
  quietProgramMethod(call: ts.CallExpression): boolean {
    if (isIterationStep(this.ctx, call)) return true; // `it.next()` of `values[Symbol.iterator]()`: iterators.ts
    // A method subclasses override: each may run (overrides.ts); an abstract one with none is unknown.
    const overriding = overridingMethods(this.ctx, call.expression);
    if (overriding) return overriding.length > 0 && overriding.every((m) => changingUse(this.ctx, m, this.lookup) === undefined);
    const target = programMethod(this.ctx, this.fn, call);
    if (target === undefined) return staticWithoutThis(this.ctx, calledBody(this.ctx, call));
    return changingUse(this.ctx, target, this.lookup, this.readingThis(call, target)) === undefined;
  }

  /** This call discharges what the method's reading-callbacks summary assumed (of its object, made here): method-receivers.ts. */
  readingThis(call: ts.CallExpression, method: FunctionLike): boolean {
    const reading = this.lookup(method, true);
    return reading !== undefined && this.callbacks.summaryAt(call, method) === reading;
  }

  /**
   * A method's name tells what it does (builtins.ts) when it is the standard library's own, or when nothing resolves
   * it (an untyped receiver: JavaScript's arrays, Maps and strings); not for a method the program or a package declares
   * (a class's `get` may change its object).
   */
  trustsName(call: ts.CallExpression): boolean {
    return this.isBuiltinMethod(call) || (this.ctx.checker.getResolvedSignature(call)?.declaration === undefined && !this.shadowed(call));
  }

  /**
   * The program writes a member of the method's name where this receiver may be its object (`out.push = writer`,
   * replaced-members.ts): the call may run that, not the standard library's. Of a receiver nothing types, any write of
   * that name counts (`Stack.prototype.push = f`: the receiver may be a Stack).
   */
  private shadowed(call: ts.CallExpression): boolean {
    const callee = skipParens(this.ts, call.expression);
    if (!this.ts.isPropertyAccessExpression(callee)) return false;
    const member = this.ctx.checker.getSymbolAtLocation(callee.name);
    if (member) return isReplacedMember(this.ctx, member);
    return isNameWritten(this.ctx, callee.name.text) && !this.writtenOnlyReaders(callee.name.text);
  }

  /**
   * Every function the program assigns to a member of this reading method's name only reads, as the built-in does:
   * its arguments (none written, kept or handed back) and its object (lodash's `Hash.prototype.has = hashHas`, so an
   * untyped `cache.has(key)` may run hashHas, which reads). Then the name may still be trusted, whichever runs.
   */
  private writtenOnlyReaders(name: string): boolean {
    if (!READING_METHODS.has(name)) return false;
    let known = this.readersByName.get(name);
    if (known === undefined) {
      this.readersByName.set(name, false); // (a reader calling a method of the same name: not evidence for itself)
      const values = valuesWritten(this.ctx, name);
      known = values !== undefined && values.every((value) => {
        const fn = functionOfExpression(this.ctx, value, 0);
        const summary = fn?.body ? this.lookup(fn, false) : undefined;
        return fn !== undefined && summaryOnlyReads(summary) && summary!.params.every((p) => !p.escaped) &&
          changingUse(this.ctx, fn, this.lookup) === undefined;
      });
      this.readersByName.set(name, known);
    }
    return known;
  }

  /** The method is the standard library's own (builtin-callees.ts): declared in a lib .d.ts, on a receiver nothing overrides it for. */
  isBuiltinMethod(call: ts.CallExpression): boolean { return isBuiltinMethodCall(this.ctx, call); }
}

/**
 * A package class's static method behind its declarations (code-behind.ts behindClassMember, which takes only those
 * that never mention `this` or `super`: `Matrix.from1DArray(…)`): its class object is neither changed nor given
 * anything (its arguments are judged by its summary).
 */
function staticWithoutThis(ctx: AnalysisContext, method: FunctionLike | undefined): boolean {
  const { ts } = ctx;
  return method !== undefined && ts.isMethodDeclaration(method) && (ts.getCombinedModifierFlags(method) & ts.ModifierFlags.Static) !== 0 &&
    contextOf(ctx, method) !== ctx;
}
