/**
 * Stores: a named object put into another one (`reg.x = accounts`, `list.push(accounts)`, `m.set(k, accounts)`,
 * `[team[0]] = [src[1]]`, a helper of the program storing its parameter into a variable seen at the call). A task
 * given the holder may write the object, which the program then reads by its own name: the stored name joins the
 * holder's group, and the holder becomes a record of it (aliases.ts), whose waits walk into what it holds. A value no
 * name of the file stands for (`team.push(src[i])`, `all.push(get())`, a callback's parameter) makes the holder one the
 * plan does not follow (followability.ts).
 */
import type * as ts from 'typescript';
import { hasPrimitiveElements, isArrayLikeType, isPrimitiveNode, symbolOf, type AnalysisContext } from '../analysis/context';
import { isChoice, skipTransparent } from './syntax';
import { isFresh } from './fresh';
import { isLibrary } from './library-uses';
import { nameSource } from './name-sources';
import type { AliasFacts } from './aliases';

/** What the stores change of the groups being built (aliases.ts). */
export interface StoreGroups {
  /** The name `target` may take (with `holding`: its object may hold) the object `source` names. */
  link(target: ts.Identifier, source: ts.Identifier, holding?: boolean): void;
  union(a: ts.Symbol, b: ts.Symbol, holding: boolean): void;
  /** The variable holds its group's objects: a wait on it walks into its fields (`always`: even if in no group yet). */
  markHolder(symbol: ts.Symbol, always?: boolean): void;
  /** The names whose objects a value may be (`a`, `a.subarray(…)`, `flag ? a : b`, the argument a task hands back). */
  namesIn(expr: ts.Expression): ts.Identifier[];
}

export class StoredValues {
  /** References of a holder that only put a name in a slot of its own (`registry[k] = acc`, `list.push(acc)`). */
  readonly slotStores = new Set<ts.Identifier>();
  /** Arguments a function of the program stores into a variable seen at the call (`a` of `keep(a)`: outer-stores.ts). */
  readonly storedByCallees = new Set<ts.Identifier>();
  /**
   * Variables given an object no name of this file stands for (`team.push(src[i])`, `all.push(get())`, `keep(p)` of a
   * callback's p): another path reaches what they hold, so the plan does not follow them (followability.ts).
   */
  readonly unnamedStores = new Set<ts.Symbol>();

  constructor(private readonly ctx: AnalysisContext, private readonly facts: AliasFacts, private readonly groups: StoreGroups) {}

