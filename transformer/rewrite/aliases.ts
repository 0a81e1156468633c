/**
 * Second names for a followed object, made in plain sight: `const view = a`, a typed array's view
 * `const w = a.subarray(0, n)`, the loop variable of `for (const m of [A, B, C])`, and names rebound to one
 * another: ping-pong buffers (`let cur = a, next = b; …; const t = cur; cur = next; next = t`), swaps
 * (`[p, q] = [q, p]`) and `x = xn`, parts taken by property (`const data = grid.data`) and, of an object passed whole
 * to tasks, by element (`const row = m[0]`, `for (const r of m)`, `groups.get(k)`), and records made of them
 * (`const holder = { a, b: c }`, a holder: a wait on it walks its fields, `waitWithin`).
 *
 * Such a name does not hide the object from the planner: it is one more set of references to wait at. Names that
 * may denote the same object (or, for views, the same memory) form a group, a union-find over symbols; the planner
 * follows a group as one object, and gives up on the members that may hold what an escaping member may hold
 * (sharingObjectWith). Waits are dynamic and keyed by the
 * object the name holds at run time, and the runtime finds a view's pending writes by the buffer bytes it covers, so a
 * wait on any member is exact.
 */
import type * as ts from 'typescript';
import { VIEW_METHODS } from '../analysis/builtins';
import { isArrayLikeType, isPrimitiveNode, isTypedArrayType, symbolOf, type AnalysisContext } from '../analysis/context';
import { isChoice, skipTransparent } from './syntax';
import { isKeepingMethod, isLibrary } from './library-uses';
import { isFresh, RETURNS_RECEIVER } from './fresh';
import { nameSource } from './name-sources';
import type { OuterStore } from './outer-stores';
import { SymbolUnion } from './symbol-union';
import { literalFieldNames, mapGetReceiver, StoredValues } from './stored-values';
import { elementsCopiedFrom } from './element-copies';

/** `??=`, `||=`, `&&=` (by their kinds: a kind's name may be an alias, `LastAssignment`). */
const isLogicalAssignment = (t: typeof ts, kind: ts.SyntaxKind): boolean =>
  kind === t.SyntaxKind.QuestionQuestionEqualsToken || kind === t.SyntaxKind.BarBarEqualsToken || kind === t.SyntaxKind.AmpersandAmpersandEqualsToken;

/** `b` of `tmp = b`: the value an assignment chain gives. */
function innermostValue(t: typeof ts, value: ts.Expression): ts.Expression {
  let e = skipTransparent(t, value);
  while (t.isBinaryExpression(e) && e.operatorToken.kind === t.SyntaxKind.EqualsToken) e = skipTransparent(t, e.right);
  return e;
}


/** `[a, b] = …`, `({ x } = …)`: the left side of a destructuring assignment. */
function isAssignmentPattern(t: typeof ts, node: ts.Expression): boolean {
  const inner = skipTransparent(t, node);
  return t.isArrayLiteralExpression(inner) || t.isObjectLiteralExpression(inner);
}

/** What the groups need to know of the file and its tasks (plan.ts gives FileFacts' answers). */
export interface AliasFacts {
  isFileLocal(id: ts.Identifier): boolean;
  /** The argument a task call hands back as its value (`const r = scaleRet(a, 2)`: r is a), if it may. */
  returnedArgument(value: ts.Expression): ts.Expression | undefined;
  /** The arguments a task call's value may hold (`const r = run(cfg)`, run returning `{ config: cfg }`): r holds cfg. */
  heldArguments(value: ts.Expression): readonly ts.Expression[];
  /** The file's declarations, `=` assignments and calls in source order, if known (file-facts.ts): no walk of its own. */
  readonly nodes?: readonly ts.Node[];
  /**
   * The variable is passed whole to a task call of this file (and holds no task's value): its elements taken out
   * by name (`const row = m[0]`, `for (const r of m)`) are parts of it, followed with it. Elsewhere an element is a
   * container's block (container-families.ts), or an element of an array of Futures (gathering-arrays.ts).
   */
  passedWhole(symbol: ts.Symbol): boolean;
  /** The array is given task values (gathering-arrays.ts): Futures or blocks, not parts of what it is put in. */
  gathersTaskValues(symbol: ts.Symbol): boolean;
  /** What a call of a function of the program stores of an argument into variables seen at the call (outer-stores.ts). */
  outerStores(call: ts.CallExpression, arg: ts.Expression): { stores: readonly OuterStore[]; onlyThere: boolean } | undefined;
  /** The call is a task's (its value comes from a worker: a fresh object, but for the arguments it may hold). */
  isTaskCall(call: ts.CallExpression): boolean;
  /** The value is an object made right there that nothing else names (the plan's isFresh: a literal of names used once too). */
  isFresh(value: ts.Expression): boolean;
}

