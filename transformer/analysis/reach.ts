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
import { entryDepth } from './collection-entries';
import { RECEIVER, type Root } from './reach-flow';
import { COPYING_FUNCTIONS, COPYING_METHODS, DEEP_COPYING_FUNCTIONS, STORED_AND_RETURNED, VIEW_METHODS } from './builtins';
import { BUFFER_FROM, isNodeReadOnly, nodeReceiverChange } from './node-builtins';
import {
  all, at, either, elementsOf, empty, flattened, holding, isEmpty, nest, none, NOTHING, partOf, shallowest, union, type Depths, type Params, type Reach,
} from './reach-values';
import { enclosingThisScope, isArrayBufferLike, isWrittenIn, programConstructor, returnedExpressions, returnsOtherObject, rootIdentifier, skipParens } from './expressions';
import { builtinName, COPYING_CONSTRUCTORS, isBuiltinMethodCall } from './builtin-callees';
import { ReachFlow, type ReturnsArgument, type RunsBuiltinReduce, type StoresArgument } from './reach-flow';
import { namesMayReach, reachesNothing, readsNamesOnly } from './reach-shapes';
import { fluentReceiver } from './fluent';
import { CalleeReturns } from './callee-returns';
import { freshResult } from './fresh-results';
import { calledFunction, hasPrimitiveElements, hasPrimitiveProperties, isPrimitiveNode, isTypedArrayType, symbolOf, type AnalysisContext, type FunctionLike } from './context';

export type { ReturnsArgument, StoresArgument } from './reach-flow';

const isUntyped = (ctx: AnalysisContext, expr: ts.Expression): boolean => (ctx.checker.getTypeAtLocation(expr).flags & ctx.ts.TypeFlags.Any) !== 0;

export class ReachMap {
  private readonly flow: ReachFlow;
  private readonly ts: typeof ts;
  /** Nested function declarations whose captures are being gathered (nestedDeclaration). */
  private readonly capturing = new Set<ts.Node>();
  private readonly calleeReturns: CalleeReturns;

  /**
   * `returnsArgument(call, index)`: how deep the call's result may hold (a part of) argument `index` (0: the result may
   * be it; undefined: the result holds nothing of it). A function of the
   * program answers by its summary (a parameter it never lets out or hands to a callback is not in its result:
   * `splitAccessPath(field)` is a fresh array, not `field`); anything else may return what it was given. For a `new`
   * of the program's constructor: whether (not undefined) the new object may hold argument `index` (the constructor keeps it).
   */
  constructor(private readonly ctx: AnalysisContext, private readonly fn: FunctionLike, stores: StoresArgument,
    private readonly returnsArgument: ReturnsArgument = () => 0, builtinReduce?: RunsBuiltinReduce, private readonly roots: readonly Root[] = []) {
    this.ts = ctx.ts;
    this.flow = new ReachFlow(ctx, fn, stores, this, builtinReduce, roots);
    this.calleeReturns = new CalleeReturns(ctx, fn, (e) => this.of(e));
  }

  /** Bind the parameters to themselves, then follow every assignment and call of the body to a fixpoint (reach-flow.ts). */
  build(): this {
    this.flow.build();
    return this;
  }

  /** What the value of `expr` may reach. */
  of(expr: ts.Expression): Reach {
    const { ts } = this;
    // A name that reaches nothing needs no type (asking the checker for one is what costs): most locals are counters.
    // So do `a + b` and literals, and parts of names reaching nothing (reach-shapes.ts).
    if (ts.isIdentifier(expr)) return this.unlessPrimitive(expr, this.ofIdentifier(expr));
    if (reachesNothing(ts, expr)) return NOTHING;
    if (readsNamesOnly(ts, expr) && (ts.isPropertyAccessExpression(expr) || ts.isElementAccessExpression(expr))) {
      // (A part's type first: `view.length`, `p.x`, `v[i]` of numbers need none asked of `view`, `p`, `v`. Not a
      // choice's, `c ? v[i] : 0`: its type is its branches' and its condition's, dearer than asking each branch.)
      const reaches = (e: ts.Expression) => !isEmpty(ts.isIdentifier(e) ? this.ofIdentifier(e) : this.ofShape(e));
      if (!namesMayReach(ts, expr, reaches) || isPrimitiveNode(this.ctx, expr)) return NOTHING;
      const reach = this.ofShape(expr);
      return isEmpty(reach) ? NOTHING : reach;
    }
    if (readsNamesOnly(ts, expr)) return this.unlessPrimitive(expr, this.ofShape(expr));
    return isPrimitiveNode(this.ctx, expr) ? NOTHING : this.ofShape(expr);
  }

