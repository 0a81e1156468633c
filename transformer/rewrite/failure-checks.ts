/**
 * Where the program checks that the tasks it submitted so far succeeded (`__taskify.checkpoint(mark)`), one rule for
 * every region: a try block that runs tasks, a program function, the file's top level. The plain call of a task that
 * throws stops the code after it; the submission does not, so before a statement that a task call (or program code
 * that runs one) may precede, in the text or in an earlier pass of a loop, and whose effect outlives the failure
 * (lasting-effects.ts), the region checks its tasks. What outlives it depends on who meets the failure:
 * - a try block (and a function a try block calls, an async function, a promise callback): changes of what code after
 *   the catch can see, and changes of the world (files, processes);
 * - any other function and the top level, where the failure ends the process: changes of the world only.
 * Statements that change only the region's own variables, print, or submit more tasks are not checked: a loop of those
 * keeps its calls in parallel. The innermost statement is checked (a loop's condition and incrementor too: `for (; i < n;
 * i++)`, an `if`'s condition).
 * A split loop waits for its own tasks in order, and a try block inside a region is a region of its own: each is
 * checked before as a whole, not inside.
 */
import type * as ts from 'typescript';
import { calledFunction, isFunctionLike, type FunctionLike } from '../analysis/context';
import { enclosingFunction } from '../analysis/discover';
import { enclosesOrIs } from '../analysis/function-values';
import type { FileFacts } from './file-facts';
import type { FilePlan } from './file-plan';
import { changesOutside, changesWorld, readsChangedFiles } from './lasting-effects';
import { catchingCallers, runsTasks } from './task-runners';
import { codeRunAt, codeSurelyRunAt } from './code-run-at';
import { runsImplicitProgramCode } from './implicit-calls';
import { handlersSeeFailures, leavesPromisingRunning } from './ending-functions';
import { insideTask, runsInOwnChain } from './own-chains';
import { isSynchronousCallback } from './syntax';
import { censusOf } from '../analysis/syntax-census';
import { orResumes, splitResumes, type CheckReason, type Lasting } from './resume-checks';

/** A function, a try statement (its try block) or a source file (its top level). */
export type Region = FunctionLike | ts.TryStatement | ts.SourceFile;

export type { Lasting } from './resume-checks';

/** What a region checks: before which of its statements (or loop incrementors) and why, and whether also when it ends. */
export interface RegionCheck {
  readonly before: ReadonlyMap<ts.Node, Lasting>;
  /**
   * Calls of program code that runs tasks, inside a statement that lasts, checked right after they return: the value
   * they hand back is what the statement keeps (`loaded.push(load(raw))`, `load` validating `raw` by a task that
   * fails: np42's F2, F3), which the plain program never kept.
   */
  readonly after: ReadonlySet<ts.CallExpression>;
  /** A function whose failure rejects its promise: it checks its tasks when it ends (in a `finally`). */
  readonly atExit: boolean;
  /** Awaits that check the region's tasks where they resume, without blocking first (resume-checks.ts). */
  readonly awaits: ReadonlySet<ts.AwaitExpression>;
}

