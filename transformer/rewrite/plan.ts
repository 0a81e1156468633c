/**
 * Deciding what to rewrite in one file, before touching it: which task calls become submissions, which stay
 * direct calls (and why), and which identifier references need a wait first.
 *
 * The rules, all chosen so that the transformed program prints what the sequential one does:
 * - A call becomes a submission when each object argument is something the transformer can follow:
 *   a Future (the result of another submitted call, alone or gathered in an array), or a variable of this file
 *   (not exported) whose every use it can see and that never escapes (stored elsewhere, returned, aliased).
 *   Any other object may be passed as `in`: it is then snapshotted afresh at the call. As `inout`/`out` it keeps
 *   the call direct, because the program could see the object through a path the transformer cannot wait on.
 * - Every other use of a followed variable waits first: `waitOn` for a read, `written` when the use may change
 *   it (so later tasks see the change). Futures are waited for where their value is used.
 * - Calls inside task bodies stay direct: in a worker they run inline anyway.
 */
import type * as ts from 'typescript';
import {
  calledFunction, hasPrimitiveElements, isFunctionLike, isPrimitiveNode, isTypedArrayType, qualifiedName, symbolOf, type AnalysisContext, type FunctionLike,
} from '../analysis/context';
import type { TaskInfo } from '../analysis/discover';
import { reasonAt, snippet, type Reason } from '../analysis/reason';
import type { Summaries } from '../analysis/summaries';
import { elementBase, isArgumentOf, isAssignedTo, isDeclarationName, isReference, isWriteTarget, skipTransparent, withWrappers } from './syntax';
import { Containers, type ContainerWrap, type ElementWrap } from './containers';
import { isFresh } from './fresh';
import { unsendableType } from '../analysis/sendable';
import { findResumptions, type Resumption } from './resumptions';
import { AliasGroups } from './aliases';
import { ClosedFunctions } from './parameters';
import { UseClassifier } from './uses';

export type Wrap = 'wait' | 'written' | 'waitAll' | ContainerWrap;

export interface FilePlan {
  /** Calls that become submissions. */
  readonly submissions: Map<ts.CallExpression, TaskInfo>;
  /** Submissions whose value is needed at once: wait right there. */
  readonly waitedAtCall: Set<ts.CallExpression>;
  /** Object arguments that are snapshotted afresh at the call (untracked `in` objects). */
  readonly freshSnapshots: Set<ts.Expression>;
  /** Calls that stay direct, and why. */
  readonly direct: { readonly call: ts.CallExpression; readonly task: TaskInfo; readonly why: Reason }[];
  /** Elements (of a container, or of an array gathering Futures) used here: wait for that element only. */
  readonly elementWraps: Map<ts.ElementAccessExpression, ElementWrap>;
  /** References that need a wait (or a wait and a "main thread wrote it") before use. */
  readonly wraps: Map<ts.Identifier, Wrap>;
  /** try blocks that contain submissions: task errors must surface inside them. */
  readonly tries: Set<ts.TryStatement>;
  /** `x = f(x, …)` where f always returns that argument: the submission, then x itself (argument index). */
  readonly returnsArgument: Map<ts.CallExpression, number>;
  /** `await`/`yield` expressions and deferred callbacks: the objects to bring up to date when the code resumes there. */
  resumptions: Map<ts.Node, Resumption>;
  /** Functions whose followed parameters tasks may write: on leaving, they wait for those writes (see parameters.ts). */
  readonly exitWaits: Map<FunctionLike, ts.Identifier[]>;
}

export function planFile(ctx: AnalysisContext, summaries: Summaries, tasks: ReadonlyMap<FunctionLike, TaskInfo>, source: ts.SourceFile): FilePlan {
  return new Planner(ctx, summaries, tasks, source).run();
}

class Planner {
  private readonly ts: typeof ts;
  private readonly plan: FilePlan = {
    submissions: new Map(), waitedAtCall: new Set(), freshSnapshots: new Set(), direct: [], wraps: new Map(), tries: new Set(),
    elementWraps: new Map(), returnsArgument: new Map(), resumptions: new Map(), exitWaits: new Map(),
  };
  /** Variables holding Futures, or arrays that gather them. */
  private readonly futures = new Set<ts.Symbol>();
  private readonly futureArrays = new Set<ts.Symbol>();
  /** Object variables passed to submitted calls, and the escape (if any) that makes them impossible to follow. */
  private readonly followed = new Set<ts.Symbol>();
  private readonly references = new Map<ts.Symbol, ts.Identifier[]>();
  /** Answers that do not change while the file is planned. */
  private readonly followable = new Map<ts.Symbol, boolean>();
  private readonly directCalls = new Set<ts.CallExpression>();
  private readonly containers: Containers;
  private readonly aliases: AliasGroups;
  private readonly parameters: ClosedFunctions;
  private readonly uses: UseClassifier;

  constructor(private readonly ctx: AnalysisContext, summaries: Summaries,
    private readonly tasks: ReadonlyMap<FunctionLike, TaskInfo>, private readonly source: ts.SourceFile) {
    this.ts = ctx.ts;
    this.aliases = new AliasGroups(ctx, source, (id) => this.isFileLocal(id));
    this.parameters = new ClosedFunctions(ctx, tasks);
    this.uses = new UseClassifier(ctx, summaries, this.aliases, {
      isFollowable: (symbol) => this.isFollowable(symbol),
      isSubmission: (call) => this.plan.submissions.has(call),
    });
    this.containers = new Containers({
      ctx, summaries,
      references: (symbol) => this.references.get(symbol) ?? [],
      isFollowable: (symbol) => this.isFollowable(symbol),
      isFresh: (expr) => this.isFresh(expr),
      isSubmission: (call) => this.plan.submissions.has(call),
    });
  }