  /** `reach`, unless it is empty or `expr` holds a primitive (asked only then). */
  private unlessPrimitive(expr: ts.Expression, reach: Reach): Reach {
    return isEmpty(reach) || isPrimitiveNode(this.ctx, expr) ? NOTHING : reach;
  }

  /** What `expr` may reach by its shape, if its value is an object. */
  private ofShape(expr: ts.Expression): Reach {
    const { ts } = this;
    if (expr.kind === ts.SyntaxKind.ThisKeyword) return { direct: this.flow.thisOf.get(enclosingThisScope(ts, expr) as ts.Node) ?? none, contents: empty };
    if (ts.isParenthesizedExpression(expr) || ts.isAsExpression(expr) || ts.isNonNullExpression(expr) ||
      ts.isTypeAssertionExpression(expr) || ts.isSatisfiesExpression(expr) || ts.isAwaitExpression(expr)) {
      return this.of(expr.expression);
    }
    // An untyped `x.length` (JavaScript) is taken to be a count, as it is for arrays, strings and functions: `new
    // Array(colors.length)` holds nothing of `colors`.
    if (ts.isPropertyAccessExpression(expr) && expr.name.text === 'length' && isUntyped(this.ctx, expr)) return NOTHING;
    if (ts.isPropertyAccessExpression(expr) || ts.isElementAccessExpression(expr)) return partOf(this.of(expr.expression));
    if (ts.isConditionalExpression(expr)) return either(this.of(expr.whenTrue), this.of(expr.whenFalse));
    if (ts.isBinaryExpression(expr)) {
      const op = expr.operatorToken.kind;
      // (`groups.set(k, (g = []))` stores the object `g` names from then on: what is stored through `g` is in it.)
      if (op === ts.SyntaxKind.EqualsToken && ts.isIdentifier(expr.left)) {
        const named = symbolOf(this.ctx, expr.left);
        return either(this.of(expr.right), { direct: none, contents: (named && this.flow.contents.get(named)) ?? empty });
      }
      if (op === ts.SyntaxKind.EqualsToken || op === ts.SyntaxKind.CommaToken) return this.of(expr.right);
      // (`cache ??= new Map()` too: the old value, or the new one put in.)
      if (op === ts.SyntaxKind.BarBarToken || op === ts.SyntaxKind.AmpersandAmpersandToken || op === ts.SyntaxKind.QuestionQuestionToken ||
        op === ts.SyntaxKind.BarBarEqualsToken || op === ts.SyntaxKind.AmpersandAmpersandEqualsToken || op === ts.SyntaxKind.QuestionQuestionEqualsToken) {
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
            : ts.isSpreadAssignment(p) ? (hasPrimitiveProperties(this.ctx, p.expression) ? NOTHING : elementsOf(this.of(p.expression)))
              : holding(this.captured(p)))); // methods and accessors: `{ get g() { return p } }`
    }
    if (ts.isArrowFunction(expr) || ts.isFunctionExpression(expr)) return holding(this.captured(expr));
    if (ts.isCallExpression(expr)) return this.ofCall(expr);
    if (ts.isNewExpression(expr)) {
      const args = expr.arguments ?? [];
      if (ts.isIdentifier(expr.expression) && COPYING_CONSTRUCTORS.has(expr.expression.text)) {
        // new Float64Array(x.buffer) is a view on x's memory, not a copy.
        if (args[0] && isArrayBufferLike(this.ctx, args[0])) return this.of(args[0]);
        if (hasPrimitiveElements(this.ctx, expr)) return NOTHING;
        // (A Map holds its pairs' keys and values one level down, as its entries: `new Map([['k', p]]).get('k')` is p.)
        const pairs = expr.expression.text === 'Map' || expr.expression.text === 'WeakMap';
        return either(...args.map((a) => (pairs ? nest(partOf(partOf(this.of(a)))) : elementsOf(this.of(a)))));
      }
      const given = union(...args.map((a) => all(this.of(a))));
      // A class written in this function holds what its fields and methods name of it (`class Ref { target = b }`:
      // `new Ref().target` is b, np45's F4), as a closure does.
      const callee = skipParens(ts, expr.expression);
      // (Only a class: a function written here and called with `new` keeps what its summary says, below.)
      const declared = ts.isIdentifier(callee) ? symbolOf(this.ctx, callee)?.valueDeclaration : undefined;
      const local = ts.isClassExpression(callee) ? this.nestedDeclaration(callee)
        : declared && !ts.isFunctionDeclaration(declared) ? this.nestedDeclaration(declared, true) : undefined;
      if (local) return holding(union(given, all(local)));
      // The program's own constructor makes a fresh object, which may hold what it was given but is none of it; only
      // what the constructor keeps (`this.v = v`, not `this.r = +r`) is in it.
      const constructor = programConstructor(this.ctx, expr);
      if (constructor && !returnsOtherObject(ts, constructor)) {
        const spread = args.some((a) => ts.isSpreadElement(a));
        return holding(spread ? given : union(...args.map((a, i) => (this.returnsArgument(expr, i) !== undefined ? all(this.of(a)) : none))));
      }
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
    for (const [p, symbols] of this.flow.paramSymbols) {
      // (Before a replacement, `values.pop()` in `cross(...values)`, the name is still the parameter.)
      if (symbols.includes(symbol) && !this.flow.replacedAt(symbol, expr) &&
        (this.fn.parameters[p]?.name.kind ?? ts.SyntaxKind.Identifier) === ts.SyntaxKind.Identifier) return new Set([p]);
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
    return { direct: this.flow.direct.get(symbol) ?? none, contents: this.flow.contents.get(symbol) ?? empty };
  }

  private ofIdentifier(id: ts.Identifier): Reach {
    const symbol = symbolOf(this.ctx, id);
    // A replaced name is only what was assigned to it (replacements.ts), but what was stored through the name since
    // (`g = []; groups.set(k, g); g.push(it)`) is in that new object: the name's contents stay (np45's F1).
    const replaced = symbol && this.flow.replacedAt(symbol, id);
    if (replaced) return { direct: replaced.direct, contents: shallowest(replaced.contents, this.flow.contents.get(symbol) ?? empty) };
    // The function's own `arguments` holds its parameters.
    if (id.text === 'arguments' && symbol && !symbol.valueDeclaration && enclosingThisScope(this.ts, id) === this.fn) {
      return holding(new Set(this.fn.parameters.map((_, i) => i)));
    }
    // (And what was stored on a class written here, `L.s = b`; not a function's `F.prototype = parent`, which the
    // objects `new F()` makes only inherit.)
    const declaration = symbol?.valueDeclaration;
    const nested = this.nestedDeclaration(declaration, true);
    if (!nested) return this.ofSymbol(symbol);
    return declaration && this.ts.isFunctionDeclaration(declaration) ? nested : either(nested, this.ofSymbol(symbol));
  }

  private ofCall(call: ts.CallExpression): Reach {
    const { ts } = this;
    const callee = call.expression;
    const reaches = call.arguments.map((a) => this.of(ts.isSpreadElement(a) ? a.expression : a));
    const given = union(...reaches.map(all));
    const name = this.builtinName(callee);
    if (name && (DEEP_COPYING_FUNCTIONS.has(name) || isNodeReadOnly(name) || nodeReceiverChange(name) === 'fresh')) return NOTHING;
    // `hash.update(buf)` hands back the hash.
    if (name && nodeReceiverChange(name) === 'receiver' && ts.isPropertyAccessExpression(callee)) return this.of(callee.expression);
    // (`Buffer.from(ab)` views ab's memory; from a string, an array or a typed array it copies. Anything else, `any`
    // or a type parameter too, may be an ArrayBuffer at run time.)
    if (name === BUFFER_FROM) {
      const source = call.arguments[0];
      return source && !ts.isSpreadElement(source) && !copiedByBufferFrom(this.ctx, source) ? this.of(source) : NOTHING;
    }
    if (name && COPYING_FUNCTIONS.has(name)) {
      if (hasPrimitiveElements(this.ctx, call)) return NOTHING;
      return name === 'Object.fromEntries' ? flattened(...reaches) : either(...reaches.map(elementsOf));
    }
    const fresh = freshResult(this.ctx, call, name, reaches);
    if (fresh) return fresh;
    if (ts.isPropertyAccessExpression(callee)) {
      // `dist.min(min)`: a method handing back its object (fluent.ts) gives the receiver itself.
      const same = fluentReceiver(this.ctx, call);
      if (same) return this.of(same);
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
        // (`flat` and `concat` also lift the elements of arrays among the elements or arguments into their own slots.)
        if (method === 'flat' || method === 'concat') return flattened(receiver, ...reaches);
        return either(elementsOf(receiver), ...reaches.map(elementsOf));
      }
      // `m.get(k)`, `l.at(0)`, `it.next()`, a library method: a part of the receiver, or of what it was given (unless
      // the method is known to hand back none of its arguments: a built-in's lookup, a method whose summary says so).
      // (`m.get(k)`, `xs.at(i)` of the language's collections: what it holds one level down; `m.set(k, v)`: the Map
      // itself: collection-entries.ts.)
      // `new Array(n).fill(p)`, `new Map().set(k, v)`: the receiver handed back holds what it was just given, also when
      // it has no name the flow could store that into (np46's min-fill-obj: a write through it was not seen).
      if (STORED_AND_RETURNED.has(method) && isBuiltinMethodCall(this.ctx, call)) {
        return { direct: receiver.direct, contents: shallowest(receiver.contents, at(method === 'fill' ? all(reaches[0] ?? NOTHING) : given, 1)) };
      }
      const entry = entryDepth(this.ctx, call);
      if (entry !== undefined) return entry === 1 ? partOf(receiver) : receiver;
      const passed = this.resultOf(call, reaches, given);
      // (A method of the program that lets no part of its object out hands back none of it: `l.values()`.)
      if (this.returnsArgument(call, RECEIVER) === undefined) return passed;
      return { direct: union(all(receiver), passed.direct), contents: shallowest(partOf(receiver).contents, passed.contents) };
    }
    // A function's result may be any part of what it was given, unless its summary says an argument stays out of it;
    // and what the function value itself holds, where it may return that (callee-returns.ts): a closure may return what
    // it captured (`const g = () => p; g().k = 1`, `mk(p)()` where mk returns `() => o`), a callback the caller made
    // over its own data (`cb().k = 1` writes what the caller's `() => q` returns, so it writes cb).
    const passed = this.resultOf(call, reaches, given);
    const held = union(this.calleeReturns.held(callee), this.rootsReturnedBy(call));
    return held.size === 0 ? passed : { direct: union(held, passed.direct), contents: passed.contents };
  }

