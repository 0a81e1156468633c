/**
 * Containers: arrays of this file whose elements are task data, as in `multiplyAccumulate(c[i][j], a[i][k], b[k][j])`
 * or `relax(strips[s])`.
 *
 * A container is a followable variable (see plan.ts: file-local, only ever holding fresh objects) whose value is an
 * array of objects, possibly nested. Its leaves (the elements that hold no objects themselves: typed arrays, arrays
 * of numbers, Maps…) may be passed to submitted calls in any direction, and its slots may gather Futures
 * (`a[i].push(task(…))`). This is safe because tasks never change which object sits where in a container — a task
 * writes a leaf's contents, and only the main thread changes structure. So:
 *  - passing a leaf to a submitted call, pushing fresh objects or submissions into a level, reading a level's
 *    `.length`: no wait;
 *  - every other use reads or writes leaf contents: `waitWithin(x)` first (wait for pending writes to every object
 *    reachable from x, and put each Future's value in its slot), or `writtenWithin(x)` when it may write (the
 *    same, and tasks submitted later see what the main thread wrote).
 * A family is the container's variable and its aliases (`const row = c[i]`, `for (const strip of strips)`,
 * `strips.forEach((strip) => …)`; container-families.ts). Each use of each member waits by itself, so an alias taken before a task
 * writes the element still reads the new contents later.
 * A family that lets an object out of sight (stored elsewhere, passed to code the transformer cannot see,
 * returned while a closure could still change it) is no container: its calls are decided as before.
 */
import type * as ts from 'typescript';
import {
  isFunctionLike, isPrimitiveNode, symbolOf, type AnalysisContext,
} from '../analysis/context';
import { reasonAt, snippet, type Reason } from '../analysis/reason';
import type { Use, UseClassifier } from './uses';
import type { AliasGroups } from './aliases';
import { ContainerFamilies } from './container-families';
import { accessChain, isArgumentOf, isAssignedTo, isComparison, isDeclarationName, isSynchronousCallback, isWriteTarget, runningFunction, skipTransparent, withWrappers } from './syntax';
import { RETURNS_RECEIVER } from './fresh';
import { isLibrary } from './library-uses';

export type ContainerWrap = 'waitWithin' | 'writtenWithin' | 'futuresWithin';
/** A use of a family's reference; `restructures`: the level whose slots it changes (`rows.push(r)`, `c[i][j] = b`). */
type FamilyUse = Use | { kind: 'none'; restructures: ts.Expression | undefined };
/**
 * A wait on one element: `waitOn(c[i][j])` before a read of its contents, `written(c[i][j])` before a write;
 * `futuresWithin(c[i][j])` for a level handed whole to a task (the Futures in it made values, nothing else waited for).
 */
export type ElementWrap = 'wait' | 'written' | 'futuresWithin';

/** What the container analysis needs from the planner. */
export interface PlannerView {
  readonly ctx: AnalysisContext;
  references(symbol: ts.Symbol): readonly ts.Identifier[];
  isFollowable(symbol: ts.Symbol): boolean;
  isFresh(expr: ts.Expression): boolean;
  /** The call is submitted (decided, or about to be). */
  isSubmission(call: ts.CallExpression): boolean;
  /** A task call whose value holds none of its arguments (`docs.map((d) => score(d))` then hands out no element). */
  holdsNoArgument(call: ts.CallExpression): boolean;
  /** `c` in `cols.push(c)`: a followable leaf with a name of its own, followed with the container (placements.ts). */
  isPlacedLeaf(ref: ts.Identifier): boolean;
  /** How a leaf, or a level handed to a function, is used: the one classifier every followed object goes through. */
  readonly uses: UseClassifier;
  /** Names of one object (aliases.ts): a container's root is its group. */
  readonly aliases: AliasGroups;
}