  run(): FilePlan {
    this.indexReferences(this.source);
    const calls = this.taskCalls();
    // Decide calls in order; a call demoted to direct can turn others direct (their Futures no longer exist), so repeat.
    let changed = true;
    while (changed) {
      changed = false;
      this.futures.clear(); this.futureArrays.clear(); this.followed.clear();
      this.plan.submissions.clear(); this.plan.freshSnapshots.clear(); this.plan.waitedAtCall.clear(); this.plan.returnsArgument.clear();
      this.containers.newRound();
      for (const [call, task] of calls) {
        if (this.directCalls.has(call)) continue;
        const why = this.blocker(call, task);
        if (why) { this.keepDirect(call, task, why); changed = true; break; }
        this.plan.submissions.set(call, task);
        this.recordResult(call);
      }
      if (changed) continue;
      // Followed variables must not escape anywhere in the file.
      for (const symbol of this.followed) {
        const escape = this.escapeOf(symbol);
        if (!escape) continue;
        const group = this.aliases.groupOf(symbol);
        for (const [call, task] of this.plan.submissions) {
          const reached = this.argumentSymbols(call);
          if (group.some((member) => reached.has(member))) {
            this.keepDirect(call, task, escape);
            changed = true;
          }
        }
        if (changed) break;
      }
      if (changed) continue;
      changed = this.dropFruitlessParameters() || this.sealParameterFunctions();
      if (changed) continue;
      // So must containers whose elements were passed or gathered; one that cannot be followed is decided again.
      for (const root of this.containers.relied()) {
        const why = this.followed.has(root)
          ? reasonAt(root.valueDeclaration!, `\`${root.name}\` is also passed whole to a task that writes it`)
          : this.containers.escapeOf(root);
        if (why) { this.containers.reject(root, why); changed = true; }
      }
    }
    this.planWaits();
    this.planExitWaits();
    this.planResumptions();
    this.planTries();
    this.noteTasksPassedAsValues();
    return this.plan;
  }

  /**
   * `texts.map(wordCount)`: a task handed to other code as a function runs where that code calls it, in this thread.
   * Nothing to rewrite, but explain should say so, with the form that makes each call a task.
   */
  private noteTasksPassedAsValues(): void {
    const { ts } = this;
    for (const [symbol, refs] of this.references) {
      const declaration = symbol.valueDeclaration;
      const task = declaration && isFunctionLike(this.ctx, declaration) ? this.tasks.get(declaration) : undefined;
      if (!task) continue;
      for (const ref of refs) {
        const call = withWrappers(ts, ref).parent;
        if (!isArgumentOf(ts, call, ref) || this.enclosingTask(call)) continue;
        // The same positional arguments, so the arrow function means what passing the task did.
        const params = task.params.map((p) => p.name).join(', ');
        this.plan.direct.push({ call, task, why: reasonAt(ref, `task ${task.name} is passed as a function (\`${snippet(call)}\`), so each call runs in this thread; ` +
          `pass \`(${params}) => ${ref.text}(${params})\` instead to make each call a task`) });
      }
    }
  }

  private keepDirect(call: ts.CallExpression, task: TaskInfo, why: Reason): void {
    this.directCalls.add(call);
    this.plan.direct.push({ call, task, why });
  }

  /** The task a call reaches, if any. */
  private taskOf(call: ts.CallExpression): TaskInfo | undefined {
    const fn = calledFunction(this.ctx, call);
    return fn && this.tasks.get(fn);
  }

  private indexReferences(node: ts.Node): void {
    const { ts } = this;
    if (ts.isIdentifier(node) && isReference(ts, node)) {
      const symbol = symbolOf(this.ctx, node);
      if (symbol) {
        const list = this.references.get(symbol) ?? [];
        list.push(node);
        this.references.set(symbol, list);
      }
    }
    ts.forEachChild(node, (child) => this.indexReferences(child));
  }

  /** Every call in the file that reaches a task, in source order. */
  private taskCalls(): [ts.CallExpression, TaskInfo][] {
    const found: [ts.CallExpression, TaskInfo][] = [];
    const visit = (node: ts.Node): void => {
      if (this.ts.isCallExpression(node)) {
        const task = this.taskOf(node);
        if (task) found.push([node, task]);
      }
      this.ts.forEachChild(node, visit);
    };
    visit(this.source);
    return found;
  }

