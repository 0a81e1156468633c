/**
 * Which of a function's parameters an expression may reach, in two ways kept apart:
 * - `direct`: the value may be a parameter itself or a part of it (`p`, `p.x`, `p.subarray(1)`, an element of `p`):
 *   writing into the value writes the parameter;
 * - `contents`: the value is an object that may hold a parameter or a part of one somewhere inside (`[p]`, `{ k: p }`,
 *   `p.slice()` of objects, a Map after `m.set(k, p)`, a closure over `p`): writing the object's own slots does not
 *   write the parameter, but writing into what its slots hold may, and letting the object out lets the parameter out.
 *
 * Contents carry the least depth at which they may sit (`holder.items.push(v)`: v at depth 2 in `holder`), so that
 * `holder.items` (depth 1) is not `v` while `holder.items[0]` may be: a part of a value is directly what the value
 * is, and what it holds at depth 1. Every variable, destructured name, iteration
 * variable, callback parameter and `this` of a callback gets its reach from what is assigned or passed to it, and a
 * container gets contents from what is stored into it (`c[i] = p`, `c.push(p)`, `m.set(k, p)`, `Object.assign(c, …)`,
 * a callee that stores an argument); all computed to a fixpoint over the whole body, nested functions included.
 * Flow-insensitive and erring towards reaching: unknown code's results may be any part of what it was given.
 */
import type * as ts from 'typescript';
import { COPYING_FUNCTIONS, COPYING_METHODS, DEEP_COPYING_FUNCTIONS, READING_METHODS, VIEW_METHODS, writesFirstArgument } from './builtins';
import {
  all, at, either, elementsOf, empty, holding, nest, none, NOTHING, partOf, shallowest, union, type Depths, type Params, type Reach,
} from './reach-values';
import { enclosingThisScope, isArrayBufferLike, prototypeName, returnedExpressions, rootAndDepth, skipParens } from './expressions';
import { boundNames, canKeepObjects, hasPrimitiveElements, isFunctionLike, isPrimitiveNode, qualifiedName, symbolOf, type AnalysisContext, type FunctionLike } from './context';

export const COPYING_CONSTRUCTORS = new Set([
  'Float64Array', 'Float32Array', 'Int8Array', 'Uint8Array', 'Uint8ClampedArray', 'Int16Array', 'Uint16Array', 'Int32Array',
  'Uint32Array', 'BigInt64Array', 'BigUint64Array', 'Map', 'Set', 'Array', 'Date', 'Error', 'TypeError', 'RangeError',
]);

/** Whether a call may keep (store) argument `index` somewhere that outlives it: the caller asks its summaries. */
export type StoresArgument = (call: ts.CallExpression, index: number) => boolean;

export class ReachMap {
  private readonly direct = new Map<ts.Symbol, Set<number>>();
  private readonly contents = new Map<ts.Symbol, Map<number, number>>();
  /** The symbols each parameter is bound to (several for a destructured one). */
  private readonly paramSymbols = new Map<number, ts.Symbol[]>();
  /**
   * A parameter variable given a new value by a top-level statement of the body (`data = data.filter(…)`): from the end
   * of that statement on, it holds only what was assigned to it, not the caller's object.
   */
  private readonly replaced = new Map<ts.Symbol, { readonly from: number; readonly param: number; assigned: Reach }>();
  /** `this` of non-arrow functions given as callbacks (`p.forEach(function () { this… }, p)`) or bound with call/apply/bind. */
  private readonly thisOf = new Map<ts.Node, Set<number>>();
  private changed = false;
  private readonly ts: typeof ts;

  constructor(private readonly ctx: AnalysisContext, private readonly fn: FunctionLike, private readonly stores: StoresArgument) {
    this.ts = ctx.ts;
  }