export class Containers {
  private readonly rejected = new Map<ts.Symbol, Reason>();
  /** Containers some submission or gathering relies on, in this round of planning. */
  private readonly used = new Set<ts.Symbol>();
  /** Containers with a level handed whole to a reading task, in this round (relyWhole). */
  private readonly readWhole = new Set<ts.Symbol>();
  /** Containers with a level handed to a task that may change which objects it holds, in this round (relyRestructured). */
  private readonly restructured = new Set<ts.Symbol>();
  private readonly families: ContainerFamilies;
  private readonly ts: typeof ts;

  constructor(private readonly view: PlannerView) {
    this.ts = view.ctx.ts;
    this.families = new ContainerFamilies(view);
  }

  /** Start a round of planning: nothing is relied on yet (rejections stay). */
  newRound(): void { this.used.clear(); this.readWhole.clear(); this.restructured.clear(); }

  /** `R[i][j]`, `x` or `x[k]` where R is a usable container or x an alias in its family: R. */
  rootOf(expr: ts.Expression): ts.Symbol | undefined {
    const base = this.families.baseOf(expr);
    const symbol = base && symbolOf(this.view.ctx, base);
    return symbol && this.rootOfSymbol(symbol);
  }

  /** The usable container a variable belongs to (its root), if any. */
  rootOfSymbol(symbol: ts.Symbol): ts.Symbol | undefined {
    const root = this.families.rootOfMember(symbol);
    return root && !this.rejected.has(root) ? root : undefined;
  }

  /** Why the container behind `expr` could not be followed, if it was one. */
  rejectionOf(expr: ts.Expression): Reason | undefined {
    const base = this.families.baseOf(expr);
    const symbol = base && symbolOf(this.view.ctx, base);
    return symbol && this.rejectionOfSymbol(symbol);
  }

  /** Why the container a variable belongs to could not be followed, if it was one. */
  rejectionOfSymbol(symbol: ts.Symbol): Reason | undefined {
    const root = this.families.rootOfMember(symbol);
    return root ? this.rejected.get(root) : undefined;
  }

  /** The value holds objects that are followed on their own: it is a level of a container, not a leaf. */
  holdsObjects(expr: ts.Expression): boolean { return this.families.holdsObjects(expr); }

  /** The symbol names the container itself (its root or a name of its group), not one of its elements. */
  namesRoot(symbol: ts.Symbol | undefined, root: ts.Symbol): boolean { return this.families.namesRoot(symbol, root); }

  rely(root: ts.Symbol): void { this.used.add(root); }

  /**
   * A level of the container is handed whole to a task that reads it: that level is data of its own, snapshotted
   * when its objects or which objects it holds change, so the family's changes of structure are marked (waitsOf).
   */
  relyWhole(root: ts.Symbol): void { this.used.add(root); this.readWhole.add(root); }

  /**
   * A level of the container is handed to a task that may change which objects it holds (a sort, a push): a level
   * picked out of it after must wait for that task, so every use of the family waits for the container whole, and
   * such a level goes snapshotted afresh (rv76's r-restructure-pick: `flipBlocks(C[0])` then `sumBlock(C[0][0])`).
   */
  relyRestructured(root: ts.Symbol): void { this.used.add(root); this.restructured.add(root); }

  relied(): ts.Symbol[] { return [...this.used]; }

  reject(root: ts.Symbol, why: Reason): void { this.rejected.set(root, why); }

  /** The first use in the family that lets an object out of sight. */
  escapeOf(root: ts.Symbol): Reason | undefined {
    for (const ref of this.families.familyReferences(root)) {
      const use = this.useOf(ref, root);
      if (use.kind === 'escape') return reasonAt(ref, `\`${ref.text}\` escapes (${use.why}): \`${snippet(ref.parent)}\``);
    }
    return undefined;
  }

