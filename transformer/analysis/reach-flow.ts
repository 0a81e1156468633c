/**
 * How values flow into names and containers for reach.ts: every variable, destructured name (defaults included),
 * iteration variable, callback parameter and `this` of a callback gets what is assigned or passed to it, a container
 * gets what is stored into it (`c[i] = p`, `c.push(p)`, `m.set(k, p)`, `Object.assign(c, …)`, a callee that keeps an
 * argument), and a parameter replaced by a top-level `p = fresh` holds only that afterwards (replacements.ts). Kept apart
 * from reach.ts, which says what an expression's value is: this file is where bindings grow, to a fixpoint.
 */
import type * as ts from 'typescript';
import { MUTATING_METHODS, readsItsArguments, READING_METHODS, writesFirstArgument } from './builtins';
import { all, at, either, empty, holding, none, partOf, sunk, union, type Depths, type Params, type Reach } from './reach-values';
import { alternatives, inlineFunctions, returnedExpressions, skipParens } from './expressions';
import { localFunctionNamed } from './function-values';
import { argumentOf } from './param-effects';
import { entryRootAndDepth } from './collection-entries';
import { boundNames, canKeepObjects, isPrimitiveNode, symbolOf, type AnalysisContext, type FunctionLike } from './context';
import { builtinName, isBuiltinMethodCall } from './builtin-callees';
import { isLiteralAccumulator } from './accumulators';
import { Replacements } from './replacements';
import { calledBody } from './code-behind';
import { assignmentTargets } from './assignment-patterns';
import { thrownIn } from './thrown-values';
import { NameParts } from './name-parts';

/** Whether a call may keep (store) argument `index` somewhere that outlives it: the caller asks its summaries. */
/** An object outside the function followed as a parameter: a module object's symbol, or a method's `this`. */
export type Root = ts.Symbol | 'this';

export type StoresArgument = (call: ts.CallExpression, index: number) => boolean;

/**
 * How deep a call's result (a `new`'s object) may hold argument `index`: 0 when it may be it or a part of it,
 * undefined when it holds nothing of it. The caller asks its summaries.
 */
export type ReturnsArgument = (call: ts.CallExpression | ts.NewExpression, index: number) => number | undefined;
/** The index ReturnsArgument is asked for a method call's receiver (`l` of `l.values()`). */
export const RECEIVER = -1;

/**
 * Whether a `reduce`/`reduceRight` call runs the standard library's method: on a built-in receiver, or, under the
 * reading-callbacks summary, on (a part of) an untyped parameter, recorded as an assumption the call site discharges
 * (callbacks.ts isCallerMethod: data whose type holds no function has only the built-in methods).
 */
export type RunsBuiltinReduce = (call: ts.CallExpression) => boolean;

/** What reach.ts answers for this file: the value of an expression. */
export interface ValueOf { of(expr: ts.Expression): Reach }

export class ReachFlow {
  readonly direct = new Map<ts.Symbol, Set<number>>();
  readonly contents = new Map<ts.Symbol, Map<number, number>>();
  /** The symbols each parameter is bound to (several for a destructured one). */
  readonly paramSymbols = new Map<number, ts.Symbol[]>();
  /** Variables of the function given a new value where the assignment runs once (replacements.ts). */
  private readonly replacements: Replacements;
  /** Which names hold a part of another name's object, and how deep (name-parts.ts). */
  private readonly parts: NameParts;
  /** `this` of non-arrow functions given as callbacks (`p.forEach(function () { this… }, p)`) or bound with call/apply/bind. */
  readonly thisOf = new Map<ts.Node, Set<number>>();
  changed = false;
  private readonly ts: typeof ts;

  constructor(private readonly ctx: AnalysisContext, private readonly fn: FunctionLike, private readonly stores: StoresArgument,
    private readonly values: ValueOf, private readonly builtinReduce: RunsBuiltinReduce = () => false,
    /** Objects outside the function followed as parameters numbered after its own (module objects: module-writes.ts). */
    private readonly roots: readonly Root[] = []) {
    this.ts = ctx.ts;
    this.replacements = new Replacements(ctx, fn);
    this.parts = new NameParts(ctx, () => { this.changed = true; });
  }