  /** Why this call must stay direct, or undefined if it can be submitted. */
  private blocker(call: ts.CallExpression, task: TaskInfo): Reason | undefined {
    const { ts } = this;
    const inside = this.enclosingTask(call);
    if (inside) return reasonAt(call, `inside task ${inside.name}: runs inline in its worker`);
    if (call.questionDotToken) return reasonAt(call, 'an optional call (`?.()`)');
    const sharing = this.levelWithItsElement(call);
    if (sharing) return sharing;
    for (let i = 0; i < call.arguments.length; i++) {
      // `x!`, `x as T`: the same value; what is decided for the argument is emitted on it as written.
      const written = call.arguments[i];
      const arg = skipTransparent(ts, written);
      const param = task.params[Math.min(i, task.params.length - 1)];
      if (!param) return reasonAt(arg, `more arguments than task ${task.name} has parameters`);
      if (ts.isSpreadElement(arg)) return reasonAt(arg, 'a spread argument: parameters cannot be matched');
      if (isPrimitiveNode(this.ctx, arg)) continue;
      // The parameter's type may allow what this argument's cannot travel as (an instance of a class no worker can import).
      const unsendable = unsendableType(this.ctx, this.ctx.checker.getTypeAtLocation(arg));
      if (unsendable) return reasonAt(arg, `argument \`${snippet(arg)}\` is ${unsendable}`);
      if (param.escapes) return reasonAt(arg, `task ${task.name} lets its parameter \`${param.name}\` out (${param.escapes}): its result would share the caller's object`);
      // A returned argument comes back as the caller's own object (the runtime keeps identity), so a call whose result
      // is dropped (\`vec3.add(out, a, b);\`) is a plain submission. A kept result is a second name for the argument:
      // fine when the task returns it on every path (the runtime then hands back the argument's own Future or datum),
      // not when it only may.
      if (param.returned && this.resultUsed(call) && task.returnsArgument !== i) {
        return reasonAt(arg, `task ${task.name} may return its parameter \`${param.name}\` (${param.returned}), and the result is used: it would be a second name for the argument`);
      }
      if (param.direction !== 'in') {
        const rewritten = this.statementAlsoWrites(call, arg);
        if (rewritten) return rewritten;
      }
      const flows = this.flowsAsFuture(arg);
      if (flows) {
        // A Future whose value also has another name (`const whole = p`, `const inner = q.inner`): a task writing it
        // in a worker would leave that name holding the old value.
        const future = param.direction !== 'in' && ts.isIdentifier(arg) ? symbolOf(this.ctx, arg) : undefined;
        const alias = future && this.isFuture(future) ? this.escapeOf(future, (ref) => this.isTaskArgument(ref)) : undefined;
        if (alias) return reasonAt(arg, `the value of \`${snippet(arg)}\` has another name, and task ${task.name} writes it: ${alias.text}`);
        continue;
      }
      const symbol = ts.isIdentifier(arg) ? symbolOf(this.ctx, arg) : undefined;
      const root = this.containers.rootOf(arg);
      if (root && (param.direction === 'in' || symbol !== root)) {
        if (this.containers.holdsObjects(arg)) {
          if (param.direction !== 'in') {
            return reasonAt(arg, `argument \`${snippet(arg)}\` is ${param.direction} and holds objects that tasks may update one by one: pass its elements instead`);
          }
          this.plan.freshSnapshots.add(written); // read whole: snapshotted after waitWithin (see containers.ts)
        }
        this.containers.rely(root);
        continue;
      }
      if (symbol && this.isFollowable(symbol)) { this.follow(symbol); continue; }
      if (param.direction === 'in') { this.plan.freshSnapshots.add(written); continue; }
      // `m.subarray(…)` of a followed typed array: the runtime finds the view's data by the bytes it covers.
      const viewed = this.aliases.viewBase(arg);
      const base = viewed && symbolOf(this.ctx, viewed);
      if (base && this.isFollowable(base)) { this.follow(base); continue; }
      // `scale(new Float64Array(n), 2)`: an object made right there has no other name to see the task's write through.
      if (this.isFresh(arg) && !(param.returned && this.resultUsed(call))) continue;
      const rejected = this.containers.rejectionOf(arg);
      if (rejected) {
        return reasonAt(arg, `argument \`${snippet(arg)}\` is ${param.direction}, and its container cannot be followed: ${rejected.text} (line ${rejected.line})`);
      }
      const open = symbol && this.parameters.whyNotClosed(symbol);
      if (open) {
        return reasonAt(arg, `argument \`${snippet(arg)}\` is ${param.direction}, a parameter of a function whose parameters cannot be followed: ` +
          `at \`${snippet(open)}\` (line ${reasonAt(open, '').line}) other code may run or reach the object (a call the transformer cannot ` +
          'see into, an outer object, `this`, an await)');
      }
      return reasonAt(arg, `argument \`${snippet(arg)}\` is ${param.direction} and is not a variable of this file the transformer can follow` +
        ' (a parameter, an export, or an expression): the program could see the object change through another path');
    }
    return undefined;
  }

  /**
   * A level of a container passed whole next to one of its own elements: the worker would get the level as one
   * copy and the element as another, where the sequential call sees one object through both.
   */
  private levelWithItsElement(call: ts.CallExpression): Reason | undefined {
    const roots = call.arguments.map((arg) => (isPrimitiveNode(this.ctx, arg) ? undefined : this.containers.rootOf(arg)));
    for (let i = 0; i < call.arguments.length; i++) {
      if (!roots[i] || !this.containers.holdsObjects(call.arguments[i])) continue;
      const j = roots.findIndex((root, k) => k !== i && root === roots[i]);
      if (j >= 0) {
        return reasonAt(call.arguments[i], `\`${snippet(call.arguments[i])}\` is passed whole next to \`${snippet(call.arguments[j])}\`, ` +
          'a part of it: the task would see two copies of one object');
      }
    }
    return undefined;
  }