  /**
   * The waits the family's references need. A use that reaches a leaf waits for that leaf alone (`waitOn(c[i][j])`),
   * so a loop that reads one element while tasks update others keeps them running; only uses of a whole level
   * (given to a function, returned) walk it.
   */
  waitsOf(root: ts.Symbol): { refs: Map<ts.Identifier, ContainerWrap | ElementWrap>; elements: Map<ts.ElementAccessExpression, ElementWrap> } {
    const refs = new Map<ts.Identifier, ContainerWrap | ElementWrap>();
    const elements = new Map<ts.ElementAccessExpression, ElementWrap>();
    const wholeOnly = this.restructured.has(root) || this.slotsMayHoldFutures(root);
    for (const ref of this.families.familyReferences(root)) {
      const use = this.useOf(ref, root);
      // A change of structure, marked where a level of it is handed whole to a reading task (relyWhole).
      const changed = 'restructures' in use && this.readWhole.has(root) ? use.restructures : undefined;
      if (changed === ref) refs.set(ref, 'written');
      else if (changed) elements.set(changed as ts.ElementAccessExpression, 'written');
      // A name for a part picked out of a level a task may reorder (`const blk = C[0][0]` after `flipBlocks(C[0])`)
      // picks it once that task is done (rv76's r-restructure-alias: the block before the reordering).
      const chain = this.families.levelChain(ref);
      if (this.restructured.has(root) && chain !== ref && this.families.isAliasSource(chain)) refs.set(ref, 'waitWithin');
      if (use.kind !== 'read' && use.kind !== 'write') continue;
      const leaf = this.leafOf(ref);
      const wrap = use.kind === 'read' ? 'wait' : 'written';
      if (leaf === ref) refs.set(ref, wrap);
      else if (leaf) elements.set(leaf as ts.ElementAccessExpression, wrap);
      // A level handed whole to a task (`acc(C[i][j], A[i][j])` of number[][] blocks) is a datum: the runtime orders
      // the call after the tasks writing it or objects inside it (main-data.ts), as for a leaf; only Futures in it (a
      // helper may push one: rv76's r-helper-push) are made values. Waiting for the whole container here ran every
      // block's call one after another (np71's min-grid-nested-blocks). Not when a level above may hold a Future, or
      // a task may change which objects a level holds: then the container whole, as any other use.
      else if (!wholeOnly && this.handedWholeToTask(chain)) {
        if (chain === ref) refs.set(ref, 'futuresWithin');
        else if (this.ts.isElementAccessExpression(chain)) elements.set(chain, 'futuresWithin');
        else refs.set(ref, 'waitWithin');
      } else refs.set(ref, use.kind === 'read' ? 'waitWithin' : 'writtenWithin');
    }
    return { refs, elements };
  }

  /** The chain of levels is an argument of a submitted call. */
  private handedWholeToTask(chain: ts.Expression): boolean {
    const parent = chain.parent;
    return this.ts.isCallExpression(parent) && parent.arguments.includes(chain) && this.view.isSubmission(parent);
  }

  /**
   * Some level of the container may hold a Future where this file's own code puts it: its declaration makes one
   * (`blocks.map((b) => split(b))`), or the family's code stores one in a slot (`row.push(task(…))`, `grid[i][j] =
   * task(…)`). (A helper's push into a level it is given is met at run time: futuresWithin.)
   */
  private slotsMayHoldFutures(root: ts.Symbol): boolean {
    const { ts } = this;
    const submits = (node: ts.Node): boolean =>
      (ts.isCallExpression(node) && this.view.isSubmission(node)) || ts.forEachChild(node, submits) === true;
    const declaration = root.valueDeclaration;
    if (declaration && ts.isVariableDeclaration(declaration) && declaration.initializer && submits(declaration.initializer)) return true;
    return this.families.familyReferences(root).some((ref) => {
      const chain = this.families.levelChain(ref);
      const parent = chain.parent;
      if (ts.isBinaryExpression(parent) && parent.left === chain && parent.operatorToken.kind === ts.SyntaxKind.EqualsToken) return submits(parent.right);
      const call = ts.isPropertyAccessExpression(parent) && parent.expression === chain ? parent.parent : undefined;
      return call !== undefined && ts.isCallExpression(call) && call.expression === parent && call.arguments.some(submits);
    });
  }