  /** A helper handing back (a part of) a module object followed as a root: `const s = state(); s.n++` writes it. */
  private rootsReturnedBy(call: ts.CallExpression): Params {
    const target = this.roots.length > 0 ? calledFunction(this.ctx, call) : undefined;
    if (!target) return none;
    const found = new Set<number>();
    for (const returned of returnedExpressions(this.ts, target)) {
      const root = rootIdentifier(this.ts, returned);
      const index = root ? this.roots.indexOf(symbolOf(this.ctx, root)!) : -1;
      if (index >= 0) found.add(this.fn.parameters.length + index);
    }
    return found;
  }


  /**
   * A function declared in this one (`function get() { return p; }`) is a closure over what it mentions, as a
   * function expression is: naming it reaches that (calling it, returning it, handing it on). Each declaration is
   * followed once per question (`walk` calling itself, two calling each other).
   */
  private nestedDeclaration(declaration: ts.Node | undefined, classes = false): Reach | undefined {
    const { ts } = this;
    // (A class written here, `class Ref { target = b }` or `const Ref = class { … }`, when asked: its fields, static
    // fields and methods hold what they name.)
    if (classes && declaration && ts.isVariableDeclaration(declaration) && declaration.initializer && ts.isClassExpression(skipParens(ts, declaration.initializer))) {
      declaration = skipParens(ts, declaration.initializer);
    }
    const written = declaration !== undefined && (ts.isFunctionDeclaration(declaration) ? declaration.body !== undefined
      : ts.isClassExpression(declaration) || (classes && ts.isClassDeclaration(declaration)));
    if (!declaration || !written || !isWrittenIn(this.fn, declaration)) return undefined;
    if (this.capturing.has(declaration)) return NOTHING;
    this.capturing.add(declaration);
    try { return holding(this.captured(declaration)); } finally { this.capturing.delete(declaration); }
  }