  /**
   * `x[0] = task(x)` where the task writes x: the program's write must land after the task's, but the submission
   * returns before the task ran. Kept direct.
   */
  private statementAlsoWrites(call: ts.CallExpression, arg: ts.Expression): Reason | undefined {
    const { ts } = this;
    const base = elementBase(ts, arg);
    const written = ts.isIdentifier(base) ? (this.containers.rootOf(arg) ?? symbolOf(this.ctx, base)) : undefined;
    if (!written) return undefined;
    let statement: ts.Node = call;
    while (!ts.isExpressionStatement(statement) && !ts.isVariableStatement(statement) && !ts.isReturnStatement(statement)) {
      if (!statement.parent || isFunctionLike(this.ctx, statement.parent) || ts.isBlock(statement.parent)) return undefined;
      statement = statement.parent;
    }
    let found: ts.Node | undefined;
    const look = (n: ts.Node): void => {
      if (found || n === call) return;
      if (ts.isIdentifier(n) && isReference(ts, n)) {
        const symbol = symbolOf(this.ctx, n);
        const same = symbol === written || (symbol !== undefined && this.containers.rootOf(n) === written);
        if (same && this.containers.writesThrough(n, written)) found = n;
      }
      ts.forEachChild(n, look);
    };
    look(statement);
    return found && reasonAt(found, `the statement also writes \`${snippet(found.parent)}\`, which the task writes: the program's write must land after the task's`);
  }

  /** The argument is a Future, an array of Futures, or a submitted call itself. */
  private flowsAsFuture(arg: ts.Expression): boolean {
    const { ts } = this;
    if (ts.isCallExpression(arg)) return this.plan.submissions.has(arg) || this.isPendingSubmission(arg);
    if (ts.isIdentifier(arg)) {
      const symbol = symbolOf(this.ctx, arg);
      return symbol !== undefined && (this.isFuture(symbol) || this.futureArrays.has(symbol));
    }
    if (ts.isElementAccessExpression(arg) && ts.isIdentifier(arg.expression)) {
      const symbol = symbolOf(this.ctx, arg.expression);
      return symbol !== undefined && this.futureArrays.has(symbol);
    }
    if (ts.isArrayLiteralExpression(arg)) return arg.elements.every((e) => isPrimitiveNode(this.ctx, e) || this.flowsAsFuture(e));
    return false;
  }

  /**
   * A variable that holds a Future: a submitted call's result, or an element of an array of Futures taken by
   * `for (const x of futures)` or `futures.map((x) => …)` / `futures.forEach((x) => …)`.
   */
  private isFuture(symbol: ts.Symbol): boolean {
    if (this.futures.has(symbol)) return true;
    const { ts } = this;
    const declaration = symbol.valueDeclaration;
    if (!declaration) return false;
    if (ts.isVariableDeclaration(declaration) && ts.isVariableDeclarationList(declaration.parent) &&
      ts.isForOfStatement(declaration.parent.parent)) {
      return this.isFutureArray(declaration.parent.parent.expression);
    }
    if (ts.isParameter(declaration) && declaration.parent.parameters[0] === declaration) {
      const fn = declaration.parent;
      const call = fn.parent;
      return (ts.isArrowFunction(fn) || ts.isFunctionExpression(fn)) && ts.isCallExpression(call) && call.arguments[0] === fn &&
        ts.isPropertyAccessExpression(call.expression) && ['map', 'forEach'].includes(call.expression.name.text) &&
        this.isFutureArray(call.expression.expression);
    }
    return false;
  }

  private isFutureArray(expr: ts.Expression): boolean {
    if (!this.ts.isIdentifier(expr)) return false;
    const symbol = symbolOf(this.ctx, expr);
    return symbol !== undefined && this.futureArrays.has(symbol);
  }

  /** `x = f(x, …)` as a statement, where f returns that very argument on every path: x stays the same object. */
  private reassignsItsArgument(call: ts.CallExpression, task: TaskInfo): boolean {
    const { ts } = this;
    const i = task.returnsArgument;
    const arg = i === undefined ? undefined : call.arguments[i];
    const parent = call.parent;
    if (!arg || !ts.isIdentifier(arg) || !ts.isBinaryExpression(parent) || parent.right !== call ||
      parent.operatorToken.kind !== ts.SyntaxKind.EqualsToken || !ts.isIdentifier(parent.left) || !ts.isExpressionStatement(parent.parent)) return false;
    return symbolOf(this.ctx, parent.left) === symbolOf(this.ctx, arg);
  }

  /** The call's value is used (not a statement of its own). */
  private resultUsed(call: ts.CallExpression): boolean {
    let node: ts.Node = call;
    while (this.ts.isParenthesizedExpression(node.parent) || this.ts.isVoidExpression(node.parent)) {
      if (this.ts.isVoidExpression(node.parent)) return false;
      node = node.parent;
    }
    return !this.ts.isExpressionStatement(node.parent);
  }

  /** A nested task call not decided yet (inner calls are decided after outer ones in source order). */
  private isPendingSubmission(call: ts.CallExpression): boolean {
    const task = this.taskOf(call);
    return task !== undefined && !this.directCalls.has(call) && this.blocker(call, task) === undefined;
  }

