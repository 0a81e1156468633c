/**
 * Applying a FilePlan: submissions instead of task calls, waits before uses, task errors inside their try blocks,
 * task handles defined once at the top of the file, and (in modules that define tasks) program entry code kept
 * out of the workers that import the module.
 */
import type * as ts from 'typescript';
import { isFunctionLike, isPrimitiveNode, type AnalysisContext, type FunctionLike } from '../analysis/context';
import { takenAtLoad } from './load-time-values';
import type { ModuleStateRef, TaskInfo } from '../analysis/discover';
import { awaitedInPlace, type FilePlan, type Wrap } from './file-plan';
import { deferredUses } from './emit-deferred';
import { dataLabels, moduleReference, siteOf } from './paths';
import { elementBase, isSynchronousCallback, skipTransparent } from './syntax';
import { replaceBody } from './replace-body';
import { wrappedInChain } from './own-chains';
import { fencesAround } from './emit-fences';
import { failureCheckEmitter } from './emit-failure-checks';
import { keptOutOfWorkers, withClassesShared, withModuleStateRegistered } from './emit-module-setup';
import type { EntryReaders } from './entry-readers';
import { forwarderEmitter } from './emit-forwarders';
import type { FieldReference } from './private-fields';

export interface EmitOptions {
  /** Module specifier of the runtime, as emitted code imports it. */
  readonly runtime: string;
  /** The file is emitted as an ES module (else CommonJS). */
  readonly esm: boolean;
  /** Tasks declared in this file. */
  readonly declaresTasks: boolean;
  /** Workers load this module to run tasks (a task's, or one it imports): its entry code must not run there (emit-module-setup.ts). */
  readonly keepsEntryCodeOut: boolean;
  /** Top-level classes the file does not export are shared by name (emit-module-setup.ts withClassesShared). */
  readonly sharesClasses: boolean;
  /** Which of the program's code no worker runs (one per program). */
  readonly entryReaders: EntryReaders;
  /** Module objects declared in this file that tasks read: registered in every thread (runtime/api/module-state.ts). */
  readonly moduleState?: readonly ModuleStateRef[];
  /** Constants computed from the process at load, which workers take from the program (analysis/load-time.ts). */
  readonly loadTime?: readonly ts.VariableDeclaration[];
}

const RUNTIME = '__taskify';

