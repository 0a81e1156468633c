/**
 * Emitting the uses of task values the plan moved after later submissions (see runtime/api/deferred-uses.ts): an array
 * method's callback split in two (split-callbacks.ts), a statement's expression run once all its task calls were
 * submitted (batched-values.ts), a loop split in two (split-loops.ts). Each replaces its task calls by their values
 * while the piece is visited again.
 */
import type * as ts from 'typescript';
import type { FilePlan } from './file-plan';
import type { SplitCallback } from './split-callbacks';
import type { SplitLoop } from './split-loops';
import type { HelperHalves } from './helper-halves';
import type { TaskInfo } from '../analysis/discover';
import { methodAsMarked, methodOwner } from './method-owners';
import { guardTest, type Guard } from './guards';

export interface DeferredEnv {
  readonly ts: typeof ts;
  readonly f: ts.NodeFactory;
  readonly plan: FilePlan;
  readonly runtime: (name: string, args: ts.Expression[]) => ts.Expression;
  /** emit.ts's visitor. */
  readonly visit: (node: ts.Node) => ts.Node;
  /** A task call's submission, whatever the plan made of the call, its objects snapshotted afresh (a helper's submission half). */
  readonly submitAfresh: (call: ts.CallExpression, task: TaskInfo) => ts.Expression;
}

export interface DeferredUses {
  /** The node's emitted form if it is one of these pieces (or a task call inside one being visited), else undefined. */
  rewrite(node: ts.Node): ts.Node | undefined;
  /**
   * After the statement declaring helpers with halves (a function, a `const` holding one or an object literal with
   * such methods): their registrations (`__taskify.inHalves(analyse, …)`).
   */
  registrationsAfter(statement: ts.Node): ts.Statement[];
  /** In a class with methods that have halves: their registrations, for a static block (emit-forwarders.ts marking). */
  registrationsIn(node: ts.Node): ts.Statement[];
  /** The task calls of such helpers (the halves visit them again). */
  readonly registered: Iterable<ts.Node>;
}