  /** Where a submitted call's Future goes. */
  private recordResult(call: ts.CallExpression): void {
    const { ts } = this;
    // `task(x)!`, `task(x) as T`: the same value; the Future goes where the wrapped value goes.
    const node: ts.Node = withWrappers(ts, call);
    const parent = node.parent;
    if (ts.isExpressionStatement(parent)) return;
    const task = this.plan.submissions.get(call)!;
    if (this.reassignsItsArgument(call, task)) { this.plan.returnsArgument.set(call, task.returnsArgument!); return; }
    if (ts.isCallExpression(parent) && this.plan.submissions.has(parent)) return;
    if (ts.isCallExpression(parent) && parent.arguments.includes(node as ts.Expression) && this.isPendingSubmission(parent)) return;
    if (ts.isArrayLiteralExpression(parent) && ts.isCallExpression(parent.parent) && this.isPendingSubmission(parent.parent)) return;
    if (ts.isVariableDeclaration(parent) && parent.initializer === node && ts.isIdentifier(parent.name) && this.isFileLocal(parent.name) &&
      !this.updatedInPlace(symbolOf(this.ctx, parent.name)!)) {
      this.futures.add(symbolOf(this.ctx, parent.name)!);
      return;
    }
    // A task that fails inside a try block must leave no Future behind where the sequential program stored nothing.
    if (this.enclosingTries(call).length > 0) { this.plan.waitedAtCall.add(call); return; }
    // arr.push(task(…)) and arr[i] = task(…): arr gathers Futures.
    if (ts.isCallExpression(parent) && parent.arguments.length === 1 && ts.isPropertyAccessExpression(parent.expression) && parent.expression.name.text === 'push' &&
      ts.isIdentifier(parent.expression.expression) && ts.isExpressionStatement(parent.parent) && this.canGather(parent.expression.expression)) {
      this.futureArrays.add(symbolOf(this.ctx, parent.expression.expression)!);
      return;
    }
    if (ts.isBinaryExpression(parent) && parent.right === node && parent.operatorToken.kind === ts.SyntaxKind.EqualsToken &&
      ts.isElementAccessExpression(parent.left) && ts.isIdentifier(parent.left.expression) && ts.isExpressionStatement(parent.parent) &&
      this.canGather(parent.left.expression)) {
      this.futureArrays.add(symbolOf(this.ctx, parent.left.expression)!);
      return;
    }
    if (this.gathersIntoContainer(call, parent)) return;
    // r = task(…) where r already holds Futures: it holds a new one.
    if (ts.isBinaryExpression(parent) && parent.right === node && parent.operatorToken.kind === ts.SyntaxKind.EqualsToken &&
      ts.isIdentifier(parent.left) && ts.isExpressionStatement(parent.parent)) {
      const symbol = symbolOf(this.ctx, parent.left);
      if (symbol && this.futures.has(symbol)) return;
    }
    // const parts = xs.map((x) => task(x)): parts gathers Futures.
    const mapped = this.mapCallOf(node);
    if (mapped) {
      const holder = mapped.parent;
      if (ts.isVariableDeclaration(holder) && holder.initializer === mapped && ts.isIdentifier(holder.name) && this.isFileLocal(holder.name)) {
        this.futureArrays.add(symbolOf(this.ctx, holder.name)!);
        return;
      }
    }
    this.plan.waitedAtCall.add(call);
  }

