/**
 * Futures: where a submitted call's result goes, and where its value is needed.
 *
 * A submission returns a Future. It may be kept in a variable (`const r = task(x)`), gathered in an array
 * (`parts.push(task(x))`, `parts[i] = task(x)`, `xs.map((x) => task(x))`, `Array.from(xs, (x) => task(x))`, a
 * container's slot), or handed straight to another submission. Everywhere else its value is needed at once: the
 * call waits where it stands. A use of a Future that is not a flow position (an argument of a submission, a push
 * into an array of Futures) waits for it; an array of Futures waits for the element used, or for all of them.
 */
import type * as ts from 'typescript';
import { isPrimitiveNode, symbolOf } from '../analysis/context';
import type { Containers } from './containers';
import type { FileFacts } from './file-facts';
import type { FilePlan } from './file-plan';
import type { TaskInfo } from '../analysis/discover';
import { splitCallbackOf } from './split-callbacks';
import { splitLoopOf, type SplitLoop } from './split-loops';
import { givesPromise, onlyReadsThroughArrows } from './only-reads';
import { isAssignedTo, isChoice, isDeclarationName, isWriteTarget, skipTransparent, withWrappers } from './syntax';
import type { AliasGroups } from './aliases';
import { FutureWaits } from './future-waits';
import { arrayNames, canGather, mapCallAround, pushTarget, mapCallOf, outermostMap, usedUpByReader } from './gathering-arrays';
import { rootIdentifier } from '../analysis/expressions';
import { isFresh } from './fresh';
import { isKeepingMethod } from './library-uses';
import { gatheringGrid } from './gathering-grids';
import { nestOf } from './gathering-nests';

export class FutureFlow {
  private readonly ts: typeof ts;
  /** Variables holding Futures, and arrays that gather them. */
  private readonly futures = new Set<ts.Symbol>();
  readonly futureArrays = new Set<ts.Symbol>();
  /** Grids whose cells gather Futures (gathering-grids.ts). */
  readonly futureGrids = new Set<ts.Symbol>();
  /** Arrays that gathering arrays are pushed into whole (gathering-nests.ts). */
  readonly futureNests = new Set<ts.Symbol>();
  /**
   * Arrays of Futures gathering a value that may hold the caller's own objects (`out.push(pickBig(ps))` where pickBig
   * returns `ps.filter(…)`): those objects come home inside the value, but a task given the bare Future writes the
   * stored copy, never them (np50's F1). See heldInside.
   */
  private readonly holdingArrays = new Set<ts.Symbol>();

  constructor(private readonly facts: FileFacts, private readonly plan: FilePlan, private readonly containers: Containers,
    private readonly aliases: AliasGroups,
    /** A nested task call not decided yet that would be submitted (inner calls are decided after outer ones). */
    private readonly isPendingSubmission: (call: ts.CallExpression) => boolean) {
    this.ts = facts.ts;
  }

  /** A new round of planning: no call has placed a Future yet. */
  clear(): void { this.futures.clear(); this.futureArrays.clear(); this.holdingArrays.clear(); this.futureGrids.clear(); this.futureNests.clear(); }

  /** Loops not to split: one of their task calls stays direct (plan.ts decides again without the split). */
  readonly refusedSplits = new Set<ts.Statement>();

  /** The split of the loop whose body makes `call`, unless refused. */
  private splitLoopOf(call: ts.CallExpression): SplitLoop | undefined {
    const split = splitLoopOf(this.facts, call);
    return split && !this.refusedSplits.has(split.loop) ? split : undefined;
  }

  /** The argument is a Future, an array of Futures, or a submitted call itself. */
  flowsAsFuture(arg: ts.Expression): boolean {
    const { ts } = this;
    if (ts.isCallExpression(arg)) return this.plan.submissions.has(arg) || this.isPendingSubmission(arg);
    if (ts.isIdentifier(arg)) {
      const symbol = symbolOf(this.facts.ctx, arg);
      return symbol !== undefined && (this.isFuture(symbol) || this.futureArrays.has(symbol));
    }
    if (ts.isElementAccessExpression(arg) && ts.isIdentifier(arg.expression)) {
      const symbol = symbolOf(this.facts.ctx, arg.expression);
      return symbol !== undefined && this.futureArrays.has(symbol);
    }
    if (ts.isArrayLiteralExpression(arg)) return arg.elements.every((e) => isPrimitiveNode(this.facts.ctx, e) || this.flowsAsFuture(e));
    return false;
  }