  /** Bind the parameters to themselves, then follow every assignment and call of the body to a fixpoint. */
  build(): this {
    this.fn.parameters.forEach((param, i) => {
      this.bindPattern(param.name, { direct: new Set([i]), contents: empty });
      this.paramSymbols.set(i, boundNames(this.ctx, param.name).map((n) => symbolOf(this.ctx, n)).filter((x): x is ts.Symbol => x !== undefined));
    });
    const body = this.fn.body;
    if (!body) return this;
    this.findReplacements(body);
    do {
      this.changed = false;
      this.visit(body, (node) => this.collect(node));
      // Defaults may name other parameters: `function f(p, q = p)`.
      for (const param of this.fn.parameters) if (param.initializer) this.bindPattern(param.name, this.of(param.initializer));
    } while (this.changed);
    return this;
  }

  /** What the value of `expr` may reach. */
  of(expr: ts.Expression): Reach {
    const { ts } = this;
    if (isPrimitiveNode(this.ctx, expr)) return NOTHING;
    if (ts.isIdentifier(expr)) return this.ofIdentifier(expr);
    if (expr.kind === ts.SyntaxKind.ThisKeyword) return { direct: this.thisOf.get(enclosingThisScope(ts, expr) as ts.Node) ?? none, contents: empty };
    if (ts.isParenthesizedExpression(expr) || ts.isAsExpression(expr) || ts.isNonNullExpression(expr) ||
      ts.isTypeAssertionExpression(expr) || ts.isSatisfiesExpression(expr) || ts.isAwaitExpression(expr)) {
      return this.of(expr.expression);
    }
    if (ts.isPropertyAccessExpression(expr) || ts.isElementAccessExpression(expr)) return partOf(this.of(expr.expression));
    if (ts.isConditionalExpression(expr)) return either(this.of(expr.whenTrue), this.of(expr.whenFalse));
    if (ts.isBinaryExpression(expr)) {
      const op = expr.operatorToken.kind;
      if (op === ts.SyntaxKind.EqualsToken || op === ts.SyntaxKind.CommaToken) return this.of(expr.right);
      if (op === ts.SyntaxKind.BarBarToken || op === ts.SyntaxKind.AmpersandAmpersandToken || op === ts.SyntaxKind.QuestionQuestionToken) {
        return either(this.of(expr.left), this.of(expr.right));
      }
      return NOTHING;
    }
    if (ts.isArrayLiteralExpression(expr)) {
      // A fresh array: what it holds are the elements (a spread of objects holds the spread array's elements).
      return either(...expr.elements.map((e) => ts.isSpreadElement(e)
        ? (hasPrimitiveElements(this.ctx, e.expression) ? NOTHING : elementsOf(this.of(e.expression)))
        : nest(this.of(e))));
    }
    if (ts.isObjectLiteralExpression(expr)) {
      return either(...expr.properties.map((p) =>
        ts.isPropertyAssignment(p) ? nest(this.of(p.initializer))
          : ts.isShorthandPropertyAssignment(p) ? nest(this.ofSymbol(this.ctx.checker.getShorthandAssignmentValueSymbol(p)))
            : ts.isSpreadAssignment(p) ? elementsOf(this.of(p.expression))
              : holding(this.captured(p)))); // methods and accessors: `{ get g() { return p } }`
    }
    if (ts.isArrowFunction(expr) || ts.isFunctionExpression(expr)) return holding(this.captured(expr));
    if (ts.isCallExpression(expr)) return this.ofCall(expr);
    if (ts.isNewExpression(expr)) {
      const args = expr.arguments ?? [];
      if (ts.isIdentifier(expr.expression) && COPYING_CONSTRUCTORS.has(expr.expression.text)) {
        // new Float64Array(x.buffer) is a view on x's memory, not a copy.
        if (args[0] && isArrayBufferLike(this.ctx, args[0])) return this.of(args[0]);
        return hasPrimitiveElements(this.ctx, expr) ? NOTHING : either(...args.map((a) => elementsOf(this.of(a))));
      }
      const given = union(...args.map((a) => all(this.of(a))));
      return { direct: given, contents: at(given, 1) }; // unknown: may be or hold anything it was given
    }
    return NOTHING;
  }

