/**
 * Fences: task calls whose written object the plan cannot follow by name (an element of a Map, `this.rows[i]`, a
 * parameter of a function other code may call, an element of a container that escaped) are submitted anyway, and
 * the objects they write are brought home (`__taskify.fence()`) before the first code that could observe them.
 *
 * Which code could observe them is judged by types (observations.ts): code that touches no value that may be, or
 * hold, what the fenced tasks of the function write, and runs nothing the plugin cannot see, cannot tell whether
 * the tasks ran yet. So a region runs from a fenced call to the first statement that may observe; the fence goes
 * before that statement (before a whole loop when the loop observes: one fence, not one per step). Where control
 * leaves a function, its `finally` fences (a caller may look; a failure thrown meanwhile keeps the first task's
 * error first, as in the sequential run); at the end of the file, a fence; at the end of a try block, a fence inside
 * it, so that the catch sees a fenced task's failure. Loops are taken as pending from their second step on.
 *
 * A fenced call is refused (kept direct, with the reason) when the region cannot be cut at statements: the
 * statement holding it also observes (`scale(v), log(v[0])`), a loop header around it observes at every step
 * (`for (const x of v) bump(v)`), or it sits where no statement list surrounds it (a constructor, a field).
 */
import type * as ts from 'typescript';
import { enclosesOrIs } from '../analysis/function-values';
import { isFunctionLike, type AnalysisContext, type FunctionLike } from '../analysis/context';
import { reasonAt, snippet, type Reason } from '../analysis/reason';
import { isSynchronousCallback } from './syntax';
import { Observations } from './observations';
import { WrittenTypes } from './written-types';
import { runtimeShapes } from './runtime-shapes';
import { isLibraryType, isOverridable } from './library-uses';

export interface FencePlan {
  /** Statements before which fenced objects are brought home, with the first node in them that may observe. */
  readonly before: Map<ts.Statement, ts.Node>;
  /** Blocks at whose end they are brought home (a try block, so its catch sees a failure; the file). */
  readonly atEnd: Set<ts.Block | ts.SourceFile>;
  /** Functions that bring them home however they are left (`try { … } finally { fence() }`). */
  readonly onExit: Set<FunctionLike>;
  /**
   * Functions whose callers bring them home (carried-fences.ts): they fence only when they throw, so that a failed
   * task's error comes first (`try { … } catch (e) { fence(); throw e }`).
   */
  readonly onThrow: Set<FunctionLike>;
  /**
   * Calls of such a function that cannot be fenced where they stand in their caller (`new Acc().add(1).add(2)`: the
   * statement also observes): each brings its function's writes home as it returns (`afterFence(call)`), as the
   * function did on exit before, and its other calls stay fenced by their callers (np63's K1: one chained call put a
   * loop's calls of `add` on other instances back to one at a time).
   */
  readonly afterCalls: Set<ts.CallExpression>;
}

export const emptyFencePlan = (): FencePlan => ({ before: new Map(), atEnd: new Set(), onExit: new Set(), onThrow: new Set(), afterCalls: new Set() });

/** The calls of a function holding fenced calls, when its callers may bring its fenced writes home (carried-fences.ts). */
export type CarriedCalls = (fn: FunctionLike) => readonly ts.CallExpression[] | undefined;

/** Where the fences of these calls go, or which calls cannot be fenced and why. */
export function planFences(ctx: AnalysisContext, fenced: ReadonlyMap<ts.CallExpression, readonly ts.Expression[]>,
  isSubmitted: (call: ts.CallExpression) => boolean, isPrivate: (expr: ts.Expression) => boolean = () => false,
  carriedCalls: CarriedCalls = () => undefined): { plan: FencePlan; refused: Map<ts.CallExpression, Reason> } {
  const alone = planRegions(ctx, fenced, isSubmitted, isPrivate, () => undefined);
  if (alone.plan.onExit.size === 0) return alone;
  // Carried out to callers where that refuses no call fenced on its own; a call that cannot be fenced where it stands
  // fences as it returns, and a function whose callers' regions would then refuse such a call fences on exit again.
  const kept = new Set<ts.Node>();
  const fencedAfter = new Map<ts.CallExpression, FunctionLike>();
  const carriedOf = (fn: FunctionLike) => kept.has(fn) ? undefined : carriedCalls(fn)?.filter((call) => !fencedAfter.has(call));
  for (;;) {
    const carried = planRegions(ctx, fenced, isSubmitted, isPrivate, carriedOf);
    if (carried.unplaced.size === 0) {
      const worse = [...carried.refused.keys()].filter((call) => !alone.refused.has(call));
      if (worse.length === 0) {
        for (const [call, fn] of fencedAfter) if (carried.plan.onThrow.has(fn)) carried.plan.afterCalls.add(call);
        return carried;
      }
      const before = kept.size;
      for (const call of worse) for (const fn of carried.carriedInto(call)) kept.add(fn);
      if (kept.size === before) return alone;
    }
    for (const [call, fn] of carried.unplaced) fencedAfter.set(call, fn);
  }
}

