/**
 * Where a Future's value is needed: every use of a Future variable, or of an array gathering Futures, that is not
 * a place the Future only passes through (an argument of a submission, a push into another gathering array, a name
 * kept for it) waits there; a use that may change the value is "written", so later tasks read the change.
 * futures.ts says where Futures go; this file, where they have to be values.
 */
import type * as ts from 'typescript';
import { symbolOf } from '../analysis/context';
import type { AliasGroups } from './aliases';
import type { Containers } from './containers';
import type { FileFacts } from './file-facts';
import type { FutureFlow } from './futures';
import type { FilePlan } from './file-plan';
import { isArgumentOf, isAssignedTo, isChoice, isDeclarationName, isStoreTarget, skipTransparent, withWrappers } from './syntax';
import { arrayNames, isGatheringRecord } from './gathering-arrays';
import { cellRead, wholeGridUses } from './gathering-grids';
import { nestOf, wholeNestUses } from './gathering-nests';
import { mayRestructure } from './level-structure';

export class FutureWaits {
  private readonly ts: typeof ts;

  constructor(private readonly flow: FutureFlow, private readonly facts: FileFacts, private readonly plan: FilePlan,
    private readonly containers: Containers, private readonly aliases: AliasGroups) {
    this.ts = facts.ts;
  }

  /** Every use of a Future, or of an array of them, that needs the value: a wait, or "written" where it changes it. */
  run(): void {
    // Until no new Future variable appears: a Future pushed into an array (gathersPushed) makes the array gather, and
    // then `for (const ps of lists)` names Futures too (tester #24's 16: `ps[META]` read off a Future, undefined).
    const done = new Set<ts.Symbol>();
    for (let found = [...this.flow.futureSymbols()]; found.length > 0; found = [...this.flow.futureSymbols()].filter((s) => !done.has(s))) {
      for (const symbol of found) done.add(symbol);
      this.waitForValues(found);
    }
    this.waitForElements();
    this.waitForCells();
    this.waitForNests();
  }

  /**
   * Each use of an array of gathering rows after its sweep (gathering-nests.ts) waits for every row's Futures; a part
   * of it handed to a task (`bump(A[i][j])`) only needs the Futures in that part made values (`futuresWithin(A[i][j])`),
   * the runtime ordering the call after the tasks writing it, so the blocks' calls run side by side (np73's
   * min-row-push-serial ran them one at a time). Not when a task given a part may change which objects it holds: a
   * part picked after would be picked from the old order.
   */
  private waitForNests(): void {
    for (const nest of this.flow.futureNests) {
      const uses = wholeNestUses(this.facts, nest);
      const handed = uses.map((ref) => this.handedPart(ref));
      const reorders = handed.some((part) => part?.reorders);
      uses.forEach((ref, k) => {
        const part = handed[k];
        if (part && !reorders) this.plan.elementWraps.set(part.chain, 'futuresWithin');
        else this.plan.wraps.set(ref, 'writtenWithin');
      });
    }
  }

  /** `A[i][j]` of `ref`, steps by number, as an argument of a submission: with whether its task may reorder what it holds. */
  private handedPart(ref: ts.Identifier): { chain: ts.ElementAccessExpression; reorders: boolean } | undefined {
    const { ts } = this;
    let chain: ts.Expression = ref;
    for (let step = this.elementOf(chain); step; step = this.elementOf(step)) chain = step;
    const call = chain.parent;
    if (chain === ref || !ts.isElementAccessExpression(chain) || !ts.isCallExpression(call) || !call.arguments.includes(chain) || !this.plan.submissions.has(call)) return undefined;
    const task = this.plan.submissions.get(call)!;
    const at = call.arguments.indexOf(chain);
    const param = task.params[Math.min(at, task.params.length - 1)];
    // (Only a part holding objects has an order a later pick reads: a list of numbers written in place has none.)
    const reorders = param === undefined || (param.direction !== 'in' && this.containers.holdsObjects(chain) &&
      mayRestructure(this.facts.ctx, task.fn, Math.min(at, task.fn.parameters.length - 1)));
    return { chain, reorders };
  }

  /**
   * Each read of a grid's cell (gathering-grids.ts): its Future waited for there, or handed on to the task it is given
   * to (`cell(i > 0 ? grid[i - 1][j] : 1, …)`: the call waits for it in the task graph, so a sweep in row order
   * submits every block at once, np70's min-wavefront-num); every cell, where the grid is used whole.
   */
  private waitForCells(): void {
    for (const grid of this.flow.futureGrids) {
      for (const ref of this.facts.references(grid)) {
        const read = cellRead(this.facts, ref);
        if (read && !this.handedToTask(read.cell)) this.plan.elementWraps.set(read.cell, read.wrap);
      }
      for (const ref of wholeGridUses(this.facts, grid)) this.plan.wraps.set(ref, 'writtenWithin');
    }
  }

