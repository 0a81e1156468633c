/**
 * How a reference to a followed object uses it: nothing to wait for, a read, a possible write, or an escape (a use
 * that lets the object out of the planner's sight). One classifier for plain variables, their second names, views and
 * parts; the planner turns reads into `waitOn`, writes into `written`, and an escape into direct calls.
 */
import type * as ts from 'typescript';
import { callbackReceiverIndex, READING_METHODS, VIEW_METHODS, writesFirstArgument } from '../analysis/builtins';
import { calledFunction, hasPrimitiveElements, isFixedLengthRead, isPrimitiveNode, isTypedArrayType, type FunctionLike, qualifiedName, symbolOf, type AnalysisContext } from '../analysis/context';
import { outlives } from '../analysis/param-effects';
import { leavesReceiverAlone } from '../analysis/method-receivers';
import type { Summaries } from '../analysis/summaries';
import type { AliasGroups } from './aliases';
import { isFresh } from './fresh';
import { functionOfExpression } from '../analysis/function-of-symbol';
import { accessChain, isArgumentOf, isChoiceOf, isComparison, isDeclarationName, isWriteTarget, skipTransparent, withChoices, withWrappers } from './syntax';
import { isResultUsed } from './file-facts';
import { takenApartIntoPrimitives } from './taken-apart';
import { consumedAtOnce, isPrimitiveCopy, iteratesPrimitives, madeString, mapUsedUp, outlivesIn, readingCallUsedUp, readsAtOnce, usedUpInPlace, writesGiven, yieldsPrimitives } from './read-in-place';

export type Use = { kind: 'none' | 'read' | 'write' } | { kind: 'escape'; why: string };

/** What the classifier asks of the planner: decisions that change while a file is planned. */
export interface PlannerState {
  isFollowable(symbol: ts.Symbol): boolean;
  isSubmission(call: ts.CallExpression): boolean;
  /** The submitted call runs program code reading this argument before its tasks do (a forwarder's body: forwarders.ts). */
  readsArgumentAt(call: ts.CallExpression, arg: ts.Expression): boolean;
  /**
   * `A` in `const all = [A, B, C]` (placements.ts): nothing to wait for when the planner follows the container with
   * A, an escape when it cannot follow the container; undefined for any other reference.
   */
  placementUse(ref: ts.Identifier): Use | undefined;
  /** `return out` of a local no use of which can follow the return (returned-locals.ts): a read, the last. */
  returnedAfterItsUses(ref: ts.Identifier): boolean;
  /** The object's last use, after which nothing names it (returned-locals.ts usedLastHere). */
  usedLastHere(ref: ts.Identifier): boolean;
}

export class UseClassifier {
  private readonly ts: typeof ts;

  constructor(private readonly ctx: AnalysisContext, private readonly summaries: Summaries, private readonly aliases: AliasGroups,
    private readonly planner: PlannerState) {
    this.ts = ctx.ts;
  }

  private readonly lookup = (fn: FunctionLike, reading: boolean) => this.summaries.get(fn, reading);

  /**
   * A method of an array of objects that reads them all where it stands: its result (which may hold them or their
   * parts) used up in place (`JSON.stringify(accounts.map((a) => a.log))`, `rows.filter((r) => r.n > 0).length`).
   */
  readsElementsInPlace(call: ts.CallExpression): boolean {
    return readingCallUsedUp(this.ctx, this.lookup, call) || mapUsedUp(this.ctx, this.lookup, call);
  }