  /** Bind the parameters to themselves, then follow every assignment and call of the body to a fixpoint. */
  build(): void {
    this.fn.parameters.forEach((param, i) => {
      this.bindPattern(param.name, { direct: new Set([i]), contents: empty });
      this.paramSymbols.set(i, boundNames(this.ctx, param.name).map((n) => symbolOf(this.ctx, n)).filter((x): x is ts.Symbol => x !== undefined));
    });
    this.roots.forEach((symbol, j) => {
      const i = this.fn.parameters.length + j;
      // (A method's own object, followed as a parameter: method-receivers.ts asks what the method does to it.)
      if (symbol === 'this') { this.addThis(this.fn, new Set([i])); return; }
      this.addDirect(symbol, new Set([i]));
      this.paramSymbols.set(i, [symbol]);
    });
    const body = this.fn.body;
    if (!body) return;
    this.replacements.find(body, [...this.paramSymbols.values()].flat());
    do {
      this.changed = false;
      this.visit(body, (node) => this.collect(node));
      // Defaults may name other parameters: `function f(p, q = p)`.
      for (const param of this.fn.parameters) if (param.initializer) this.bindPattern(param.name, this.of(param.initializer));
    } while (this.changed);
  }

  private of(expr: ts.Expression): Reach { return this.values.of(expr); }

  private addDirect(symbol: ts.Symbol, params: Params): void {
    if (params.size === 0) return;
    let set = this.direct.get(symbol);
    if (!set) { set = new Set(); this.direct.set(symbol, set); }
    for (const p of params) if (!set.has(p)) { set.add(p); this.changed = true; }
  }

  private addContents(symbol: ts.Symbol, depths: Depths): void {
    if (depths.size === 0) return;
    let map = this.contents.get(symbol);
    if (!map) { map = new Map(); this.contents.set(symbol, map); }
    for (const [p, d] of depths) if (d < (map.get(p) ?? Infinity)) { map.set(p, d); this.changed = true; }
  }

  private bind(name: ts.Identifier, reach: Reach): void {
    // Nothing to bind needs no type (the checker's answer is what costs).
    if ((reach.direct.size === 0 && reach.contents.size === 0) || isPrimitiveNode(this.ctx, name)) return;
    const symbol = symbolOf(this.ctx, name);
    if (!symbol) return;
    this.addDirect(symbol, reach.direct);
    this.addContents(symbol, reach.contents);
    if (this.replacements.noteAssigned(symbol, name, reach)) this.changed = true;
  }

  /** What the name holds at `node` if a replacement decides it there (replacements.ts), else undefined. */
  replacedAt(symbol: ts.Symbol, node: ts.Node): Reach | undefined { return this.replacements.at(symbol, node); }

  /**
   * `values` were stored into a slot of the object `into` is: its root variable holds them one level below `into`
   * (`holder.items.push(v)`: v at depth 2 in holder). When `into` is (part of) a parameter reached through another
   * name, the parameter holds them too, at a depth that is not known: 1.
   */
  private store(into: ts.Expression, stored: Params | Reach): void {
    // A Reach keeps its depths (`c[i] = [p]`: p two levels into c); bare parameters are taken to sit in the slot itself.
    const values = 'direct' in stored ? all(stored) : stored;
    if (values.size === 0) return;
    // (Into whichever object it is: `(odd ? a : b).push(t)`.)
    const choices = alternatives(this.ts, into);
    if (choices.length > 1) { for (const choice of choices) this.store(choice, stored); return; }
    const { root, depth } = entryRootAndDepth(this.ctx, into);
    if (!canKeepObjects(this.ctx, into)) return;
    const rootSymbol = root && symbolOf(this.ctx, root);
    if (rootSymbol) this.addContents(rootSymbol, 'direct' in stored ? sunk(stored, depth + 1) : at(values, depth + 1));
    if (rootSymbol) for (const [whole, below] of this.parts.wholesOf(rootSymbol)) this.addContents(whole, at(values, depth + 1 + below));
    for (const p of this.of(into).direct) {
      for (const symbol of this.paramSymbols.get(p) ?? []) if (symbol !== rootSymbol) this.addContents(symbol, at(values, 1));
    }
  }

