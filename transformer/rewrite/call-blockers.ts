/**
 * Why a task call must stay a direct call, if it must: reasons that have nothing to do with a second name the plan
 * cannot follow (inside a task, an optional call, a spread, an argument that cannot travel or that the task lets
 * out, a level next to its own element, a statement that also writes what the task writes), or an object argument
 * that cannot be followed in the direction the task takes it. Deciding a call follows its arguments (see plan.ts).
 */
import type * as ts from 'typescript';
import { hasPrimitiveElements, isFunctionLike, isPrimitiveNode, isPrimitiveType, symbolOf, type AnalysisContext } from '../analysis/context';
import type { TaskInfo } from '../analysis/discover';
import { reasonAt, snippet, type Reason } from '../analysis/reason';
import { unsendableArgument } from '../analysis/sendable-inside';
import { symbolKeyedProperty } from '../analysis/sendable';
import { VIEW_METHODS } from '../analysis/builtins';
import type { AliasGroups } from './aliases';
import type { Containers } from './containers';
import type { FileFacts } from './file-facts';
import type { FutureFlow } from './futures';
import type { ClosedFunctions } from './parameters';
import type { FilePlan } from './file-plan';
import { elementBase, isArgumentOf, isReference, skipTransparent, withWrappers } from './syntax';
import { iteratedWhileWritten } from './iterated';
import { mayRestructure } from './level-structure';
import { awaitedOnItsOwn, usedAfterAwait } from './after-await';
import type { PrivateFields } from './private-fields';

/** What deciding a call needs of the planner. */
export interface BlockerPlanner {
  readonly facts: FileFacts;
  readonly plan: FilePlan;
  readonly containers: Containers;
  readonly aliases: AliasGroups;
  readonly parameters: ClosedFunctions;
  readonly futures: FutureFlow;
  readonly fields: PrivateFields;
  isFollowable(symbol: ts.Symbol): boolean;
  isFresh(expr: ts.Expression): boolean;
  follow(symbol: ts.Symbol): void;
  escapeOf(symbol: ts.Symbol, skip?: (ref: ts.Identifier) => boolean): Reason | undefined;
  unfenceableWhy(call: ts.CallExpression): Reason | undefined;
}

export class CallBlockers {
  private readonly ts: typeof ts;

  constructor(private readonly planner: BlockerPlanner) { this.ts = planner.facts.ts; }

