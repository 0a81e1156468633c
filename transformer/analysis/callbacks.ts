/**
 * Callbacks, as one function's analysis sees them: which summary of a callee a call site gets, whether a function
 * value only reads what it is given, and which function of the program a value names. See Summaries for the two
 * summaries of a function. (The call site's side, which summary it gets: call-site-summaries.ts; methods of the
 * caller's objects taken to be the built-ins': caller-methods.ts.)
 *
 * The reading-callbacks summary rests on assumptions, and records them (`Summary.assumes`): each parameter whose
 * functions it took to only read — a parameter called (`valueof(d)`), one holding functions that are called
 * (`const f = keys[i]; f(x)`, `function g({ key }) { key(x) }`), one handed on to a callee that assumed so, and
 * parameters of an enclosing function called from a nested one (`function nest(v, reduce) { (function regroup() {
 * reduce(v) })() }`). A call site gets that summary only when it can discharge every assumption: for the callee's own
 * parameters, what the call passes (or the default, when it passes nothing) holds no function that writes or keeps
 * what it is given; for parameters of this function or of one enclosing it, by assuming the same in turn (only when
 * this function is itself analysed under that assumption). Anything else gets the general summary.
 */
import type * as ts from 'typescript';
import { isFunctionLike, symbolOf, type AnalysisContext, type FunctionLike } from './context';
import type { Summary, SummaryLookup } from './param-effects';
import { alternatives, rootIdentifier, skipParens } from './expressions';
import { behindImport, contextOf } from './code-behind';
import { functionOfExpression } from './function-of-symbol';
import { namedFunction } from './callee-names';
import { choicesOf, suppliedBy, type Supplied } from './supplied';
import { replacedCallee } from './replaced-callees';
import { madeReader } from './factory-made';
import { copiedReceiver, iteratedReceiver } from './caller-iterators';
import { literalHoldsOnlyReaders } from './literal-readers';
import { madeLocalContents } from './made-locals';
import { thisHoldsOnlyReaders, type ReaderJudge } from './object-readers';
import type { FactoryCall } from './function-of-symbol';
import { boundOf, type Binding, type Bindings } from './bound-factory';
import { leavesThisAlone, THIS_FIELD } from './this-readers';
import { discharge, summaryAt } from './call-site-summaries';
import { isBuiltinContainerField, isCallerClass, isCallerCopy, isCallerMethod } from './caller-methods';
import { BUILTIN_FIELD, CLASS_FIELD, hasBuiltinClass, mayHoldFunctions, summaryOnlyReads } from './function-values';

export { CALLBACK_METHODS, isCallableValue } from './function-values';


export class Callbacks implements ReaderJudge {
  private readonly ts: typeof ts;
  /** What this analysis took to hold only reading functions (reading-callbacks summary only): see `Summary.assumes`. */
  readonly assumed = new Map<ts.Node, Set<string>>();
  /** Those of them the call's own effects rest on (made outside closures the function only hands back): `Summary.assumesDuringCall`. */
  readonly assumedDuringCall = new Map<ts.Node, Set<string>>();
  /** Above 0 while the analysis is inside a closure the function only hands back (returned-closures.ts). */
  private later = 0;
  /** Locals holdsOnlyReaders is looking into (made-locals.ts), by name: one that holds itself is judged by the rest. */
  private readonly askingMade = new Set<string>();

  /** `readingCallbacks`: the analysed function's own callback parameters (and its enclosing functions') are taken to only read. */
  /** `bindings`: factory parameters bound to known functions (bound-factory.ts): no callbacks of the caller's. */
  constructor(readonly ctx: AnalysisContext, readonly fn: FunctionLike, readonly lookup: SummaryLookup,
    readonly readingCallbacks: boolean, readonly bindings?: Bindings) {
    this.ts = ctx.ts;
  }