export function emitFile(ctx: AnalysisContext, plan: FilePlan, source: ts.SourceFile, context: ts.TransformationContext,
  options: EmitOptions): ts.SourceFile {
  const registered = options.moduleState ?? [];
  // (A file whose only task call is a helper's, kept direct there, still registers the helper's halves and splits at its calls.)
  if (!options.keepsEntryCodeOut && nothingToRewrite(plan, options, registered)) return source;
  const { ts } = ctx;
  const f = context.factory;
  const handles = new Map<TaskInfo, ts.Identifier>();
  let marks = 0;
  const runtime = (name: string, args: ts.Expression[]) =>
    f.createCallExpression(f.createPropertyAccessExpression(f.createIdentifier(RUNTIME), name), undefined, args);
  /**
   * Waits block, in async functions too: the sequential program computed right there without yielding, so an
   * `await` would let other code run first and could change what is printed. Where the program itself awaits a
   * task's result, the Future is awaited instead.
   */
  /**
   * The program's name again, where emit adds a use of it: as the original node, so that the module transform still
   * makes `CFG` of `export const CFG` the `exports.CFG` it is (tester #26's r23: "CFG is not defined").
   */
  const sameName = (ref: ts.Identifier): ts.Identifier => ts.setOriginalNode(f.createIdentifier(ref.text), ref);
  const wrap = (kind: Wrap | 'waitOn', expr: ts.Expression, depth?: number): ts.Expression =>
    runtime(kind === 'wait' ? 'waitOn' : kind, depth === undefined ? [expr] : [expr, f.createNumericLiteral(depth)]);
  /** `await task(…)`, emitted as `await __taskify.awaited(…)`. */
  const awaitsSubmission = (node: ts.AwaitExpression): boolean => {
    const call = skipTransparent(ts, node.expression);
    return ts.isCallExpression(call) && plan.submissions.has(call) && !plan.submissions.get(call)!.forwards;
  };
  /** Such an await (visited) as `__taskify.landed(await …)`: the code after it is another synchronous run (api/awaited.ts). */
  const landed = (visited: ts.Expression, node: ts.Node): ts.Expression =>
    ts.isAwaitExpression(node) && awaitsSubmission(node) ? runtime('landed', [visited]) : inTurn(visited, node);
  /** Any other await (visited) as `await __taskify.inTurn(…)`: it resumes behind task awaits reached before it (plan.awaitsInTurn). */
  const inTurn = (visited: ts.Expression, node: ts.Node): ts.Expression => {
    if (!ts.isAwaitExpression(visited) || !ts.isAwaitExpression(node) || !plan.awaitsInTurn.has(node)) return visited;
    // (Or, where it resumes after the function's own task calls, checking them: `await __taskify.checkedAwait(m, …)`.)
    const checked = failureChecks.checkedAwait(node);
    return f.updateAwaitExpression(visited, checked ? checked(visited.expression) : runtime('inTurn', [visited.expression]));
  };
  /**
   * `writtenFields(h).list[waitFields(h).list.length] = f`, `written(best).cur = waitFields(best).cur ?? d`: the read
   * walk comes after the write's mark and before the store, and is remembered as current, so the next read of `h` would
   * not walk to `f` (np55's F1: a task's write to `f` unseen). Such a statement marks `h` again after it, as one that
   * submits does.
   */
  const walksWrittenAndRead = (statement: ts.Node): boolean => {
    if (plan.wraps.size === 0) return false;
    const written = new Set<string>();
    const read = new Set<string>();
    const look = (n: ts.Node): void => {
      if (n !== statement && isFunctionLike(ctx, n)) return;
      const kind = ts.isIdentifier(n) ? plan.wraps.get(n) : undefined;
      if (kind === 'written' || kind === 'writtenWithin' || kind === 'writtenFields') written.add((n as ts.Identifier).text);
      else if (kind === 'waitWithin' || kind === 'waitFields') read.add((n as ts.Identifier).text);
      ts.forEachChild(n, look);
    };
    look(statement);
    return [...written].some((name) => read.has(name));
  };
  /**
   * Identifiers written (`written(x)`, `writtenWithin(x)`) in a statement that also submits: marked again after it
   * (see visit), by the runtime function that marks what that wrap marks.
   */
  const writtenAlongSubmission = (statement: ts.Node): [mark: string, target: ts.Expression][] => {
    if (!containsSubmission(statement) && !walksWrittenAndRead(statement)) return [];
    const marks = new Map<string, [mark: string, target: () => ts.Expression]>();
    const named = (ref: ts.Identifier, mark: string) => marks.set(ref.text, [mark, () => sameName(ref)]);
    const look = (n: ts.Node): void => {
      // A callback's names are its own (out of scope after the statement); its writes are marked where they are.
      if (n !== statement && isFunctionLike(ctx, n)) return;
      const kind = ts.isIdentifier(n) ? plan.wraps.get(n) : undefined;
      if (kind === 'written') named(n as ts.Identifier, 'markWritten');
      else if (kind === 'writtenWithin' || kind === 'writtenFields') named(n as ts.Identifier, kind);
      else if (ts.isElementAccessExpression(n) && plan.elementWraps.get(n) === 'written') {
        // An element written through its container: mark whatever in the container the program may have changed.
        const base = elementBase(ts, n);
        if (ts.isIdentifier(base)) named(base, 'writtenWithin');
      } else if (ts.isPropertyAccessExpression(n) && plan.fieldWraps.get(n as FieldReference) === 'written') {
        // `this.#data` or `x.#data` again: naming it again has no effect (private-fields.ts).
        const access = n as FieldReference;
        const owner = () => access.expression.kind === ts.SyntaxKind.ThisKeyword ? f.createThis() : sameName(access.expression as ts.Identifier);
        marks.set(access.getText(), ['markWritten', () => f.createPropertyAccessExpression(owner(), f.createPrivateIdentifier(access.name.text))]);
      }
      ts.forEachChild(n, look);
    };
    look(statement);
    return [...marks.values()].map(([mark, target]) => [mark, target()]);
  };
  const handleFor = (task: TaskInfo): ts.Identifier => {
    let id = handles.get(task);
    if (!id) { id = f.createIdentifier(`__taskify_${task.name}_${handles.size}`); handles.set(task, id); }
    return id;
  };

  // Every node that has a submission inside it (not counting nested functions, but counting the callbacks array methods
  // call before they return), found once from the submissions up.
  const holdsSubmission = new Set<ts.Node>();
  for (const call of plan.submissions.keys()) {
    for (let n: ts.Node | undefined = call; n && !holdsSubmission.has(n); n = n.parent) {
      holdsSubmission.add(n);
      if (n !== call && isFunctionLike(ctx, n) && !isSynchronousCallback(ts, n)) break;
    }
  }
  const containsSubmission = (node: ts.Node): boolean => holdsSubmission.has(node);
  /** `__taskify.resumed(value, [read objects], [written objects])`: brings them up to date, returns the value. */
  const resumed = (value: ts.Expression, node: ts.Node): ts.Expression => {
    const { reads, writes } = plan.resumptions.get(node)!;
    const names = (refs: readonly ts.Identifier[]) => f.createArrayLiteralExpression(refs.map(sameName));
    return runtime('resumed', [value, names(reads), names(writes)]);
  };

  /**
   * A function with followed parameters: `const m = entering([parameters]); try { body } finally { leaving(m, [parameters]) }`
   * (entering: the caller may have changed them unseen since their last snapshot). A task of the call that failed throws out of it, as the sequential call did (inline
   * runs too), and the caller finds the parameters as the sequential call left them.
   */
  const leaving = (fn: ts.FunctionLikeDeclaration): ts.Node => {
    const visited = ts.visitEachChild(fn, visit, context) as ts.FunctionLikeDeclaration;
    const mark = f.createIdentifier(`__taskify_leave${marks++}`);
    const parameters = (): ts.Expression => f.createArrayLiteralExpression(plan.exitWaits.get(fn as never)!.map(sameName));
    const leave = f.createExpressionStatement(runtime('leaving', [mark, parameters()]));
    const checked = failureChecks.marked(fn, visited.body!);
    const statements = ts.isBlock(checked) ? [...checked.statements] : [f.createReturnStatement(checked)];
    const body = f.createBlock([
      f.createVariableStatement(undefined, f.createVariableDeclarationList([f.createVariableDeclaration(mark, undefined, undefined, runtime('entering', [parameters()]))],
        ts.NodeFlags.Const)),
      f.createTryStatement(f.createBlock(statements, true), undefined, f.createBlock([leave], true)),
    ], true);
    return replaceBody(ts, f, visited, body);
  };

  const forwarders = forwarderEmitter({ ts, f, plan, runtime, visit: (node) => visit(node), context });

  const failureChecks = failureCheckEmitter(ts, f, plan.failureChecks, runtime, () => marks++);
  /**
   * `__taskify.submit(handle, [args], 'file:line', 'labels', tryMark)`: the mark of the try block the call is in (in the
   * same function), from which a call the runtime runs in place meets earlier failures (runtime/api/direct-calls.ts).
   */
  const submit = (call: ts.CallExpression, task: TaskInfo, args: ts.Expression[], fenced = false): ts.Expression => {
    const labels = dataLabels(ctx, call);
    const tryMark = enclosingTryMark(call);
    return runtime(fenced ? 'submitFenced' : 'submit', [handleFor(task), f.createArrayLiteralExpression(args), f.createStringLiteral(siteOf(call)),
      ...(labels === undefined && !tryMark ? [] : [labels === undefined ? f.createVoidZero() : f.createStringLiteral(labels)]), ...(tryMark ? [tryMark] : [])]);
  };
  const enclosingTryMark = (call: ts.CallExpression): ts.Expression | undefined => {
    // (A split loop's call is submitted by its first pass, outside the tries of the body: split-loops.ts passStatement.)
    const split = [...plan.splitLoops.values()].find((loop) => loop.taskCalls.includes(call));
    for (let n: ts.Node = split?.loop ?? call; n.parent && !isFunctionLike(ctx, n); n = n.parent) {
      if (ts.isTryStatement(n.parent) && n.parent.tryBlock === n && plan.tries.has(n.parent)) return failureChecks.markOf(n.parent);
    }
    return undefined;
  };
  // (A call no plan made, a helper's submission half: its objects may have changed since any snapshot, helper-halves.ts.)
  const submitAfresh = (call: ts.CallExpression, task: TaskInfo): ts.Expression =>
    submit(call, task, call.arguments.map((arg) => {
      const visited = ts.visitNode(arg, visit) as ts.Expression;
      return isPrimitiveNode(ctx, arg) ? visited : runtime('freshArgument', [visited]);
    }));
  const deferred = deferredUses({ ts, f, plan, runtime, visit: (node) => visit(node), submitAfresh });

  // Only nodes on the way to something the plan rewrites are visited: the rest of the file is emitted as it is.
  const onTheWay = new Set<ts.Node>();
  const leadsTo = (target: ts.Node): void => {
    for (let n: ts.Node | undefined = target; n && !onTheWay.has(n); n = n.parent) onTheWay.add(n);
  };
  const fences = fencesAround(ts, f, plan.fences, plan.settles, runtime);
  for (const targets of [fences.targets, plan.submissions.keys(), plan.wraps.keys(), plan.elementWraps.keys(), plan.fieldWraps.keys(), plan.resumptions.keys(),
    plan.exitWaits.keys(), plan.splitCallbacks.keys(), plan.mapsWaitedWhole.keys(), plan.tries.keys(), failureChecks.targets, plan.mappedTasks.keys(), plan.mappedForwarders.keys(),
    plan.splitLoops.keys(), plan.halved.keys(), plan.settledBefore.keys(), plan.ownChains, deferred.registered, plan.handedOn.keys(), plan.heldRecords, plan.awaitsInTurn, plan.callbacksInTurn.keys()]) for (const target of targets) leadsTo(target);

  /** `catch (e) { … }` → `catch (e) { __taskify.caughtSince(e, mark); … }`, the error given a name where it had none. */
  const caughtSince = (clause: ts.CatchClause, mark: ts.Identifier): ts.CatchClause => {
    const binding = clause.variableDeclaration?.name;
    const name = binding && ts.isIdentifier(binding) ? binding : f.createUniqueName('caught');
    const unpack = binding && !ts.isIdentifier(binding)
      ? [f.createVariableStatement(undefined, f.createVariableDeclarationList([f.createVariableDeclaration(binding, undefined, undefined, name)], ts.NodeFlags.Let))]
      : [];
    // (The written name is not put in a second place: a node of its own for the argument.)
    const first = f.createExpressionStatement(runtime('caughtSince', [ts.isIdentifier(name) && name === binding ? f.createIdentifier(name.text) : name, mark]));
    return f.updateCatchClause(clause, f.createVariableDeclaration(name), f.createBlock([first, ...unpack, ...clause.block.statements], true));
  };

  const visit = (node: ts.Node): ts.Node => {
    if (!onTheWay.has(node)) return node;
    const rewritten = rewrite(node);
    // (Last: the function as the plan rewrote it runs in its chain, its fence on exit inside the chain's body, where the
    // async function ends: outside it, the fence ran when the function returned its promise, before its tasks.)
    const fenced = fences.around(node, rewritten);
    const chained = plan.ownChains.has(node as FunctionLike) ? wrappedInChain(ts, f, fenced as ts.FunctionLikeDeclaration, runtime) : fenced;
    // (`p.then(f)`: f, as the plan rewrote it, resumes in its turn: api/awaited.ts inTurnCallback.)
    const inTurn = plan.callbacksInTurn.get(node as ts.Expression);
    const visited = inTurn ? runtime('inTurnCallback', inTurn === 'promise' ? [chained as ts.Expression] : [chained as ts.Expression, f.createStringLiteral(inTurn)]) : chained;
    // (A helper split in halves registers them right after it is declared: helper-halves.ts; a literal's methods that
    // may run ahead are marked there: method-owners.ts.)
    const after = [...deferred.registrationsAfter(node), ...forwarders.marksAfter(node)];
    // (Names another function made, waited for in a try block: their failures are thrown before it, failure-checks.ts.)
    const settled = ts.isTryStatement(node) ? plan.settledBefore.get(node) : undefined;
    const before = settled ? [f.createExpressionStatement(runtime('settle', [f.createArrowFunction(undefined, undefined, [], undefined, undefined,
      f.createArrayLiteralExpression(settled.map(sameName)))]))] : [];
    return (after.length > 0 || before.length > 0 ? [...before, ...[visited].flat(), ...after] : visited) as ts.Node;
  };
  /** Checked first when the plan says so (failure-checks.ts), whatever else rewrites the node. */
  const rewrite = (node: ts.Node): ts.Node => {
    const checkedBefore = failureChecks.checkBefore(node);
    return checkedBefore ? checkedBefore(rewriteOne(node)) as never : rewriteOne(node);
  };
  const rewriteOne = (node: ts.Node): ts.Node => {
    const instead = deferred.rewrite(node);
    if (instead) return instead;
    if (plan.resumptions.has(node)) {
      const visited = ts.visitEachChild(node, visit, context);
      if (ts.isAwaitExpression(visited) || ts.isYieldExpression(visited)) return resumed(landed(visited, node), node);
      // A deferred callback: up to date when it starts.
      const fn = visited as ts.FunctionLikeDeclaration & { body: ts.ConciseBody };
      const refresh = resumed(f.createVoidZero(), node);
      const body = ts.isBlock(fn.body)
        ? f.updateBlock(fn.body, [f.createExpressionStatement(refresh), ...fn.body.statements])
        : f.createParenthesizedExpression(f.createCommaListExpression([refresh, fn.body]));
      // Its own failure checks too, with their mark (tester np37's runner-v11: a `beforeExit` listener's checkpoint
      // named a mark nothing declared).
      return replaceBody(ts, f, fn, plan.failureChecks.has(node as FunctionLike) ? failureChecks.marked(node, body) : body);
    }
    if (ts.isAwaitExpression(node) && (awaitsSubmission(node) || plan.awaitsInTurn.has(node))) return landed(ts.visitEachChild(node, visit, context), node);
    const claimed = forwarders.claiming(node) ?? forwarders.marking(node, deferred.registrationsIn(node));
    if (claimed) return claimed;
    if (isFunctionLike(ctx, node) && plan.exitWaits.has(node) && node.body) return leaving(node);
    if (isFunctionLike(ctx, node) && plan.failureChecks.has(node as FunctionLike) && node.body) {
      const visited = ts.visitEachChild(node, visit, context) as ts.FunctionLikeDeclaration;
      return replaceBody(ts, f, visited, failureChecks.marked(node, visited.body!));
    }
    if (ts.isCallExpression(node) && plan.builtFirst.has(node) && ts.isPropertyAccessExpression(node.expression)) {
      // `Promise.allSettled([t(2), t(3)])`: the calls' outcomes first, as the plain list was built (api/awaited.ts).
      const calls = plan.builtFirst.get(node)!.map((i) => f.createNumericLiteral(i));
      return runtime('builtFirst', [f.createStringLiteral(node.expression.name.text), ts.visitNode(node.arguments[0]!, visit) as ts.Expression, f.createArrayLiteralExpression(calls)]);
    }
    if (ts.isCallExpression(node) && plan.mappedTasks.has(node)) {
      const task = plan.mappedTasks.get(node)!;
      const visited = ts.visitEachChild(node, visit, context);
      const each = runtime('asTask', [handleFor(task), f.createStringLiteral(siteOf(node)), f.createNumericLiteral(task.params.length)]);
      return runtime('waitAll', [f.updateCallExpression(visited, visited.expression, visited.typeArguments, [each])]);
    }
    if (ts.isCallExpression(node) && plan.mappedForwarders.has(node)) {
      const { ref, arity } = plan.mappedForwarders.get(node)!;
      const visited = ts.visitEachChild(node, visit, context);
      const each = runtime('asForwarded', [sameName(ref), f.createStringLiteral(ref.text), f.createNumericLiteral(arity)]);
      return runtime('waitAll', [f.updateCallExpression(visited, visited.expression, visited.typeArguments, [each])]);
    }
    if (ts.isCallExpression(node) && plan.submissions.has(node)) {
      const task = plan.submissions.get(node)!;
      const args = node.arguments.map((arg) => {
        const visited = ts.visitNode(arg, visit) as ts.Expression;
        if (!plan.freshSnapshots.has(arg)) return visited;
        // (`...parts` into a rest parameter: each element copied at the call.)
        return ts.isSpreadElement(visited) ? f.updateSpreadElement(visited, runtime('freshEach', [visited.expression])) : runtime('freshArgument', [visited]);
      });
      // A forwarder's call is the program's own call: its body submits the task and returns the Future (a method's,
      // run by the runtime, which lets the method claim it: api/forwarding.ts).
      const submission = task.claims ? forwarders.plannedCall(node, task.claims, args)
        : task.forwards ? f.updateCallExpression(node, ts.visitNode(node.expression, visit) as ts.Expression, node.typeArguments, args)
          : submit(node, task, args, plan.fenced.has(node));
      if (plan.handedOn.has(node)) return forwarders.handOn(submission);
      const returned = plan.returnsArgument.get(node);
      // `x = f(x, …)`: x keeps its object (the task fills it), so the statement assigns x itself after submitting.
      if (returned !== undefined) {
        return f.createParenthesizedExpression(f.createCommaListExpression([submission, sameName(node.arguments[returned] as ts.Identifier)]));
      }
      if (plan.promised.has(node)) return runtime('promised', [submission]);
      // `await task(…)`: the value at once when the task has finished, as the plain await had it (api/awaited.ts).
      if (awaitedInPlace(ts, plan, node)) {
        // (An async task's call: awaits of values reached after it do not wait for it, runtime inTurn.)
        const asyncCall = (ts.getCombinedModifierFlags(task.fn) & ts.ModifierFlags.Async) !== 0;
        const caught = plan.caughtCalls.has(node);
        return runtime('awaited', asyncCall ? [submission, caught ? f.createTrue() : f.createFalse(), f.createTrue()] : caught ? [submission, f.createTrue()] : [submission]);
      }
      if (!plan.waitedAtCall.has(node)) return submission;
      // A value the program changes right there: the next task taking it must read the change (a fingerprint decides).
      return plan.changedAtCall.has(node) ? runtime('maybeWritten', [submission]) : wrap('waitOn', submission);
    }
    if (ts.isShorthandPropertyAssignment(node) && plan.wraps.has(node.name)) {
      return f.createPropertyAssignment(node.name.text, wrap(plan.wraps.get(node.name)!, sameName(node.name), plan.wrapDepths.get(node.name)));
    }
    if (ts.isIdentifier(node) && plan.wraps.has(node)) return wrap(plan.wraps.get(node)!, node, plan.wrapDepths.get(node));
    // `return { sums, counts }` of objects a forwarder made: a Future holding them, waited for where its callers use it.
    if (ts.isObjectLiteralExpression(node) && plan.heldRecords.has(node)) {
      const record = runtime('heldRecord', [ts.visitEachChild(node, visit, context)]);
      return plan.handedOn.has(node) ? forwarders.handOn(record) : record;
    }
    // `return out` of a claiming forwarder that made out (forwarders.ts): pending for a planned call, else waited for.
    if (ts.isIdentifier(node) && plan.handedOn.has(node)) return forwarders.handOn(node);
    if (ts.isCallExpression(node) && plan.mapsWaitedWhole.has(node)) return runtime(plan.mapsWaitedWhole.get(node)!, [ts.visitEachChild(node, visit, context)]);
    if (ts.isElementAccessExpression(node) && plan.elementWraps.has(node)) return wrap(plan.elementWraps.get(node)!, ts.visitEachChild(node, visit, context));
    if (ts.isPropertyAccessExpression(node) && plan.fieldWraps.has(node as FieldReference)) return wrap(plan.fieldWraps.get(node as FieldReference)!, ts.visitEachChild(node, visit, context));
    const rewritten = ts.isExpressionStatement(node) || ts.isVariableStatement(node) ? writtenAlongSubmission(node) : [];
    if (rewritten.length > 0) {
      // `a[0] = task(a)`: the submission snapshots `a` before the write lands, so mark `a` changed once more after it.
      const visited = ts.visitEachChild(node, visit, context);
      return [visited, ...rewritten.map(([mark, target]) => f.createExpressionStatement(runtime(mark, [target])))] as never;
    }
    if (ts.isTryStatement(node) && plan.tries.has(node)) {
      const mark = failureChecks.markOf(node) as ts.Identifier;
      const visited = ts.visitEachChild(node, visit, context);
      const check = runtime('checkpoint', [mark]);
      // A task that failed inside the try throws inside it, before any later statement that outlives the failure
      // (failure-checks.ts), and at the latest when the block ends, as the call would have in the sequential program.
      const declared = f.createVariableStatement(undefined, f.createVariableDeclarationList(
        [f.createVariableDeclaration(mark, undefined, undefined, runtime('mark', []))], ts.NodeFlags.Const));
      const checked = f.createTryStatement(visited.tryBlock, undefined, f.createBlock([f.createExpressionStatement(check)], true));
      // The mark before the try, so that its catch lets a failure of a call made before the try go on, past its
      // finally (`caughtSince`, `finallySince`): the plain call threw it there, outside this try.
      const catcher = visited.catchClause ? caughtSince(visited.catchClause, mark)
        : f.createCatchClause(f.createVariableDeclaration('__taskify_passing'), f.createBlock([
          f.createExpressionStatement(runtime('caughtSince', [f.createIdentifier('__taskify_passing'), mark])),
          f.createThrowStatement(f.createIdentifier('__taskify_passing'))], true));
      const finallyBlock = visited.finallyBlock && f.createBlock([f.createIfStatement(runtime('finallySince', [mark]), visited.finallyBlock)], true);
      // (Its original is the try as written: module setup judges a statement the plan rewrote by its written form.)
      return ts.setOriginalNode(f.createBlock([declared, f.updateTryStatement(visited, f.createBlock([checked], true), catcher, finallyBlock)], true), node);
    }
    return ts.visitEachChild(node, visit, context);
  };

  let statements = fences.atFileEnd(source, [...ts.visitNodes(source.statements, visit)] as ts.Statement[]);
  statements = withModuleStateRegistered(ctx, f, statements, registered, options.esm, runtime);
  statements = takenAtLoad(ctx, f, statements, options.loadTime ?? [], runtime);
  if (options.keepsEntryCodeOut) {
    const kept = keptOutOfWorkers(ctx, f, statements, runtime, options.entryReaders, options.declaresTasks, plan.submissions.keys());
    // (A module workers load whose top level turned out to do nothing they must not repeat, and needs nothing else.)
    if (nothingToRewrite(plan, options, registered) && kept.every((s, i) => s === statements[i])) return source;
    statements = kept;
  }
  if (options.sharesClasses) statements = withClassesShared(ctx, f, statements, options.esm, runtime);

  const prologue: ts.Statement[] = [options.esm
    ? f.createImportDeclaration(undefined, f.createImportClause(false, undefined, f.createNamespaceImport(f.createIdentifier(RUNTIME))),
      f.createStringLiteral(options.runtime))
    : f.createVariableStatement(undefined, f.createVariableDeclarationList([f.createVariableDeclaration(RUNTIME, undefined, undefined,
      f.createCallExpression(f.createIdentifier('require'), undefined, [f.createStringLiteral(options.runtime)]))], ts.NodeFlags.Const))];
  for (const [task, id] of handles) {
    const params = f.createArrayLiteralExpression(task.params.map((p, i) => f.createObjectLiteralExpression([
      f.createPropertyAssignment('name', f.createStringLiteral(p.name)),
      f.createPropertyAssignment('direction', f.createStringLiteral(p.direction)),
      ...(p.rro ? [f.createPropertyAssignment('rro', f.createTrue())] : []),
      ...(p.wholeBuffer ? [f.createPropertyAssignment('wholeBuffer', f.createTrue())] : []),
      ...(task.fn.parameters[i]?.dotDotDotToken ? [f.createPropertyAssignment('rest', f.createTrue())] : []),
      ...(task.returnsArgument === i ? [f.createPropertyAssignment('returned', f.createTrue())] : []),
      ...(task.returnsArgument !== i && p.returned !== undefined ? [f.createPropertyAssignment('heldInValue', f.createTrue())] : []),
    ])));
    const runOptions = Object.entries(task.options).map(([key, value]) =>
      f.createPropertyAssignment(key, typeof value === 'number' ? f.createNumericLiteral(value) : f.createStringLiteral(String(value))));
    // (A task touching files the program's tasks change: kept in the plain order by the runtime, file-order.ts.)
    const files = plan.fileAccess.get(task);
    if (files) runOptions.push(f.createPropertyAssignment('files', f.createStringLiteral(files)));
    if (task.moduleState) {
      // A key (a snapshot at each call), or kept state (analysis/kept-state.ts): `{ key, kept: true, changes: true }`.
      runOptions.push(f.createPropertyAssignment('state', f.createArrayLiteralExpression(task.moduleState.map((s) => !s.kept ? f.createStringLiteral(s.key)
        : f.createObjectLiteralExpression([f.createPropertyAssignment('key', f.createStringLiteral(s.key)), f.createPropertyAssignment('kept', f.createTrue()),
          ...(s.changes ? [f.createPropertyAssignment('changes', f.createTrue())] : [])])))));
    }
    const args = [moduleReference(ctx, f, source, task, options.esm), f.createStringLiteral(task.name), params,
      ...(runOptions.length > 0 ? [f.createObjectLiteralExpression(runOptions)] : [])];
    prologue.push(f.createVariableStatement(undefined, f.createVariableDeclarationList([f.createVariableDeclaration(id, undefined, undefined,
      runtime('defineTask', args))], ts.NodeFlags.Const)));
  }
  prologue.push(...failureChecks.topMark(source));
  const firstNonImport = statements.findIndex((s) => !ts.isImportDeclaration(s) && !ts.isImportEqualsDeclaration(s) && !isPrologueDirective(ts, s));
  const at = firstNonImport < 0 ? statements.length : firstNonImport;
  return f.updateSourceFile(source, [...statements.slice(0, at), ...prologue, ...statements.slice(at)]);
}

/** Nothing in the file to rewrite (but, perhaps, the entry code workers must not run). */
function nothingToRewrite(plan: FilePlan, options: EmitOptions, registered: readonly ModuleStateRef[]): boolean {
  return plan.submissions.size === 0 && plan.mappedTasks.size === 0 && plan.mappedForwarders.size === 0 && plan.resumptions.size === 0 &&
    plan.wraps.size === 0 && plan.settles.size === 0 && !options.declaresTasks && !options.sharesClasses && registered.length === 0 &&
    !options.loadTime?.length && plan.halvesDeclared.size === 0 && plan.halved.size === 0 && plan.awaitsInTurn.size === 0 && plan.callbacksInTurn.size === 0;
}

function isPrologueDirective(t: typeof ts, s: ts.Statement): boolean {
  return t.isExpressionStatement(s) && t.isStringLiteral(s.expression);
}