  /**
   * What of its arguments a call's result may be or hold: each argument as deep as the callee may return it (its
   * summary: `return [[p[0]]]` holds p two levels down), everything it was given when there is a spread argument.
   */
  private resultOf(call: ts.CallExpression, reaches: readonly Reach[], given: Params): Reach {
    const spread = call.arguments.some((a) => this.ts.isSpreadElement(a));
    if (spread) return { direct: given, contents: at(given, 1) };
    const direct: Params[] = [];
    const deeper: Depths[] = [];
    reaches.forEach((r, i) => {
      const depth = this.returnsArgument(call, i);
      if (depth === 0) direct.push(all(r));
      else if (depth !== undefined) deeper.push(at(all(r), depth));
    });
    const returned = union(...direct);
    return { direct: returned, contents: shallowest(at(returned, 1), ...deeper) };
  }

  /** The built-in a callee names (builtin-callees.ts). */
  builtinName(callee: ts.Expression): string | undefined { return builtinName(this.ctx, callee); }

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

  private visit(node: ts.Node, action: (node: ts.Node) => void): void {
    action(node);
    this.ts.forEachChild(node, (child) => this.visit(child, action));
  }
}

/** `Buffer.from(x)` copies x: every type it may have is a string, an array or a typed array (a Buffer too). */
function copiedByBufferFrom(ctx: AnalysisContext, source: ts.Expression): boolean {
  const type = ctx.checker.getTypeAtLocation(source);
  return (type.isUnion() ? type.types : [type]).every((t) => (t.flags & ctx.ts.TypeFlags.StringLike) !== 0 ||
    ctx.checker.isArrayType(t) || ctx.checker.isTupleType(t) || isTypedArrayType(ctx, t) || t.getSymbol()?.getName() === 'Buffer');
}