  /**
   * `reg.x = accounts`, `list.push(accounts)`, `m.set(k, accounts)`: a named object put into another one (the holder,
   * reached from a name by properties and indices; `target` the slot assigned, or with `intoReceiver` the object whose
   * method stores). A task given the holder may write the object, which the program
   * then reads by its own name (rev56's F4: `after 1 2` for `after 11 12`): one group, and the holder a record of it,
   * whose waits walk into what it holds.
   */
  storedInto(target: ts.Expression, values: readonly ts.Expression[], intoReceiver = false): void {
    const { ts } = this.ctx;
    let root = skipTransparent(ts, target);
    let steps = 0;
    for (; ts.isPropertyAccessExpression(root) || ts.isElementAccessExpression(root); steps++) root = skipTransparent(ts, root.expression);
    if (ts.isConditionalExpression(root) || (ts.isBinaryExpression(root) && isChoice(ts, root.operatorToken.kind))) {
      // Into whichever it is, so into each (np52's F2a): `(odd ? a : b).push(p)`, `(none ?? team).push(p)`; a slot of
      // either, `(flip ? a : b)[i] = p`, `(none || a).k = p`. Deeper, `(c ? a : b).list[0] = p`, what a field of either
      // holds, which no name stands for: neither is followed.
      const branches = ts.isConditionalExpression(root) ? [root.whenTrue, root.whenFalse] : [root.left, root.right];
      for (const branch of branches) {
        if (steps <= 1) { this.storedInto(branch, values, steps === 1 || intoReceiver); continue; }
        const name = skipTransparent(ts, branch);
        const symbol = ts.isIdentifier(name) ? symbolOf(this.ctx, name) : undefined;
        if (symbol) this.unnamedStores.add(symbol);
      }
      return;
    }
    if (!ts.isIdentifier(root) || !this.facts.isFileLocal(root)) return;
    // (`registry[k] = acc`, `list.push(acc)`: a slot of the holder's own takes it. `holder.x.push(5)` is a slot of
    // what its field holds, np49's F1: its shallow wait let the task's copy-back erase the 5.)
    const place = skipTransparent(ts, target);
    const owner = !intoReceiver && (ts.isPropertyAccessExpression(place) || ts.isElementAccessExpression(place)) ? skipTransparent(ts, place.expression) : place;
    // (`list.meta = o` on an array or a typed array: a wait on it walks its elements, not its named keys, np54's F1; not
    // a store the plan follows, so the value is let out there.)
    if (!intoReceiver && ts.isPropertyAccessExpression(place) && this.isArrayWithKeys(owner)) return;
    if (owner === root) this.slotStores.add(root);
    const holder = symbolOf(this.ctx, root);
    if (!holder) return;
    for (const value of values) {
      // (`list.push(...src)` stores src's elements, which no name stands for, not src: rv63's R1, a wait on src waited
      // for nothing. Numbers spread are copies.)
      const spread = ts.isSpreadElement(value) ? skipTransparent(ts, value.expression) : undefined;
      const names = spread ? (hasPrimitiveElements(this.ctx, spread) ? [] : undefined) : this.storedNames(skipTransparent(ts, value));
      // (`team.push(src[i])`, `team.push(p)` of a callback's p, `all.push(get())`: an object some other path reaches.)
      if (!names) { this.unnamedStores.add(holder); continue; }
      // (Into `p` of `for (const p of picks)`: into picks' contents too, np51's F2.)
      const into = [root, ...this.wholesOf(root)].map((whole) => ({ whole, symbol: symbolOf(this.ctx, whole) }));
      for (const name of names) {
        const storedSymbol = symbolOf(this.ctx, name);
        if (!storedSymbol || this.facts.gathersTaskValues(storedSymbol)) continue;
        for (const { whole, symbol } of into) {
          this.groups.link(whole, name, true);
          if (symbol) this.groups.markHolder(symbol);
        }
      }
    }
  }