  /** What a use of a followed object does: nothing to wait for, a read, a possible write, or an escape. */
  classify(ref: ts.Identifier): Use {
    const { ts } = this;
    if (isDeclarationName(ts, ref)) return { kind: 'none' };
    const parent = ref.parent;
    const outer = withWrappers(ts, ref).parent;
    if (isArgumentOf(ts, outer, ref) && this.planner.isSubmission(outer)) return this.submittedUse(outer, withWrappers(ts, ref), ref);
    // `const view = a`: the alias's own uses are classified (the group is followed as one).
    const own = symbolOf(this.ctx, ref);
    // (`const f = a.fill(1)` is a write of a, and the method's result is the alias: classified below.)
    const returnsIt = ts.isPropertyAccessExpression(parent) && ts.isCallExpression(parent.parent) && this.aliases.receiverReturned(parent.parent) === ref;
    if (this.aliases.isAliasSource(ref) && own && this.planner.isFollowable(own) && !returnsIt) {
      // `const r = job.res`: the part is read here (a task may have put another object in the field): wait first. An
      // array taken out (`const row = m[0]`) also gets the whole snapshotted afresh before the next call (aliases.ts).
      if (this.aliases.isBlockPartSource(ref)) return { kind: 'write' };
      return this.aliases.isPartSource(ref) ? { kind: 'read' } : { kind: 'none' };
    }
    // `task(m.subarray(…))`: the submission hands the view on.
    if (ts.isPropertyAccessExpression(parent) && ts.isCallExpression(parent.parent) && this.aliases.viewBase(parent.parent) === ref) {
      const view = withWrappers(ts, parent.parent);
      if (isArgumentOf(ts, view.parent, view) && this.planner.isSubmission(view.parent)) return { kind: 'none' };
    }
    const placement = this.planner.placementUse(ref);
    if (placement) return placement;
    // Rebinding the variable: its old object is simply no longer reached through it.
    if (ts.isBinaryExpression(parent) && parent.left === ref && parent.operatorToken.kind === ts.SyntaxKind.EqualsToken) return { kind: 'none' };
    return this.valueUse(ref);
  }

  /**
   * How the program uses an object where it stands: a followed variable's reference, or a container's leaf `c[i][j]`
   * (containers.ts walks the levels and asks here). `slot`: the value sits in a container's slot, which may still
   * hold a Future, so even comparing it needs the value.
   */
  valueUse(value: ts.Expression, slot = false): Use {
    const { ts } = this;
    const outer = withWrappers(ts, value);
    const parent = outer.parent;
    if (isArgumentOf(ts, parent, outer) && this.planner.isSubmission(parent)) return this.submittedUse(parent, outer, ts.isIdentifier(value) ? value : undefined);
    // `new Float64Array(s)` copies the numbers.
    if (ts.isNewExpression(parent) && parent.arguments?.[0] === outer && isFresh(this.ctx, parent)) return { kind: 'read' };
    if (isArgumentOf(ts, parent, outer)) return this.argumentUse(parent, outer);
    if (ts.isPropertyAccessExpression(parent) && parent.expression === outer) {
      // (A typed array's length, fixed: nothing to wait for. np62's p13 waited for a task at `k + sums.length`.)
      if (isFixedLengthRead(this.ctx, outer)) return { kind: 'none' };
      if (parent.name.text === 'length') return isWriteTarget(ts, parent) ? { kind: 'write' } : { kind: 'read' };
      const call = parent.parent;
      if (ts.isCallExpression(call) && call.expression === parent) return this.methodUse(outer, parent.name.text, call);
      return this.accessUse(parent);
    }
    if (ts.isElementAccessExpression(parent) && parent.expression === outer) return this.accessUse(parent);
    // `const { n, ...counts } = acc`, `for (const k in acc)`: copies of numbers and strings taken out.
    if (takenApartIntoPrimitives(this.ctx, outer)) return { kind: 'read' };
    if (ts.isForOfStatement(parent) && parent.expression === outer) {
      const declarations = ts.isVariableDeclarationList(parent.initializer) ? parent.initializer.declarations : [];
      return declarations.every((d) => isPrimitiveNode(this.ctx, d.name)) ? { kind: 'read' } : { kind: 'escape', why: 'its elements are iterated as objects' };
    }
    if (isComparison(ts, parent) || ts.isTypeOfExpression(parent) || isTruthTest(ts, parent, outer)) return slot ? { kind: 'read' } : { kind: 'none' };
    // `'a' in acc`: whether it has the key, read now.
    if (isKeyTest(ts, parent, outer)) return { kind: 'read' };
    // `c ? a : b`, `a ?? b`: the value may be this object, used as the whole expression is.
    if (isChoiceOf(ts, parent, outer)) return this.valueUse(parent, slot);
    // `${a}`, `'v=' + a`: made a string by the built-in toString, which only reads numbers or strings.
    if (madeString(this.ctx, outer) && iteratesPrimitives(this.ctx, outer)) return { kind: 'read' };
    // `console.log([...m])`, `JSON.stringify({ r })`: carried to a reader that keeps none of it.
    if (usedUpInPlace(this.ctx, this.lookup, outer)) return { kind: 'read' };
    if (ts.isReturnStatement(parent) && outer === value && ts.isIdentifier(value) && this.planner.returnedAfterItsUses(value)) return { kind: 'read' };
    if (ts.isIdentifier(value) && this.planner.usedLastHere(value)) return { kind: 'read' };
    return { kind: 'escape', why: 'used as a whole value' };
  }