/**
 * The regions of the fenced calls and their fences. A function whose calls `carriedCalls` gives has them fenced in
 * their callers' regions, with the written objects of its own fenced calls (and of those carried into it).
 */
function planRegions(ctx: AnalysisContext, fenced: ReadonlyMap<ts.CallExpression, readonly ts.Expression[]>,
  isSubmitted: (call: ts.CallExpression) => boolean, isPrivate: (expr: ts.Expression) => boolean, carriedCalls: CarriedCalls):
  { plan: FencePlan; refused: Map<ts.CallExpression, Reason>; unplaced: Map<ts.CallExpression, FunctionLike>; carriedInto: (call: ts.CallExpression) => FunctionLike[] } {
  const plan = emptyFencePlan();
  const refused = new Map<ts.CallExpression, Reason>();
  const regions = new Map<ts.Node, ts.CallExpression[]>();
  const calledBy = new Map<ts.CallExpression, FunctionLike>();
  const unplaced = new Map<ts.CallExpression, FunctionLike>();
  const place = (call: ts.CallExpression): ts.Node | undefined => {
    const region = regionOf(ctx, call);
    if (typeof region === 'string') {
      const fn = calledBy.get(call);
      if (fn) unplaced.set(call, fn); else refused.set(call, reasonAt(call, region));
      return undefined;
    }
    regions.set(region, [...(regions.get(region) ?? []), call]);
    return region;
  };
  const work = [...fenced.keys()].map(place).filter((r): r is ts.Node => r !== undefined);
  const carried = new Set<FunctionLike>();
  while (work.length > 0) {
    const region = work.pop()!;
    if (ctx.ts.isSourceFile(region) || carried.has(region as FunctionLike)) continue;
    const calls = carriedCalls(region as FunctionLike);
    if (!calls) continue;
    carried.add(region as FunctionLike);
    for (const call of calls) {
      calledBy.set(call, region as FunctionLike);
      const into = place(call);
      if (into) work.push(into);
    }
  }
  // What a carried call writes: what the fenced calls of its function's region write, to a fixed point (chains).
  const written = new Map(fenced);
  for (let changed = true; changed;) {
    changed = false;
    for (const [call, fn] of calledBy) {
      const all = new Set((regions.get(fn) ?? []).flatMap((inner) => written.get(inner) ?? []));
      if (all.size !== (written.get(call)?.length ?? 0)) { written.set(call, [...all]); changed = true; }
    }
  }
  for (const [region, calls] of regions) {
    new Region(ctx, region, calls, written, isSubmitted, isPrivate, plan, refused, carried, calledBy).run();
  }
  for (const [call, fn] of calledBy) if (refused.delete(call)) unplaced.set(call, fn);
  const carriedInto = (call: ts.CallExpression): FunctionLike[] => {
    const region = [...regions].find(([, calls]) => calls.includes(call))?.[0];
    return region ? (regions.get(region) ?? []).flatMap((other) => calledBy.get(other) ?? []) : [];
  };
  return { plan, refused, unplaced, carriedInto };
}

/** The function (or file) whose statements hold the call, callbacks an array method runs at once counting as its own. */
function regionOf(ctx: AnalysisContext, call: ts.CallExpression): ts.Node | string {
  const { ts } = ctx;
  for (let node: ts.Node = call.parent; ; node = node.parent) {
    if (ts.isSourceFile(node)) return node;
    if (isFunctionLike(ctx, node)) {
      if (runsBeforeItsCallReturns(ctx, node)) continue;
      return node.body ? node : 'a function without a body';
    }
    if (ts.isConstructorDeclaration(node) || ts.isAccessor(node) || ts.isClassStaticBlockDeclaration(node) || ts.isPropertyDeclaration(node)) {
      return 'in a constructor, accessor or field initializer, where no fence can be placed after it';
    }
    // (The body's statements are the region's: a default value runs before them, rv65's B2.)
    if (ts.isParameter(node)) return 'in a parameter\'s default value, where no fence can be placed after it';
  }
}