/** Every region of the file that checks something. */
export function failureChecks(facts: FileFacts, plan: FilePlan, source: ts.SourceFile): Map<Region, RegionCheck> {
  const { ts } = facts;
  const checks = new Map<Region, RegionCheck>();
  if (facts.tasks.size === 0) return checks;
  const { caught, promising } = catchingCallers(facts);
  const world = (node: ts.Node): Lasting | undefined => (changesWorld(facts, node) || readsChangedFiles(facts, node) ? 'world' : undefined);
  const seenOrWorld = (isOwn: (declaration: ts.Declaration, whole: boolean) => boolean) =>
    (node: ts.Node): Lasting | undefined => (changesOutside(facts, isOwn, node, plan.submissions) ? 'seen' : world(node));

  // Where a failure ends the process, an async function's tasks are not this code's: its promise meets their
  // failure. Past a call of one, this code cannot tell its own tasks from those, so it stops checking.
  // (Asked of each statement of a region and again of the statements inside it: each node is looked at once.)
  const promisingCalls = new Map<ts.Node, boolean>();
  const callsPromising = (node: ts.Node): boolean => {
    // (No async function or promise callback of the program runs tasks: no call is of one, and nothing is walked.)
    if (promising.size === 0) return false;
    let found = promisingCalls.get(node);
    if (found !== undefined) return found;
    const callee = ts.isCallExpression(node) ? calledFunction(facts.ctx, node) : undefined;
    found = (callee !== undefined && promising.has(callee)) || (ts.forEachChild(node, (child) => callsPromising(child) || undefined) ?? false);
    promisingCalls.set(node, found);
    return found;
  };
  let sharing: Set<FunctionLike> | undefined;
  const sharingChains = () => (sharing ??= new Set([...promising].filter((fn) => !runsInOwnChain(facts, fn))));
  const runs = new Map<ts.Node, boolean>();
  // Failure handlers see what the top level changed, as a catch would (its variables are theirs too).
  const handlersSee = handlersSeeFailures(facts);
  const topAfter = new Set<ts.CallExpression>();
  const top = checkedIn(facts, plan, runs, topAfter, source.statements, handlersSee ? seenOrWorld(() => false) : world, callsPromising);
  if (top.size > 0 || topAfter.size > 0) checks.set(source, { ...splitResumes(facts, plan, top, undefined), after: topAfter, atExit: false });

  for (const statement of plan.tries) {
    if (statement.getSourceFile() !== source) continue;
    const block = statement.tryBlock;
    const isOwn = (declaration: ts.Declaration) => declaration.pos >= block.pos && declaration.end <= block.end;
    const after = new Set<ts.CallExpression>();
    const owner = ts.findAncestor(statement.parent, ts.isFunctionLike);
    const checked = checkedIn(facts, plan, runs, after, block.statements, orResumes(ts, seenOrWorld(isOwn), owner), undefined, true);
    const { before, awaits } = splitResumes(facts, plan, checked, owner as FunctionLike | undefined);
    if (before.size > 0 || after.size > 0 || awaits.size > 0) checks.set(statement, { before, after, atExit: false, awaits });
  }

  // Every function of the file outside the tasks (a task's body runs in a worker), in source order.
  for (const node of censusOf(facts.ctx, source).functions) {
    if (insideTask(facts, node)) continue;
    if (!isSynchronousCallback(ts, node)) {
      const fn = node;
      const isCaught = caught.has(fn);
      // At its end it waits for the tasks submitted since it began: those of an async function it called and did not
      // await there (`return Promise.all(ns.map((n) => safe(n)))`) may still be pending, their failures that
      // function's to catch (np21's r26: the check rethrew a failure `safe` catches after its `await`).
      // (An async function whose failure ends the program is not caught, yet its promise must still reject.)
      // (Calls of one that runs as a chain of its own are not its tasks: own-chains.ts.)
      const atExit = promising.has(fn) && !leavesPromisingRunning(facts, fn, sharingChains());
      if (fn.body && ts.isBlock(fn.body)) {
        // A parameter is the function's own name, but the object it holds is the caller's.
        const isOwn = (declaration: ts.Declaration, whole: boolean) => declaration.pos >= fn.pos && declaration.end <= fn.end &&
          (whole || !ts.isParameter(declaration) || declaration.parent !== fn);
        const lasts = isCaught || handlersSee ? seenOrWorld(isOwn) : world;
        // An async function (one that ends the program too) checks where it resumes (an `await`, a `for await`): the
        // runtime learns of failures while other code runs there, and a call made after may read what a failed task
        // left (/tmp/s46/a3: a split loop after `await pause(1)` printed results the plain program never reached).
        // (Where the failure ends the process, past a call of an async function synchronous code cannot tell its own
        // tasks from that one's, and stops checking; an async function awaits those it calls, and checks on.)
        const rejectsPromise = promising.has(fn); // (an async function or a promise callback)
        const after = new Set<ts.CallExpression>();
        const checked = checkedIn(facts, plan, runs, after, fn.body.statements, rejectsPromise ? orResumes(ts, lasts, fn) : lasts,
          isCaught || rejectsPromise ? undefined : callsPromising, rejectsPromise);
        const { before, awaits } = splitResumes(facts, plan, checked, fn);
        if (before.size > 0 || after.size > 0 || atExit || awaits.size > 0) checks.set(fn, { before, after, atExit, awaits });
      } else if (atExit) checks.set(fn, { before: new Map(), after: new Set(), atExit, awaits: new Set() });
    }
  }
  return checks;
}