  /**
   * The function of the program a value names, with its body: `writeIt`, `const f = (x) => …`, and a function a
   * factory returns (`scale(2)` where `scale = (k) => (x) => k * x`).
   */
  programFunction(value: ts.Expression): FunctionLike | undefined {
    const { ts } = this;
    value = skipParens(ts, value);
    const declaration = ts.isIdentifier(value) ? symbolOf(this.ctx, value)?.valueDeclaration : undefined;
    let fn = declaration && (isFunctionLike(this.ctx, declaration) ? declaration
      : ts.isVariableDeclaration(declaration) && declaration.initializer && isFunctionLike(this.ctx, declaration.initializer) ? declaration.initializer : undefined);
    if (!fn && ts.isCallExpression(value)) fn = functionOfExpression(this.ctx, value, 0);
    // An import of a package the program reads no declarations for (`ascending` from d3-array): its JavaScript.
    if (!fn && !declaration && (ts.isIdentifier(value) || ts.isPropertyAccessExpression(value))) fn = behindImport(this.ctx, value);
    // `refTokens.map(api.escape)`: a member trusted as a callee's name is (`ns.f`, a module's own `exports.f`, callee-names.ts).
    if (!fn && ts.isPropertyAccessExpression(value)) fn = namedFunction(this.ctx, value);
    return fn && (fn as FunctionLike).body ? fn as FunctionLike : undefined;
  }

  /** The callee's summary for this call (call-site-summaries.ts). */
  summaryAt(call: ts.CallExpression | ts.NewExpression, target: FunctionLike, duringCall = false): Summary | undefined {
    return summaryAt(this, call, target, duringCall);
  }

  /**
   * Whether this call makes good the callee's assumption that `on` (a parameter, or a function's `this`) holds only
   * reading functions (call-site-summaries.ts).
   */
  discharge(call: ts.CallExpression | ts.NewExpression, target: FunctionLike, on: ts.Node, field: string,
    inherited: [ts.Node, string][], inline = true, duringCall = false): boolean {
    return discharge(this, call, target, on, field, inherited, inline, duringCall);
  }

  /** Who judges a factory call's arguments: this analysis in its own program, else a plain one in the call's. */
  atFactory(made: FactoryCall): Callbacks {
    const owner = contextOf(this.ctx, made.call);
    return owner === this.ctx ? this : new Callbacks(owner, made.factory, this.lookup, false);
  }

  /** Values inside a factory whose result is asked about, its parameters taken to hold only readers (factory-made.ts). */
  inside(factory: FunctionLike): Callbacks {
    return new Callbacks(contextOf(this.ctx, factory), factory, this.lookup, true);
  }

  assume(on: ts.Node, field: string): void {
    for (const into of this.later > 0 ? [this.assumed] : [this.assumed, this.assumedDuringCall]) {
      let fields = into.get(on);
      if (!fields) { fields = new Set(); into.set(on, fields); }
      fields.add(field);
    }
  }

  /** `action` analyses what happens when a closure the function hands back is called: its assumptions are not the call's own. */
  whenCalledLater(action: () => void): void {
    this.later++;
    try { action(); } finally { this.later--; }
  }

