/**
 * The effects one function's analysis has found so far, per parameter, and the small rules for recording them: a
 * write into a value writes what the value directly is (its own slots when it is the parameter itself, deeper
 * otherwise); reading or letting a value out involves everything it reaches; a value stored into another parameter is
 * *kept* there, into a local object dies with the call, anywhere else escapes. Shared by the statement visitor
 * (function-effects.ts) and the call rules (call-effects.ts), which decide *what* happened; this decides how it is
 * written down, first reason first.
 */
import type * as ts from 'typescript';
import { isPrimitiveNode, symbolOf, type AnalysisContext, type FunctionLike } from './context';
import type { ReachMap } from './reach';
import { none, type Params, type Reach } from './reach-values';
import { entryRootAndDepth } from './collection-entries';
import { reasonAt, snippet } from './reason';
import { isNewObjectPart, keptByNewObject } from './parameter-properties';
import { holdInOuter, type OuterHolding, type ParamEffects } from './param-effects';
import { isMadeHere } from './made-here';
import { alternatives, isWrittenIn, skipParens } from './expressions';

/** The function a variable is declared in (undefined at a module's top level): a local of it, which inner functions share. */
function declaringFunction(ctx: AnalysisContext, declaration: ts.Node): ts.Node | undefined {
  for (let n = declaration.parent; n; n = n.parent) if (ctx.ts.isFunctionLike(n)) return n;
  return undefined;
}

/** How parameters were let out (EffectRecorder.escape). */
export interface EscapeHow {
  /** Returned as the function's result only. */
  byReturn?: boolean;
  /** Given to code of unknown effect (ParamEffects.escapedKnown stays unset). */
  toUnknown?: boolean;
  /** Held by a variable of an enclosing function, or by the container it holds (ParamEffects.storedInOuter). */
  into?: { declaration: ts.Declaration; as: OuterHolding };
  /** The parameters of which only elements were let out (ParamEffects.escapedWhole stays unset for them). */
  elementsOf?: Params;
}

export class EffectRecorder {
  readonly effects: ParamEffects[];
  /**
   * Above 0 while the visitor is inside a closure the function only hands back (returned-closures.ts): its writes
   * happen when that closure is called, and are recorded as `writtenLater`.
   */
  later = 0;
  /** Above 0 while recording writes assumed of code of unknown effect (ParamEffects.writtenKnown stays unset). */
  private assumed = 0;
  /** Per parameter (or root), the nodes that write it during the call, in order: what module-writes.ts judges. */
  readonly writes = new Map<number, ts.Node[]>();
  /** Per root (module-writes.ts), the first node that stores a parameter, or a part of one, into it (`REG.push(o)`). */
  readonly parameterStoredIn = new Map<number, ts.Node>();

  constructor(private readonly ctx: AnalysisContext, private readonly fn: FunctionLike, private readonly reach: () => ReachMap, rootCount = 0) {
    this.effects = [...fn.parameters, ...Array(rootCount)].map(() => ({}));
  }

  /** Parameters a write into `expr`'s value writes. */
  written(expr: ts.Expression): Params { return this.reach().of(expr).direct; }

  /** Parameters reading, passing or letting out `expr` reaches. */
  reached(expr: ts.Expression): Params { return this.reach().allOf(expr); }

  write(params: Params, node: ts.Node, text: string): void {
    for (const p of params) this.mark(p, node, text, true);
  }

  /** A write of each of `params`' own slots (`deep`: into what they hold too), as a write of the parameter itself. */
  writeParams(params: Params, node: ts.Node, text: string, deep: boolean): void {
    for (const p of params) this.mark(p, node, text, deep);
  }

  /** `action` records writes only assumed of unknown code (`seen`: the callee's own write was seen, so it is not). */
  assuming(action: () => void, seen = false): void {
    if (seen) { action(); return; }
    this.assumed++;
    try { action(); } finally { this.assumed--; }
  }