  /**
   * The parameters `expr` may be itself, not merely a part of: the parameter's own name, a local that only ever holds
   * it, a view of it (`p.subarray(1)`: the same memory). Writing such a value's slots writes the parameter's own slots.
   */
  selfOf(expr: ts.Expression, depth = 0): Params {
    const { ts } = this;
    expr = skipParens(ts, expr);
    if (depth > 8) return none;
    if (ts.isCallExpression(expr) && ts.isPropertyAccessExpression(expr.expression) && VIEW_METHODS.has(expr.expression.name.text)) {
      return this.selfOf(expr.expression.expression, depth + 1);
    }
    if (!ts.isIdentifier(expr)) return none;
    const symbol = symbolOf(this.ctx, expr);
    if (!symbol) return none;
    for (const [p, symbols] of this.paramSymbols) {
      if (symbols.includes(symbol) && !this.replaced.has(symbol) && this.fn.parameters[p].name.kind === ts.SyntaxKind.Identifier) return new Set([p]);
    }
    const declaration = symbol.valueDeclaration;
    if (declaration && ts.isVariableDeclaration(declaration) && ts.isIdentifier(declaration.name) && declaration.initializer &&
      (ts.getCombinedNodeFlags(declaration) & ts.NodeFlags.Const) !== 0) {
      return this.selfOf(declaration.initializer, depth + 1);
    }
    return none;
  }

  /** `all(of(expr))`: what reading into `expr` may reach. */
  allOf(expr: ts.Expression): Params { return all(this.of(expr)); }

  ofSymbol(symbol: ts.Symbol | undefined): Reach {
    if (!symbol) return NOTHING;
    return { direct: this.direct.get(symbol) ?? none, contents: this.contents.get(symbol) ?? empty };
  }

  private ofIdentifier(id: ts.Identifier): Reach {
    const symbol = symbolOf(this.ctx, id);
    const replaced = symbol && this.replaced.get(symbol);
    if (replaced && id.pos >= replaced.from) return replaced.assigned;
    // The function's own `arguments` holds its parameters.
    if (id.text === 'arguments' && symbol && !symbol.valueDeclaration && enclosingThisScope(this.ts, id) === this.fn) {
      return holding(new Set(this.fn.parameters.map((_, i) => i)));
    }
    return this.ofSymbol(symbol);
  }

  private ofCall(call: ts.CallExpression): Reach {
    const { ts } = this;
    const callee = call.expression;
    const reaches = call.arguments.map((a) => this.of(ts.isSpreadElement(a) ? a.expression : a));
    const given = union(...reaches.map(all));
    const name = this.builtinName(callee);
    if (name && DEEP_COPYING_FUNCTIONS.has(name)) return NOTHING;
    if (name && COPYING_FUNCTIONS.has(name)) return hasPrimitiveElements(this.ctx, call) ? NOTHING : either(...reaches.map(elementsOf));
    if (ts.isPropertyAccessExpression(callee)) {
      const method = callee.name.text;
      const receiver = this.of(callee.expression);
      if (VIEW_METHODS.has(method)) return receiver;
      if (COPYING_METHODS.has(method)) {
        if (hasPrimitiveElements(this.ctx, call)) return NOTHING;
        // `xs.map((x) => ({ ...x }))` holds what the callback returns, not the elements themselves.
        const callback = call.arguments[0];
        if ((method === 'map' || method === 'flatMap') && callback && (ts.isArrowFunction(callback) || ts.isFunctionExpression(callback))) {
          const returned = either(...returnedExpressions(ts, callback).map((e) => this.of(e)));
          return method === 'map' ? nest(returned) : elementsOf(returned);
        }
        return either(elementsOf(receiver), ...reaches.map(elementsOf));
      }
      // `m.get(k)`, `l.at(0)`, `it.next()`, a library method: a part of the receiver, or of what it was given.
      return { direct: union(all(receiver), given), contents: shallowest(partOf(receiver).contents, at(given, 1)) };
    }
    return { direct: given, contents: at(given, 1) }; // a function's result may be any part of what it was given
  }