  /**
   * A variable that holds a Future: a submitted call's result, or an element of an array of Futures taken by
   * `for (const x of futures)` or `futures.map((x) => …)` / `futures.forEach((x) => …)`.
   */
  isFuture(symbol: ts.Symbol): boolean {
    if (this.futures.has(symbol)) return true;
    const { ts } = this;
    const declaration = symbol.valueDeclaration;
    if (!declaration) return false;
    const iterated = this.iteratedBy(declaration);
    if (iterated) return this.isFutureArray(iterated);
    // `const first = blocks[0]`, `const x = c ? parts[0] : parts[1]`: an element of an array of Futures, named.
    if (ts.isVariableDeclaration(declaration) && declaration.initializer && ts.isIdentifier(declaration.name) &&
      ts.isVariableDeclarationList(declaration.parent) && declaration.parent.flags & ts.NodeFlags.Const && this.facts.isFileLocal(declaration.name)) {
      return this.isGathered(declaration.initializer, true) && !this.isSubmission(declaration.initializer);
    }
    return false;
  }

  /** The array whose elements the variable takes one at a time: `for (const x of xs)`, `xs.map((x) => …)`, `xs.forEach(…)`. */
  private iteratedBy(declaration: ts.Declaration): ts.Expression | undefined {
    const { ts } = this;
    if (ts.isVariableDeclaration(declaration) && ts.isVariableDeclarationList(declaration.parent) && ts.isForOfStatement(declaration.parent.parent)) {
      return declaration.parent.parent.expression;
    }
    if (!ts.isParameter(declaration) || declaration.parent.parameters[0] !== declaration) return undefined;
    const fn = declaration.parent;
    const call = fn.parent;
    return (ts.isArrowFunction(fn) || ts.isFunctionExpression(fn)) && ts.isCallExpression(call) && call.arguments[0] === fn &&
      ts.isPropertyAccessExpression(call.expression) && ['map', 'forEach'].includes(call.expression.name.text) ? call.expression.expression : undefined;
  }

  /**
   * The variable an element of a gathering array (through choices) is declared as, if that makes it a Future variable.
   * `valueChoices`: also through `??`, `||`, `&&`, which test the element's value (so it is waited for there, and the
   * variable, holding the value, waits again at each use).
   */
  namedElement(element: ts.ElementAccessExpression, valueChoices: boolean): ts.Symbol | undefined {
    const { ts } = this;
    let node: ts.Node = withWrappers(ts, element);
    while ((ts.isConditionalExpression(node.parent) && node.parent.condition !== node) ||
      (valueChoices && ts.isBinaryExpression(node.parent) && isChoice(ts, node.parent.operatorToken.kind))) node = withWrappers(ts, node.parent);
    const declaration = node.parent;
    if (!ts.isVariableDeclaration(declaration) || declaration.initializer !== node || !ts.isIdentifier(declaration.name)) return undefined;
    const symbol = symbolOf(this.facts.ctx, declaration.name);
    return symbol && this.isFuture(symbol) ? symbol : undefined;
  }

  /** Every variable isFuture holds true of: the recorded ones, and the element variables of arrays of Futures. */
  futureSymbols(): Set<ts.Symbol> {
    const { ts } = this;
    const found = new Set(this.futures);
    for (const array of this.futureArrays) {
      for (const ref of this.facts.references(array)) {
        const parent = ref.parent;
        let element: ts.Node | undefined;
        // for (const x of futures)
        if (ts.isForOfStatement(parent) && parent.expression === ref && ts.isVariableDeclarationList(parent.initializer)) {
          element = parent.initializer.declarations[0]?.name;
        }
        // futures.map((x) => …), futures.forEach((x) => …)
        if (ts.isPropertyAccessExpression(parent) && parent.expression === ref && ts.isCallExpression(parent.parent)) {
          const fn = parent.parent.arguments[0];
          if (fn && (ts.isArrowFunction(fn) || ts.isFunctionExpression(fn))) element = fn.parameters[0]?.name;
        }
        const symbol = element && ts.isIdentifier(element) ? symbolOf(this.facts.ctx, element) : undefined;
        if (symbol && this.isFuture(symbol)) found.add(symbol);
        const named = ts.isElementAccessExpression(parent) && parent.expression === ref ? this.namedElement(parent, true) : undefined;
        if (named) found.add(named);
      }
    }
    return found;
  }