  /**
   * Every function `value` is or holds (in an array literal, a spread; only in `field` when one is named) only reads
   * what it is given. `this` with a field: the field of the object this method or constructor runs on, assumed in
   * turn (a method's `this`), or fixed by this constructor from one of its parameters (assumed of that parameter).
   * A function written in place is analysed with this body only when `inline` (see discharge); else its summary decides.
   */
  holdsOnlyReaders(value: ts.Expression, field = '', inline = true): boolean {
    const { ts } = this;
    value = skipParens(ts, ts.isSpreadElement(value) ? value.expression : value);
    // (`v = values[++i]`: an assignment's value is its right side; d3's piecewise hands on `interpolate(v, v = values[++i])`.)
    while (ts.isBinaryExpression(value) && value.operatorToken.kind === ts.SyntaxKind.EqualsToken) value = skipParens(ts, value.right);
    // (Leaves the `this` it is called with alone: `f.call(ctx, x)` in the callee, this-readers.ts.)
    if (field === THIS_FIELD) return leavesThisAlone(this, value);
    if (value.kind === ts.SyntaxKind.ThisKeyword) return thisHoldsOnlyReaders(this, value, field);
    if (field === CLASS_FIELD) {
      // Our own parameter or a part of it, handed on: assumed of it in turn (of what it holds too, hasBuiltinClass).
      // Else a value whose type holds no instance of a class of the program.
      const choices = alternatives(ts, value);
      if (choices.length > 1) return choices.every((c) => this.holdsOnlyReaders(c, field, inline)); // `context || argument`
      const root = this.readingCallbacks ? rootIdentifier(ts, value) : undefined;
      const supplied = root && this.suppliedBy(root);
      if (supplied) { this.assume(supplied.param, field); return true; }
      return hasBuiltinClass(this.ctx, this.ctx.checker.getTypeAtLocation(value), 2);
    }
    if (field.startsWith(BUILTIN_FIELD)) {
      // Our own parameter, handed on: assumed of it in turn. Else only data that cannot hold a function at all.
      const supplied = ts.isIdentifier(value) && this.readingCallbacks ? this.suppliedBy(value) : undefined;
      if (supplied && supplied.field === '') { this.assume(supplied.param, field); return true; }
      // (`list[idx]`: a part of our own parameter, data without functions when the whole of it is.)
      const root = (ts.isElementAccessExpression(value) || ts.isPropertyAccessExpression(value)) && this.readingCallbacks ? rootIdentifier(ts, value) : undefined;
      const whole = root && this.suppliedBy(root);
      if (whole && whole.field === '') { this.assume(whole.param, BUILTIN_FIELD); return true; }
      return !mayHoldFunctions(this.ctx, this.ctx.checker.getTypeAtLocation(value), 2);
    }
    if (ts.isArrowFunction(value) || ts.isFunctionExpression(value)) return inline || summaryOnlyReads(this.lookup(value, false));
    if (ts.isObjectLiteralExpression(value)) return literalHoldsOnlyReaders(this, value, field);
    const choices = alternatives(ts, value);
    if (choices.length > 1) return choices.every((c) => this.holdsOnlyReaders(c, field, inline)); // `c ? (x) => … : f`
    if (ts.isArrayLiteralExpression(value)) return value.elements.every((e) => this.holdsOnlyReaders(e, '', inline));
    // `a.values()`: an iterator what the caller gave hands out, which holds only readers when that is data without
    // functions (assumed of it: caller-iterators.ts).
    // (Or a copy of it, `x.slice(i, j)`: its elements, in a new array with the built-in methods.)
    const iterated = this.readingCallbacks ? iteratedReceiver(this.ctx, value) ?? copiedReceiver(this.ctx, value) : undefined;
    const from = iterated && this.suppliedBy(iterated);
    if (from) { this.assume(from.param, BUILTIN_FIELD + from.field); return true; }
    // `colors[i]`, `o.k`: a part of what the caller gave, assumed (as the whole of it) to hold only readers in turn.
    if ((ts.isElementAccessExpression(value) || ts.isPropertyAccessExpression(value)) && this.readingCallbacks) {
      const root = rootIdentifier(ts, value);
      const supplied = root && this.suppliedBy(root);
      if (supplied) { this.assume(supplied.param, supplied.field); return true; }
    }
    // Data (typed so that it holds no function) first: naming it in onlyReads would record an assumption for nothing.
    const asData = (v: ts.Expression): boolean => !mayHoldFunctions(this.ctx, this.ctx.checker.getTypeAtLocation(v), 2) || this.onlyReads(v);
    if (asData(value)) return true;
    // `const copy = [...array]` handed to a helper: what its literals and this function's stores hold (made-locals.ts).
    const local = ts.isIdentifier(value) ? value : undefined;
    const contents = local && !this.askingMade.has(local.text) ? madeLocalContents(this.ctx, local) : undefined;
    if (!local || !contents) return false;
    this.askingMade.add(local.text); // (`a.push(a)`)
    try {
      // (The literals as asked; what is stored into them, `copy.push(x)`, wholly.)
      return contents.every((c) => (ts.isIdentifier(c) && ts.isParameter(c.parent) ? asData(c)
        : this.holdsOnlyReaders(c, ts.isArrayLiteralExpression(c) || ts.isObjectLiteralExpression(c) ? field : '', inline)));
    } finally { this.askingMade.delete(local.text); }
  }