/** The statements of one region that check first: those a task may precede and whose effect outlives its failure. */
function checkedIn(facts: FileFacts, plan: FilePlan, runs: Map<ts.Node, boolean>, after: Set<ts.CallExpression>, statements: readonly ts.Statement[],
  lasts: (node: ts.Node) => CheckReason | undefined, stopsAfter?: (statement: ts.Node) => boolean, checksLoops = false): Map<ts.Node, CheckReason> {
  const { ts } = facts;
  const before = new Map<ts.Node, CheckReason>();
  // A region none of whose statements runs code (most helpers) checks nothing: only a statement after one that runs
  // code, or inside a loop or callback that does, is checked, and whatever the walk below would ask runsCode of lies
  // inside these statements (outside the functions runsCode does not look into, which the walk skips as well).
  if (!statements.some((statement) => runsCode(facts, runs, statement))) return before;
  let stopped = false;
  const checkIfLasting = (node: ts.Node): void => {
    if (stopped) return;
    // (A statement that lasts and hands on what a task-running call returns: checked after that call, whatever came before.)
    const handsOn = isStatementOfList(ts, node) ? callsHandingOnTasks(facts, node) : [];
    if (!mayFollowTask() && handsOn.length === 0) return;
    const why = lasts(node);
    if (!why) return;
    if (mayFollowTask()) before.set(node, why);
    for (const call of handsOn) after.add(call);
  };
  /**
   * What a loop runs before its first pass, checked before the loop: the iterable of a `for…of` (`walk(xs)`, whose
   * generator body the iteration runs: implicit-calls.ts), a `for…in`'s object, a `for`'s initializer. (Before the
   * label of a labelled loop: a check between them would end the label's statement.)
   */
  const checkHeader = (loop: ts.IterationStatement): void => {
    const header = ts.isForOfStatement(loop) || ts.isForInStatement(loop) ? loop.expression : ts.isForStatement(loop) ? loop.initializer : undefined;
    if (stopped || !header || !mayFollowTask()) return;
    const why = lasts(header);
    let statement: ts.Node = loop;
    while (ts.isLabeledStatement(statement.parent)) statement = statement.parent;
    if (why && !before.has(statement)) before.set(statement, why);
  };
  const splitCallbacks = new Set<ts.Node>([...plan.splitCallbacks.values()].map((split) => split.callback));
  let runBefore = false;
  const loopsRunning: boolean[] = [];
  const mayFollowTask = () => runBefore || loopsRunning.includes(true);
  /** A statement taken whole: checked before if it lasts, not looked into. */
  const whole = (node: ts.Node): void => {
    checkIfLasting(node);
    if (runsCode(facts, runs, node)) runBefore = true;
  };
  const visit = (node: ts.Node): void => {
    if (ts.isClassLike(node)) return;
    if (isFunctionLike(facts.ctx, node)) {
      // A callback an array method runs at once, once per element: part of the region, as a loop's body.
      if (!isSynchronousCallback(ts, node) || splitCallbacks.has(node)) return;
      loopsRunning.push(runsCode(facts, runs, node));
      ts.forEachChild(node, visit);
      loopsRunning.pop();
      return;
    }
    if (ts.isTryStatement(node) && plan.tries.has(node)) {
      // Its try block checks its own statements; before it, this region's tasks so far, if anything in it lasts.
      checkIfLasting(node);
      const ran = runsCode(facts, runs, node.tryBlock);
      if (node.catchClause) visit(node.catchClause);
      if (node.finallyBlock) visit(node.finallyBlock);
      if (ran) runBefore = true;
      return;
    }
    // A try block waiting for a task submitted before it would catch that task's failure, which the plain call threw
    // where it was made (tester #23's r44: `const v = risky(3); try { console.log(v) } catch …`): checked before.
    if (ts.isTryStatement(node) && node.catchClause && mayFollowTask() && waitsForEarlierTask(facts, plan, node)) before.set(node, 'seen');
    if (plan.splitLoops.has(node as ts.Statement)) { whole(node); return; }
    if (ts.isIterationStatement(node, false)) {
      if (checksLoops && ts.isForOfStatement(node) && node.awaitModifier) checkIfLasting(node);
      else checkHeader(node);
      // A `for…of` whose iteration runs program code (a generator's body: implicit-calls.ts) takes each later step
      // after the body's task calls: the iterable is checked at every step (emit-failure-checks.ts `checkedSteps`).
      if (ts.isForOfStatement(node) && !node.awaitModifier && !stopped && runsImplicitProgramCode(facts, node.expression) &&
        runsCode(facts, runs, node.statement)) {
        const why = lasts(node.expression);
        if (why) before.set(node.expression, why);
      }
      loopsRunning.push(runsCode(facts, runs, node));
      // A condition runs before (or after) every pass: checked there, as the incrementor is.
      const condition = ts.isWhileStatement(node) || ts.isDoStatement(node) ? node.expression : ts.isForStatement(node) ? node.condition : undefined;
      if (condition && !ts.isDoStatement(node)) checkIfLasting(condition);
      ts.forEachChild(node, visit);
      if (condition && ts.isDoStatement(node)) checkIfLasting(condition);
      if (ts.isForStatement(node) && node.incrementor) checkIfLasting(node.incrementor);
      loopsRunning.pop();
      return;
    }
    // An `if`'s or a `switch`'s condition (`if (m > limit)` converting m by the program's valueOf: rev56's F8) is
    // checked alone: the statements inside are checked each on their own.
    if (ts.isIfStatement(node) || ts.isSwitchStatement(node)) checkIfLasting(node.expression);
    const leaf = isStatementOfList(ts, node);
    if (leaf) checkIfLasting(node);
    ts.forEachChild(node, visit);
    if (leaf && runsCode(facts, runs, node)) runBefore = true;
    if (leaf && stopsAfter?.(node)) stopped = true;
  };
  statements.forEach(visit);
  return before;
}