  /**
   * An argument of a submission: nothing to wait for, unless the task's value may hold it and is used without a name
   * (`outs.push(run(cfg))`, `rs.push(step(s))`, run returning `{ config: cfg }`): a second name for the object that
   * nothing could wait through. (`const r = run(cfg)` names it: r joins cfg's group, aliases.ts.)
   */
  private submittedUse(call: ts.CallExpression, arg: ts.Expression, ref: ts.Identifier | undefined): Use {
    if (this.planner.readsArgumentAt(call, arg)) return { kind: 'read' };
    const unnamed = !(ref && this.aliases.isAliasSource(ref)) && isResultUsed(this.ctx, call) && this.aliases.heldBy(call).includes(arg);
    return unnamed ? { kind: 'escape', why: 'a task\'s value that is used may hold it, and no variable names that value' } : { kind: 'none' };
  }

  /** The object passed to a function that is not submitted: what that function does with it. */
  argumentUse(call: ts.CallExpression, arg: ts.Expression): Use {
    if (readsAtOnce(this.ctx, arg) || usedUpInPlace(this.ctx, this.lookup, arg)) return { kind: 'read' };
    const declaration = calledFunction(this.ctx, call);
    // `Object.defineProperty(o, 'k', d)`, `Object.assign(o, src)` as a statement: the built-in writes `o` and keeps
    // nothing of it (its result, `o` again, is dropped).
    // Only when the rest hands it no object (`{ value: 7 }`): `{ value: shared }` would make `shared` a part of it,
    // which Object.assign's target holds as a record of names (`Object.assign(reg, { x: accounts })`: aliases.ts).
    const builtin = declaration ? undefined : qualifiedName(this.ts, call.expression);
    if (builtin && writesFirstArgument(builtin) && call.arguments[0] === withWrappers(this.ts, arg) && !isResultUsed(this.ctx, call) &&
      call.arguments.slice(1).every((other) => this.holdsNoObject(other) || (builtin === 'Object.assign' && this.aliases.storesNamedParts(other)))) {
      return { kind: 'write' };
    }
    if (!declaration) return { kind: 'escape', why: 'passed to code the transformer cannot see' };
    const effects = this.summaries.get(declaration).params;
    const index = Math.min(call.arguments.indexOf(arg), declaration.parameters.length - 1);
    const effect = effects[index];
    // (`keep(a)` storing a into `all`, seen here: a push written elsewhere, which aliases.ts links. Only when that is
    // all keep lets out of it: outer-stores.ts onlyThere.)
    const out = this.ts.isIdentifier(arg) && this.aliases.isStoredByCallee(arg) ? undefined : outlives(effect);
    if (out) return { kind: 'escape', why: `passed to a function where it escapes: ${out.text}` };
    // move(from, to) keeps from's objects in to: to's contents get another name.
    const keeper = effects.find((other, j) => j !== index && other?.kept);
    if (keeper?.kept) return { kind: 'escape', why: `passed next to an argument the function keeps: ${keeper.kept.text}` };
    return { kind: effect?.written || effect?.writtenLater ? 'write' : 'read' };
  }