  /** A function value that reads what it is given: a callback parameter under that assumption, or a function of the program. */
  onlyReads(value: ts.Expression): boolean {
    const { ts } = this;
    value = skipParens(ts, value);
    if (value.kind === ts.SyntaxKind.UndefinedKeyword || (ts.isIdentifier(value) && value.text === 'undefined')) return true;
    if (this.isReadingCallback(value, 0, true)) return true;
    // (A factory parameter bound to a known function, handed on: `func(collection, setter, …)` in lodash's aggregators.)
    const bound = boundOf(this.ctx, this.bindings, value);
    if (bound) return this.boundReads(bound);
    return this.programReader(value) || madeReader(this, value);
  }

  /**
   * A factory parameter bound to a known function (bound-factory.ts) only reads what it is given: as the factory
   * call's argument is judged where it is written (factory-made.ts), or by that function's own (bound) summary.
   * (Not cached: either may rest on a provisional summary inside a recursive group.)
   */
  boundReads(binding: Binding): boolean {
    const inherited: [ts.Node, string][] = [];
    const atFactory = new Callbacks(contextOf(this.ctx, binding.made.call), binding.made.factory, this.lookup, false);
    return (atFactory.discharge(binding.made.call, binding.made.factory, binding.param, '', inherited, false) && inherited.length === 0) ||
      summaryOnlyReads(this.lookup(binding.fn, false, binding.via));
  }

  /** `_intern.has(k)`, a field of a parameter or of `this` whose type is unknown: a built-in container (caller-methods.ts). */
  isBuiltinContainerField(receiver: ts.Expression): boolean { return isBuiltinContainerField(this, receiver); }

  /** `values.map(f)` on (a part of) a parameter the checker cannot type: a method of the caller's object (caller-methods.ts). */
  isCallerMethod(call: ts.CallExpression, callee: ts.PropertyAccessExpression | ts.ElementAccessExpression): boolean {
    return isCallerMethod(this, call, callee);
  }

  /** `new date.constructor(value)`, `date` a parameter: the class of the caller's object (caller-methods.ts). */
  isCallerClass(node: ts.NewExpression): boolean { return isCallerClass(this, node); }

  /** `x.slice().fill(v)`: a copy of what the caller gave, an array with the built-in methods (caller-methods.ts). */
  isCallerCopy(receiver: ts.Expression): boolean { return isCallerCopy(this, receiver); }

  /**
   * `cb` is a function the caller gave this function (a parameter, or a part of one: `const f = keys[i]`, a
   * destructured `{ key }`), of this function or of one enclosing it, taken to only read: the reading-callbacks
   * summary, which records the assumption. A parameter the function may have replaced by then reads when each value
   * it may hold does (replaced-callees.ts). `handedOn`: the value is handed to a callee (holdsOnlyReaders), not called here.
   */
  isReadingCallback(callee: ts.Expression, depth = 0, handedOn = false): boolean {
    const { ts } = this;
    if (!this.readingCallbacks || !ts.isIdentifier(callee)) return false;
    const supplied = this.suppliedBy(callee, true);
    if (supplied) { this.assume(supplied.param, supplied.field); return true; }
    const replaced = depth < 4 ? replacedCallee(this, callee, depth, handedOn) : undefined;
    if (replaced !== undefined) {
      if (replaced === 'unknown' || replaced.functions.length > 0) return false;
      this.assume(replaced.original.param, replaced.original.field);
      return true;
    }
    // `const get = getter ?? ((v) => v)`: each value such a callback, or an arrow written here that only reads (its
    // effects on what it captured are this body's own; an arrow has no `this` that `get.call(p)` could make p). Else
    // the call was unknown code (radash's max, min, range).
    // Also a function of the program that only reads, and a function the caller's object holds (`const gen = opt &&
    // opt.get || getter`: vega-util's key), assumed of that object as for `opt.get(x)`.
    const choices = depth < 4 ? choicesOf(this.ctx, callee) : undefined;
    return choices !== undefined && choices.every((c) => ts.isArrowFunction(c) ? summaryOnlyReads(this.lookup(c, false))
      : this.isReadingCallback(c, depth + 1) || this.callerPart(c) || this.programReader(c));
  }