  isFutureArray(expr: ts.Expression): boolean {
    if (!this.ts.isIdentifier(expr)) return false;
    const symbol = symbolOf(this.facts.ctx, expr);
    return symbol !== undefined && this.futureArrays.has(symbol);
  }


  /**
   * What a map's callback evaluates around the task call only reads: the call's arguments, the conditions of the
   * choices its value goes through (`value`: the outermost), and the other elements or fields of a literal it is
   * returned in (`[a.id, add(a, 1)]`).
   */
  private callbackOnlyReads(call: ts.CallExpression, value: ts.Node): boolean {
    const { ts } = this;
    const reads = (node: ts.Node): boolean => onlyReadsThroughArrows(this.facts, node);
    for (let n: ts.Node = call; n !== value && n.parent; n = n.parent) {
      if (ts.isConditionalExpression(n.parent) && !reads(n.parent.condition)) return false;
    }
    const around = value.parent;
    const siblings = ts.isArrayLiteralExpression(around) ? around.elements
      : ts.isPropertyAssignment(around) && ts.isObjectLiteralExpression(around.parent) ? around.parent.properties : [];
    return call.arguments.every(reads) && siblings.every((sibling) => sibling === value || sibling === around || reads(sibling));
  }

  /** Where a submitted call's Future goes. */
  recordResult(call: ts.CallExpression): void {
    const { ts } = this;
    // `task(x)!`, `task(x) as T`: the same value; the Future goes where the wrapped value goes.
    let node: ts.Node = withWrappers(ts, call);
    // `next.push(odd ? level[i] : merge(level[i], level[i + 1]))`: the Future goes where the choice's value goes.
    while (ts.isConditionalExpression(node.parent) && node.parent.condition !== node) node = withWrappers(ts, node.parent);
    const parent = node.parent;
    // An async task's call gives a Promise in plain code (`.then`, `Promise.allSettled`, kept and awaited later): a
    // real Promise of the task's value, with no wait (an `await` right at the call awaits the Future itself). Also
    // when the value is dropped (`load(x);`): its failure is then an unhandled rejection, not a throw at the call.
    const task = this.plan.submissions.get(call)!;
    if (givesPromise(this.facts.ctx, task.fn) && !ts.isAwaitExpression(parent)) { this.plan.promised.add(call); return; }
    // A loop body making several task calls, some of whose values it uses (`const a = f(x); log(a, g(x))`): the loop
    // split in two passes holds all their values (split-loops.ts); waiting at each would run them one at a time.
    const split = this.splitLoopOf(call);
    if (split && split.taskCalls.length > 1 && split.taskCalls.some((c) => this.facts.resultUsed(c))) { this.plan.splitLoops.set(split.loop, split); return; }
    if (ts.isExpressionStatement(parent)) return;
    // `xs.forEach((x) => task(x))` drops the value, but in a try block each call waits, so that a failure stops the
    // later calls as it did in plain code (inline runs too, where a submission runs at once).
    if (!this.facts.resultUsed(call) && !this.facts.failureSeen(call)) return;
    if (this.facts.reassignsItsArgument(call, task)) { this.plan.returnsArgument.set(call, task.returnsArgument!); return; }
    const forwarders = this.facts.forwarders;
    if (ts.isCallExpression(parent) && this.plan.submissions.has(parent) && forwarders.takesFutureAt(parent, node)) return;
    if (ts.isCallExpression(parent) && parent.arguments.includes(node as ts.Expression) && this.isPendingSubmission(parent) && forwarders.takesFutureAt(parent, node)) return;
    if (ts.isArrayLiteralExpression(parent) && ts.isCallExpression(parent.parent) && this.isPendingSubmission(parent.parent) &&
      forwarders.takesFutureAt(parent.parent, parent)) return;
    if (ts.isVariableDeclaration(parent) && parent.initializer === node && ts.isIdentifier(parent.name) && this.facts.isFileLocal(parent.name) &&
      !this.updatedInPlace(symbolOf(this.facts.ctx, parent.name)!)) {
      // `for (…) { const s = total(p); … s … }`: the loop split in two passes holds the value, not a Future; else a
      // Future variable, waited where it is used (in the same pass, that would run the calls one at a time).
      const loop = this.splitLoopOf(call);
      if (loop) { this.plan.splitLoops.set(loop.loop, loop); return; }
      // `xs.map((n) => { const r = run(n); return { n, r }; })`: the callback split in two holds the value.
      if (this.splitCallback(call, task)) return;
      this.futures.add(symbolOf(this.facts.ctx, parent.name)!);
      return;
    }
    // A task that fails inside a try block (or where failure handlers look: failureSeen) must leave no Future behind
    // where the sequential program stored nothing. A split callback stores none: a failure stops the uses at its
    // element, as the plain call did.
    if (this.facts.failureSeen(call) || this.storedWhereCatchSees(node)) {
      if (!this.splitCallback(call, task)) this.plan.waitedAtCall.add(call);
      return;
    }
    // `return total(a)` in a forwarder: the Future is its caller's (forwarders.ts), waited for where the caller needs it
    // (a method's: when the method claimed the call).
    const forwarder = this.facts.forwarders.returnsFrom(call);
    if (forwarder) {
      if (forwarder.claims) this.plan.handedOn.set(call, forwarder.claims.self);
      if (forwarder.claims?.method && forwarder.quiet) this.plan.runsAhead.add(forwarder.fn as ts.MethodDeclaration);
      return;
    }
    // arr.push(task(…)) and arr[i] = task(…): arr gathers Futures.
    if (ts.isCallExpression(parent) && parent.arguments.length === 1 && ts.isPropertyAccessExpression(parent.expression) && parent.expression.name.text === 'push' &&
      ts.isIdentifier(parent.expression.expression) && ts.isExpressionStatement(parent.parent) &&
      this.canGather(parent.expression.expression, this.holdsCallersObjects(call))) {
      this.gather(parent.expression.expression, this.holdsCallersObjects(call));
      return;
    }
    if (ts.isBinaryExpression(parent) && parent.right === node && parent.operatorToken.kind === ts.SyntaxKind.EqualsToken &&
      ts.isElementAccessExpression(parent.left) && ts.isIdentifier(parent.left.expression) && ts.isExpressionStatement(parent.parent) &&
      this.canGather(parent.left.expression, this.holdsCallersObjects(call))) {
      this.gather(parent.left.expression, this.holdsCallersObjects(call));
      return;
    }
    if (this.gathersIntoContainer(call, parent) || this.gathersIntoGrid(call, node, parent)) return;
    // r = task(…) where r already holds Futures, or is a `let` that may (`let p = img; p = smooth(p)`): it holds a new one.
    if (ts.isBinaryExpression(parent) && parent.right === node && parent.operatorToken.kind === ts.SyntaxKind.EqualsToken &&
      ts.isIdentifier(parent.left) && ts.isExpressionStatement(parent.parent)) {
      const symbol = symbolOf(this.facts.ctx, parent.left);
      if (symbol && this.futures.has(symbol)) return;
      if (symbol && this.mayHoldFutures(symbol)) {
        // (`for (…) { found = peak(r); if (found > 4) break; }`: a loop split in two passes holds the value, as for a `const`.)
        const loop = this.splitLoopOf(call);
        if (loop) { this.plan.splitLoops.set(loop.loop, loop); return; }
        this.futures.add(symbol);
        return;
      }
    }
    // `new Map(accs.map((a) => [a.id, add(a, 1)]))`, `console.log(accs.map((a) => ({ id: a.id, v: add(a, 1) })))`: pairs
    // or records holding Futures, the whole waited for where it is used up.
    // (Each element's callback runs before any value is waited for: what it evaluates with the call must only read, or
    // the elements after a failing one would have run code the plain map never reached, rv71's
    // r-map-combinator-side-effect: `total(get(k))` with a `get` counting its calls, seen by a rejection handler.)
    const around = this.callbackOnlyReads(call, node) ? mapCallAround(this.facts, node) : undefined;
    if (around && usedUpByReader(this.facts, around.map)) { this.plan.mapsWaitedWhole.set(around.map, around.inRecord ? 'waitFields' : 'waitAll'); return; }
    // const parts = xs.map((x) => task(x)): parts gathers Futures.
    const mapped = this.callbackOnlyReads(call, node) ? mapCallOf(this.facts, node) : undefined;
    if (mapped) {
      // (`const r = (xs.map(…))`: parentheses and type-only wrappers stand for the map, np67's min-map-arg-call.)
      const holder = withWrappers(ts, mapped).parent;
      if (ts.isVariableDeclaration(holder) && holder.initializer === withWrappers(ts, mapped) && ts.isIdentifier(holder.name) && this.facts.isFileLocal(holder.name)) {
        // With the names it is rebound to (`let level = partial`), if they can all gather.
        const holds = this.holdsCallersObjects(call);
        if (this.canGather(holder.name, holds)) this.gather(holder.name, holds);
        else this.markGathering(symbolOf(this.facts.ctx, holder.name)!, holds);
        return;
      }
      // `console.log(accs.map((a) => add(a, 1)))`: the reader runs after the last call, so it waits for them all.
      if (usedUpByReader(this.facts, mapped)) { this.plan.mapsWaitedWhole.set(outermostMap(this.facts, mapped), 'waitAll'); return; }
      // `out = docs.map((d) => task(d))` into a `let` of this file that can gather (tester #18's F8).
      if (ts.isBinaryExpression(holder) && holder.operatorToken.kind === ts.SyntaxKind.EqualsToken && holder.right === mapped &&
        ts.isIdentifier(holder.left) && ts.isExpressionStatement(holder.parent) && this.facts.isFileLocal(holder.left) && this.canGather(holder.left)) {
        this.gather(holder.left, this.holdsCallersObjects(call));
        return;
      }
    }
    if (!this.splitCallback(call, task)) this.plan.waitedAtCall.add(call);
  }