  /**
   * The built-in a callee names, also through a constant alias (`const isArray = Array.isArray`) and as
   * `X.prototype.m.call(…)`/`.apply(…)` (named `X.prototype.m`).
   */
  builtinName(callee: ts.Expression): string | undefined {
    const { ts } = this;
    callee = skipParens(ts, callee);
    if (ts.isIdentifier(callee)) {
      const declaration = symbolOf(this.ctx, callee)?.valueDeclaration;
      if (declaration && ts.isVariableDeclaration(declaration) && declaration.initializer && ts.isIdentifier(declaration.name) &&
        ts.isVariableDeclarationList(declaration.parent) && (declaration.parent.flags & ts.NodeFlags.Const) !== 0) {
        const aliased = skipParens(ts, declaration.initializer);
        if (ts.isPropertyAccessExpression(aliased)) return qualifiedName(ts, aliased) ?? prototypeName(ts, aliased);
      }
    }
    if (ts.isPropertyAccessExpression(callee) && (callee.name.text === 'call' || callee.name.text === 'apply')) {
      const method = skipParens(ts, callee.expression);
      if (ts.isPropertyAccessExpression(method)) return prototypeName(ts, method) ?? this.builtinName(method);
    }
    return qualifiedName(ts, callee);
  }

  /** What a function (or method, accessor) mentions of the parameters: a closure keeps it reachable. */
  private captured(node: ts.Node): Params {
    const found: Params[] = [];
    // Its own parameters and locals are not captured: what a caller gives it is bound where it is called (an inline
    // callback's parameters to what the call gives, collectCall), and what it does with them is in this body.
    const inside = (n: ts.Identifier): boolean => {
      const declaration = symbolOf(this.ctx, n)?.valueDeclaration;
      return declaration !== undefined && declaration !== node && declaration.getSourceFile() === node.getSourceFile() &&
        declaration.pos >= node.pos && declaration.end <= node.end;
    };
    this.visit(node, (n) => { if (this.ts.isIdentifier(n) && !inside(n)) found.push(all(this.ofIdentifier(n))); });
    return union(...found);
  }