  /**
   * The first use of the family that reads it in parts after `call` may run, if any: one that picks a leaf out of a
   * level (`groups[1][0].v`, `for (const r of g)`, a leaf handed to a task) or reads or changes a level's structure
   * (`g.length`, `g.indexOf(r)`, the main thread's own `g.push(r)`), which the plan takes to be the main thread's alone
   * and so never waits for. A task that changes which objects a level holds (a sort, a push) may run when there is
   * none: every use after it waits for a level whole (printed, handed to a function or a task) or only names a level
   * for an alias (`for (const g of groups)`). Uses that are over before the call (building the container, in the
   * function that makes it afresh, in no loop around the call) cannot see it.
   */
  partUseAfter(root: ts.Symbol, call: ts.CallExpression): ts.Identifier | undefined {
    return this.families.familyReferences(root).find((ref) => {
      if (isDeclarationName(this.ts, ref) || this.families.isAliasSource(this.families.levelChain(ref))) return false;
      const use = this.useOf(ref, root);
      if ((use.kind === 'read' || use.kind === 'write') && !('restructures' in use) && this.leafOf(ref) === undefined) return false;
      return !this.overBefore(ref, call, root);
    });
  }

  /** `ref` runs, and is done, before `call` every time: same function as the root's declaration, before it, no loop around both. */
  private overBefore(ref: ts.Identifier, call: ts.CallExpression, root: ts.Symbol): boolean {
    const { ctx } = this.view;
    const home = runningFunction(ctx, call);
    // (A container made afresh there, each time the function runs: `const gs = groups` names one that lives on, whose
    // parts a second run reads after the first run's tasks: rev60's F2.)
    const declaration = root.valueDeclaration;
    if (runningFunction(ctx, ref) !== home || !declaration || runningFunction(ctx, declaration) !== home || !this.ts.isVariableDeclaration(declaration) ||
      !declaration.initializer || !this.view.isFresh(declaration.initializer)) return false;
    if (ref.getEnd() > call.getStart()) return false;
    for (let n: ts.Node | undefined = ref.parent; n && n !== home; n = n.parent) {
      const repeats = this.ts.isIterationStatement(n, false) || isFunctionLike(ctx, n);
      if (repeats && n.getStart() <= call.getStart() && call.getEnd() <= n.getEnd()) return false;
    }
    return true;
  }

  /** The first expression on the reference's chain of `[i]` steps that is a leaf (holds no objects), if any. */
  private leafOf(ref: ts.Identifier): ts.Expression | undefined {
    const { ts } = this;
    let chain: ts.Expression = ref;
    for (;;) {
      if (!this.holdsObjects(chain)) return chain;
      const parent = chain.parent;
      if (ts.isElementAccessExpression(parent) && parent.expression === chain) chain = parent;
      else if (ts.isParenthesizedExpression(parent)) chain = parent;
      else return undefined;
    }
  }

  /** The reference changes the contents of an element of the array it names (`xs[i][j] = v`, `xs[i].fill(v)`). */
  writesThrough(ref: ts.Identifier, array: ts.Symbol): boolean {
    return this.useOf(ref, array).kind === 'write';
  }

  /**
   * The same, or lets the value out to code that may write it (`((y) => y.fill(2))(r)` hands y back, `lib(r)`): for a
   * task's value, which the program holds by no name the plan follows, a change later tasks must read.
   */
  mayWriteThrough(ref: ts.Identifier, array: ts.Symbol): boolean {
    const kind = this.useOf(ref, array).kind;
    if (kind !== 'escape') return kind === 'write';
    // (Handed as an argument to code that may change it, or put in a container made there, `[x, y].forEach((b) =>
    // b.fill(3))`, tester np36's futrec; not a receiver whose callback keeps an element, `xs.map(keep)`.)
    const { ts } = this;
    const outer = withWrappers(ts, this.families.levelChain(ref));
    const parent = outer.parent;
    // Or handed out of the function, whose caller may change it (`function last() { return list[0]; }`, then
    // `last().push(100)`: np57's F1, the next task was given the stored result without the push).
    return isArgumentOf(ts, parent, outer) || ts.isArrayLiteralExpression(parent) || (ts.isSpreadElement(parent) && ts.isArrayLiteralExpression(parent.parent)) ||
      (ts.isPropertyAssignment(parent) && parent.initializer === outer) || ts.isShorthandPropertyAssignment(parent) ||
      ts.isReturnStatement(parent) || ts.isYieldExpression(parent) || (ts.isArrowFunction(parent) && parent.body === outer);
  }