  /**
   * In a function a try may run (or whose promise someone catches), a Future stored where code after the catch sees
   * it: `out.push(task(x))`, `seen[k] = task(x)`, `best = task(x)` with `out`, `seen`, `best` not the function's own
   * (rv-p4: `function stepA() { out.push(fail([])) }` run by `for (const s of steps) try { s() }`). The plain call threw
   * before the store; a Future there would throw again where `out` is next read, outside the try. So the call waits,
   * as in a try block. Stores into the function's own locals, and values it returns, are left to the rules above.
   */
  private storedWhereCatchSees(node: ts.Node): boolean {
    const { ts } = this;
    const fn = this.facts.caughtFunctionOf(node);
    if (!fn) return false;
    // (The value in a literal, `out.push({ n, r: task(n) })`, or of a map, `out = xs.map((x) => task(x))`, is stored whole.)
    let value: ts.Node = mapCallOf(this.facts, node) ?? node;
    while (ts.isPropertyAssignment(value.parent) || ts.isObjectLiteralExpression(value.parent) || ts.isArrayLiteralExpression(value.parent) ||
      ts.isShorthandPropertyAssignment(value.parent)) value = value.parent;
    const parent = value.parent;
    let target: ts.Expression | undefined;
    if (ts.isCallExpression(parent) && parent.arguments.includes(value as ts.Expression) && ts.isPropertyAccessExpression(parent.expression) &&
      isKeepingMethod(this.facts.ctx, parent.expression)) target = parent.expression.expression;
    else if (ts.isBinaryExpression(parent) && parent.right === value && parent.operatorToken.kind === ts.SyntaxKind.EqualsToken) target = parent.left;
    const root = target && rootIdentifier(ts, skipTransparent(ts, target));
    if (!root) return false;
    const symbol = symbolOf(this.facts.ctx, root);
    // (A parameter names the caller's object; a module variable or a captured one, code after the catch sees; so does
    // a local holding one of those, `const o = out`: only a local made fresh, and no other name's, is the function's.)
    const declaration = symbol?.valueDeclaration;
    const inside = (d: ts.Declaration | undefined) => d !== undefined && d.pos >= fn.pos && d.end <= fn.end && !ts.isParameter(d);
    const own = declaration !== undefined && ts.isVariableDeclaration(declaration) && declaration.initializer !== undefined && inside(declaration) &&
      isFresh(this.facts.ctx, declaration.initializer) && this.aliases.groupOf(symbol!).every((member) => inside(member.valueDeclaration));
    return !own;
  }