  private bindPattern(name: ts.BindingName, reach: Reach): void {
    const { ts } = this;
    if (ts.isIdentifier(name)) { this.bind(name, reach); return; }
    for (const element of name.elements) {
      if (ts.isOmittedExpression(element)) continue;
      // `...rest` is a fresh object or array holding parts; `{ a = p }` may be its default.
      let part = element.dotDotDotToken ? holding(all(reach)) : partOf(reach);
      if (element.initializer) part = either(part, this.of(element.initializer));
      this.bindPattern(element.name, part);
    }
  }

  private collect(node: ts.Node): void {
    const { ts } = this;
    if (ts.isVariableDeclaration(node) && node.initializer) {
      this.bindPattern(node.name, this.of(node.initializer));
      this.parts.notePart(node.name, node.initializer, ts.isIdentifier(node.name) ? 0 : 1);
    }
    // `catch (e)`: what the try block throws, or an error a call in it made around its arguments (`throw new
    // RowError(row)` in `check(row)`, changed in the catch as `e.row.errors.push(…)`: np44's F16).
    else if (ts.isCatchClause(node) && node.variableDeclaration) this.bindPattern(node.variableDeclaration.name, thrownIn(this.ctx, this.values, node.parent.tryBlock));
    else if (ts.isParameter(node) && node.initializer && node.parent !== this.fn) this.bindPattern(node.name, this.of(node.initializer));
    // (`x ??= p[0]`, `x ||= p`, `x &&= p` assign as `=` does, when they assign.)
    else if (ts.isBinaryExpression(node) && isPlainOrLogicalAssignment(ts, node.operatorToken.kind)) {
      this.assign(node.left, this.of(node.right));
      // (`b = a`: what is stored through b from then on is in a's object too.)
      const left = skipParens(ts, node.left);
      if (ts.isIdentifier(left)) this.parts.notePart(left, node.right, 0);
    } else if (ts.isForOfStatement(node) && ts.isVariableDeclarationList(node.initializer)) {
      const reach = partOf(this.of(node.expression));
      for (const d of node.initializer.declarations) { this.bindPattern(d.name, reach); this.parts.notePart(d.name, node.expression, ts.isIdentifier(d.name) ? 1 : 2); }
    } else if (ts.isForOfStatement(node)) {
      // `for (p of xs)`, `for ([a, b] of pairs)`, `for (o.k of xs)`: each element assigned as `=` assigns it.
      this.assign(node.initializer as ts.Expression, partOf(this.of(node.expression)));
    } else if (ts.isCallExpression(node)) {
      this.collectCall(node);
    } else if (ts.isNewExpression(node)) {
      this.collectNew(node);
    }
  }

  /**
   * `target = value` (or what a for…of head assigns): a name gets it (and so does what a replaced name holds
   * afterwards: a later destructuring `[p] = [q]` or `for (p of [q])` brings the caller's object back), a slot
   * stores it, each target of a pattern gets a part of it (a rest: a fresh container of parts), or its default.
   */
  private assign(target: ts.Expression, reach: Reach): void {
    const { ts } = this;
    const left = skipParens(ts, target);
    if (ts.isIdentifier(left)) {
      this.bind(left, reach);
    } else if (ts.isPropertyAccessExpression(left) || ts.isElementAccessExpression(left)) {
      this.store(left.expression, reach);
    } else if (ts.isArrayLiteralExpression(left) || ts.isObjectLiteralExpression(left)) {
      for (const { target: part, rest, defaultValue } of assignmentTargets(ts, left)) {
        let value = rest ? holding(all(reach)) : partOf(reach);
        if (defaultValue) value = either(value, this.of(defaultValue));
        this.assign(part, value);
      }
    }
  }