  /** An array or a typed array, also one typed with named keys of its own (`number[] & { meta?: M }`), or may be one (`any`). */
  private isArrayWithKeys(owner: ts.Expression): boolean {
    const type = this.ctx.checker.getTypeAtLocation(owner);
    const { ts } = this.ctx;
    if (type.flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown)) {
      // (`const cache: any = {}`: a record, whatever it is typed.)
      const declaration = ts.isIdentifier(owner) ? symbolOf(this.ctx, owner)?.valueDeclaration : undefined;
      const made = declaration && ts.isVariableDeclaration(declaration) && declaration.initializer && skipTransparent(ts, declaration.initializer);
      return !(made && ts.isObjectLiteralExpression(made) && (ts.getCombinedNodeFlags(declaration) & ts.NodeFlags.Const) !== 0);
    }
    return (type.isIntersection() ? type.types : [type]).some((t) => isArrayLikeType(this.ctx, t));
  }

  /**
   * The variables of this file whose objects hold `id`'s as an element or a part (`picks` for `p` of
   * `for (const p of picks)`, `grid` for `const row = grid[1]`, and so on up): a store into `id`'s object is one into
   * what they hold.
   */
  private wholesOf(id: ts.Identifier, seen = new Set<ts.Symbol>()): ts.Identifier[] {
    const { ts } = this.ctx;
    const symbol = symbolOf(this.ctx, id);
    const declaration = symbol?.valueDeclaration;
    if (!symbol || !declaration || seen.has(symbol)) return [];
    seen.add(symbol);
    const source = nameSource(this.ctx, declaration);
    if (!source) return [];
    // The object one step up from a part: `o` of `o.x`, `o[i]`, or a Map's `o.get(k)` by any key.
    const wholeOf = (e: ts.Expression): ts.Expression | undefined =>
      ts.isPropertyAccessExpression(e) || ts.isElementAccessExpression(e) ? skipTransparent(ts, e.expression) : mapGetReceiver(this.ctx, e, () => true);
    let base = skipTransparent(ts, source.expr);
    if (!source.element && !wholeOf(base)) return [];
    for (let next = wholeOf(base); next; next = wholeOf(base)) base = next;
    if (!ts.isIdentifier(base) || !this.facts.isFileLocal(base)) return [];
    // (And up again: `const cell = row[0]` of `const row = grid[1]` is in grid too.)
    return [base, ...this.wholesOf(base, seen)];
  }

  /**
   * The names of this file's groups that stand for the objects a stored value may be or hold, [] for none (a number,
   * an object made right there, a task's value holding no argument), undefined when some object has no such name.
   */
  private storedNames(value: ts.Expression): ts.Identifier[] | undefined {
    const { ts } = this.ctx;
    const all = (values: readonly ts.Expression[]) => {
      const names = values.map((v) => this.storedNames(skipTransparent(ts, v)));
      return names.every((n) => n !== undefined) ? names.flat() : undefined;
    };
    // (Only names of this file's groups: a callback's parameter, `{ p }` of one too, is reached another way: rv63's R3.)
    const ofThisFile = (names: ts.Identifier[] | undefined) => names?.every((name) => this.facts.isFileLocal(name)) ? names : undefined;
    if (isPrimitiveNode(this.ctx, value) || this.facts.isFresh(value)) return [];
    if (ts.isIdentifier(value)) return ofThisFile([value]);
    if (ts.isConditionalExpression(value)) return all([value.whenTrue, value.whenFalse]);
    if (ts.isBinaryExpression(value) && isChoice(ts, value.operatorToken.kind)) return all([value.left, value.right]);
    if (ts.isArrayLiteralExpression(value)) return value.elements.some((e) => ts.isSpreadElement(e)) ? undefined : all(value.elements);
    if (ts.isObjectLiteralExpression(value)) return ofThisFile(literalFieldNames(this.ctx, this.facts, value));
    if (ts.isCallExpression(value) && this.facts.isTaskCall(value)) {
      // (An argument that is a loop's element, `outs.push(run(row))` in `for (const row of rows)`, is a container's
      // block: the families wait for what the value holds through the task's escape rule, uses.ts submittedUse.)
      const returned = this.facts.returnedArgument(value);
      return all([...(returned ? [returned] : []), ...this.facts.heldArguments(value)].filter((arg) => !this.isElementName(skipTransparent(ts, arg))));
    }
    // (A view, a part, a method handing back its receiver: namesIn says whose; none said is no name.)
    const names = this.groups.namesIn(value);
    return names.length > 0 ? ofThisFile(names) : undefined;
  }

  /** The targets of a destructuring assignment that are slots of objects, each stored the value it takes (see storedInto). */
  storedByPattern(pattern: ts.Expression, value: ts.Expression): void {
    const { ts } = this.ctx;
    const target = skipTransparent(ts, pattern);
    const source = skipTransparent(ts, value);
    if (ts.isArrayLiteralExpression(target)) {
      target.elements.forEach((element, i) => {
        const inner = ts.isSpreadElement(element) ? element.expression : element;
        const paired = ts.isArrayLiteralExpression(source) && !ts.isSpreadElement(element) && source.elements.slice(0, i + 1).every((e) => !ts.isSpreadElement(e))
          ? source.elements[i] : undefined;
        if (!ts.isOmittedExpression(inner)) this.storedByPattern(ts.isBinaryExpression(inner) ? inner.left : inner, paired ?? source);
      });
    } else if (ts.isObjectLiteralExpression(target)) {
      for (const property of target.properties) {
        const inner = ts.isPropertyAssignment(property) ? property.initializer : ts.isSpreadAssignment(property) ? property.expression : undefined;
        if (inner) this.storedByPattern(ts.isBinaryExpression(inner) ? inner.left : inner, source);
      }
    } else if (ts.isPropertyAccessExpression(target) || ts.isElementAccessExpression(target)) {
      // (Not paired, the slot takes a part of the whole: one of its holder's objects, as a part stored is.)
      this.storedInto(target, [source]);
    }
  }

  /** A name taking an array's elements one at a time (`for (const row of rows)`, `rows.forEach((row) => …)`). */
  private isElementName(expr: ts.Expression): boolean {
    const declaration = this.ctx.ts.isIdentifier(expr) ? symbolOf(this.ctx, expr)?.valueDeclaration : undefined;
    return declaration !== undefined && nameSource(this.ctx, declaration)?.element === true;
  }

  /** `keep(a)` where keep stores its parameter into `all`, a variable seen here (outer-stores.ts): as `all.push(a)`. */
  storedByCallee(call: ts.CallExpression): void {
    const { ts } = this.ctx;
    for (const arg of call.arguments) {
      const found = this.facts.outerStores(call, arg);
      if (!found || found.stores.length === 0) continue;
      const value = skipTransparent(ts, arg);
      const names = found.onlyThere ? this.storedNames(value) : undefined;
      if (names && ts.isIdentifier(value)) this.storedByCallees.add(value);
      for (const { into, as } of found.stores) {
        if (!names) { this.unnamedStores.add(into); continue; }
        for (const name of names) {
          const stored = symbolOf(this.ctx, name);
          if (stored && !this.facts.gathersTaskValues(stored)) this.groups.union(into, stored, as === 'contents');
        }
        if (as === 'contents' && names.length > 0) this.groups.markHolder(into, true);
      }
    }
  }
}