  /** `xs.map((x) => stats(x).max)`: all of them submitted, then each value used (see split-callbacks.ts). */
  private splitCallback(call: ts.CallExpression, task: TaskInfo): boolean {
    const split = splitCallbackOf(this.facts, call, task);
    if (split) this.plan.splitCallbacks.set(split.methodCall, split);
    return split !== undefined;
  }

  /**
   * The task's value may hold the caller's own objects (`pickBig(ps)` returning `ps.filter(…)`): they come home inside
   * the value, so a Future of it kept where a writing task could be given it bare is tracked (holdingArrays) or not
   * kept at all.
   */
  private holdsCallersObjects(call: ts.CallExpression): boolean { return this.facts.heldArguments(call).length > 0; }

  /**
   * `a[i].push(task(…))` or `a[i][j] = task(…)` where a is a container: the slot holds the Future until a wait. (Not a
   * value holding the caller's objects: a task given the slot would write the stored copy, rv63's R2. It is waited for
   * at the call, and the container holds the objects themselves, aliases.ts storedInto.)
   */
  private gathersIntoContainer(call: ts.CallExpression, parent: ts.Node): boolean {
    const { ts } = this;
    if (!ts.isExpressionStatement(parent.parent) || this.containers.holdsObjects(call) || this.holdsCallersObjects(call)) return false;
    let level: ts.Expression | undefined;
    // One value per push: a walk of the container by another argument, after the submission and before the push
    // placed its Future, would be remembered as complete (see within.ts).
    if (ts.isCallExpression(parent) && ts.isPropertyAccessExpression(parent.expression) && parent.expression.name.text === 'push' &&
      parent.arguments.length === 1) {
      level = parent.expression.expression;
    } else if (ts.isBinaryExpression(parent) && parent.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isElementAccessExpression(parent.left)) {
      level = parent.left.expression;
    }
    const root = level && this.containers.holdsObjects(level) ? this.containers.rootOf(level) : undefined;
    if (root) this.containers.rely(root);
    return root !== undefined;
  }