export class AliasGroups {
  /** Names that may denote the same object, grouped (symbol-union.ts). */
  private readonly names = new SymbolUnion();
  /** References that only hand their object to another name (`a` in `const view = a`, `next` in `cur = next`). */
  private readonly sources = new Set<ts.Identifier>();
  /**
   * References whose object's part another name takes (`job` in `const r = job.res`): the part is read there, so
   * that reference waits for the tasks writing the object (a task may have put another object in that field).
   */
  private readonly partSources = new Set<ts.Identifier>();
  /**
   * Those of them whose part is an array or a typed array (`const row = m[0]`): a task may have made it, and a new
   * array of numbers comes home with no number in any snapshot (copy-back.ts), so a later task writing it would not
   * write the program's object. Taking such a part counts as a write of the whole: the next call snapshots it afresh.
   */
  private readonly blockPartSources = new Set<ts.Identifier>();
  /** Names on the left of a destructuring swap (`[p, q] = [q, p]`): rebound, not used. */
  private readonly rebound = new Set<ts.Identifier>();
  /**
   * Names of an element of an object passed whole (`const row = m[0]`, `for (const r of m)`, `groups.get(k)`): parts
   * of its group here, and also, to container-families.ts, the aliases of a container's level they always were.
   */
  private readonly elementParts = new Set<ts.Symbol>();
  /** Records made of the group's objects (`const holder = { a, b: c }`): a wait on one walks into its fields. */
  private readonly holders = new Set<ts.Symbol>();
  /** isHolder's answers. */
  private readonly holderNames = new Map<ts.Symbol, boolean>();
  /**
   * Names whose object hands out parts to other names (`o` in `const inner = o.inner`, `jobs` in `for (const j of
   * jobs)`): a task given the part registers the part, not `o`, and until a task is given `o` itself the runtime does
   * not know `o` holds it (np41's F2: `run(inner); log(o.inner.v); peek(o)` printed the old value). A wait on one
   * walks into its fields, as on a holder.
   */
  private readonly partBases = new Map<ts.Symbol, number>();

  /** Roots of groups holding a name passed whole or an element part (isWholeArgument). */
  private readonly wholeRoots = new Set<ts.Symbol>();

  private scanned = false;

  /** Objects put into others (stored-values.ts): their names join the holders' groups. */
  private readonly stores: StoredValues;

  constructor(private readonly ctx: AnalysisContext, private readonly source: ts.SourceFile, private readonly facts: AliasFacts) {
    this.stores = new StoredValues(ctx, facts, {
      link: (target, source, holding) => this.link(target, source, holding),
      union: (a, b, holding) => this.union(a, b, holding),
      markHolder: (symbol, always) => { if (always || this.names.has(symbol)) this.holders.add(symbol); },
      namesIn: (expr) => this.namesIn(expr),
    });
  }