  // ── bindings ───────────────────────────────────────────────────────────────────

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
    if (isPrimitiveNode(this.ctx, name)) return;
    const symbol = symbolOf(this.ctx, name);
    if (!symbol) return;
    this.addDirect(symbol, reach.direct);
    this.addContents(symbol, reach.contents);
  }

  /**
   * `values` were stored into a slot of the object `into` is: its root variable holds them one level below `into`
   * (`holder.items.push(v)`: v at depth 2 in holder). When `into` is (part of) a parameter reached through another
   * name, the parameter holds them too, at a depth that is not known: 1.
   */
  private store(into: ts.Expression, values: Params): void {
    if (values.size === 0) return;
    const { root, depth } = rootAndDepth(this.ts, into);
    if (!canKeepObjects(this.ctx, into)) return;
    const rootSymbol = root && symbolOf(this.ctx, root);
    if (rootSymbol) this.addContents(rootSymbol, at(values, depth + 1));
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
    if (ts.isVariableDeclaration(node) && node.initializer) this.bindPattern(node.name, this.of(node.initializer));
    else if (ts.isParameter(node) && node.initializer && node.parent !== this.fn) this.bindPattern(node.name, this.of(node.initializer));
    else if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
      const reach = this.of(node.right);
      const left = skipParens(ts, node.left);
      if (ts.isIdentifier(left)) {
        this.bind(left, reach);
        const replaced = this.replaced.get(symbolOf(this.ctx, left)!);
        if (replaced) replaced.assigned = either(replaced.assigned, reach);
      }
      else if (ts.isPropertyAccessExpression(left) || ts.isElementAccessExpression(left)) this.store(left.expression, all(reach));
      else if (ts.isArrayLiteralExpression(left) || ts.isObjectLiteralExpression(left)) {
        this.visit(left, (n) => {
          if (ts.isIdentifier(n)) this.bind(n, partOf(reach));
          else if (ts.isPropertyAccessExpression(n) || ts.isElementAccessExpression(n)) this.store(n.expression, all(reach));
        });
      }
    } else if (ts.isForOfStatement(node) && ts.isVariableDeclarationList(node.initializer)) {
      const reach = partOf(this.of(node.expression));
      for (const d of node.initializer.declarations) this.bindPattern(d.name, reach);
    } else if (ts.isForOfStatement(node) && ts.isIdentifier(skipParens(ts, node.initializer as ts.Expression))) {
      this.bind(skipParens(ts, node.initializer as ts.Expression) as ts.Identifier, partOf(this.of(node.expression)));
    } else if (ts.isCallExpression(node)) {
      this.collectCall(node);
    }
  }

  /** Parameters replaced by a plain `p = …;` statement at the top of the body, before any nested scope could run it twice. */
  private findReplacements(body: ts.ConciseBody): void {
    const { ts } = this;
    if (!ts.isBlock(body)) return;
    for (const statement of body.statements) {
      if (!ts.isExpressionStatement(statement) || !ts.isBinaryExpression(statement.expression)) continue;
      const { left, operatorToken } = statement.expression;
      if (operatorToken.kind !== ts.SyntaxKind.EqualsToken || !ts.isIdentifier(left)) continue;
      const symbol = symbolOf(this.ctx, left);
      const param = [...this.paramSymbols].find(([, symbols]) => symbol && symbols.includes(symbol))?.[0];
      if (symbol && param !== undefined && !this.replaced.has(symbol)) this.replaced.set(symbol, { from: statement.end, param, assigned: NOTHING });
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
    for (const arg of call.arguments) {
      if (!isFunctionLike(this.ctx, arg) && !ts.isArrowFunction(arg)) continue;
      const fn = arg as FunctionLike;
      for (const param of fn.parameters) this.bindPattern(param.name, { direct: reached, contents: at(reached, 1) });
      if (!ts.isArrowFunction(fn)) this.addThis(fn, reached);
    }
    // (function () { this… }).call(p, …) / .apply(p) / .bind(p)
    if (ts.isPropertyAccessExpression(callee) && ['call', 'apply', 'bind'].includes(callee.name.text)) {
      const target = skipParens(ts, callee.expression);
      if (ts.isFunctionExpression(target) && call.arguments[0]) this.addThis(target, args[0]);
    }
    // Storing: a method that may keep its arguments in its receiver (push, set, unshift, splice, a library method).
    if (given.size > 0 && ts.isPropertyAccessExpression(callee) && !READING_METHODS.has(callee.name.text) && canKeepObjects(this.ctx, callee.expression)) {
      this.store(callee.expression, given);
    }
    const name = this.builtinName(callee);
    if (name && writesFirstArgument(name) && call.arguments[0]) this.store(call.arguments[0], union(...args.slice(1)));
    // A callee that keeps an argument may keep it in any other argument.
    call.arguments.forEach((arg, index) => {
      if (args[index].size === 0 || !this.stores(call, index)) return;
      call.arguments.forEach((other, j) => { if (j !== index) this.store(ts.isSpreadElement(other) ? other.expression : other, args[index]); });
      if (ts.isPropertyAccessExpression(callee)) this.store(callee.expression, args[index]);
    });
  }

  private addThis(fn: ts.Node, params: Params): void {
    if (params.size === 0) return;
    let set = this.thisOf.get(fn);
    if (!set) { set = new Set(); this.thisOf.set(fn, set); }
    for (const p of params) if (!set.has(p)) { set.add(p); this.changed = true; }
  }

  private visit(node: ts.Node, action: (node: ts.Node) => void): void {
    action(node);
    this.ts.forEachChild(node, (child) => this.visit(child, action));
  }
}