  /** Why this call must stay direct, or undefined if it can be submitted. */
  blocker(call: ts.CallExpression, task: TaskInfo): Reason | undefined {
    const { ts } = this;
    this.planner.plan.fenced.delete(call);
    const inside = this.planner.facts.enclosingTask(call);
    if (inside) return reasonAt(call, `inside task ${inside.name}: runs inline in its worker`);
    if (call.questionDotToken) return reasonAt(call, 'an optional call (`?.()`)');
    if (task.runsInPlace) return reasonAt(call, task.runsInPlace);
    const sharing = this.levelWithItsElement(call);
    if (sharing) return sharing;
    for (let i = 0; i < call.arguments.length; i++) {
      // `x!`, `x as T`: the same value; what is decided for the argument is emitted on it as written.
      const written = call.arguments[i];
      const arg = skipTransparent(ts, written);
      const param = task.params[Math.min(i, task.params.length - 1)];
      if (!param) return reasonAt(arg, `more arguments than task ${task.name} has parameters`);
      if (ts.isSpreadElement(arg)) {
        // `work(...pair)` of a `[number, number]`: the last argument, a tuple of primitives that fits the parameters.
        if (i === call.arguments.length - 1 && isTupleOfPrimitives(this.planner.facts.ctx, arg.expression, task.params.length - i)) continue;
        // `sum(...values)` into a rest parameter: numbers or strings, each passed by value, however many there are.
        const rest = task.fn.parameters[task.fn.parameters.length - 1];
        if (rest?.dotDotDotToken && i >= task.params.length - 1 && hasPrimitiveElements(this.planner.facts.ctx, arg.expression)) continue;
        // `maxOf(...parts)` into a rest parameter the task only reads: each object copied at the call, as one named
        // there would be (np63's K5).
        if (rest?.dotDotDotToken && i >= task.params.length - 1 && param.direction === 'in') {
          this.planner.plan.freshSnapshots.add(written);
          continue;
        }
        // (Objects spread into a rest parameter the task writes would each be an argument no name of the caller's follows.)
        if (rest?.dotDotDotToken && i >= task.params.length - 1) {
          return reasonAt(arg, `a spread of objects into the rest parameter \`${rest.name.getText()}\`: each is an argument the plugin cannot follow; ` +
            'take the array itself as one parameter');
        }
        return reasonAt(arg, 'a spread argument: parameters cannot be matched');
      }
      if (isPrimitiveNode(this.planner.facts.ctx, arg)) continue;
      // The parameter's type may allow what this argument's cannot travel as (an instance of a class no worker can
      // import), itself or inside it (`[new P(1)]` where the task takes `{ x: number }[]`). A forwarder runs here: only
      // its tasks' arguments travel, and their calls are judged as their own.
      const unsendable = task.forwards ? undefined : unsendableArgument(this.planner.facts.ctx, arg);
      if (unsendable) return reasonAt(arg, `argument \`${snippet(arg)}\` ${unsendable}`);
      const late = usedAfterAwait(this.planner.facts.ctx, task.fn, Math.min(i, task.fn.parameters.length - 1));
      // (An object made right there, `total([1, 2])`, nobody else can reach while the task waits.)
      if (late && !this.planner.isFresh(arg) &&
        !awaitedOnItsOwn(this.planner.facts, (symbol) => this.planner.isFollowable(symbol), call, arg, (e) => this.planner.isFresh(e))) {
        return reasonAt(arg, `async task ${task.name} uses its parameter \`${param.name}\` after an \`await\` (\`${late}\`): in plain code it sees ` +
          'what the caller writes meanwhile, and the caller its writes only then; a task gets the object as it was at the call');
      }
      // (An object made right there, `insert(t, { id: 1 })`, has no other name to share it with.)
      // (Kept where the caller can reach it again: in another argument, in state, in what the task hands back; a worker
      // would keep its own copy there, not the caller's object. np46's F5: "its result would share" of a void task.)
      if (param.escapes && !this.planner.isFresh(arg)) {
        return reasonAt(arg, `task ${task.name} lets its parameter \`${param.name}\` out (${param.escapes}): where it is kept would hold the ` +
          'worker\'s copy, not the caller\'s object');
      }
      // A returned argument comes back as the caller's own object (the runtime keeps identity), so a call whose result
      // is dropped (\`vec3.add(out, a, b);\`) is a plain submission. A kept result is a second name for the argument:
      // fine when the task returns it on every path (the runtime then hands back the argument's own Future or datum),
      // not when it only may.
      if (param.returned && this.planner.facts.resultUsed(call) && task.returnsArgument !== i && !this.heldSafely(arg)) {
        return reasonAt(arg, `task ${task.name} may return its parameter \`${param.name}\` (${param.returned}), and the result is used: it would be a second name for the argument`);
      }
      if (param.direction !== 'in') {
        // (`o[SEEN] = true` in the task: the key would not come back. Given one already, the call runs in place at run time.)
        const key = symbolKeyedProperty(this.planner.facts.ctx, this.planner.facts.ctx.checker.getTypeAtLocation(task.fn.parameters[Math.min(i, task.fn.parameters.length - 1)]!));
        if (key) return reasonAt(arg, `task ${task.name} may change its parameter \`${param.name}\`, whose type has the symbol-keyed property \`${key}\`: a symbol key does not travel`);
        const rewritten = this.statementAlsoWrites(call, arg) ?? iteratedWhileWritten(this.planner.facts, this.planner.aliases, call, arg);
        if (rewritten) return rewritten;
      }
      // `readHeld(r)`, `bumpHeld(r)` where `const r = run(cfg)` may hold cfg: the caller's own objects inside a task's
      // value are kept when the value comes home, not in the stored version a later task would read or write (cfg
      // changed since, or written as a copy). The value goes instead, waited for and snapshotted afresh, and a task
      // writing it writes cfg in place; that needs cfg's group followed, so its later reads wait.
      const holder = ts.isIdentifier(arg) ? symbolOf(this.planner.facts.ctx, arg) : undefined;
      if (holder && this.planner.futures.isFuture(holder) && this.planner.aliases.isOwnHolder(holder)) {
        if (param.direction !== 'in' && !this.planner.isFollowable(holder)) {
          return reasonAt(arg, `\`${snippet(arg)}\` is a task's value that may hold the caller's own objects, which the plan cannot follow here, and task ${task.name} writes it`);
        }
        if (param.direction !== 'in') this.planner.follow(holder);
        this.planner.plan.freshSnapshots.add(written);
        continue;
      }
      const flows = this.planner.futures.flowsAsFuture(arg);
      // `bump(out[0])` after `out.push(pickBig(ps))`: the objects of ps inside the value come home to the caller's own, not
      // to the stored copy a task given the bare Future would write (np50's F1); nor do reads of ps know to wait for it.
      if (flows && param.direction !== 'in' && this.planner.futures.heldInside(arg)) {
        return reasonAt(arg, `\`${snippet(arg)}\` is a task's value that may hold the caller's own objects, gathered in an array of task ` +
          `values the plan cannot follow, and task ${task.name} writes it`);
      }
      // A forwarder that uses this parameter itself gets the value (waited for at the call), which it may only read.
      if (flows && !this.planner.facts.forwarders.takesFutureAt(call, arg) && param.direction !== 'in') {
        return reasonAt(arg, `${task.name} uses \`${param.name}\` itself and a task it calls writes it, but \`${snippet(arg)}\` is a task's result not yet there`);
      }
      if (flows && this.planner.facts.forwarders.takesFutureAt(call, arg)) {
        // A Future whose value also has another name (`const whole = p`, `const inner = q.inner`): a task writing it
        // in a worker would leave that name holding the old value.
        const future = param.direction !== 'in' && ts.isIdentifier(arg) ? symbolOf(this.planner.facts.ctx, arg) : undefined;
        const alias = future && this.planner.futures.isFuture(future)
          ? this.planner.escapeOf(future, (ref) => this.isTaskArgument(ref)) ?? this.secondNameOf(future) : this.viewedElementOf(arg);
        if (alias && param.direction !== 'in') return reasonAt(arg, `the value of \`${snippet(arg)}\` has another name, and task ${task.name} writes it: ${alias.text}`);
        // Read through the other name after the program wrote it there (`const acc = b; acc[0] = 1`): snapshot afresh.
        const named = ts.isIdentifier(arg) ? symbolOf(this.planner.facts.ctx, arg) : undefined;
        if (named && this.planner.futures.isFuture(named) && this.secondNameOf(named)) this.planner.plan.freshSnapshots.add(written);
        continue;
      }
      const symbol = ts.isIdentifier(arg) ? symbolOf(this.planner.facts.ctx, arg) : undefined;
      const root = this.planner.containers.rootOf(arg);
      if (root && (param.direction === 'in' || !this.planner.containers.namesRoot(symbol, root))) {
        // A level holding objects, read or written whole (see containers.ts waitsOf). Written, the runtime brings home
        // the tasks writing its objects before the task reads them (main-data.ts refresh), and a later task on one of
        // them waits for this one (arguments.ts settleHolders); but a task that may change which objects the level
        // holds (level-structure.ts) may only do so where every use of the container after the call waits for a
        // level whole (np44's F11: `for (const g of groups) sortDesc(g)`, then `groups` printed whole).
        if (this.planner.containers.holdsObjects(arg)) {
          if (param.direction !== 'in' && task.forwards) {
            return reasonAt(arg, `argument \`${snippet(arg)}\` is a level of a container, and task ${task.name} forwards what task ` +
              `${task.forwards.join('/')} returns, which may change which objects it holds: pass its elements instead`);
          }
          const restructures = param.direction !== 'in' && mayRestructure(this.planner.facts.ctx, task.fn, i);
          const inParts = restructures ? this.planner.containers.partUseAfter(root, call) : undefined;
          if (inParts) {
            return reasonAt(arg, `argument \`${snippet(arg)}\` is a level of a container, and task ${task.name} may change which objects it ` +
              `holds, while the program reads the container in parts without waiting for it: \`${snippet(inParts.parent)}\` (line ${reasonAt(inParts, '').line})`);
          }
          // One that may change which objects the level holds: every use of the container waits for it whole, and the
          // level is snapshotted after that wait (containers.ts relyRestructured).
          if (restructures) {
            this.planner.plan.freshSnapshots.add(written);
            this.planner.containers.relyRestructured(root);
            continue;
          }
          // Any other is a datum of its own: the family marks what changes which objects it holds (containers.ts
          // relyWhole), so an unchanged level is not checked again at every call (tester #25's r05: 20000 records
          // encoded per call), and one a task writes is not waited for before the next task writing it (np71's
          // matmul-grid: `fma(C[i][j], A[i][k], B[k][j])` ran one call at a time over k).
          this.planner.containers.relyWhole(root);
          continue;
        }
        this.planner.containers.rely(root);
        continue;
      }
      if (symbol && this.planner.isFollowable(symbol)) { this.planner.follow(symbol); continue; }
      // `heavyScale(this.#data, f)`: a private field only the class's code names, each of which waits for it.
      if (this.planner.fields.follow(arg)) continue;
      if (param.direction === 'in') { this.planner.plan.freshSnapshots.add(written); continue; }
      // `m.subarray(…)` of a followed typed array: the runtime finds the view's data by the bytes it covers.
      const viewed = this.planner.aliases.viewBase(arg);
      const base = viewed && symbolOf(this.planner.facts.ctx, viewed);
      if (base && this.planner.isFollowable(base)) { this.planner.follow(base); continue; }
      // `scale(new Float64Array(n), 2)`: an object made right there has no other name to see the task's write through.
      if (this.planner.isFresh(arg) && !(param.returned && this.planner.facts.resultUsed(call))) continue;
      // Submitted anyway, with a fence before the first code that may look at it (fences.ts), unless none can be placed.
      // A forwarder's call stays a call (its body submits the task): there is no submission to fence.
      const unfenceable = task.forwards ? reasonAt(call, `${task.name} forwards what task ${task.forwards.join('/')} returns, and is a call of the program, not a submission`)
        : this.planner.unfenceableWhy(call);
      if (unfenceable) {
        const unfollowed = this.unfollowedReason(arg, symbol, param.direction);
        return { ...unfollowed, text: `${unfollowed.text}; and no fence can be placed after the call: ${unfenceable.text}` };
      }
      const fenced = this.planner.plan.fenced;
      fenced.set(call, [...(fenced.get(call) ?? []), written]);
    }
    return undefined;
  }