  /** A write of parameter `p` (`deep`: into what it holds too), now or, inside a closure handed back, later. */
  private mark(p: number, node: ts.Node, text: string, deep: boolean): void {
    const effect = this.effects[p];
    if (this.assumed === 0) effect.writtenKnown ??= reasonAt(node, text);
    if (this.later > 0) {
      effect.writtenLater ??= reasonAt(node, text);
      if (deep) effect.writtenLaterDeep ??= reasonAt(node, text);
    } else {
      const writes = this.writes.get(p);
      if (!writes) this.writes.set(p, [node]); else if (writes[writes.length - 1] !== node) writes.push(node);
      effect.written ??= reasonAt(node, text);
      if (deep) effect.writtenDeep ??= reasonAt(node, text);
    }
  }

  /** `action` records what happens when a closure this function hands back is called (returned-closures.ts). */
  whenCalledLater(action: () => void): void {
    this.later++;
    try { action(); } finally { this.later--; }
  }

  /**
   * A write into the own slots of `target`'s value (`deep`: into what they hold too): a write of the parameter's own
   * slots when the value is that parameter itself, a deep write of every other parameter it directly reaches.
   */
  writeInto(target: ts.Expression, node: ts.Node, text: string, deep = false): void {
    const params = deep ? this.reached(target) : this.written(target);
    if (params.size === 0) return;
    const self = deep ? undefined : this.reach().selfOf(target);
    for (const p of params) this.mark(p, node, text, !self?.has(p));
  }

  read(params: Params, node: ts.Node, text: string): void {
    for (const p of params) this.effects[p].read ??= reasonAt(node, text);
  }

  /** Handed to a callback taken to only read: the callback's result (and so this function's) may still be it. */
  toCallback(params: Params, node: ts.Node, text: string): void {
    // In a closure handed back (`(data) => dataFirst(data, arg)`), the callback's result is that closure's, not this
    // function's: the closure holds what it was given, as one returning it would (remeda's data-last functions, whose
    // `dataLast.lazy = lazy` wrote `arg` when the result was taken to be it).
    if (this.later > 0) { this.inFunction(params, node, text); return; }
    for (const p of params) this.effects[p].toCallback ??= reasonAt(node, text);
  }

  /** A let-out of parameters (ParamEffects.escaped and its refinements), how it happened. */
  escape(params: Params, node: ts.Node, text: string, how: EscapeHow = {}): void {
    for (const p of params) {
      const effect = this.effects[p];
      effect.escaped ??= reasonAt(node, text);
      if (how.byReturn) continue;
      effect.escapedOtherwise ??= reasonAt(node, text);
      if (!how.toUnknown) effect.escapedKnown ??= reasonAt(node, text);
      if (how.into) holdInOuter(effect.storedInOuter ??= new Map(), how.into.declaration, how.into.as);
      else effect.escapedBeyondOuter ??= reasonAt(node, text);
      if (!how.elementsOf?.has(p)) effect.escapedWhole ??= reasonAt(node, text);
    }
  }

  /**
   * The parameters of which `value` is only an element (`p[i]` by a number, of a parameter's own name or view): what it
   * lets out of them is an element, never the object or a property such as `.buffer`.
   */
  elementsIn(value: ts.Expression | undefined): Params {
    const { ts } = this.ctx;
    const read = value && skipParens(ts, value);
    // (By a number: a string key may name a part that is no element, `p['buffer']`, `p[k]` with k = 'buffer'.)
    if (!read || !ts.isElementAccessExpression(read) ||
      !(this.ctx.checker.getTypeAtLocation(read.argumentExpression).flags & ts.TypeFlags.NumberLike)) return none;
    return this.reach().selfOf(read.expression);
  }

  /** Held by a function value (see ParamEffects.inFunction): let out, where a caller's reach still follows it. */
  inFunction(params: Params, node: ts.Node, text: string): void {
    for (const p of params) {
      this.effects[p].escaped ??= reasonAt(node, text);
      this.effects[p].inFunction ??= reasonAt(node, text);
    }
  }