/**
 * A callback the library's array (or Map, Set) method runs before it returns and whose result it does not take apart:
 * its statements are the enclosing function's. Not flatMap's (the method reads the elements of what it returns, after
 * it returned), nor a method of a library class the program extends (its override may keep the callback for later).
 */
function runsBeforeItsCallReturns(ctx: AnalysisContext, fn: ts.Node): boolean {
  const { ts } = ctx;
  if (!isSynchronousCallback(ts, fn)) return false;
  const callee = (fn.parent as ts.CallExpression).expression as ts.PropertyAccessExpression;
  if (callee.name.text === 'flatMap') return false;
  const receiver = ctx.checker.getTypeAtLocation(callee.expression);
  return isLibraryType(ctx, receiver) && !isOverridable(runtimeShapes(ctx), receiver);
}

class Region {
  private readonly ts: typeof ts;
  /** Every node on the way from the region to one of its fenced calls. */
  private readonly holds = new Set<ts.Node>();
  /** Callbacks run at once that hold fenced calls: their statements get fences of their own. */
  private readonly callbacks = new Set<ts.Node>();
  /** The arguments of the fenced call of the statement being judged: they run before its task is submitted. */
  private readonly beforeSubmission = new Set<ts.Node>();
  private readonly observations: Observations;

  constructor(ctx: AnalysisContext, private readonly region: ts.Node, private readonly calls: readonly ts.CallExpression[],
    fenced: ReadonlyMap<ts.CallExpression, readonly ts.Expression[]>, isSubmitted: (call: ts.CallExpression) => boolean,
    isPrivate: (expr: ts.Expression) => boolean, private readonly plan: FencePlan, private readonly refused: Map<ts.CallExpression, Reason>,
    private readonly carried: ReadonlySet<FunctionLike>, private readonly carriedCalls: ReadonlyMap<ts.CallExpression, FunctionLike>) {
    this.ts = ctx.ts;
    for (const call of calls) {
      for (let n: ts.Node = call; n !== region; n = n.parent) {
        this.holds.add(n);
        if (n !== call && isFunctionLike(ctx, n)) this.callbacks.add(n);
      }
    }
    const written = new WrittenTypes(ctx, calls.flatMap((call) => fenced.get(call)!.map((arg) => ctx.checker.getTypeAtLocation(arg))));
    this.observations = new Observations(ctx, written, {
      isSubmitted,
      isPrivate,
      skip: (node) => this.callbacks.has(node) || this.beforeSubmission.has(node),
      // (Or of a function whose fences are carried into its callers, and no closure of it: gone once it returned.)
      isLocal: (name) => {
        const declaration = ctx.checker.getSymbolAtLocation(name)?.valueDeclaration;
        return declaration !== undefined && (enclosesOrIs(region, declaration) || carriedLocal(ctx, carried, declaration, name.text));
      },
    });
  }

  run(): void {
    const { ts } = this;
    if (ts.isSourceFile(this.region)) {
      if (this.list(this.region.statements, false)) this.plan.atEnd.add(this.region);
      return;
    }
    const fn = this.region as FunctionLike;
    if (ts.isBlock(fn.body!)) this.list(fn.body.statements, false);
    else this.unit(fn.body as ts.Expression);
    (this.carried.has(fn) ? this.plan.onThrow : this.plan.onExit).add(fn);
  }

  /** Statements in order; returns whether fenced writes may be pending after them. */
  private list(statements: readonly ts.Statement[], pending: boolean): boolean {
    for (const statement of statements) pending = this.statement(statement, pending);
    return pending;
  }