  /**
   * An array method whose callback (written here, or a function of the program) declares the parameter the array is
   * given as (callbackReceiverIndex), or a rest one, or reads `arguments`.
   */
  private callbackTakesReceiver(method: string, call: ts.CallExpression): boolean {
    const { ts } = this;
    const at = callbackReceiverIndex(method);
    const given = call.arguments[0] && skipTransparent(ts, call.arguments[0]);
    if (at === undefined || !given) return false;
    const fn = functionOfExpression(this.ctx, given, 0);
    if (!fn) return false;
    const mentionsArguments = (n: ts.Node): boolean => (ts.isIdentifier(n) && n.text === 'arguments') || (ts.forEachChild(n, mentionsArguments) ?? false);
    return fn.parameters.length > at || fn.parameters.some((p) => p.dotDotDotToken) || (!ts.isArrowFunction(fn) && fn.body !== undefined && mentionsArguments(fn.body));
  }

  /** A primitive, or an object literal of primitives (a property descriptor `{ value: 7, enumerable: false }`). */
  private holdsNoObject(expr: ts.Expression): boolean {
    const { ts } = this;
    const value = skipTransparent(ts, expr);
    if (isPrimitiveNode(this.ctx, value)) return true;
    if (ts.isArrayLiteralExpression(value)) return value.elements.every((e) => !ts.isSpreadElement(e) && isPrimitiveNode(this.ctx, e)); // `Object.assign(a, [9])`
    return ts.isObjectLiteralExpression(value) &&
      value.properties.every((p) => ts.isPropertyAssignment(p) && !ts.isComputedPropertyName(p.name) && isPrimitiveNode(this.ctx, p.initializer));
  }