  /**
   * What a callee lets out of what it is given, as it lets it out (`callee`: how the reason names it). `byName`: the
   * callee is a function written in this one, called or handed over by its name, whose parameters this function's
   * reach binds (reach-flow.ts): what it only stores in this function's fresh locals stays here (np46's
   * min-closure-push: a `visit` pushing a tree's nodes into the task's `order` had the task let its parameter out).
   */
  letOut(params: Params, node: ts.Node, effect: ParamEffects, callee: string, byName = false, value?: ts.Expression): void {
    const text = effect.escapedOtherwise && `passed to ${callee}, where it escapes: ${(effect.escapedKnown ?? effect.escapedOtherwise).text}`;
    // (`value`: the argument, given whole: a callee letting out only its elements lets out those of the argument's own
    // parameter; one letting out all it was given, of `p[i]`, lets out an element of p.)
    const elementsOf = !value ? none : effect.escapedWhole ? this.elementsIn(value) : this.reach().selfOf(value);
    if (text && byName && effect.storedInOuter && !effect.escapedBeyondOuter) {
      for (const [declaration, as] of effect.storedInOuter) {
        // (What it assigns to a variable of this function, or stores into a container made here, dies with the call.)
        if (this.isLocal(declaration) && (as === 'variable' || this.isFreshLocal(declaration))) continue;
        this.escape(params, node, text, { elementsOf, into: this.isOuter(declaration) ? { declaration, as } : undefined });
      }
    } else if (text) this.escape(params, node, text, { toUnknown: !effect.escapedKnown, elementsOf });
    if (effect.inFunction) this.inFunction(params, node, `passed to ${callee}, where a function holds it: ${effect.inFunction.text}`);
  }

  /** Returned as the function's result: let out (by return), at the least depth it sits at in the result. */
  returned(reach: Reach, node: ts.Node, text: string): void {
    const depths = new Map<number, number>(reach.contents);
    for (const p of reach.direct) depths.set(p, 0);
    this.escape(new Set(depths.keys()), node, text, { byReturn: true });
    for (const [p, d] of depths) if (d < (this.effects[p].returnedAt ?? Infinity)) this.effects[p].returnedAt = d;
  }

  /**
   * `values` were stored into the object `into` is: kept by a parameter when it is (part of) one, gone with the call
   * when it is a local object, and out of sight when it belongs to the module or an outer function.
   */
  stored(into: ts.Expression, values: Params, node: ts.Node, value?: ts.Expression): void {
    // (A number or a literal holds nothing: fast-json-patch's `applyOperation(document, op, validate, true, …)`, whose
    // callee may keep `document` in another argument, let it out into `true`, np47's p02.)
    if (values.size === 0 || isPrimitiveNode(this.ctx, into)) return;
    // (Into whichever of two it picks, `(o.amount < 30 ? small : big).push(o)`: into each: np48's min-nested-letout.)
    const picked = alternatives(this.ctx.ts, into);
    if (picked.length > 1) { for (const e of picked) this.stored(e, values, node, value); return; }
    const holders = this.written(into);
    if (holders.size > 0) {
      for (const p of values) if (!holders.has(p)) this.effects[p].kept ??= reasonAt(node, `kept in \`${snippet(into)}\`: \`${snippet(node)}\``);
      const own = this.fn.parameters.length;
      for (const h of holders) if (h >= own && [...values].some((p) => p < own) && !this.parameterStoredIn.has(h)) this.parameterStoredIn.set(h, node);
      return;
    }
    // (`this.less = less` in a constructor: in the new object, which the caller's reach follows.)
    if (isNewObjectPart(this.ctx, this.fn, into)) { keptByNewObject(this, values, node, `kept by the new object: \`${snippet(node)}\``); return; }
    // (`new Array(n).fill(v)`, `new Map().set(k, v)`, `[].push(v)`: a container made right there, which holds v where
    // its value goes (reach.ts follows a built-in's receiver handed back) or is dropped with it.)
    if (isMadeHere(this.ctx, into)) return;
    // (`m.get(k)!.push(v)` of a local Map: an entry of it, where the reach flow follows v: collection-entries.ts.)
    const { root, depth } = entryRootAndDepth(this.ctx, into);
    if (root && this.isLocal(root) && !this.runsCodeOnStore(into, root)) return;
    // (Into the variable's own container only, `order.push(p)`: `order[0].push(p)` stores into whatever its part is.)
    const declaration = root && depth === 0 ? symbolOf(this.ctx, root)?.valueDeclaration : undefined;
    const outer = declaration && this.ctx.ts.isVariableDeclaration(declaration) && declaringFunction(this.ctx, declaration) ? declaration : undefined;
    this.escape(values, node, `stored outside the function: \`${snippet(node)}\``, { into: outer && { declaration: outer, as: 'contents' }, elementsOf: this.elementsIn(value) });
  }