  private statement(s: ts.Statement, pending: boolean): boolean {
    const { ts } = this;
    if (!this.holds.has(s)) return pending && !this.fenceIfObserved(s, s);
    if (ts.isBlock(s)) return this.list(s.statements, pending);
    if (ts.isLabeledStatement(s)) return this.statement(s.statement, pending);
    if (ts.isIfStatement(s)) {
      // (Its condition holding a fenced call: the branches run while it is pending, rv65's B1.)
      if (this.holds.has(s.expression)) pending = this.unitStatement(s, s.expression, pending);
      else if (pending && this.fenceIfObserved(s, s.expression)) pending = false;
      const then = this.statement(s.thenStatement, pending);
      return (s.elseStatement ? this.statement(s.elseStatement, pending) : pending) || then;
    }
    if (ts.isIterationStatement(s, false)) return this.loop(s, pending);
    if (ts.isTryStatement(s)) {
      if (this.list(s.tryBlock.statements, pending)) this.plan.atEnd.add(s.tryBlock);
      if (s.catchClause) this.list(s.catchClause.block.statements, true);
      if (s.finallyBlock) this.list(s.finallyBlock.statements, true);
      return true;
    }
    if (ts.isSwitchStatement(s)) {
      // (The `case` labels are evaluated after the expression, before any clause.)
      const labels = s.caseBlock.clauses.flatMap((c) => (ts.isCaseClause(c) && !this.holds.has(c.expression) ? [c.expression] : []));
      const labelLooks = labels.map((label) => this.observations.firstIn(label)).find((n) => n !== undefined);
      if (this.holds.has(s.expression)) {
        if (labelLooks) this.refuse(s.expression, `a \`case\` label has \`${snippet(labelLooks)}\`, which may look at what the task writes`);
        else this.unitStatement(s, s.expression, pending);
      } else if (pending) {
        const looks = this.observations.firstIn(s.expression) ?? labelLooks;
        if (looks) { this.plan.before.set(s, looks); pending = false; }
      }
      for (const clause of s.caseBlock.clauses) {
        if (ts.isCaseClause(clause) && this.holds.has(clause.expression)) this.refuse(clause.expression, 'in a `case` label');
        this.list(clause.statements, true);
      }
      return true;
    }
    if (ts.isExpressionStatement(s)) return this.unitStatement(s, s.expression, pending);
    if (ts.isVariableStatement(s) || ts.isReturnStatement(s) || ts.isThrowStatement(s)) return this.unitStatement(s, s, pending);
    this.refuse(s, `inside \`${snippet(s)}\`, where no fence can be placed after it`);
    return pending;
  }

  /** A loop around fenced calls: its header must not observe at every step; its body is pending from the second step. */
  private loop(s: ts.IterationStatement, pending: boolean): boolean {
    const { ts } = this;
    const once: (ts.Node | undefined)[] = ts.isForStatement(s) ? [s.initializer] : ts.isForOfStatement(s) || ts.isForInStatement(s) ? [s.expression] : [];
    const everyStep: (ts.Node | undefined)[] = ts.isForStatement(s) ? [s.condition, s.incrementor]
      : ts.isWhileStatement(s) || ts.isDoStatement(s) ? [s.expression] : [];
    const header = [...once, ...everyStep].find((part) => part && this.holds.has(part));
    if (header) {
      this.refuse(header, 'in a loop header');
      return true;
    }
    for (const part of once) if (part && pending && this.fenceIfObserved(s, part)) pending = false;
    const stepObserves = everyStep.map((part) => part && this.observations.firstIn(part)).find((n) => n !== undefined) ??
      (ts.isForOfStatement(s) || ts.isForInStatement(s) ? this.observations.stepFirstIn(s) : undefined);
    if (stepObserves) {
      this.refuse(s.statement, `the loop reads \`${snippet(stepObserves)}\` at every step, which may be what the task writes`);
      return pending;
    }
    this.statement(s.statement, true);
    return true;
  }

  /**
   * A statement that holds fenced calls in `unit` (its expression, or itself): nothing else in it may observe, since a
   * fence cannot go between its parts, except the arguments of its one fenced call (evaluated before the task is
   * submitted: a fence before the statement serves them). Callbacks in it that hold fenced calls are regions of
   * statements of their own.
   */
  private unitStatement(s: ts.Statement, unit: ts.Node, pending: boolean): boolean {
    const direct = this.calls.filter((call) => enclosesOrIs(unit, call) && !this.inCallback(call, unit));
    // A call of a function whose fences are carried here runs all of its body before its tasks are pending in this
    // region: what it looks at needs a fence before the statement (when pending), as its arguments do; what it looks
    // at after its own fenced calls, its own region has fenced.
    const evaluatedFirst: readonly ts.Node[] = direct.length === 1 ? (this.carriedCalls.has(direct[0]) ? [direct[0]] : direct[0].arguments)
      : direct.length === 0 ? this.beforeOnlyCallback(unit) : [];
    for (const arg of evaluatedFirst) this.beforeSubmission.add(arg);
    const observed = this.observations.firstIn(unit);
    this.beforeSubmission.clear();
    if (observed) {
      this.refuse(unit, `the same statement also has \`${snippet(observed)}\` (line ${reasonAt(observed, '').line}), ` +
        'which may look at what the task writes: no fence can go between them');
      return pending;
    }
    if (pending && evaluatedFirst.some((arg) => this.observations.firstIn(arg))) this.plan.before.set(s, evaluatedFirst[0]);
    this.callbacksIn(unit);
    return true;
  }