  /** The value (through choices) is an argument of a submission that takes a Future there. */
  private handedToTask(value: ts.Expression): boolean {
    const { ts } = this;
    let node: ts.Node = withWrappers(ts, value);
    while (ts.isConditionalExpression(node.parent) && node.parent.condition !== node) node = withWrappers(ts, node.parent);
    const holder = node.parent;
    return isArgumentOf(ts, holder, node as ts.Expression) && this.plan.submissions.has(holder) && this.facts.forwarders.takesFutureAt(holder, node);
  }

  /** Each use of these Future variables that needs the value. */
  private waitForValues(symbols: readonly ts.Symbol[]): void {
    for (const symbol of symbols) {
      for (const ref of this.facts.references(symbol)) {
        if (this.isFlowPosition(ref) || isDeclarationName(this.ts, ref) || isAssignedTo(this.ts, ref) || this.flow.gathersPushed(ref)) continue;
        // Writing into a task's result: later tasks must read the program's change. A value that may hold the call's
        // arguments (`const r = run(cfg)`, aliases.ts) is waited for with what its fields hold: tasks may write cfg.
        const writes = this.containers.mayWriteThrough(ref, symbol);
        const holder = this.aliases.isHolder(symbol);
        this.plan.wraps.set(ref, holder ? (writes ? 'writtenFields' : 'waitFields') : writes ? 'written' : 'wait');
      }
    }
  }

  /** Each use of an array gathering Futures that needs its elements' values. */
  private waitForElements(): void {
    for (const symbol of this.flow.futureArrays) {
      for (const ref of this.facts.references(symbol)) {
        if (this.isFlowPosition(ref) || this.handsOnElements(ref) || isDeclarationName(this.ts, ref) || isAssignedTo(this.ts, ref)) continue;
        // `grid.push(row)`: the row's Futures move into a nest, whose uses wait for them.
        const nest = nestOf(this.facts, ref);
        if (nest && this.flow.futureNests.has(nest)) continue;
        // `level = next`: the Futures move to another gathering name, and are waited for where that one is used.
        // (The array's names as gathering-arrays.ts counts them: not a name taking one element, `const total = level[0]`.)
        if (this.aliases.isAliasSource(ref) &&
          arrayNames(this.facts, this.aliases, symbol, (member) => this.flow.isFuture(member)).every((member) => this.flow.futureArrays.has(member))) continue;
        const element = this.elementOf(ref);
        // `[em[0], em[1]] = [em[1], em[0]]`, `em[0] = v`: a slot given another value needs no wait (nor could a call stand there).
        if (element && isStoreTarget(this.ts, element)) continue;
        // The program changes an element's contents, or keeps it under a name that may (`let acc = parts[0]`,
        // `const [x, y] = parts`): later tasks must see it (the value may be a task's version).
        const kept = this.keptUnderName(element ?? ref);
        // (`reverse(parts[0])` of a library, `lib(parts)`: let out to code that may change it, as a write.)
        const letOut = this.containers.mayWriteThrough(ref, symbol);
        if (this.containers.writesThrough(ref, symbol) || ((kept || letOut) && !element)) this.plan.wraps.set(ref, 'writtenWithin');
        // `parts[0].slice(…)` needs one element, not every task's result loaded into this thread.
        else if (element) this.plan.elementWraps.set(element, kept || letOut ? 'written' : 'wait');
        else this.plan.wraps.set(ref, isGatheringRecord(this.facts, symbol) ? 'waitFields' : 'waitAll');
      }
    }
  }

  /**
   * `parts[i]`: one element, by a number. Not a method reached by key (`rs[Symbol.iterator]()`, `rs['join']('-')`),
   * which is called on the array: a wait on it alone would call it without its `this` (tester #12's m12).
   */
  private elementOf(ref: ts.Expression): ts.ElementAccessExpression | undefined {
    const { ts } = this;
    const parent = ref.parent;
    if (!ts.isElementAccessExpression(parent) || parent.expression !== ref) return undefined;
    const key = this.facts.ctx.checker.getTypeAtLocation(parent.argumentExpression);
    return key.flags & ts.TypeFlags.NumberLike ? parent : undefined;
  }

  /**
   * The value goes to a name the plan does not follow (`let acc = parts[0]`, `const [x, y] = parts`, `acc = parts[1]`,
   * through choices): the program may write it there, so it is marked written where it is taken.
   */
  private keptUnderName(value: ts.Expression): boolean {
    const { ts } = this;
    let node: ts.Node = withWrappers(ts, value);
    while ((ts.isConditionalExpression(node.parent) && node.parent.condition !== node) ||
      (ts.isBinaryExpression(node.parent) && isChoice(ts, node.parent.operatorToken.kind))) node = withWrappers(ts, node.parent);
    const parent = node.parent;
    if (ts.isVariableDeclaration(parent) && parent.initializer === node) {
      const symbol = ts.isIdentifier(parent.name) ? symbolOf(this.facts.ctx, parent.name) : undefined;
      return !symbol || !this.flow.isFuture(symbol);
    }
    return ts.isBinaryExpression(parent) && parent.right === node && parent.operatorToken.kind === ts.SyntaxKind.EqualsToken &&
      !ts.isElementAccessExpression(parent.left);
  }