  /**
   * `values` were assigned to the variable `name`: a local of this function names them, one of an enclosing function
   * holds them where that function's reach follows them (`top = [...top, o]` in a helper of a task: np48's
   * min-nested-letout), and one of the module lets them out.
   */
  assigned(name: ts.Identifier, values: Params, node: ts.Node): void {
    if (values.size === 0 || this.isLocal(name)) return;
    const declaration = symbolOf(this.ctx, name)?.valueDeclaration;
    const into = declaration && this.ctx.ts.isVariableDeclaration(declaration) && this.isOuter(declaration) ? declaration : undefined;
    this.escape(values, node, `stored outside the function: \`${snippet(node)}\``, { into: into && { declaration: into, as: 'variable' } });
  }

  /** Declared inside this function (so a reference stored there dies with the call). */
  isLocal(id: ts.Identifier | ts.Declaration): boolean {
    const declaration = this.ctx.ts.isIdentifier(id) ? symbolOf(this.ctx, id)?.valueDeclaration : id;
    for (let n: ts.Node | undefined = declaration; n; n = n.parent) if (n === this.fn) return true;
    return false;
  }

  /**
   * A store into `into` may run code that puts the value elsewhere, which the reach does not follow (np48's F1): `into`
   * is what a getter of the program hands out (`sel.list.push(p)` with `get list() { return picked; }`), an object with
   * a setter of the program (`Reflect.set(box, 'cur', p)`), or a local Proxy (`px.push(p)`, whose trap stores into its
   * target).
   */
  private runsCodeOnStore(into: ts.Expression, root: ts.Identifier): boolean {
    const { ts, checker } = this.ctx;
    const accessor = (symbol: ts.Symbol | undefined, kind: (d: ts.Node) => boolean): boolean =>
      (symbol?.declarations ?? []).some((d) => kind(d) && (d as ts.AccessorDeclaration).body !== undefined);
    for (let e = skipParens(ts, into); ts.isPropertyAccessExpression(e) || ts.isElementAccessExpression(e) || ts.isCallExpression(e); e = skipParens(ts, e.expression)) {
      if (ts.isPropertyAccessExpression(e) && accessor(checker.getSymbolAtLocation(e.name), ts.isGetAccessorDeclaration)) return true;
    }
    if (checker.getTypeAtLocation(into).getProperties().some((p) => accessor(p, ts.isSetAccessorDeclaration))) return true;
    const declaration = symbolOf(this.ctx, root)?.valueDeclaration;
    const made = declaration && ts.isVariableDeclaration(declaration) && declaration.initializer ? skipParens(ts, declaration.initializer) : undefined;
    return made !== undefined && ts.isNewExpression(made) && ts.isIdentifier(made.expression) && made.expression.text === 'Proxy';
  }

  /** A variable of a function enclosing this one. */
  private isOuter(declaration: ts.Declaration): boolean {
    const owner = declaringFunction(this.ctx, declaration);
    return owner !== undefined && isWrittenIn(owner, this.fn);
  }

  /** A constant of this function holding a container made here (`const order: Part[] = []`), never a parameter's object. */
  private isFreshLocal(declaration: ts.Declaration): boolean {
    const { ts } = this.ctx;
    return ts.isVariableDeclaration(declaration) && ts.isIdentifier(declaration.name) && declaration.initializer !== undefined &&
      declaringFunction(this.ctx, declaration) === this.fn && (ts.getCombinedNodeFlags(declaration) & ts.NodeFlags.Const) !== 0 &&
      isMadeHere(this.ctx, declaration.initializer);
  }
}