  // ── uses ──────────────────────────────────────────────────────────────────────
  // The family's references walk the container's levels here; a use of a leaf is classified as any followed object's
  // (uses.ts), so a leaf and a plain variable are read, written and let out by the same rules.

  private useOf(ref: ts.Identifier, root: ts.Symbol): FamilyUse {
    const { ts } = this;
    if (isDeclarationName(ts, ref)) return { kind: 'none' };
    if (isAssignedTo(ts, ref)) {
      // Rebinding the container itself is the planner's business (it only ever takes fresh objects); an alias must stay put.
      return this.families.namesRoot(symbolOf(this.view.ctx, ref), root) ? { kind: 'none' } : { kind: 'escape', why: 'an alias of an element is reassigned' };
    }
    const chain = this.families.levelChain(ref);
    if (this.families.isAliasSource(chain)) return { kind: 'none' };
    // `cur = nxt`, `const t = cur`: the container only takes another of its group's names.
    if (chain === ref && this.view.aliases.isAliasSource(ref) && this.families.namesRoot(symbolOf(this.view.ctx, ref), root)) return { kind: 'none' };
    const parent = chain.parent;
    // `c[i][j] = v` puts another object in a slot: structure, which only the main thread changes.
    if (chain !== ref && isWriteTarget(ts, chain) && ts.isBinaryExpression(parent) && parent.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
      const level = ts.isElementAccessExpression(chain) ? skipTransparent(ts, chain.expression) : undefined;
      return this.placed(parent.right) ? { kind: 'none', restructures: level }
        : { kind: 'escape', why: `stores \`${snippet(parent.right)}\`, an object the transformer cannot follow` };
    }
    return this.holdsObjects(chain) ? this.levelUse(chain, root) : this.view.uses.valueUse(chain, true);
  }

  /** A use of a level (an array of objects) as a whole: only its structure, or every object in it. */
  private levelUse(chain: ts.Expression, root: ts.Symbol): FamilyUse {
    const { ts } = this;
    const parent = chain.parent;
    if (ts.isPropertyAccessExpression(parent) && parent.expression === chain) {
      const call = parent.parent;
      if (ts.isCallExpression(call) && call.expression === parent) return this.levelMethodUse(chain, parent.name.text, call);
      // structure: only the main thread changes it, and a level is never a Future
      if (parent.name.text === 'length' && !isWriteTarget(ts, parent)) return { kind: 'none' };
      // `r.score = 50` of a value typed `any` (which may be a level): the object itself written (rv63's R4).
      if (isWriteTarget(ts, accessChain(ts, parent))) return { kind: 'write' };
    }
    if (ts.isCallExpression(parent) && parent.arguments.includes(chain)) {
      // A level given to a task is read whole: everything in it must be current (the planner snapshots it afresh).
      return this.view.isSubmission(parent) ? { kind: 'read' } : this.view.uses.argumentUse(parent, chain);
    }
    if (ts.isForOfStatement(parent) && parent.expression === chain) return { kind: 'escape', why: 'its elements are iterated into a pattern' };
    if (ts.isReturnStatement(parent) && chain === parent.expression && ts.isIdentifier(chain) && this.families.namesRoot(symbolOf(this.view.ctx, chain), root)) {
      const closure = this.families.familyReferences(root).find((ref) => !this.runsBefore(ref, parent));
      return closure
        ? { kind: 'escape', why: `returned while \`${snippet(closure.parent)}\` could still use it later` }
        : { kind: 'read' };
    }
    // The identity of a level is fixed.
    if (isComparison(ts, parent) || ts.isTypeOfExpression(parent)) return { kind: 'none' };
    return { kind: 'escape', why: 'used as a whole value' };
  }