  /**
   * A used value that may hold this argument (`run({ n })`, `const r = run(cfg)`, `xs.map((x) => run(x))`) comes back
   * holding the caller's own object (the runtime maps it back by origin), a second name for it. Fine for an object made
   * right there (no other name) and for a name: bound to a variable, the value joins the name's group (aliases.ts);
   * otherwise the use classifier counts the argument as escaping, so it is snapshotted afresh at every call and only
   * fenced tasks, whose fences go by types, write it. Any other expression (`run(h.cfg)`) may be a part of a followed
   * object reached without its name: kept direct.
   */
  private heldSafely(arg: ts.Expression): boolean {
    return this.planner.isFresh(arg) || this.ts.isIdentifier(arg);
  }

  /** Why the plan cannot follow an inout or out argument by name (said only for a call no fence can serve either). */
  private unfollowedReason(arg: ts.Expression, symbol: ts.Symbol | undefined, direction: string): Reason {
    const rejected = this.planner.containers.rejectionOf(arg);
    if (rejected) {
      return reasonAt(arg, `argument \`${snippet(arg)}\` is ${direction}, and its container cannot be followed: ${rejected.text} (line ${rejected.line})`);
    }
    const escape = symbol ? this.planner.escapeOf(symbol) : undefined;
    // (Said where it escapes: calls kept direct by one escape name the same cause.)
    if (escape) return { ...escape, text: `argument \`${snippet(arg)}\` is ${direction}, and the plan cannot follow it: ${escape.text}` };
    const open = symbol ? this.planner.parameters.whyNotClosed(symbol) : undefined;
    if (open) {
      return reasonAt(arg, `argument \`${snippet(arg)}\` is ${direction}, a parameter of a function whose parameters cannot be followed: ` +
        `at \`${snippet(open)}\` (line ${reasonAt(open, '').line}) other code may run or reach the object (a call the transformer cannot ` +
        'see into, an outer object, `this`, an await)');
    }
    return reasonAt(arg, `argument \`${snippet(arg)}\` is ${direction} and is ${this.unfollowedKind(arg)}, not a variable of this file the ` +
      'transformer can follow (a local or unexported module variable holding objects made here): the program could see the object change ' +
      'through another path');
  }