  private collectCall(call: ts.CallExpression): void {
    const { ts } = this;
    const callee = skipParens(ts, call.expression);
    const args = call.arguments.map((a) => all(this.of(ts.isSpreadElement(a) ? a.expression : a)));
    const receiver = ts.isPropertyAccessExpression(callee) ? all(this.of(callee.expression)) : none;
    const given = union(...args);
    if (given.size === 0 && receiver.size === 0) return; // the common case: nothing of the parameters is involved
    // Callbacks given a parameter (or called on one) may receive it or its parts, as arguments or as `this`.
    const reached = union(receiver, given);
    const initial = this.initialAccumulator(call, callee);
    // A function written in this one and called by name (`visit(r)`, `add(p)`): its parameters get what is passed, so
    // what it stores of them into this function's objects is seen here (np46's F3: `order.push(p)` in a closure).
    const local = this.localFunction(callee);
    // (Argument i binds the parameter after a TypeScript `this` parameter, which takes none: rev61's F4.)
    if (local) local.parameters.forEach((param) => {
      const index = argumentOf(local, param);
      const arg = index >= 0 ? call.arguments[index] : undefined;
      if (arg && !ts.isSpreadElement(arg)) this.bindPattern(param.name, this.of(arg));
      else if (index >= 0 && call.arguments.some((a) => ts.isSpreadElement(a))) this.bindPattern(param.name, { direct: given, contents: at(given, 1) });
    });
    for (const arg of call.arguments) {
      // (Also one handed over by name: `parts.forEach(add)`.)
      const named = this.localFunction(arg);
      for (const fn of named ? [named] : inlineFunctions(ts, arg) as (ts.FunctionDeclaration | ts.ArrowFunction | ts.FunctionExpression)[]) {
        fn.parameters.forEach((param) => {
          const i = argumentOf(fn, param);
          if (i >= 0) this.bindPattern(param.name, initial && i === 0 && arg === call.arguments[0]
            ? either(this.of(initial), ...returnedExpressions(ts, fn).map((e) => this.of(e)))
            : { direct: reached, contents: at(reached, 1) });
        });
        if (!ts.isArrowFunction(fn)) this.addThis(fn, reached);
      }
    }
    // (function () { this… }).call(p, …) / .apply(p) / .bind(p)
    if (ts.isPropertyAccessExpression(callee) && ['call', 'apply', 'bind'].includes(callee.name.text)) {
      const target = skipParens(ts, callee.expression);
      if (ts.isFunctionExpression(target) && call.arguments[0]) this.addThis(target, args[0]);
    }
    // Storing: a method that may keep its arguments in its receiver (push, set, unshift, splice, a library method).
    // (A method with a body keeps what its summary says it keeps: `stores` below.)
    // (Not a known built-in through an alias: `toString.call(v)` keeps v nowhere.)
    const name = builtinName(this.ctx, callee);
    // (`f.call(t, x)`/`f.apply(t, xs)` run f, which keeps nothing in itself when no argument is kept (a callback taken
    // to only read: call-effects.ts).)
    if (given.size > 0 && ts.isPropertyAccessExpression(callee) && !READING_METHODS.has(callee.name.text) && canKeepObjects(this.ctx, callee.expression) &&
      !((callee.name.text === 'call' || callee.name.text === 'apply') && call.arguments.every((_, i) => !this.stores(call, i))) &&
      !(name && (readsItsArguments(name) || writesFirstArgument(name))) && !calledBody(this.ctx, call)) {
      // A built-in's push/set/add/unshift/splice makes its arguments elements; another method may keep parts of them.
      const elements = MUTATING_METHODS.has(callee.name.text) &&
        (isBuiltinMethodCall(this.ctx, call) || isLiteralAccumulator(this.ctx, callee.expression, this.builtinReduce));
      // (`out.push(...row)` stores row's elements, not row.)
      this.store(callee.expression, elements ? either(...call.arguments.map((a) => (ts.isSpreadElement(a) ? partOf(this.of(a.expression)) : this.of(a)))) : given);
    }
    if (name && writesFirstArgument(name) && call.arguments[0]) this.store(call.arguments[0], union(...args.slice(1)));
    // A callee that keeps an argument may keep it in any other argument.
    call.arguments.forEach((arg, index) => {
      if (args[index].size === 0 || !this.stores(call, index)) return;
      call.arguments.forEach((other, j) => { if (j !== index) this.store(ts.isSpreadElement(other) ? other.expression : other, args[index]); });
      if (ts.isPropertyAccessExpression(callee)) this.store(callee.expression, args[index]);
    });
  }