/**
 * `{ a, b: c, n: 3, t: new Float64Array(2) }`: the names of the objects its fields hold (primitives and fresh objects
 * hold none, a task handing back its argument holds that); undefined when a field holds anything else (another call,
 * a spread, a method, a getter).
 */
export function literalFieldNames(ctx: AnalysisContext, facts: Pick<AliasFacts, 'returnedArgument'>, literal: ts.ObjectLiteralExpression): ts.Identifier[] | undefined {
const { ts } = ctx;
  const names: ts.Identifier[] = [];
  for (const property of literal.properties) {
    if (ts.isShorthandPropertyAssignment(property) && !property.objectAssignmentInitializer) {
      if (!isPrimitiveNode(ctx, property.name)) names.push(property.name);
      continue;
    }
    // `__proto__: a` sets the prototype, and a computed name may be any key: no field of the record.
    if (!ts.isPropertyAssignment(property) || !ts.isIdentifier(property.name) || property.name.text === '__proto__') return undefined;
    const value = skipTransparent(ts, property.initializer);
    if (isPrimitiveNode(ctx, value) || isFresh(ctx, value)) continue;
    // `{ r: scaleRet(a, 2) }`: the field holds `a` itself.
    const handedBack = facts.returnedArgument(value);
    const named = handedBack ? skipTransparent(ts, handedBack) : value;
    if (!ts.isIdentifier(named)) return undefined;
    names.push(named);
  }
  return names;
}

/** `m.get(k)` of a library Map, k a name or a literal: the receiver (the value under k is a part of it). */
export function mapGetReceiver(ctx: AnalysisContext, expr: ts.Expression, key: (k: ts.Expression) => boolean): ts.Expression | undefined {
const { ts } = ctx;
  if (!ts.isCallExpression(expr) || expr.arguments.length !== 1 || !key(expr.arguments[0]) || !ts.isPropertyAccessExpression(expr.expression) ||
    expr.expression.name.text !== 'get' || !isLibrary(ctx, expr.expression)) return undefined;
  const receiver = expr.expression.expression;
  return ctx.checker.getTypeAtLocation(receiver).getSymbol()?.getName() === 'Map' ? skipTransparent(ts, receiver) : undefined;
}