  /**
   * The functions of the program a call through a replaced callback parameter may run besides the caller's, judged
   * at the call by their summaries (candidate-calls.ts): d3's piecewise `interpolate = value`. Only when every other
   * value it may hold reads as a whole and the caller's is assumed to (recorded here); undefined otherwise.
   */
  replacedCandidates(callee: ts.Expression): readonly FunctionLike[] | undefined {
    const { ts } = this;
    callee = skipParens(ts, callee);
    if (!this.readingCallbacks || !ts.isIdentifier(callee) || this.suppliedBy(callee, true)) return undefined;
    const replaced = replacedCallee(this, callee, 0, false);
    if (replaced === undefined || replaced === 'unknown' || replaced.functions.length === 0) return undefined;
    this.assume(replaced.original.param, replaced.original.field);
    return replaced.functions;
  }

  /**
   * A value a replaced callback parameter may hold reads (replaced-callees.ts): a reading callback or a part of the
   * caller's object (`cb = opts.fn`), assumed so; a function of the program or a factory's that reads.
   */
  readingValue(value: ts.Expression, depth: number): boolean {
    const { ts } = this;
    value = skipParens(ts, value);
    if (ts.isArrowFunction(value) || ts.isFunctionExpression(value)) return summaryOnlyReads(this.lookup(value, false));
    return this.isReadingCallback(value, depth + 1) || this.callerPart(value) || this.programReader(value) || madeReader(this, value);
  }

  /** The caller's parameter (a part of) which `id` names as given, replacements not looked at (replaced-callees.ts). */
  callerParameter(id: ts.Identifier): Supplied | undefined {
    return this.suppliedBy(id);
  }

  /**
   * `f.call(ctx, x)` of a reading callback `f`: f leaves the `this` it is given alone, assumed of the caller's parameter
   * (this-readers.ts), or known of every function f may be.
   */
  leavesThisAlone(callee: ts.Expression): boolean {
    return leavesThisAlone(this, callee);
  }

  /** this-readers.ts ThisJudge: factory call `made` makes good its factory's parameter `on` holding only readers. */
  dischargeAtFactory(made: FactoryCall, on: ts.ParameterDeclaration, field: string): boolean {
    const inherited: [ts.Node, string][] = [];
    if (!this.atFactory(made).discharge(made.call, made.factory, on, field, inherited, false)) return false;
    for (const [o, f] of inherited) this.assume(o, f);
    return true;
  }

  /** The caller's own parameter `id` names as a whole (this-readers.ts ThisJudge), under the reading-callbacks summary. */
  ownParameter(id: ts.Identifier): ts.ParameterDeclaration | undefined {
    if (!this.readingCallbacks) return undefined;
    const supplied = this.suppliedBy(id);
    return supplied && supplied.field === '' ? supplied.param : undefined;
  }

  /** `opt.get`, `fs[i]`: a part of what the caller gave, assumed (as the whole of it) to hold only readers. */
  private callerPart(value: ts.Expression): boolean {
    const { ts } = this;
    if (!ts.isPropertyAccessExpression(value) && !ts.isElementAccessExpression(value)) return false;
    const root = rootIdentifier(ts, value);
    const supplied = root && this.suppliedBy(root);
    if (supplied) this.assume(supplied.param, supplied.field);
    return supplied !== undefined;
  }

  /** A function of the program whose general summary only reads. */
  private programReader(value: ts.Expression): boolean {
    const fn = this.programFunction(value);
    return fn !== undefined && summaryOnlyReads(this.lookup(fn, false));
  }

  /** `asFunction`: the name is called or handed on as a function (supplied.ts: then a replaced parameter is not the caller's). */
  suppliedBy(id: ts.Identifier, asFunction = false): Supplied | undefined {
    const supplied = suppliedBy(this.ctx, this.fn, id, 0, asFunction);
    // (A factory parameter bound to a known function is that function, judged at its calls: bound-calls.ts.)
    return supplied && this.bindings?.has(supplied.param) ? undefined : supplied;
  }
}