export function deferredUses({ ts, f, plan, runtime, visit, submitAfresh }: DeferredEnv): DeferredUses {
  /** Nodes emitted as something else while one piece is visited (a split callback's task call: its result). */
  const replaced = new Map<ts.Node, ts.Expression>();
  /** Pieces being emitted: visited again inside, as what they are. */
  const expanding = new Set<ts.Node>();
  /** Above 0 while a helper's halves are emitted. */
  let registering = 0;
  const arrow = (parameters: readonly (ts.BindingName | string)[], body: ts.ConciseBody, modifiers?: readonly ts.ModifierLike[]) =>
    f.createArrowFunction(modifiers?.filter((m) => m.kind === ts.SyntaxKind.AsyncKeyword) as ts.Modifier[] | undefined, undefined,
      parameters.map((p) => f.createParameterDeclaration(undefined, undefined, p)), undefined, f.createToken(ts.SyntaxKind.EqualsGreaterThanToken), body);

  /**
   * A deferred call's value where the body uses it: marked as changed when the program stores it (`m.set(k, stats(x))`).
   * `reached` tells the runtime the plain program has made that call here, so main's output from here on sits after it.
   */
  const valueOf = (call: ts.CallExpression, result: ts.Expression): ts.Expression => plan.halved.has(call)
    // (A helper's call, made ahead in halves: its use half builds the value there, runtime/api/made-ahead.ts.)
    ? runtime('reached', [result])
    : runtime(plan.changedAtCall.has(call) ? 'maybeWritten' : 'waitOn', [runtime('reached', [result])]);

  /** A call a split pass makes ahead: its submission, or for a helper with halves its submission half (helper-halves.ts). */
  const ahead = (call: ts.CallExpression): ts.Expression => {
    const halves = plan.halved.get(call);
    if (!halves) return ts.visitNode(call, visit) as ts.Expression;
    const args = f.createArrayLiteralExpression(call.arguments.map((arg) => ts.visitNode(arg, visit) as ts.Expression));
    if (!halves.method) return runtime('halfAhead', [ts.visitNode(call.expression, visit) as ts.Expression, args]);
    // `p.compute()`: the runtime looks the method up, as the plain call does (`halfAheadMethod(p, 'compute', [], 'p.compute')`).
    const callee = call.expression as ts.PropertyAccessExpression;
    return runtime('halfAheadMethod', [ts.visitNode(callee.expression, visit) as ts.Expression, f.createStringLiteral(callee.name.text), args,
      f.createStringLiteral(callee.getText())]);
  };

  /** A submission made ahead only where its conditions hold (`j.n ? submit(spin…) : void 0`), as its turn will make the call. */
  const guarded = (guards: readonly Guard[], submission: ts.Expression): ts.Expression => guards.length === 0 ? submission
    : f.createConditionalExpression(guardTest(ts, f, guards, (guard) => ts.visitNode(guard.condition, visit) as ts.Expression),
      undefined, submission, undefined, f.createVoidZero());

  /**
   * `__taskify.inHalves(analyse, (name, xs) => submit(sum…), (result, name, xs) => ({ name, total: waitOn(reached(result)) }))`:
   * the helper's leading constants are computed in both halves, as a split callback's are.
   */
  const registration = (halves: HelperHalves): ts.Statement => {
    const params = halves.fn.parameters.map((p) => (p.name as ts.Identifier).text);
    const prelude = () => halves.prelude.flatMap((statement) => [visit(statement)].flat() as ts.Statement[]);
    const submissions = halves.taskCalls.map((call, k) => guarded(halves.guards[k], submitAfresh(call, halves.tasks[k])));
    const single = submissions.length === 1;
    const submitted = single ? submissions[0] : runtime('several', submissions.map((s) => arrow([], s)));
    const result = f.createUniqueName('result');
    halves.taskCalls.forEach((call, k) => replaced.set(call, valueOf(call, single ? result : f.createElementAccessExpression(result, k))));
    // (The use half takes the values from the submission half: its expressions need no batch of their own.)
    registering++;
    const rest = halves.rest.flatMap((statement) => [visit(statement)].flat() as ts.Statement[]);
    const value = ts.visitNode(halves.result, visit) as ts.Expression;
    registering--;
    for (const call of halves.taskCalls) replaced.delete(call);
    const submitBody = f.createBlock([...prelude(), f.createReturnStatement(submitted)], true);
    const useBody = f.createBlock([...prelude(), ...rest, f.createReturnStatement(value)], true);
    if (!halves.method) {
      return f.createExpressionStatement(runtime('inHalves', [f.createIdentifier(halves.name.text), arrow(params, submitBody), arrow([result, ...params], useBody)]));
    }
    // A method's, in a static block of its class (after its literal's declaration): function expressions, whose `this` is
    // the object the runtime calls them on.
    const fn = (names: readonly (ts.Identifier | string)[], body: ts.Block) => f.createFunctionExpression(undefined, undefined, undefined, undefined,
      names.map((name) => f.createParameterDeclaration(undefined, undefined, name)), undefined, body);
    return f.createExpressionStatement(runtime('inHalves', [methodAsMarked(ts, f, halves.fn as ts.MethodDeclaration), fn(params, submitBody),
      fn([result, ...params], useBody)]));
  };
  /** Each helper with halves by the statement declaring it (a class's method: its class, registered in a static block). */
  const declaring = new Map<ts.Node, HelperHalves[]>();
  const inClass = new Set<ts.Node>();
  for (const halves of plan.halvesDeclared) {
    const fn = halves.fn;
    const owner = halves.method ? methodOwner(ts, fn as ts.MethodDeclaration) : undefined;
    const at = owner?.kind === 'class' ? owner.declaration : owner?.kind === 'literal' ? owner.statement
      : ts.isFunctionDeclaration(fn) ? fn : fn.parent.parent.parent;
    if (owner?.kind === 'class') inClass.add(at);
    declaring.set(at, [...(declaring.get(at) ?? []), halves]);
  }

  /**
   * `xs.map((x) => stats(x).max)` → `__taskify.eachThen(xs, 'map', (x) => submit(stats…), (r, x) => waitOn(reached(r)).max)`;
   * with several task calls the submission is `__taskify.several(() => submit…, () => submit…)` and each use `r[k]`.
   */
  const eachThen = ({ methodCall, method, callback, taskCalls, guards, prelude, from }: SplitCallback): ts.Expression => {
    // `Array.from(source, cb)` is `Array.from(source).map(cb)`: the source's elements, then the callbacks.
    const receiver = from
      ? f.createCallExpression(f.createPropertyAccessExpression(f.createIdentifier('Array'), 'from'), undefined, [ts.visitNode(from, visit) as ts.Expression])
      : ts.visitNode((methodCall.expression as ts.PropertyAccessExpression).expression, visit) as ts.Expression;
    // (A pattern `([a, b]) =>` is bound in both passes: split-callbacks.ts says when that runs no code.)
    const params = callback.parameters.map((p) => (ts.isIdentifier(p.name) ? p.name.text : ts.visitNode(p.name, visit) as ts.BindingName));
    // (A guarded call, `j.n ? spin(j.n) : undefined`: submitted when its conditions hold, as the use half will make it.)
    const submissions = taskCalls.map((call, k) => guarded(guards[k], ahead(call)));
    const result = f.createUniqueName('result');
    const single = taskCalls.length === 1;
    taskCalls.forEach((call, k) => replaced.set(call, valueOf(call, single ? result : f.createElementAccessExpression(result, k))));
    const body = ts.visitNode(callback.body, visit) as ts.ConciseBody;
    for (const call of taskCalls) replaced.delete(call);
    // (Several calls: each submitted in its own function, so that inline a failing one stops the later ones, as in plain code.)
    const submitted = single ? submissions[0] : runtime('several', submissions.map((s) => arrow([], s)));
    // (`const k = n * 2` before `run(k)`: computed in both halves.)
    const submission = prelude.length === 0 ? submitted
      : f.createBlock([...prelude.map((statement) => ts.visitNode(statement, visit) as ts.Statement), f.createReturnStatement(submitted)], false);
    const rest = from ? [] : methodCall.arguments.slice(1).map((arg) => ts.visitNode(arg, visit) as ts.Expression);
    return runtime('eachThen', [receiver, f.createStringLiteral(method), arrow(method === 'reduce' ? params.slice(1) : params, submission),
      // (An `async` callback stays one: a task's failure is its rejected promise, as in plain code, not a throw out of map.)
      arrow([result, ...params], body, callback.modifiers), ...rest]);
  };

  /** `console.log(total(a), total(b))` → `__taskify.withValues([submit…, submit…], (v0, v1) => console.log(v0, v1))`. */
  const withValues = (root: ts.Expression, calls: readonly ts.CallExpression[]): ts.Expression => {
    expanding.add(root);
    const submissions = calls.map((call) => ts.visitNode(call, visit) as ts.Expression);
    const values = calls.map(() => f.createUniqueName('value'));
    // A value the program changes right there (see below): marked as changed where it is used, after the waits.
    calls.forEach((call, i) => replaced.set(call, plan.changedAtCall.has(call) ? runtime('maybeWritten', [values[i]]) : values[i]));
    const body = ts.visitNode(root, visit) as ts.Expression;
    for (const call of calls) replaced.delete(call);
    // (Expanded again where it is visited again: a method's body after its halves, which visit it first in a static block.)
    expanding.delete(root);
    return runtime('withValues', [f.createArrayLiteralExpression(submissions), arrow(values, body)]);
  };

  /**
   * `for (const a of xs) s += total(a)` → `{ const results = []; __taskify.ahead(); for (const a of xs) results.push(submit…);
   * let next = 0; __taskify.inOrder(results); try { for (const a of xs) { const base = next; next += 1;
   * s += waitOn(__taskify.reached(__taskify.take(results, base + 0))); } } finally { __taskify.dismissUntaken(results); } }`:
   * each pass takes its calls' results where its body makes the calls; those a `continue`, a `break` or a failure kept
   * the plain loop from making are dismissed at the end.
   */
  const splitLoop = ({ loop, taskCalls, prelude, chained, nested, once, guards, counter }: SplitLoop): ts.Statement => {
    expanding.add(loop);
    const results = f.createUniqueName('results'), next = f.createUniqueName('next'), base = f.createUniqueName('base');
    // A call a later one is handed (`const enc = caesar(s, 3)`), or made as its argument (`norm(prepare(n))`): its
    // Future under a name, for the later call. Each submission goes into `results` as soon as it is made, in the
    // pass's order: a read that throws later in the pass leaves none unknown to the dismissals (rv74's r-orphan-continue
    // failed of a call its pass never took).
    const names = new Map<ts.CallExpression, ts.Identifier>();
    const pushed = (value: ts.Expression) => f.createExpressionStatement(f.createCallExpression(f.createPropertyAccessExpression(results, 'push'), undefined, [value]));
    const steps: ts.Statement[] = [];
    for (const call of taskCalls) {
      if (!chained.has(call) && !nested.has(call)) { steps.push(pushed(guarded(guards.get(call) ?? [], ahead(call)))); continue; }
      const name = chained.has(call) ? f.createIdentifier(chained.get(call)!.text) : f.createUniqueName('made');
      steps.push(f.createVariableStatement(undefined, f.createVariableDeclarationList(
        [f.createVariableDeclaration(name, undefined, undefined, chained.has(call) ? ts.visitNode(call, visit) as ts.Expression : ahead(call))], ts.NodeFlags.Const)));
      steps.push(pushed(name));
      names.set(call, name);
      if (nested.has(call)) replaced.set(call, name);
    }
    for (const call of nested.keys()) replaced.delete(call);
    // (The body's constants the arguments name, `const xs = sensors[name]`, computed in this pass too.)
    // (`while (k < n) { …; k++ }`: the first pass steps the counter too.)
    if (counter) steps.push(counter.step);
    const push = prelude.length === 0 && steps.length === 1 ? steps[0]
      : f.createBlock([...prelude.flatMap((statement) => [visit(statement)].flat() as ts.Statement[]), ...steps], true);
    // The header is visited for each pass: its waits (`for (const x of waitOn(xs))`) belong to the first one too.
    const header = <T extends ts.Node | undefined>(node: T): T => (node && ts.visitNode(node, visit)) as T;
    // `for (const [k, v] of m)`: the iterable evaluated once, as the plain loop did, spread into an array both passes
    // walk; `for (const k in o)`: its keys, listed once (`keysIn`), walked the same way.
    const items = once && !ts.isForStatement(loop) ? f.createUniqueName('items') : undefined;
    const walked = items && (ts.isForInStatement(loop) ? runtime('keysIn', [header(loop.expression)])
      : f.createArrayLiteralExpression([f.createSpreadElement(header((loop as ts.ForOfStatement).expression))]));
    const walk = (body: ts.Statement): ts.Statement => ts.isForOfStatement(loop)
      ? f.updateForOfStatement(loop, loop.awaitModifier, header(loop.initializer), items ?? header(loop.expression), body)
      : ts.isForInStatement(loop) ? f.createForOfStatement(undefined, header(loop.initializer), items!, body)
        : ts.isWhileStatement(loop) ? f.updateWhileStatement(loop, header(loop.expression), body)
          : ts.isDoStatement(loop) ? f.updateDoStatement(loop, body, header(loop.expression))
            : f.updateForStatement(loop, header(loop.initializer), header(loop.condition), header(loop.incrementor), body);
    const first = walk(push);
    // The second pass takes an outer call's result where the body makes it, with the calls made in its arguments.
    const at = (j: number) => f.createBinaryExpression(base, ts.SyntaxKind.PlusToken, f.createNumericLiteral(j));
    const inside = (call: ts.CallExpression) => taskCalls.flatMap((inner, k) => (nested.get(inner) === call ? [at(k)] : []));
    // (A pass the first one never reached, a read of its having thrown there: the call made at its turn, where the
    // plain one was, its arguments evaluated there, throwing as they did.)
    taskCalls.forEach((call, j) => {
      const made = f.createConditionalExpression(f.createBinaryExpression(at(j), ts.SyntaxKind.LessThanToken, f.createPropertyAccessExpression(results, 'length')),
        undefined, runtime('take', [results, at(j), ...inside(call)]), undefined, ahead(call));
      replaced.set(call, valueOf(call, made));
    });
    // The body alone (a fence before the loop is placed around the whole split, by the caller); visiting a statement
    // may give several (a fence before it).
    const visitedBody = visit(loop.statement) as ts.Statement | ts.Statement[];
    const bodyStatements = Array.isArray(visitedBody) ? visitedBody : ts.isBlock(visitedBody) ? [...visitedBody.statements] : [visitedBody];
    for (const call of taskCalls) replaced.delete(call);
    const declare = (name: ts.Identifier, init: ts.Expression, flags: ts.NodeFlags) =>
      f.createVariableStatement(undefined, f.createVariableDeclarationList([f.createVariableDeclaration(name, undefined, undefined, init)], flags));
    // (The calls the pass before left untaken, by a `continue` before them, were never made: dismissed before this
    // pass meets any failure.)
    const dismissBefore = f.createExpressionStatement(runtime('dismissUntaken', [results,
      f.createBinaryExpression(base, ts.SyntaxKind.MinusToken, f.createNumericLiteral(taskCalls.length)), base]));
    const body = f.createBlock([
      declare(base, next, ts.NodeFlags.Const),
      f.createExpressionStatement(f.createBinaryExpression(next, ts.SyntaxKind.PlusEqualsToken, f.createNumericLiteral(taskCalls.length))),
      dismissBefore,
      ...bodyStatements,
    ], true);
    // (`rows: for (…)`: the second pass runs the body, so it keeps the label its `continue rows` names.)
    const rerun = ts.isLabeledStatement(loop.parent) ? f.createLabeledStatement(loop.parent.label, walk(body)) : walk(body);
    expanding.delete(loop);
    // (A hand-counted loop's counter, as the first pass found it: put back for the second.)
    const start = counter && f.createUniqueName(counter.name.text);
    return (f.createBlock([
      ...(items && walked ? [declare(items, walked, ts.NodeFlags.Const)] : []),
      ...(counter && start ? [declare(start, f.createIdentifier(counter.name.text), ts.NodeFlags.Const)] : []),
      declare(results, f.createArrayLiteralExpression([]), ts.NodeFlags.Const),
      f.createExpressionStatement(runtime('ahead', [])), // the first pass submits ahead of the plain program's order
      // (What the first pass reads may throw where the plain loop, with output before it, did: it stops there, and the
      // second pass meets the throw at its turn. np73's throwing-cond printed nothing of the passes before.)
      f.createTryStatement(f.createBlock([first], true), f.createCatchClause(undefined, f.createBlock([], true)),
        counter && start ? f.createBlock([f.createExpressionStatement(f.createAssignment(f.createIdentifier(counter.name.text), start))], true) : undefined),
      declare(next, f.createNumericLiteral(0), ts.NodeFlags.Let),
      f.createExpressionStatement(runtime('inOrder', [results])), // the second pass starts before the first call
      f.createTryStatement(f.createBlock([rerun], true), undefined,
        f.createBlock([f.createExpressionStatement(runtime('dismissUntaken', [results]))], true)),
    ], true));
  };

  return {
    registered: [...declaring.values()].flat().flatMap((halves) => halves.taskCalls),
    registrationsAfter(statement) {
      return inClass.has(statement) ? [] : (declaring.get(statement) ?? []).map(registration);
    },
    registrationsIn(node) {
      return inClass.has(node) ? declaring.get(node)!.map(registration) : [];
    },
    rewrite(node) {
      const instead = replaced.get(node);
      if (instead) return instead;
      if (ts.isCallExpression(node) && plan.splitCallbacks.has(node)) return eachThen(plan.splitCallbacks.get(node)!);
      if (expanding.has(node)) return undefined;
      // (The block stands for the loop as written: what a worker may run is judged by it, emit-module-setup.ts.)
      if (plan.splitLoops.has(node as ts.Statement)) return ts.setOriginalNode(splitLoop(plan.splitLoops.get(node as ts.Statement)!), node);
      // A labelled loop split in two: the block replaces the labelled statement (the label goes on the second pass).
      if (ts.isLabeledStatement(node) && plan.splitLoops.has(node.statement)) return ts.setOriginalNode(splitLoop(plan.splitLoops.get(node.statement)!), node);
      if (plan.batches.has(node as ts.Expression) && registering === 0) return withValues(node as ts.Expression, plan.batches.get(node as ts.Expression)!);
      return undefined;
    },
  };
}