  /** The callbacks holding fenced calls that `unit` runs itself (not inside another of them): each a region of its own. */
  private callbacksIn(unit: ts.Node): void {
    for (const callback of this.callbacks) {
      if (!enclosesOrIs(unit, callback) || this.outerCallback(callback) !== undefined && enclosesOrIs(unit, this.outerCallback(callback)!)) continue;
      const body = (callback as FunctionLike).body!;
      if (this.ts.isBlock(body)) this.list(body.statements, true);
      else this.unit(body);
    }
  }

  /**
   * With no fenced call of its own, a statement whose fenced calls are all in one callback (`return this.groups.map((g) =>
   * bump(g))`): the receiver and the other arguments of the method running it are evaluated before any of them.
   */
  private beforeOnlyCallback(unit: ts.Node): readonly ts.Expression[] {
    const outermost = [...this.callbacks].filter((callback) => {
      const outer = this.outerCallback(callback);
      return enclosesOrIs(unit, callback) && (outer === undefined || !enclosesOrIs(unit, outer));
    });
    if (outermost.length !== 1) return [];
    const method = outermost[0].parent as ts.CallExpression; // (runsBeforeItsCallReturns: an array method's callback)
    return [(method.expression as ts.PropertyAccessExpression).expression, ...method.arguments.filter((arg) => arg !== outermost[0])];
  }

  /** The call sits in a callback inside `unit` (a region of its own statements). */
  private inCallback(call: ts.Node, unit: ts.Node): boolean {
    for (let n = call.parent; n && n !== unit; n = n.parent) if (this.callbacks.has(n)) return true;
    return false;
  }

  /**
   * A concise arrow body holding fenced calls, run again at every element; and the callbacks it runs in turn
   * (`cells.map((row) => row.map((c) => c.hits > 2 ? 0 : hit(c)))`: the inner one reads what an earlier step's task
   * writes when two rows hold one cell).
   */
  private unit(body: ts.Expression): void {
    const observed = this.observations.firstIn(body);
    if (observed) this.refuse(body, `the same expression also has \`${snippet(observed)}\`, which may look at what the task writes`);
    else this.callbacksIn(body);
  }

  /** The nearest callback of this region around another one. */
  private outerCallback(callback: ts.Node): ts.Node | undefined {
    for (let n = callback.parent; n && n !== this.region; n = n.parent) if (this.callbacks.has(n)) return n;
    return undefined;
  }

  /** If running `part` may observe, a fence before `s`; says whether one was placed. */
  private fenceIfObserved(s: ts.Statement, part: ts.Node): boolean {
    const observed = this.observations.firstIn(part);
    if (observed) this.plan.before.set(s, observed);
    return observed !== undefined;
  }

  /** Every fenced call inside `node` stays direct, for this reason. */
  private refuse(node: ts.Node, why: string): void {
    for (const call of this.calls) if (enclosesOrIs(node, call) && !this.refused.has(call)) this.refused.set(call, reasonAt(call, why));
  }
}

/** The names closures inside each function mention (asked at every assignment an observation meets). */
const namedByClosures = new WeakMap<FunctionLike, Set<string>>();

/** A variable of a function whose fences are carried (its own, not a nested function's) that no closure in it names. */
function carriedLocal(ctx: AnalysisContext, carried: ReadonlySet<FunctionLike>, declaration: ts.Node, name: string): boolean {
  const { ts } = ctx;
  const home = ts.findAncestor(declaration.parent, (n) => isFunctionLike(ctx, n)) as FunctionLike | undefined;
  if (!home || !carried.has(home)) return false;
  let names = namedByClosures.get(home);
  if (!names) {
    const found = new Set<string>();
    const visit = (node: ts.Node, inClosure: boolean): void => {
      if (inClosure && ts.isIdentifier(node)) found.add(node.text);
      ts.forEachChild(node, (child) => visit(child, inClosure || isFunctionLike(ctx, child)));
    };
    visit(home.body!, false);
    namedByClosures.set(home, names = found);
  }
  return !names.has(name);
}