  /** A reference that hands a Future on without needing its value. */
  private isFlowPosition(ref: ts.Identifier): boolean {
    const { ts } = this;
    const parent = ref.parent;
    const outer = withWrappers(ts, ref).parent;
    if (isArgumentOf(ts, outer, ref) && this.plan.submissions.has(outer) && this.facts.forwarders.takesFutureAt(outer, ref)) return true;
    if (ts.isArrayLiteralExpression(parent) && ts.isCallExpression(parent.parent) && this.plan.submissions.has(parent.parent) &&
      this.facts.forwarders.takesFutureAt(parent.parent, parent)) return true;
    // arr.push(value) / arr[i] = submission, where arr gathers Futures (not a Future itself): a push looks at no
    // element, whatever it pushes (`runs.push(run)` of a typed array a task sorts waited for every run).
    const own = symbolOf(this.facts.ctx, ref);
    if (own && this.flow.isFuture(own)) return false;
    if (ts.isPropertyAccessExpression(parent) && parent.expression === ref && parent.name.text === 'push' && ts.isCallExpression(parent.parent) &&
      parent.parent.expression === parent && parent.parent.arguments.length === 1 && !ts.isSpreadElement(parent.parent.arguments[0]) &&
      own !== undefined && this.flow.futureArrays.has(own)) return true;
    if (ts.isElementAccessExpression(parent) && parent.expression === ref && ts.isBinaryExpression(parent.parent) && parent.parent.left === parent &&
      parent.parent.operatorToken.kind === ts.SyntaxKind.EqualsToken && this.flow.isGathered(parent.parent.right)) return true;
    // `const first = blocks[0]`: the element goes on, as a Future, under another name (waited for at its uses).
    if (ts.isElementAccessExpression(parent) && parent.expression === ref && this.flow.futureArrays.has(own!) && this.flow.namedElement(parent, false)) return true;
    // `next.push(odd ? level[i] : …)`: an element of one gathering array moved into another, Future or not.
    if (ts.isElementAccessExpression(parent) && parent.expression === ref && this.flow.futureArrays.has(own!) && this.movesIntoGathering(parent)) return true;
    return false;
  }

  /** The value (through choices) is pushed into, or put in a slot of, an array that gathers Futures. */
  private movesIntoGathering(value: ts.Expression): boolean {
    const { ts } = this;
    let node: ts.Node = withWrappers(ts, value);
    while (ts.isConditionalExpression(node.parent) && node.parent.condition !== node) node = withWrappers(ts, node.parent);
    const parent = node.parent;
    if (ts.isCallExpression(parent) && parent.arguments.length === 1 && parent.arguments[0] === node && ts.isPropertyAccessExpression(parent.expression) &&
      parent.expression.name.text === 'push') return this.flow.isFutureArray(skipTransparent(ts, parent.expression.expression)) && this.flow.isGathered(node as ts.Expression);
    return ts.isBinaryExpression(parent) && parent.right === node && parent.operatorToken.kind === ts.SyntaxKind.EqualsToken &&
      ts.isElementAccessExpression(parent.left) && this.flow.isFutureArray(skipTransparent(ts, parent.left.expression)) && this.flow.isGathered(node as ts.Expression);
  }

  /** `for (… of futures)`, `futures.map(cb)`, `futures.forEach(cb)`, `futures[i]` as a task argument: elements go on as Futures. */
  private handsOnElements(ref: ts.Identifier): boolean {
    const { ts } = this;
    const parent = ref.parent;
    // Each element goes to a variable that holds a Future: only a plain name can (a pattern reads the value's parts).
    if (ts.isForOfStatement(parent) && parent.expression === ref) {
      const list = parent.initializer;
      return ts.isVariableDeclarationList(list) && list.declarations.length === 1 && ts.isIdentifier(list.declarations[0]!.name);
    }
    if (ts.isPropertyAccessExpression(parent) && parent.expression === ref && parent.name.text === 'length') return true;
    if (ts.isPropertyAccessExpression(parent) && parent.expression === ref && ['map', 'forEach'].includes(parent.name.text) &&
      ts.isCallExpression(parent.parent) && parent.parent.expression === parent) {
      const cb = parent.parent.arguments[0];
      const element = cb && (ts.isArrowFunction(cb) || ts.isFunctionExpression(cb)) ? cb.parameters[0] : undefined;
      return cb !== undefined && (ts.isArrowFunction(cb) || ts.isFunctionExpression(cb)) && (!element || ts.isIdentifier(element.name));
    }
    if (ts.isElementAccessExpression(parent) && parent.expression === ref) {
      const holder = withWrappers(ts, parent).parent;
      return isArgumentOf(ts, holder, parent) && this.plan.submissions.has(holder) && this.facts.forwarders.takesFutureAt(holder, parent);
    }
    return false;
  }
}