  /**
   * `grid[i][j] = block(…)` or `grid[i].push(block(…))`, a statement, into a grid whose cells are waited for where read
   * (gathering-grids.ts).
   */
  private gathersIntoGrid(call: ts.CallExpression, node: ts.Node, parent: ts.Node): boolean {
    const { ts } = this;
    if (!ts.isExpressionStatement(parent.parent) || this.holdsCallersObjects(call)) return false;
    const stored = ts.isBinaryExpression(parent) && parent.right === node && parent.operatorToken.kind === ts.SyntaxKind.EqualsToken &&
      ts.isElementAccessExpression(parent.left) ? parent.left.expression : undefined;
    const pushed = ts.isCallExpression(parent) && parent.arguments.length === 1 && parent.arguments[0] === node &&
      ts.isPropertyAccessExpression(parent.expression) && parent.expression.name.text === 'push' ? parent.expression.expression : undefined;
    const row = stored ?? pushed;
    const root = row && ts.isElementAccessExpression(row) && ts.isIdentifier(row.expression) ? row.expression : undefined;
    const verdict = root && gatheringGrid(this.facts, root);
    if (verdict && 'blocker' in verdict) this.plan.gridBlockers.set(call, verdict.blocker);
    if (!verdict || !('grid' in verdict)) return false;
    this.futureGrids.add(verdict.grid);
    return true;
  }

  /**
   * A `let` of this file declared by a plain name (not a loop's): every use of it can wait for a Future it holds, as
   * a variable initialized by a submission does, whatever it held before (a wait on a value is the value).
   */
  private mayHoldFutures(symbol: ts.Symbol): boolean {
    const { ts } = this;
    const declaration = symbol.valueDeclaration;
    return declaration !== undefined && ts.isVariableDeclaration(declaration) && ts.isIdentifier(declaration.name) &&
      ts.isVariableDeclarationList(declaration.parent) && (declaration.parent.flags & ts.NodeFlags.Let) !== 0 &&
      ts.isVariableStatement(declaration.parent.parent) && this.facts.isFileLocal(declaration.name) && !this.updatedInPlace(symbol);
    // (A task never reads such a `let` as module state: that is a compile error, module-state.ts, "a module variable that may change".)
  }

  /**
   * The variable is updated from its own value (`x += e`, `x++`, `x ??= e`, a destructuring or for…of target): it
   * cannot hold a Future, whose value would be needed on the left of the assignment.
   */
  private updatedInPlace(symbol: ts.Symbol): boolean {
    return (this.facts.references(symbol)).some((ref) => !isDeclarationName(this.ts, ref) && !isAssignedTo(this.ts, ref) &&
      isWriteTarget(this.ts, ref));
  }