  /** `value.method(…)`: a read, a write, or a second name for (part of) the object in the result. */
  private methodUse(value: ts.Expression, method: string, call: ts.CallExpression): Use {
    const { ts } = this;
    // `A[i][j].toFixed(6)`: a method of a number or string only reads it.
    if (isPrimitiveNode(this.ctx, value)) return { kind: 'read' };
    // A view is a second name for the same memory: the transformer would have to follow it too.
    if (VIEW_METHODS.has(method) && isTypedArrayType(this.ctx, this.ctx.checker.getTypeAtLocation(value))) {
      return this.viewUsedAtOnce(call) ?? { kind: 'escape', why: `a view of it is taken with \`${method}\`` };
    }
    // `a.forEach((v, i, self) => { self[i] = v * 10 })`: the callback is given the array itself, where it may write it.
    if (this.callbackTakesReceiver(method, call)) return { kind: 'write' };
    // `JSON.stringify(jobs.map((j) => [j.name, j.log]))`: what the callback returns is kept only in the new array, used
    // up right there (np43's p03 kept every call on jobs direct).
    if (mapUsedUp(this.ctx, this.lookup, call)) return { kind: 'read' };
    // `g.list.forEach((o) => keep.push(o))`: a callback keeps what it is given, a part of the object.
    const handedOn = call.arguments.find((a) => outlivesIn(this.ctx, this.lookup, a));
    if (handedOn) return { kind: 'escape', why: `a function it is handed to keeps what it is given: \`${handedOn.getText().slice(0, 40)}\`` };
    // `items.forEach((x) => { x.v += 10 })`: a callback changes what it is given, a part of the object (np42's F1: the
    // change was lost to the snapshot the next task took).
    if (call.arguments.some((a) => writesGiven(this.ctx, this.lookup, a))) return { kind: 'write' };
    if (readsAtOnce(this.ctx, value)) return { kind: 'read' };
    const result = withWrappers(ts, call);
    const chained = (ts.isPropertyAccessExpression(result.parent) || ts.isElementAccessExpression(result.parent)) && result.parent.expression === result;
    const dropped = !isResultUsed(this.ctx, call);
    const receiver = skipTransparent(ts, value);
    if (ts.isIdentifier(receiver) && this.aliases.receiverReturned(call) === receiver) {
      // `x = a.sort()`, `use(m.set(k, v))`: the result is the object under another name, unless an alias takes it or
      // it is used at once in a chain (`l.add(1).add(2).total`: the same object, right there).
      if (!dropped && !chained && !this.aliases.isAliasSource(receiver)) {
        return { kind: 'escape', why: `\`${method}\` returns it, a second name the plan does not follow here` };
      }
      // The chain goes on with the same object (`u.fill(4).subarray(0, 2)` kept is a view of u): a write, or worse.
      const then = chained ? this.valueUse(result) : undefined;
      return then?.kind === 'escape' ? then : { kind: 'write' };
    }
    // `[...counts.values()]`, `for (const k of m.keys())`: an iterator of numbers or strings, used up right there.
    if (READING_METHODS.has(method) && consumedAtOnce(this.ctx, result) && (hasPrimitiveElements(this.ctx, value) || yieldsPrimitives(this.ctx, result))) {
      return { kind: 'read' };
    }
    // `for (const [k, v] of m.entries())`: each entry taken apart into names followed as parts of m (aliases.ts).
    if (method === 'entries' && ts.isForOfStatement(result.parent) && result.parent.expression === result && ts.isVariableDeclarationList(result.parent.initializer) &&
      result.parent.initializer.declarations.every((d) => ts.isArrayBindingPattern(d.name) && d.name.elements.every((e) => ts.isOmittedExpression(e) ||
        (ts.isIdentifier(e.name) && !e.initializer && !e.dotDotDotToken))) && this.aliases.takesEntriesApart(result.parent)) return { kind: 'read' };
    // `[...m.values()][0].join()`, `m.get(k)!.tags.length`: what it hands out is used up right there.
    if (readingCallUsedUp(this.ctx, this.lookup, call)) return { kind: 'read' };
    // `m.get(k)!.push(v)`, `m.get(k)![0]`: a part used right there, as `x.p.push(v)` is.
    if (chained) return this.accessUse(result.parent as ts.Expression);
    // `groups.get('a') === as`: which object it hands out, compared right there.
    if (READING_METHODS.has(method) && isComparison(ts, result.parent)) return { kind: 'read' };
    // `m.get(k)`, `it = a.values()`: an object that may be part of this one (or a live view of it) is handed out.
    if (!dropped && !isPrimitiveNode(this.ctx, call) && !isPrimitiveCopy(this.ctx, call)) return { kind: 'escape', why: `\`.${method}\` may hand out a part of it` };
    return READING_METHODS.has(method) || leavesReceiverAlone(this.ctx, call, this.lookup) ? { kind: 'read' } : { kind: 'write' };
  }

  /**
   * A view used where it is made and never kept (`Array.from(v.subarray(0, 5))`, `v.subarray(2).fill(0)`,
   * `v.subarray(1)[0]`, `[...v.subarray(0, 2)]`): a read or write of the base right there, like any other.
   */
  private viewUsedAtOnce(view: ts.CallExpression): { kind: 'read' | 'write' } | undefined {
    const { ts } = this;
    const outer = withWrappers(ts, view);
    const parent = outer.parent;
    if (readsAtOnce(this.ctx, view)) return { kind: 'read' };
    // `[...v.subarray(0, 2)]`, `Math.max(...v.subarray(k))`: its numbers copied out right there.
    if (takenApartIntoPrimitives(this.ctx, outer)) return { kind: 'read' };
    if (ts.isCallExpression(parent) && parent.arguments.includes(outer)) return undefined;
    if (ts.isPropertyAccessExpression(parent) && parent.expression === outer && ts.isCallExpression(parent.parent) && parent.parent.expression === parent) {
      return VIEW_METHODS.has(parent.name.text) ? undefined : { kind: 'write' };
    }
    if (ts.isElementAccessExpression(parent) && parent.expression === outer) return isWriteTarget(ts, parent) ? { kind: 'write' } : { kind: 'read' };
    return undefined;
  }