  /** `a[i].push(task(…))` or `a[i][j] = task(…)` where a is a container: the slot holds the Future until a wait. */
  private gathersIntoContainer(call: ts.CallExpression, parent: ts.Node): boolean {
    const { ts } = this;
    if (!ts.isExpressionStatement(parent.parent) || this.containers.holdsObjects(call)) return false;
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
   * A plain array of this file that can hold Futures until its elements are needed: typed arrays would turn a
   * Future into NaN at once, and an array seen under another name could be read without a wait.
   */
  /**
   * The variable is updated from its own value (`x += e`, `x++`, `x ??= e`, a destructuring or for…of target): it
   * cannot hold a Future, whose value would be needed on the left of the assignment.
   */
  private updatedInPlace(symbol: ts.Symbol): boolean {
    return (this.references.get(symbol) ?? []).some((ref) => !isDeclarationName(this.ts, ref) && !isAssignedTo(this.ts, ref) &&
      isWriteTarget(this.ts, ref));
  }

  private canGather(id: ts.Identifier): boolean {
    const symbol = symbolOf(this.ctx, id);
    if (!symbol || !this.isFileLocal(id) || !this.ctx.checker.isArrayType(this.ctx.checker.getTypeAtLocation(id))) return false;
    if (this.isFuture(symbol)) return false; // an array a task returned: its value must be here before it can gather
    return (this.references.get(symbol) ?? []).every((ref) => isDeclarationName(this.ts, ref) || this.isElementUse(ref));
  }

  /** Uses of an array of Futures that keep it in view: element access, push, length, iteration, map/forEach, a task argument. */
  private isElementUse(ref: ts.Identifier): boolean {
    const { ts } = this;
    const parent = ref.parent;
    if (ts.isElementAccessExpression(parent) && parent.expression === ref) return true;
    if (ts.isPropertyAccessExpression(parent) && parent.expression === ref) return ['push', 'length', 'map', 'forEach', 'join', 'reduce'].includes(parent.name.text);
    if (ts.isForOfStatement(parent) && parent.expression === ref) return true;
    const call = withWrappers(ts, ref).parent;
    if (isArgumentOf(ts, call, ref)) return this.taskOf(call) !== undefined;
    return false;
  }

  /** `xs.map(x => call)`, `xs.map(x => { return call; })` or `Array.from(xs, x => call)`, where `node` is the callback's result. */
  private mapCallOf(node: ts.Node): ts.CallExpression | undefined {
    const { ts } = this;
    let fn: ts.Node = node.parent;
    if (ts.isReturnStatement(fn) && ts.isBlock(fn.parent) && fn.parent.statements.length === 1) fn = fn.parent.parent;
    if (!ts.isArrowFunction(fn) && !ts.isFunctionExpression(fn)) return undefined;
    if (ts.isArrowFunction(fn) && fn.body !== node && !ts.isBlock(fn.body)) return undefined;
    const call = fn.parent;
    if (ts.isCallExpression(call) && ts.isPropertyAccessExpression(call.expression) && call.expression.name.text === 'map' && call.arguments[0] === fn) {
      return call;
    }
    // Array.from({ length: n }, (_, i) => task(i)): a new array of the callback's results, like map.
    if (ts.isCallExpression(call) && qualifiedName(ts, call.expression) === 'Array.from' && call.arguments[1] === fn) return call;
    return undefined;
  }

  private enclosingTask(node: ts.Node): TaskInfo | undefined {
    for (let n = node.parent; n; n = n.parent) {
      if (isFunctionLike(this.ctx, n)) { const task = this.tasks.get(n); if (task) return task; }
    }
    return undefined;
  }

  /** Declared in this file as a local, a non-exported module variable: every use is visible here. */
  private isFileLocal(id: ts.Identifier): boolean {
    const symbol = symbolOf(this.ctx, id);
    const declaration = symbol?.valueDeclaration;
    if (!declaration || declaration.getSourceFile() !== this.source || !this.ts.isVariableDeclaration(declaration)) return false;
    const statement = declaration.parent.parent;
    const exported = this.ts.isVariableStatement(statement) &&
      statement.modifiers?.some((m) => m.kind === this.ts.SyntaxKind.ExportKeyword);
    return !exported;
  }

  /**
   * A variable of this file whose every value is a fresh object (made right there, not another name for an
   * object someone else can reach): then its references are all the references there are.
   */
  private isFollowable(symbol: ts.Symbol): boolean {
    let known = this.followable.get(symbol);
    if (known === undefined) {
      // A group is followed as one: each name in it that makes its own object must be followable.
      known = this.aliases.groupOf(symbol).every((member) => this.computeFollowable(member));
      this.followable.set(symbol, known);
    }
    return known;
  }

  private computeFollowable(symbol: ts.Symbol): boolean {
    const { ts } = this;
    const declaration = symbol.valueDeclaration;
    if (declaration && ts.isParameter(declaration)) return this.parameters.followable(symbol);
    if (!declaration || !ts.isVariableDeclaration(declaration) || !ts.isIdentifier(declaration.name) || !this.isFileLocal(declaration.name)) return false;
    // Every value it takes is a fresh object or another name of its group (see aliases.ts).
    const valueOk = (value: ts.Expression) => this.isFresh(value) || this.aliases.isGroupValue(value, symbol);
    const literal = this.aliases.iteratedLiteral(declaration);
    if (literal) return literal.every((element) => this.aliases.isGroupValue(element, symbol));
    if (!declaration.initializer || !valueOk(declaration.initializer)) return false;
    return (this.references.get(symbol) ?? []).every((ref) => {
      const parent = ref.parent;
      const assigned = ts.isBinaryExpression(parent) && parent.left === ref && parent.operatorToken.kind === ts.SyntaxKind.EqualsToken;
      if (!assigned) return true;
      const right = (parent as ts.BinaryExpression).right;
      // `x = f(x, …)` with a task that returns that argument on every path: x keeps its object.
      if (ts.isCallExpression(right)) {
        const task = this.taskOf(right);
        if (task && this.reassignsItsArgument(right, task)) return true;
      }
      return valueOk(right);
    });
  }

  private isFresh(expr: ts.Expression): boolean { return isFresh(this.ctx, expr); }

  /** Follow the object and every name that may hold it (see aliases.ts). */
  private follow(symbol: ts.Symbol): void {
    for (const member of this.aliases.groupOf(symbol)) this.followed.add(member);
  }



  private argumentSymbols(call: ts.CallExpression): Set<ts.Symbol> {
    const symbols = new Set<ts.Symbol>();
    for (const written of call.arguments) {
      if (this.plan.freshSnapshots.has(written)) continue; // snapshotted at the call: it relies on nothing being followed
      const arg = skipTransparent(this.ts, written);
      const id = this.ts.isIdentifier(arg) ? arg : this.aliases.viewBase(arg);
      const s = id && symbolOf(this.ctx, id);
      if (s) symbols.add(s);
    }
    return symbols;
  }

  // ── escapes and waits ────────────────────────────────────────────────────────

  /**
   * The reference is an argument of a task call that makes no second name of it: its result is dropped, or is that
   * very argument (returned on every path, so the runtime hands back the same Future or datum).
   */
  private isTaskArgument(ref: ts.Identifier): boolean {
    const call = withWrappers(this.ts, ref).parent;
    if (!isArgumentOf(this.ts, call, ref)) return false;
    const task = this.taskOf(call);
    return task !== undefined && (!this.resultUsed(call) || task.returnsArgument === call.arguments.indexOf(withWrappers(this.ts, ref)));
  }

  /** The first use of a followed object that lets a reference to it out of the transformer's sight. */
  private escapeOf(symbol: ts.Symbol, skip: (ref: ts.Identifier) => boolean = () => false): Reason | undefined {
    for (const ref of this.references.get(symbol) ?? []) {
      if (skip(ref)) continue;
      const use = this.uses.classify(ref);
      if (use.kind === 'escape') return reasonAt(ref, `\`${ref.text}\` escapes (${use.why}): \`${snippet(ref.parent)}\``);
    }
    return undefined;
  }

  private planWaits(): void {
    for (const root of this.containers.relied()) {
      const { refs, elements } = this.containers.waitsOf(root);
      for (const [ref, wrap] of refs) this.plan.wraps.set(ref, wrap);
      for (const [element, wrap] of elements) this.plan.elementWraps.set(element, wrap);
    }
    for (const symbol of this.followed) {
      for (const ref of this.references.get(symbol) ?? []) {
        const use = this.uses.classify(ref);
        if (use.kind === 'read') this.plan.wraps.set(ref, 'wait');
        else if (use.kind === 'write') this.plan.wraps.set(ref, 'written');
      }
    }
    for (const [symbol, refs] of this.references) {
      if (!this.isFuture(symbol)) continue;
      for (const ref of refs) {
        if (this.isFlowPosition(ref) || isDeclarationName(this.ts, ref) || isAssignedTo(this.ts, ref)) continue;
        // Writing into a task's result: later tasks must read the program's change.
        this.plan.wraps.set(ref, this.containers.writesThrough(ref, symbol) ? 'written' : 'wait');
      }
    }
    for (const symbol of this.futureArrays) {
      for (const ref of this.references.get(symbol) ?? []) {
        if (this.isFlowPosition(ref) || this.handsOnElements(ref) || isDeclarationName(this.ts, ref) || isAssignedTo(this.ts, ref)) continue;
        // The program changes an element's contents: later tasks must see it (the value may be a task's version).
        if (this.containers.writesThrough(ref, symbol)) this.plan.wraps.set(ref, 'writtenWithin');
        // `parts[0].slice(…)` needs one element, not every task's result loaded into this thread.
        else if (this.ts.isElementAccessExpression(ref.parent) && ref.parent.expression === ref) this.plan.elementWraps.set(ref.parent, 'wait');
        else this.plan.wraps.set(ref, 'waitAll');
      }
    }
  }

  /**
   * A parameter whose function must wait for it on return, where the function submits one task for it and not in a
   * loop (`function halve(v) { scale(v, 0.5); }`): the calls would run one at a time in a worker, paying the copies
   * for nothing. Such calls stay direct, as in the caller's thread.
   */
  private dropFruitlessParameters(): boolean {
    for (const symbol of this.followed) {
      const declaration = symbol.valueDeclaration;
      if (!declaration || !this.ts.isParameter(declaration)) continue;
      const fn = declaration.parent as FunctionLike;
      if (this.everyCallerFollows(fn, fn.parameters.indexOf(declaration))) continue;
      const calls = [...this.plan.submissions.keys()].filter((call) => this.argumentSymbols(call).has(symbol));
      if (calls.length !== 1 || this.inLoopOf(calls[0], fn)) continue;
      this.keepDirect(calls[0], this.plan.submissions.get(calls[0])!, reasonAt(calls[0], `\`${symbol.name}\` is a parameter of a function ` +
        'that would wait for it on return, so its one task would run alone; follow the argument in the caller (a local variable) to run the calls in parallel'));
      return true;
    }
    return false;
  }

  /**
   * The caller chooses what a function's parameters are: `f(a, a)`, `f(d, { v: d })`, `f(xs[0], xs)`. So when some of
   * them are followed, every other object parameter may be the same object or hold it, and must be followed too
   * (each use waits): a typed array or an array of primitives as a plain variable, a nested array as a container.
   * Another kind (a record, a Map of objects: its parts are not waited for) keeps the function's calls direct.
   */
  private sealParameterFunctions(): boolean {
    const { ts } = this;
    const functions = new Set<FunctionLike>();
    for (const symbol of [...this.followed, ...this.containers.relied()]) {
      const declaration = symbol.valueDeclaration;
      if (declaration && ts.isParameter(declaration)) functions.add(declaration.parent as FunctionLike);
    }
    for (const fn of functions) {
      for (const param of fn.parameters) {
        const symbol = ts.isIdentifier(param.name) ? symbolOf(this.ctx, param.name) : undefined;
        if (!symbol || isPrimitiveNode(this.ctx, param.name) || this.followed.has(symbol) || this.containers.relied().includes(symbol)) continue;
        const type = this.ctx.checker.getTypeAtLocation(param.name);
        const container = this.containers.holdsObjects(param.name as ts.Identifier) && this.containers.rootOf(param.name as ts.Identifier) === symbol;
        const plain = isTypedArrayType(this.ctx, type) || hasPrimitiveElements(this.ctx, param.name as ts.Identifier);
        const escape = container ? this.containers.escapeOf(symbol) : plain && this.isFollowable(symbol) ? this.escapeOf(symbol) : undefined;
        if (container && !escape) { this.containers.rely(symbol); continue; }
        if (plain && this.isFollowable(symbol) && !escape) { this.follow(symbol); continue; }
        const why = reasonAt(param, `parameter \`${param.name.getText()}\` of this function may be, or hold, the object of a followed parameter ` +
          `(the caller chooses), and it cannot be followed${escape ? `: ${escape.text}` : ' (only typed arrays, arrays of numbers and nested arrays of them can)'}`);
        const inside = [...this.plan.submissions].filter(([call]) => call.pos >= fn.pos && call.end <= fn.end);
        for (const [call, task] of inside) this.keepDirect(call, task, why);
        if (inside.length > 0) return true;
      }
    }
    return false;
  }

  private inLoopOf(node: ts.Node, fn: FunctionLike): boolean {
    for (let n = node.parent; n && n !== fn; n = n.parent) if (this.ts.isIterationStatement(n, false)) return true;
    return false;
  }

  /** Followed parameters (tasks may write them): their function waits for them when it returns or throws. */
  private planExitWaits(): void {
    for (const symbol of new Set([...this.followed, ...this.containers.relied()])) {
      const declaration = symbol.valueDeclaration;
      if (!declaration || !this.ts.isParameter(declaration) || !this.ts.isIdentifier(declaration.name)) continue;
      const fn = declaration.parent as FunctionLike;
      if (this.everyCallerFollows(fn, fn.parameters.indexOf(declaration))) continue;
      const list = this.plan.exitWaits.get(fn) ?? [];
      list.push(declaration.name);
      this.plan.exitWaits.set(fn, list);
    }
  }

  /**
   * Every call of the function is in this file and passes, for this parameter, an object this file follows: its
   * uses after the call wait by themselves, and the function need not wait when it returns (calls in a loop then
   * run in parallel).
   */
  private everyCallerFollows(fn: FunctionLike, index: number): boolean {
    const { ts } = this;
    const name = ts.isFunctionDeclaration(fn) ? fn.name : ts.isVariableDeclaration(fn.parent) ? fn.parent.name : undefined;
    const symbol = name && ts.isIdentifier(name) ? symbolOf(this.ctx, name) : undefined;
    if (!symbol || (ts.isFunctionDeclaration(fn) && fn.modifiers?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword))) return false;
    if (ts.isVariableDeclaration(fn.parent) && !this.isFileLocal(fn.parent.name as ts.Identifier)) return false;
    return (this.references.get(symbol) ?? []).every((ref) => {
      if (isDeclarationName(ts, ref)) return true;
      const call = ref.parent;
      if (!ts.isCallExpression(call) || call.expression !== ref || call.arguments.length <= index) return false;
      // Inside a try block a failure of the function's tasks must be thrown out of the call: its wait on return does so.
      if (this.enclosingTries(call).length > 0) return false;
      const arg = skipTransparent(ts, call.arguments[index]);
      const own = ts.isIdentifier(arg) ? symbolOf(this.ctx, arg) : undefined;
      const root = this.containers.rootOf(arg);
      return (own !== undefined && this.followed.has(own)) || (root !== undefined && this.containers.relied().includes(root)) || this.isFresh(arg);
    });
  }