  /** The function `callee` names, when it is written inside this one (a declaration, or a `const` holding an arrow or a function expression). */
  private localFunction(callee: ts.Expression): ts.FunctionDeclaration | ts.ArrowFunction | ts.FunctionExpression | undefined {
    return localFunctionNamed(this.ctx, this.fn, callee);
  }

  /**
   * `xs.reduce((acc, x) => …, init)` of the standard library: the accumulator is the initial value, then what the
   * callback returns, never the receiver or its elements (unless the callback returns one). Without this, the common
   * `list.reduce((acc, x) => { acc[key(x)] = x; return acc }, {})` wrote the list (radash's group, objectify, pick...).
   */
  private initialAccumulator(call: ts.CallExpression, callee: ts.Expression): ts.Expression | undefined {
    const { ts } = this;
    if (!ts.isPropertyAccessExpression(callee) || !/^reduce(Right)?$/.test(callee.name.text) || call.arguments.length < 2 ||
      ts.isSpreadElement(call.arguments[0]) || ts.isSpreadElement(call.arguments[1])) return undefined;
    return isBuiltinMethodCall(this.ctx, call) || this.builtinReduce(call) ? call.arguments[1] : undefined;
  }

  /**
   * `new C(p, (x) => …)`: an inline callback the constructor may call (now, or later through a field it keeps) may
   * receive anything the `new` was given, as for a call (its body is analysed here, so its writes land on that).
   */
  private collectNew(node: ts.NewExpression): void {
    const { ts } = this;
    const args = node.arguments ?? [];
    const given = union(...args.map((a) => all(this.of(ts.isSpreadElement(a) ? a.expression : a))));
    if (given.size === 0) return;
    for (const fn of args.flatMap((arg) => inlineFunctions(ts, arg))) {
      for (const param of fn.parameters) this.bindPattern(param.name, { direct: given, contents: at(given, 1) });
      if (!ts.isArrowFunction(fn)) this.addThis(fn, given);
    }
  }

  private addThis(fn: ts.Node, params: Params): void {
    if (params.size === 0) return;
    let set = this.thisOf.get(fn);
    if (!set) { set = new Set(); this.thisOf.set(fn, set); }
    for (const p of params) if (!set.has(p)) { set.add(p); this.changed = true; }
  }

  private visit(root: ts.Node, action: (node: ts.Node) => void): void {
    const { ts } = this;
    // (One visitor for the whole walk, not a closure made at every node: the walk runs at least twice per function.)
    const visitNode = (node: ts.Node): void => { action(node); ts.forEachChild(node, visitNode); };
    visitNode(root);
  }
}

/** `=`, and `??=`, `||=`, `&&=`: each assigns its right side when it assigns. */
function isPlainOrLogicalAssignment(t: typeof ts, kind: ts.SyntaxKind): boolean {
  return kind === t.SyntaxKind.EqualsToken || kind === t.SyntaxKind.QuestionQuestionEqualsToken ||
    kind === t.SyntaxKind.BarBarEqualsToken || kind === t.SyntaxKind.AmpersandAmpersandEqualsToken;
}