  /**
   * A level of a container passed whole next to one of its own elements: the worker would get the level as one
   * copy and the element as another, where the sequential call sees one object through both.
   */
  private levelWithItsElement(call: ts.CallExpression): Reason | undefined {
    // Only an argument more `[i]` steps down may be inside the level: `M[k][0]` next to `M[k][1]` are siblings (or,
    // when the indices meet, one object passed twice, which the runtime keeps as one). Depths are syntax; roots need
    // the checker, so they are asked for only of arguments that have a deeper one beside them (most calls have none).
    const args = call.arguments;
    const depths = args.map((arg) => indexSteps(this.ts, arg));
    const roots = new Map<number, ts.Symbol | undefined>();
    const rootAt = (i: number): ts.Symbol | undefined => {
      if (!roots.has(i)) roots.set(i, isPrimitiveNode(this.planner.facts.ctx, args[i]) ? undefined : this.planner.containers.rootOf(args[i]));
      return roots.get(i);
    };
    for (let i = 0; i < args.length; i++) {
      if (!depths.some((depth) => depth > depths[i]) || !rootAt(i) || !this.planner.containers.holdsObjects(args[i])) continue;
      const j = args.findIndex((_, k) => k !== i && depths[k] > depths[i] && rootAt(k) === rootAt(i));
      if (j >= 0) {
        return reasonAt(args[i], `\`${snippet(args[i])}\` is passed whole next to \`${snippet(args[j])}\`, ` +
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
    const written = ts.isIdentifier(base) ? (this.planner.containers.rootOf(arg) ?? symbolOf(this.planner.facts.ctx, base)) : undefined;
    if (!written) return undefined;
    let statement: ts.Node = call;
    while (!ts.isExpressionStatement(statement) && !ts.isVariableStatement(statement) && !ts.isReturnStatement(statement)) {
      if (!statement.parent || isFunctionLike(this.planner.facts.ctx, statement.parent) || ts.isBlock(statement.parent)) return undefined;
      statement = statement.parent;
    }
    let found: ts.Node | undefined;
    const look = (n: ts.Node): void => {
      if (found || n === call) return;
      // Another task's call on it (`[ship(east, 5), ship(east, 5)]`): submitted, ordered after this one by the runtime;
      // left direct, it waits for this one where it is evaluated.
      if (ts.isCallExpression(n) && this.planner.facts.taskOf(n)) return;
      if (ts.isIdentifier(n) && isReference(ts, n)) {
        const symbol = symbolOf(this.planner.facts.ctx, n);
        const same = symbol === written || (symbol !== undefined && this.planner.containers.rootOf(n) === written);
        if (same && this.planner.containers.writesThrough(n, written)) found = n;
      }
      ts.forEachChild(n, look);
    };
    look(statement);
    return found && reasonAt(found, `the statement also writes \`${snippet(found.parent)}\`, which the task writes: the program's write must land after the task's`);
  }

  /** `blocks[0]` where the program keeps a view of some element of `blocks` (`const sub = blocks[0].subarray(1)`). */
  private viewedElementOf(arg: ts.Expression): Reason | undefined {
    const { ts } = this;
    const inner = skipTransparent(ts, arg);
    const array = ts.isElementAccessExpression(inner) && ts.isIdentifier(inner.expression) ? symbolOf(this.planner.facts.ctx, inner.expression) : undefined;
    for (const ref of array ? this.planner.facts.references(array) : []) {
      const element = withWrappers(ts, ref).parent;
      const method = ts.isElementAccessExpression(element) ? withWrappers(ts, element).parent : undefined;
      if (method && ts.isPropertyAccessExpression(method) && VIEW_METHODS.has(method.name.text) && ts.isCallExpression(method.parent)) {
        return reasonAt(method, `\`${snippet(method.parent)}\` keeps a view of an element`);
      }
    }
    return undefined;
  }

  /** `const g = f.fill(2)`, `const same = f`: a name the Future's value also goes by, which no wait would reach. */
  /** What an argument the plan cannot follow is, in words. */
  private unfollowedKind(arg: ts.Expression): string {
    const { ts } = this;
    const inner = skipTransparent(ts, arg);
    const declaration = ts.isIdentifier(inner) ? symbolOf(this.planner.facts.ctx, inner)?.valueDeclaration : undefined;
    if (!declaration) return ts.isIdentifier(inner) ? 'a name declared elsewhere' : 'an expression';
    if (ts.isParameter(declaration)) return 'a parameter';
    if (declaration.getSourceFile() !== inner.getSourceFile()) return 'imported from another module';
    if (ts.isVariableDeclaration(declaration) && ts.isIdentifier(declaration.name) && !this.planner.facts.isFileLocal(declaration.name)) return 'exported';
    return 'a variable whose value may be an object reached another way';
  }

  private secondNameOf(future: ts.Symbol): Reason | undefined {
    // A task handing back this very argument makes its result the same Future, not a second name.
    const ref = this.planner.facts.references(future).find((r) => this.planner.aliases.isAliasSource(r) && !this.isTaskArgument(r));
    return ref && reasonAt(ref, `\`${snippet(ref.parent)}\` gives it another name`);
  }

  /**
   * The reference is an argument of a task call that makes no second name of it: its result is dropped, or is that
   * very argument (returned on every path, so the runtime hands back the same Future or datum).
   */
  private isTaskArgument(ref: ts.Identifier): boolean {
    const call = withWrappers(this.ts, ref).parent;
    if (!isArgumentOf(this.ts, call, ref)) return false;
    const task = this.planner.facts.taskOf(call);
    return task !== undefined && (!this.planner.facts.resultUsed(call) || task.returnsArgument === call.arguments.indexOf(withWrappers(this.ts, ref)));
  }
}

/** How many `[i]` steps an expression takes from the variable it starts at (`M[k][j]`: 2). */
function indexSteps(t: typeof ts, expr: ts.Expression): number {
  let steps = 0;
  for (let node = skipTransparent(t, expr); t.isElementAccessExpression(node); node = skipTransparent(t, node.expression)) steps++;
  return steps;
}

/** A tuple of a fixed length of at most `room`, every element a primitive: spread, it fills parameters that are values. */
function isTupleOfPrimitives(ctx: AnalysisContext, expr: ts.Expression, room: number): boolean {
  const type = ctx.checker.getTypeAtLocation(expr);
  if (!ctx.checker.isTupleType(type)) return false;
  const target = (type as ts.TypeReference).target as ts.TupleType;
  if (target.hasRestElement || target.minLength !== target.fixedLength) return false;
  const elements = ctx.checker.getTypeArguments(type as ts.TypeReference);
  return elements.length <= room && elements.every((element) => isPrimitiveType(ctx, element));
}