/**
 * The try block may wait for a task submitted before it: it waits for anything but a constant it binds to its own
 * task call (`const r of rs` over Futures made before is such a wait: tester #23's x03).
 */
function waitsForEarlierTask(facts: FileFacts, plan: FilePlan, statement: ts.TryStatement): boolean {
  const { ts } = facts;
  const block = statement.tryBlock;
  const ownFuture = (id: ts.Identifier) => {
    const declaration = facts.ctx.checker.getSymbolAtLocation(id)?.valueDeclaration;
    const made = declaration && ts.isVariableDeclaration(declaration) ? declaration.initializer : undefined;
    return made !== undefined && enclosesOrIs(block, made) && ts.isCallExpression(made) && plan.submissions.has(made);
  };
  for (const id of plan.wraps.keys()) if (enclosesOrIs(block, id) && !ownFuture(id)) return true;
  for (const access of [...plan.elementWraps.keys(), ...plan.fieldWraps.keys()]) if (enclosesOrIs(block, access)) return true;
  return false;
}

/**
 * Try statements (with a catch) whose block waits for a name declared outside the function holding them: a Future
 * another function made may be there (tester #23's y20: `const v = risky(3); function use() { try { log(v) } catch … }`),
 * whose failure the plain call threw where it was made, not in this try. The function's own checks cannot see that
 * task; emit.ts settles those names just before the try statement (runtime `settle`).
 */