  private levelMethodUse(level: ts.Expression, method: string, call: ts.CallExpression): FamilyUse {
    if ((method === 'push' || method === 'unshift') && call.arguments.every((arg) => this.placed(arg))) return { kind: 'none', restructures: level };
    if ((this.families.visitsElements(call) && this.families.isAliasSource(level)) || takesNoElement(this.view, call)) return { kind: 'none' };
    if (this.view.uses.readsElementsInPlace(call)) return { kind: 'read' };
    // `batch.indexOf(row)`, `level.includes(o)`: the language's search compares the elements' identity, which tasks
    // never change (only the main thread puts objects in a level), and hands out a number or a boolean.
    if (IDENTITY_SEARCHES.has(method) && isLibrary(this.view.ctx, call.expression)) return { kind: 'none' };
    return { kind: 'escape', why: `\`.${method}\` of a level could hand out or take in its elements` };
  }

  /** What may be put into a level: primitives, fresh objects, submissions (Futures, gathered) and placed leaves. */
  private placed(value: ts.Expression): boolean {
    const { ts } = this;
    const stripped = skipTransparent(ts, value);
    if (isPrimitiveNode(this.view.ctx, stripped)) return true;
    if (ts.isIdentifier(stripped)) return this.view.isPlacedLeaf(stripped);
    if (ts.isCallExpression(stripped) && this.view.isSubmission(stripped)) return !this.holdsObjects(stripped);
    // `createBlock(n).fill(0)`: a method returning its receiver, given primitives, on something that may be put in.
    if (ts.isCallExpression(stripped) && ts.isPropertyAccessExpression(stripped.expression) && RETURNS_RECEIVER.has(stripped.expression.name.text) &&
      stripped.arguments.every((arg) => isPrimitiveNode(this.view.ctx, arg))) return this.placed(stripped.expression.expression);
    return this.view.isFresh(stripped);
  }



  /** The reference runs before `exit` completes: same function, or a callback an array method runs at once. */
  private runsBefore(ref: ts.Node, exit: ts.Node): boolean {
    const home = enclosingFunction(this.view.ctx, exit);
    for (let fn = enclosingFunction(this.view.ctx, ref); fn !== home; fn = enclosingFunction(this.view.ctx, fn!)) {
      if (!fn) return false;
      if (!isSynchronousCallback(this.ts, fn)) return false;
    }
    return true;
  }


}



function enclosingFunction(ctx: AnalysisContext, node: ts.Node): ts.Node | undefined {
  for (let n = node.parent; n; n = n.parent) if (isFunctionLike(ctx, n)) return n;
  return undefined;
}

/** The language's searches of an array by identity (`===`, or SameValueZero): they read no element's contents. */
const IDENTITY_SEARCHES = new Set(['indexOf', 'lastIndexOf', 'includes']);

/** Array methods whose result holds only what the callback makes, never an element. */
const MAKERS = new Set(['map', 'forEach', 'flatMap', 'some', 'every', 'findIndex', 'findLastIndex']);

/**
 * `boxes.map(() => ({ by: 1 }))`, `blocks.map((_, i) => ({ above: res[i - 1]?.down }))`: an arrow function (no
 * `arguments` of its own) that never names the element or the array it is given cannot hand one out or take one in;
 * what it does with other names (`blocks[i]` by the level's own name) is that reference's own use.
 */
function takesNoElement(view: PlannerView, call: ts.CallExpression): boolean {
  const { ts } = view.ctx;
  const fn = call.arguments[0];
  if (!ts.isPropertyAccessExpression(call.expression) || !MAKERS.has(call.expression.name.text) || !fn || !ts.isArrowFunction(fn)) return false;
  const unnamed = (p: ts.ParameterDeclaration | undefined): boolean => {
    if (!p) return true;
    if (!ts.isIdentifier(p.name) || p.dotDotDotToken) return false;
    const symbol = symbolOf(view.ctx, p.name);
    return symbol !== undefined && view.references(symbol).every((ref) => ref === p.name);
  };
  return fn.parameters.length <= 3 && unnamed(fn.parameters[0]) && unnamed(fn.parameters[2]) && !fn.parameters[1]?.dotDotDotToken;
}