  /** One pass over the file, the first time a group is asked for (most files never ask: they call no task). */
  private scan(): void {
    if (this.scanned) return;
    this.scanned = true;
    const { ts } = this.ctx;
    const { source } = this;
    const isFileLocal = (id: ts.Identifier) => this.facts.isFileLocal(id);
    const local = (id: ts.Expression): id is ts.Identifier => ts.isIdentifier(id) && isFileLocal(id);
    const look = (node: ts.Node): void => {
      if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && isFileLocal(node.name)) this.declare(node, node.name);
      if (ts.isVariableDeclaration(node) && (ts.isArrayBindingPattern(node.name) || ts.isObjectBindingPattern(node.name))) this.declarePattern(node);
      // reg.f ??= f, reg.g ||= g: stored when the field was empty.
      if (ts.isBinaryExpression(node) && isLogicalAssignment(ts, node.operatorToken.kind) && !local(node.left)) {
        this.stores.storedInto(node.left, [innermostValue(ts, node.right)]);
      }
      if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
        const right = skipTransparent(ts, node.right);
        // cur = next, x = xn, cur = xs[1]: one more value of the name, from the other name (or a part of it).
        if (local(node.left)) {
          for (const base of local(right) ? [right] : this.namesIn(right)) if (local(base)) this.link(node.left, base);
          this.holdIfResultHolds(node.left, right);
        }
        // reg.x = accounts, rows[i] = row, reg.y = tmp = b: the object is one of the holder's parts from now on.
        if (!local(node.left) && !isAssignmentPattern(ts, node.left)) this.stores.storedInto(node.left, [innermostValue(ts, right)]);
        // [team[0]] = [src[1]], ({ a: rec.first } = o): each slot given its value, or a part of the whole (np52's F2b).
        if (isAssignmentPattern(ts, node.left)) this.stores.storedByPattern(node.left, right);
        // [p, q] = [q, p]: each name takes another's value.
        if (ts.isArrayLiteralExpression(node.left) && ts.isArrayLiteralExpression(right) && node.left.elements.every(local) &&
          right.elements.every(local) && node.left.elements.length === right.elements.length) {
          node.left.elements.forEach((target, i) => { this.rebound.add(target as ts.Identifier); this.link(target as ts.Identifier, right.elements[i] as ts.Identifier); });
        }
      }
    };
    const lookAtCall = (node: ts.Node): void => {
      if (!ts.isCallExpression(node)) return;
      const callee = skipTransparent(ts, node.expression);
      // list.push(accounts), byName.set(k, accounts), Object.assign(reg, { accounts })
      if (ts.isPropertyAccessExpression(callee) && isKeepingMethod(this.ctx, callee)) {
        this.stores.storedInto(callee.expression, node.arguments, true);
      } else if (ts.isPropertyAccessExpression(callee) && callee.name.text === 'assign' && isLibrary(this.ctx, callee) && node.arguments.length > 1) {
        this.stores.storedInto(node.arguments[0], node.arguments.slice(1).flatMap((a) => {
          const literal = skipTransparent(ts, a);
          return ts.isObjectLiteralExpression(literal) ? literalFieldNames(this.ctx, this.facts, literal) ?? [] : [];
        }));
      } else this.stores.storedByCallee(node);
    };
    if (this.facts.nodes) { this.facts.nodes.forEach((node) => { look(node); lookAtCall(node); }); return; }
    const visit = (node: ts.Node): void => { look(node); lookAtCall(node); ts.forEachChild(node, visit); };
    visit(source);
  }

  /** Every symbol that may denote the same object as this one (itself included). */
  groupOf(symbol: ts.Symbol): readonly ts.Symbol[] {
    this.scan();
    return this.names.groupOf(symbol);
  }

  /**
   * The symbols of its group that may denote or hold an object this one may (itself included): what its escape lets
   * out of sight (symbol-union.ts sharing). `x` of `for (const x of [a, e])` is a or e; e's escape is not a's (np48's F4).
   */
  sharingObjectWith(symbol: ts.Symbol): readonly ts.Symbol[] {
    this.scan();
    return this.names.sharing(symbol);
  }

  /**
   * The reference only puts an object in a slot of the holder's own (`registry[k] = acc`): what the other slots hold is
   * not touched, so it waits for the tasks writing the holder itself, not for those writing what it holds (rev57's F12).
   */
  isSlotStore(ref: ts.Identifier): boolean { this.scan(); return this.stores.slotStores.has(ref); }

  /**
   * A record of the group's objects (`const holder = { a }`), under this name or another that may be its object
   * (`const g = holder`, `level = next` of a `next.push(out)`: np61's reads through the second name printed what the
   * tasks had not written yet): its uses wait for what its fields hold.
   */
  isHolder(symbol: ts.Symbol): boolean {
    this.scan();
    // (Asked at every reference of a followed name: answered once per name, the groups being final after the scan.)
    let holder = this.holderNames.get(symbol);
    if (holder === undefined) this.holderNames.set(symbol, holder = this.names.sameObject(symbol).some((name) => this.holders.has(name)));
    return holder;
  }
  /**
   * A record under this very name (`const r = run(cfg)` of a task whose value may hold cfg): what call-blockers.ts
   * snapshots afresh as a value holding the caller's objects. (Not a name that may later be one: rv68's c06 kept a
   * maker's calls direct when `r` might be reassigned a record.)
   */
  isOwnHolder(symbol: ts.Symbol): boolean { this.scan(); return this.holders.has(symbol); }
  /** A name handing out parts to other names of its group (see partBases): its reads wait for what its fields hold. */
  handsOutParts(symbol: ts.Symbol): boolean { this.scan(); return this.partBases.has(symbol); }
  /**
   * How deep below it those parts lie (`o.inner`: 1, `tree.a.b`: 2, a loop's element: 1): the wait walks that far
   * (rev56's F1: a walk of the whole object at every read after each submission). Unbounded when a part hands out
   * parts in turn (`const r = rs[1]; const t = r.tags`).
   */
  partDepth(symbol: ts.Symbol): number {
    this.scan();
    const depth = this.partBases.get(symbol) ?? 0;
    return this.groupOf(symbol).some((member) => member !== symbol && this.partBases.has(member)) ? Infinity : depth;
  }

  /** The reference only hands its object to another name of the group, or rebinds a name of it. */
  isAliasSource(ref: ts.Identifier): boolean { this.scan(); return this.sources.has(ref) || this.rebound.has(ref); }
  isPartSource(ref: ts.Identifier): boolean { this.scan(); return this.partSources.has(ref); }
  isBlockPartSource(ref: ts.Identifier): boolean { this.scan(); return this.blockPartSources.has(ref); }
  /** `for (const [k, v] of m.entries())` whose names (those holding objects) are all followed as parts of `m`. */
  takesEntriesApart(loop: ts.ForOfStatement): boolean {
    this.scan();
    const { ts } = this.ctx;
    const list = loop.initializer;
    if (!ts.isVariableDeclarationList(list) || list.declarations.length !== 1 || !ts.isArrayBindingPattern(list.declarations[0].name)) return false;
    return list.declarations[0].name.elements.every((element) => ts.isOmittedExpression(element) || isPrimitiveNode(this.ctx, element.name) ||
      (ts.isIdentifier(element.name) && this.elementParts.has(symbolOf(this.ctx, element.name)!)));
  }

  /** The name takes an element of an object passed whole (see elementParts), or is destructured out of one. */
  isElementPart(symbol: ts.Symbol): boolean { this.scan(); return this.elementParts.has(symbol); }

  /** The arguments the task call's value may hold (see the constructor). */
  heldBy(call: ts.CallExpression): readonly ts.Expression[] { return this.facts.heldArguments(call); }

  /** A value of a variable that keeps it in `symbol`'s group: another name of the group, or a view of one. */
  isGroupValue(value: ts.Expression, symbol: ts.Symbol): boolean {
    this.scan();
    const { ts } = this.ctx;
    const inner = skipTransparent(ts, value);
    // Each branch another name of the group or a fresh object.
    const branch = (e: ts.Expression) => isPrimitiveNode(this.ctx, e) || isFresh(this.ctx, e) || this.isGroupValue(e, symbol);
    if (ts.isConditionalExpression(inner)) return branch(inner.whenTrue) && branch(inner.whenFalse);
    if (ts.isBinaryExpression(inner) && isChoice(ts, inner.operatorToken.kind)) return branch(inner.left) && branch(inner.right);
    if (ts.isObjectLiteralExpression(inner)) {
      const fields = literalFieldNames(this.ctx, this.facts, inner);
      return fields !== undefined && fields.every((field) => { const other = symbolOf(this.ctx, field); return other !== undefined && this.names.find(other) === this.names.find(symbol); });
    }
    const [name] = this.namesIn(inner);
    const other = name && symbolOf(this.ctx, name);
    return other !== undefined && this.names.has(symbol) && this.names.find(other) === this.names.find(symbol);
  }

  /** `for (const m of [A, B, C])`: the literal's elements, if the declaration is such a loop variable. */
  iteratedLiteral(declaration: ts.VariableDeclaration): readonly ts.Expression[] | undefined {
    const { ts } = this.ctx;
    const source = nameSource(this.ctx, declaration);
    const iterated = source?.element ? skipTransparent(ts, source.expr) : undefined;
    return iterated && ts.isArrayLiteralExpression(iterated) ? iterated.elements : undefined;
  }

  /** A view of a typed array `base.subarray(…)`: the base identifier, else undefined. */
  viewBase(expr: ts.Expression): ts.Identifier | undefined {
    const { ts } = this.ctx;
    expr = skipTransparent(ts, expr);
    if (!ts.isCallExpression(expr) || !ts.isPropertyAccessExpression(expr.expression) || !VIEW_METHODS.has(expr.expression.name.text)) return undefined;
    const base = skipTransparent(ts, expr.expression.expression);
    return ts.isIdentifier(base) && isTypedArrayType(this.ctx, this.ctx.checker.getTypeAtLocation(base)) ? base : undefined;
  }

  /**
   * `g.data`, `cfg.nested.k`, `xs[0]`, `cells[i].tags`: a part reached through properties and plain indices (a name or
   * a literal: no call, nothing assigned). The runtime finds a part's pending writes through the data that holds it,
   * so the part is one more name of its holder's group. An element that is itself an array or a typed array is a
   * block of a container (`const first = a[0][1]; bump(first)`), which the container families follow instead, unless
   * the array is passed whole to tasks (`scaleRows(m); const row = m[0]`): then it is a part, as is a Map's value
   * (`groups.get('x')`) of a Map passed whole.
   */
  partBase(expr: ts.Expression): ts.Identifier | undefined {
    const { ts } = this.ctx;
    const key = (k: ts.Expression) => ts.isIdentifier(k) || ts.isLiteralExpression(k);
    const step = (e: ts.Expression): e is ts.PropertyAccessExpression | ts.ElementAccessExpression =>
      ts.isPropertyAccessExpression(e) || (ts.isElementAccessExpression(e) && key(e.argumentExpression));
    const inner = (e: ts.Expression) => step(e) ? skipTransparent(ts, e.expression) : mapGetReceiver(this.ctx, e, key);
    let node = expr;
    let viaMap = false;
    for (let next = inner(node); next; next = inner(node)) { viaMap ||= !step(node); node = next; }
    if (node === expr || !ts.isIdentifier(node)) return undefined;
    const elementPart = ts.isElementAccessExpression(expr) || (ts.isPropertyAccessExpression(expr) && ts.isElementAccessExpression(skipTransparent(ts, expr.expression)));
    if (elementPart) {
      const type = this.ctx.checker.getTypeAtLocation(expr);
      if (isArrayLikeType(this.ctx, type) && !this.isWholeArgument(node)) return undefined;
    }
    // A Map's value (`groups.get(k)`): a part only of a Map passed whole, as an array's element that is an array.
    return viaMap && !this.isWholeArgument(node) ? undefined : node;
  }

  /** How many steps (`.p`, `[i]`, a Map's `get`) a part taken by partBase lies below its base. */
  private stepsDown(expr: ts.Expression): number {
    const { ts } = this.ctx;
    let steps = 0;
    for (let node = skipTransparent(ts, expr); ; steps++) {
      if (ts.isPropertyAccessExpression(node) || ts.isElementAccessExpression(node)) { node = skipTransparent(ts, node.expression); continue; }
      const receiver = mapGetReceiver(this.ctx, node, () => true);
      if (!receiver) return steps;
      node = receiver;
    }
  }

  /**
   * `const [r0, r1] = m`, `const { rows } = t`, `for (const [k, v] of groups)` of an object passed whole: each name a
   * part of it. Only when every name of the pattern is one (no rest, default or nested pattern, which would hold parts
   * under a name not followed): else the object stays a whole value handed out.
   */
  private declarePattern(declaration: ts.VariableDeclaration): void {
    const { ts } = this.ctx;
    const pattern = declaration.name as ts.ArrayBindingPattern | ts.ObjectBindingPattern;
    const source = nameSource(this.ctx, declaration);
    // (`for (const [k, v] of m.entries())`: each name an element of m, name-sources.ts.)
    const entry = ts.isArrayBindingPattern(pattern) ? pattern.elements.find(ts.isBindingElement) : undefined;
    const entries = entry && nameSource(this.ctx, entry);
    const base = entries ? skipTransparent(ts, entries.expr) : source && skipTransparent(ts, source.expr);
    if (!base || !ts.isIdentifier(base) || !this.facts.isFileLocal(base) || !this.isWholeArgument(base) ||
      ts.getCombinedModifierFlags(declaration) & ts.ModifierFlags.Export || !(declaration.parent.flags & ts.NodeFlags.Const)) return;
    const names: ts.Identifier[] = [];
    for (const element of pattern.elements) {
      if (ts.isOmittedExpression(element)) continue;
      if (element.dotDotDotToken || element.initializer || !ts.isIdentifier(element.name) ||
        (element.propertyName && !ts.isIdentifier(element.propertyName))) return;
      names.push(element.name);
    }
    for (const name of names) {
      this.link(name, base);
      const symbol = symbolOf(this.ctx, name);
      if (symbol && this.names.has(symbol)) { this.markElementPart(symbol); this.addPartSource(base, name, true); }
    }
  }

  /** `for (const r of m)` of no literal, `const row = m[i]`, `const g = groups.get(k)`, `const t = rs[1].tags`. */
  private takesElement(declaration: ts.VariableDeclaration): boolean {
    const source = nameSource(this.ctx, declaration);
    if (!source) return false;
    return source.element ? !this.iteratedLiteral(declaration) : this.takenByElement(source.expr);
  }

  /**
   * `base` hands out a part. Taken through an element of the whole (`rs[1].tags`, `g.get(k)`, `r1.tags` of
   * `const r1 = rs[1]`), a part that may be an array marks the whole written (blockPartSources). (Reached by
   * properties alone, `grid.data`, it was followed before parts by element were, and keeps its plain wait.)
   */
  private addPartSource(base: ts.Identifier, part: ts.Expression, byElement: boolean, depth = 1): void {
    this.partSources.add(base);
    // (A number or a string taken out is no part a task could write: `for (const x of grown)` of numbers.)
    const symbol = isPrimitiveNode(this.ctx, part) ? undefined : symbolOf(this.ctx, base);
    if (symbol) this.partBases.set(symbol, Math.max(depth, this.partBases.get(symbol) ?? 0));
    if (byElement && this.mayBeBlock(this.ctx.checker.getTypeAtLocation(part))) this.blockPartSources.add(base);
  }

  /** A chain of steps that takes an element somewhere: `[i]`, a Map's `get`, or starts at an element part. */
  private takenByElement(expr: ts.Expression): boolean {
    const { ts } = this.ctx;
    for (let node = skipTransparent(ts, expr); ; ) {
      if (ts.isElementAccessExpression(node) || mapGetReceiver(this.ctx, node, () => true)) return true;
      if (ts.isPropertyAccessExpression(node)) { node = skipTransparent(ts, node.expression); continue; }
      const symbol = ts.isIdentifier(node) ? symbolOf(this.ctx, node) : undefined;
      return symbol !== undefined && this.elementParts.has(symbol);
    }
  }

  /** The value may be an array or a typed array: its type says so, or cannot rule it out (`any`, `T`, a union with one). */
  private mayBeBlock(type: ts.Type): boolean {
    const { ts } = this.ctx;
    if (type.flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown | ts.TypeFlags.TypeParameter)) return true;
    if (type.isUnionOrIntersection()) return type.types.some((member) => this.mayBeBlock(member));
    return isArrayLikeType(this.ctx, type) || (type.flags & ts.TypeFlags.Object) !== 0 && type.getNumberIndexType() !== undefined;
  }

  /** Passed whole to a task, or a part taken by element of one that is (`const r = rs[1]; const { tags } = r`). */
  private isWholeArgument(id: ts.Identifier): boolean {
    const symbol = symbolOf(this.ctx, id);
    if (symbol === undefined) return false;
    // Or holding what one does (`rows[i] = row` and `all.push(row)`, `all` passed whole): its elements are the same
    // objects. (The group as scanned so far: what was put in it before this point.)
    return this.isWhole(symbol) || (this.names.has(symbol) && this.wholeRoots.has(this.names.find(symbol)));
  }

  private isWhole(symbol: ts.Symbol): boolean { return this.facts.passedWhole(symbol) || this.elementParts.has(symbol); }

  private markElementPart(symbol: ts.Symbol): void {
    this.elementParts.add(symbol);
    if (this.names.has(symbol)) this.wholeRoots.add(this.names.find(symbol));
  }

  /** `a.fill(1)`, `a.sort()`, `m.set(k, v)`: the method returns its receiver, another name for it. */
  receiverReturned(expr: ts.Expression): ts.Identifier | undefined {
    const { ts } = this.ctx;
    expr = skipTransparent(ts, expr);
    if (!ts.isCallExpression(expr) || !ts.isPropertyAccessExpression(expr.expression) || !RETURNS_RECEIVER.has(expr.expression.name.text)) return undefined;
    const receiver = skipTransparent(ts, expr.expression.expression);
    if (!ts.isIdentifier(receiver)) return undefined;
    // A typed array's set returns nothing; Map#set and Set#add return the map or set.
    const type = this.ctx.checker.getTypeAtLocation(expr);
    return type.getSymbol() === this.ctx.checker.getTypeAtLocation(receiver).getSymbol() ? receiver : undefined;
  }

  private declare(declaration: ts.VariableDeclaration, name: ts.Identifier): void {
    const bases = this.basesOf(declaration);
    for (const base of bases ?? []) this.link(name, base);
    const symbol = bases?.length ? symbolOf(this.ctx, name) : undefined;
    if (symbol && this.takesElement(declaration)) this.markElementPart(symbol);
    const { ts } = this.ctx;
    const value = declaration.initializer && skipTransparent(ts, declaration.initializer);
    if (value) this.holdIfResultHolds(name, value);
    const fields = value && ts.isObjectLiteralExpression(value) ? literalFieldNames(this.ctx, this.facts, value) : undefined;
    if (fields && fields.length > 0) {
      const symbol = symbolOf(this.ctx, name);
      if (symbol) this.holders.add(symbol);
      for (const field of fields) this.link(name, field, true);
    }
    const copied = value && elementsCopiedFrom(this.ctx, value, this.facts.isFileLocal);
    if (copied) {
      const symbol = symbolOf(this.ctx, name);
      this.link(name, copied);
      if (symbol && this.names.has(symbol)) this.holders.add(symbol);
    }
  }


  /** `{ x: accounts, n: 3 }`: a literal whose fields are names, or values holding no object, joined to where it is stored. */
  storesNamedParts(expr: ts.Expression): boolean {
    const literal = skipTransparent(this.ctx.ts, expr);
    // (Names of this file only: an imported `pool` is read by its module with no wait (rev58's F4).)
    return this.ctx.ts.isObjectLiteralExpression(literal) && (literalFieldNames(this.ctx, this.facts, literal)?.every((name) => this.facts.isFileLocal(name)) ?? false);
  }

  /** A task's value that may hold its arguments is a record of them: a wait on its name walks into its fields. */
  private holdIfResultHolds(name: ts.Identifier, value: ts.Expression): void {
    const symbol = symbolOf(this.ctx, name);
    if (symbol && this.facts.heldArguments(skipTransparent(this.ctx.ts, value)).length > 0) this.holders.add(symbol);
  }

  /** The variable was given an object no name of this file stands for (see unnamedStores). */
  holdsUnnamed(symbol: ts.Symbol): boolean { this.scan(); return this.stores.unnamedStores.has(symbol); }

  /** The argument's object is stored by the function called into a variable this file's plan follows (storedByCallee). */
  isStoredByCallee(ref: ts.Identifier): boolean { this.scan(); return this.stores.storedByCallees.has(ref); }

  /** The name `target` may take (with `holding`: its object may hold) the object `source` names. */
  private link(target: ts.Identifier, source: ts.Identifier, holding = false): void {
    // `const n = a.length`: a number is no name for an object.
    if (isPrimitiveNode(this.ctx, target)) return;
    const a = symbolOf(this.ctx, target), b = symbolOf(this.ctx, source);
    const declaration = b?.valueDeclaration;
    if (!a || !b || !declaration || !this.ctx.ts.isVariableDeclaration(declaration)) return;
    this.sources.add(source);
    this.union(a, b, holding);
  }

  /** The identifiers whose objects the declared name may hold, if it is an alias. */
  private basesOf(declaration: ts.VariableDeclaration): ts.Identifier[] | undefined {
    const { ts } = this.ctx;
    const source = nameSource(this.ctx, declaration);
    if (!source) return undefined;
    // for (const m of [A, B, C]): m is each of them in turn. (An element of any other value is a container's business.)
    const literal = this.iteratedLiteral(declaration);
    if (literal) {
      const elements = literal.map((e) => skipTransparent(ts, e as ts.Expression));
      return elements.every((e): e is ts.Identifier => ts.isIdentifier(e)) ? elements : undefined;
    }
    if (source.element) {
      // `for (const r of m)` of an array passed whole to tasks: each r is a part of m, read there.
      const iterated = skipTransparent(ts, source.expr);
      if (!ts.isIdentifier(iterated) || !this.isWholeArgument(iterated)) return undefined;
      if (ts.isIdentifier(declaration.name)) this.addPartSource(iterated, declaration.name, true);
      return [iterated];
    }
    const bases = this.namesIn(source.expr);
    return bases.length > 0 ? bases : undefined;
  }

  /**
   * The names whose objects a value may be: itself (`a`), a view's, part's or method's receiver (`a.subarray(…)`,
   * `g.data`, `a.fill(1)`), the argument a task hands back (`scaleRet(a, 2)`), or any branch's (`flag ? a : b`,
   * `b ?? a`, `a || b`).
   */
  private namesIn(expr: ts.Expression): ts.Identifier[] {
    const { ts } = this.ctx;
    const value = skipTransparent(ts, expr);
    if (ts.isIdentifier(value)) return [value];
    if (ts.isConditionalExpression(value)) return [...this.namesIn(value.whenTrue), ...this.namesIn(value.whenFalse)];
    if (ts.isBinaryExpression(value) && isChoice(ts, value.operatorToken.kind)) return [...this.namesIn(value.left), ...this.namesIn(value.right)];
    const part = this.viewBase(value) ? undefined : this.partBase(value);
    // (A property holding an array, `grid.data`, was followed before parts by element were: it keeps its plain wait.)
    if (part) this.addPartSource(part, value, this.takenByElement(value), this.stepsDown(value));
    const base = this.viewBase(value) ?? part ?? this.receiverReturned(value);
    if (base) return [base];
    const handedBack = this.facts.returnedArgument(value);
    if (handedBack) return this.namesIn(handedBack);
    // `run(cfg)` whose value may hold cfg (a record of it, or cfg itself on some paths): one more name of cfg's group.
    return this.facts.heldArguments(value).flatMap((held) => this.namesIn(held));
  }

  private union(a: ts.Symbol, b: ts.Symbol, holding: boolean): void {
    const { ra, rb } = this.names.union(a, b, holding);
    // (Kept per root as groups merge: isWholeArgument asks it of every element a loop takes.)
    if (this.wholeRoots.has(ra) || this.wholeRoots.has(rb) || this.isWhole(a) || this.isWhole(b)) this.wholeRoots.add(rb);
  }
}