  /** `x[i]` / `x.p` (possibly deeper): a read or write of primitives is fine; an object taken out is an alias. */
  private accessUse(access: ts.Expression): Use {
    const { ts } = this;
    const outer = accessChain(ts, access);
    const parent = outer.parent;
    if (isWriteTarget(ts, outer)) return { kind: 'write' };
    // `mean(g.cells)`: the field is read now (a task may have put another object in it), and the part handed on;
    // also as one choice of the argument (`step(i ? res[i - 1][j].bottom : z)`, a wavefront's edge).
    const chosen = withChoices(ts, outer);
    if (isArgumentOf(ts, chosen.parent, chosen) && this.planner.isSubmission(chosen.parent as ts.CallExpression)) return { kind: 'read' };
    // A method of a part (`g.data.fill(0)`, `g.data.subarray(1)`, `m.get(k)`): the same rules as the object's own.
    if (ts.isCallExpression(parent) && parent.expression === outer && ts.isPropertyAccessExpression(outer)) {
      return this.methodUse(outer.expression, outer.name.text, parent);
    }
    if (ts.isCallExpression(parent) && parent.expression === outer) return { kind: 'escape', why: 'a computed method of a part of it is called' };
    if (isPrimitiveNode(this.ctx, outer)) return { kind: 'read' };
    // `const [first, second] = acc.list`, `[...d.n]`, `Math.min(...a.history)` of numbers: primitives copied out of the part.
    if (takenApartIntoPrimitives(this.ctx, outer)) return { kind: 'read' };
    // `h.a === b`: which object a field holds, which a task may change (it may swap a record's fields).
    if (isComparison(ts, parent)) return { kind: 'read' };
    // `'w' in boxes[1]`: whether the part has the key, read now.
    if (isKeyTest(ts, parent, outer)) return { kind: 'read' };
    // A part used at once by code that only reads it: `Array.from(m.data)`, `g.data.join(',')`.
    if (readsAtOnce(this.ctx, outer)) return { kind: 'read' };
    // `${a.history}`, `console.log([...g.rows])`: the part carried to a reader that keeps none of it.
    if (usedUpInPlace(this.ctx, this.lookup, outer)) return { kind: 'read' };
    return { kind: 'escape', why: 'a part of it is taken out as an object' };
  }
}

/**
 * `if (x)`, `!x`, `while (x)`, `x ? … : …` of a variable: whether it holds an object at all, which no task changes (a
 * task changes the object, not the name's binding; a container's slot is judged as a read by the caller).
 */
function isTruthTest(t: typeof ts, parent: ts.Node, outer: ts.Expression): boolean {
  if (t.isPrefixUnaryExpression(parent)) return parent.operator === t.SyntaxKind.ExclamationToken;
  if (t.isIfStatement(parent) || t.isWhileStatement(parent) || t.isDoStatement(parent)) return parent.expression === outer;
  return t.isConditionalExpression(parent) && parent.condition === outer;
}

/** `'k' in x`: whether the object has the key, read where it stands. */
function isKeyTest(t: typeof ts, parent: ts.Node, outer: ts.Expression): boolean {
  return t.isBinaryExpression(parent) && parent.operatorToken.kind === t.SyntaxKind.InKeyword && parent.right === outer;
}