  /**
   * `const v = add(a, 5); out.push(v)`: a Future variable pushed, as a statement, into an array that can gather them
   * (tester #18's F1: the loop waited for v at the push). The array gathers it; its elements are waited where used.
   */
  gathersPushed(ref: ts.Identifier): boolean {
    const array = pushTarget(this.ts, ref);
    if (!array) return false;
    const symbol = symbolOf(this.facts.ctx, array);
    if (!symbol || (!this.futureArrays.has(symbol) && !this.canGather(array))) return false;
    const pushed = symbolOf(this.facts.ctx, ref);
    this.gather(array, pushed !== undefined && this.aliases.isHolder(pushed));
    return true;
  }

  /** A plain array of this file that can hold Futures until its elements are needed (gathering-arrays.ts). */
  /** The array can gather Futures (gathering-arrays.ts); pushed whole into a nest too, for values holding no caller's object. */
  private canGather(id: ts.Identifier, holds = true): boolean {
    return canGather(this.facts, this.aliases, id, (symbol) => this.isFuture(symbol), !holds);
  }

  /** Mark the array, and every name it is rebound to, as gathering Futures (with `holds`: one that may hold the caller's objects). */
  private gather(id: ts.Identifier, holds: boolean): void {
    for (const member of arrayNames(this.facts, this.aliases, symbolOf(this.facts.ctx, id)!, (symbol) => this.isFuture(symbol))) {
      this.markGathering(member, holds);
      // (Pushed whole into an array of rows: that one's uses wait for the rows' Futures, gathering-nests.ts.)
      if (!holds) for (const ref of this.facts.references(member)) { const nest = nestOf(this.facts, ref); if (nest) this.futureNests.add(nest); }
    }
  }

  private markGathering(array: ts.Symbol, holds: boolean): void {
    this.futureArrays.add(array);
    if (holds) this.holdingArrays.add(array);
  }

  /**
   * The argument is an element of an array gathering a value that may hold the caller's own objects (`out[0]`,
   * `for (const o of out)`, `out.map((o) => …)`, `const first = out[0]`): a task writing it would write the stored
   * copy, not the objects the program reads by their own names.
   */
  heldInside(arg: ts.Expression): boolean {
    const { ts } = this;
    const inner = skipTransparent(ts, arg);
    if (ts.isConditionalExpression(inner)) return this.heldInside(inner.whenTrue) || this.heldInside(inner.whenFalse);
    if (ts.isBinaryExpression(inner) && isChoice(ts, inner.operatorToken.kind)) return this.heldInside(inner.left) || this.heldInside(inner.right);
    if (ts.isElementAccessExpression(inner)) return this.isHoldingArray(skipTransparent(ts, inner.expression));
    if (!ts.isIdentifier(inner)) return false;
    const declaration = symbolOf(this.facts.ctx, inner)?.valueDeclaration;
    if (!declaration) return false;
    // (The same element variables isFuture knows: `for (const o of out)`, `out.map((o) => …)`, `const first = out[0]`.)
    const iterated = this.iteratedBy(declaration);
    if (iterated) return this.isHoldingArray(skipTransparent(ts, iterated));
    return ts.isVariableDeclaration(declaration) && declaration.initializer !== undefined && this.heldInside(declaration.initializer);
  }

  private isHoldingArray(expr: ts.Expression): boolean {
    const symbol = this.ts.isIdentifier(expr) ? symbolOf(this.facts.ctx, expr) : undefined;
    return symbol !== undefined && this.holdingArrays.has(symbol);
  }

  /** Every use of a Future, or of an array of them, that needs the value (future-waits.ts). */
  planWaits(): void { new FutureWaits(this, this.facts, this.plan, this.containers, this.aliases).run(); }

  /** What a gathering array may take without a wait: a submission, an element of a gathering array, or a choice of them. */
  isGathered(value: ts.Expression, valueChoices = false): boolean {
    const { ts } = this;
    const inner = skipTransparent(ts, value);
    if (ts.isConditionalExpression(inner)) return this.isGathered(inner.whenTrue, valueChoices) && this.isGathered(inner.whenFalse, valueChoices);
    if (valueChoices && ts.isBinaryExpression(inner) && isChoice(ts, inner.operatorToken.kind)) {
      return this.isGathered(inner.left, true) && this.isGathered(inner.right, true);
    }
    if (ts.isElementAccessExpression(inner)) return this.isFutureArray(skipTransparent(ts, inner.expression));
    return this.isSubmission(inner);
  }

  isSubmission(node: ts.Expression): boolean {
    while (this.ts.isParenthesizedExpression(node)) node = node.expression;
    return this.ts.isCallExpression(node) && this.plan.submissions.has(node);
  }

}