  /** Code that resumes after other code ran (see resumptions.ts); nothing to refresh in a program without tasks. */
  private planResumptions(): void {
    if (this.tasks.size === 0) return;
    this.plan.resumptions = findResumptions(this.ctx, this.source, (ref) => {
      const use = this.uses.classify(ref);
      return use.kind === 'none' ? undefined : use.kind === 'read' ? 'read' : 'write';
    }, (fn) => this.tasks.has(fn));
  }

  /** A reference that hands a Future on without needing its value. */
  private isFlowPosition(ref: ts.Identifier): boolean {
    const { ts } = this;
    const parent = ref.parent;
    const outer = withWrappers(ts, ref).parent;
    if (isArgumentOf(ts, outer, ref) && this.plan.submissions.has(outer)) return true;
    if (ts.isArrayLiteralExpression(parent) && ts.isCallExpression(parent.parent) && this.plan.submissions.has(parent.parent)) return true;
    // arr.push(submission) / arr[i] = submission, where arr gathers Futures (not a Future itself)
    const own = symbolOf(this.ctx, ref);
    if (own && this.isFuture(own)) return false;
    if (ts.isPropertyAccessExpression(parent) && parent.name.text === 'push' && ts.isCallExpression(parent.parent) &&
      parent.parent.arguments.length === 1 && this.isSubmission(parent.parent.arguments[0])) return true;
    if (ts.isElementAccessExpression(parent) && parent.expression === ref && ts.isBinaryExpression(parent.parent) &&
      parent.parent.left === parent && this.isSubmission(parent.parent.right)) return true;
    return false;
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
      return isArgumentOf(ts, holder, parent) && this.plan.submissions.has(holder);
    }
    return false;
  }

  private isSubmission(node: ts.Expression): boolean {
    while (this.ts.isParenthesizedExpression(node)) node = node.expression;
    return this.ts.isCallExpression(node) && this.plan.submissions.has(node);
  }

  /** The try statements whose try block holds the node, up to its function. */
  private enclosingTries(node: ts.Node): ts.TryStatement[] {
    const tries: ts.TryStatement[] = [];
    for (let n: ts.Node = node; n.parent && !isFunctionLike(this.ctx, n); n = n.parent) {
      if (this.ts.isBlock(n) && this.ts.isTryStatement(n.parent) && n.parent.tryBlock === n) tries.push(n.parent);
    }
    return tries;
  }

  private planTries(): void {
    for (const call of this.plan.submissions.keys()) for (const statement of this.enclosingTries(call)) this.plan.tries.add(statement);
  }
}