export function capturedWaitsInTries(facts: FileFacts, plan: FilePlan): Map<ts.TryStatement, ts.Identifier[]> {
  const { ts, ctx } = facts;
  const found = new Map<ts.TryStatement, ts.Identifier[]>();
  for (const id of plan.wraps.keys()) {
    const declaration = ctx.checker.getSymbolAtLocation(id)?.valueDeclaration;
    if (!declaration || !ts.isVariableDeclaration(declaration)) continue;
    const home = enclosingFunction(ctx, declaration);
    for (let n: ts.Node = id; n.parent && !isFunctionLike(ctx, n); n = n.parent) {
      const statement = n.parent;
      if (!ts.isTryStatement(statement) || statement.tryBlock !== n || !statement.catchClause) continue;
      const holder = enclosingFunction(ctx, statement);
      if (!holder || holder === home || (home && !enclosesOrIs(home, holder))) continue;
      const names = found.get(statement) ?? [];
      if (!names.some((name) => name.text === id.text)) names.push(id);
      found.set(statement, names);
    }
  }
  return found;
}

/**
 * The calls in a statement of program code that runs tasks whose value the statement uses (`loaded.push(load(raw))`,
 * `b.k = checked(xs)`, `count += load(xs).length`; not a call that is the whole statement, whose own region checks
 * what it does), in the order they return.
 */
function callsHandingOnTasks(facts: FileFacts, statement: ts.Statement): ts.CallExpression[] {
  const { ts } = facts;
  const found: ts.CallExpression[] = [];
  const visit = (n: ts.Node): void => {
    if (isFunctionLike(facts.ctx, n) && !isSynchronousCallback(ts, n)) return;
    ts.forEachChild(n, visit);
    // (A task's own call waits where its value is used; a forwarder's, `return total(xs)` after `validate(xs)`, is
    // program code all the same.)
    if (!ts.isCallExpression(n) || (ts.isExpressionStatement(n.parent) && n.parent.expression === n)) return;
    const callee = calledFunction(facts.ctx, n);
    if (callee && facts.tasks.has(callee)) return;
    // (Only what the call surely runs: `openSync(file, 'w')` through an import is no call of every function value.)
    if (codeSurelyRunAt(facts, n).some((fn) => !fn.getSourceFile().isDeclarationFile && !facts.tasks.has(fn) && runsTasks(facts, fn))) found.push(n);
  };
  visit(statement);
  // One check, after the last of them: it waits for the tasks all of them ran (`state.rs = [f(1), f(2)]` kept its calls
  // side by side: rev57's F11).
  return found.slice(-1);
}

/** A statement that is not made of statements. */
function isStatementOfList(ts: typeof import('typescript'), node: ts.Node): node is ts.Statement {
  return ts.isExpressionStatement(node) || ts.isVariableStatement(node) || ts.isReturnStatement(node) || ts.isThrowStatement(node);
}

/**
 * It calls a task or program code (which may call one). Memoised per node for one file's checks (`runs`): a loop's
 * statements are asked about, and then the loop, and then the function or try around it.
 */
function runsCode(facts: FileFacts, runs: Map<ts.Node, boolean>, node: ts.Node): boolean {
  const { ts } = facts;
  const calls = (n: ts.Node): boolean => {
    let found = runs.get(n);
    if (found !== undefined) return found;
    found = callsHere(n) || (!isOpaqueFunction(n) && (ts.forEachChild(n, callsInChild) ?? false));
    runs.set(n, found);
    return found;
  };
  const callsInChild = (child: ts.Node): true | undefined => calls(child) || undefined;
  const isOpaqueFunction = (n: ts.Node) => isFunctionLike(facts.ctx, n) && !isSynchronousCallback(ts, n);
  const callsHere = (n: ts.Node): boolean => {
    if (isOpaqueFunction(n)) return false;
    if (ts.isCallExpression(n) && facts.taskOf(n)) return true;
    // (A known callee, a constructor, an accessor, a function handed to the call or one a function value may be.)
    return codeRunAt(facts, n).some((fn) => !facts.tasks.has(fn) && runsTasks(facts, fn));
  };
  return calls(node);
}
