/**
 * Forwarders: functions of the program that only call tasks and hand on their results
 * (`function summarize(a) { return total(a) }`, `function prepare(b) { fill(b, 0); scale(b, 2) }`).
 *
 * In plain code such a function returns the task's value, so its caller waits for it there (and for the parameters
 * its tasks write, when it returns) and the calls run one at a time. A forwarder instead returns the task's Future,
 * and each call of it is planned as a submission of a task whose parameters take the directions the function's
 * summary gives them: the caller follows its arguments and waits for the value where it is used, exactly as for a
 * task call. The function still runs where the plain call ran (its body submits the tasks), so nothing moves but
 * the waits.
 *
 * That holds only while every call of the function is planned as a submission: a call kept direct (for any reason)
 * would get a Future where plain code had a value. So a forwarder is
 * - a function declaration, or a `const` arrow or function expression, of this file and not exported, that is
 *   neither a task, nor async, nor a generator, and is only ever called by name (never passed or stored; its own
 *   calls: below);
 * - whose body computes nothing but the arguments of its task calls: declarations, `if`s, task calls as statements,
 *   prints of strings and numbers that read nothing the tasks are given (`console.log('smoothed', img.name)`),
 *   `return task(…)` and `return`, with expressions free of calls and writes (reads, operators, literals, `Math.*`,
 *   views with `subarray`), so running it ahead of other code (a split loop submits every pass first) changes
 *   nothing the program sees; its tasks are synchronous and never return their arguments.
 *   One that claims no calls may also make a fresh object (`const out = new Float64Array(n * n)`), hand it to its
 *   tasks and return it (`matmulInto(a, b, out, n); return out`): it returns the object with the tasks' writes
 *   pending, which its callers follow as they would the Future (`waitOn` waits for an object's pending writes too),
 *   instead of waiting for them before it returns. So may a function that claims its calls (handed by name to
 *   `xs.map(make)`, or exported), if its tasks write nothing but what it made: it returns `handOn(claimed, out)`,
 *   the object with the writes pending for a planned call, waited for any other.
 * A function only called by name here may call itself, as divide and conquer does (`const left = sortAll(xs.slice(0,
 * mid)); const right = sortAll(xs.slice(mid)); return merge(left, right)`, PyCOMPSs' merge sort): each inner call is a
 * planned call too, its Future held by a `const` and handed whole to the body's task calls or returned, so the whole
 * tree of tasks is submitted before any is waited for. (`xs.slice(…)` of the library's arrays is a copy: quiet.)
 * When the planner keeps one of its calls direct, or one of the task calls in it, the function is demoted for the
 * rest of the file's plan: its calls are plain calls again and it waits as before.
 *
 * A class's method (`total() { return sum(this.xs) }`), or an object literal's (method-owners.ts), may be reached by calls no plan sees (another module, an
 * override's `super.total()`, an object of another class where the type says this one), so it does not hand out
 * the Future on its own: each planned call runs through the runtime, which lets the method claim it
 * (runtime/api/forwarding.ts); claimed, it returns the Future, called any other way it waits and returns the value.
 * Its body only returns task calls (no task call as a statement, whose writes an unplanned caller would not wait
 * for), and its tasks only read what they are given. Its class may be another module's: the method's own file emits
 * the claim, and a call is planned in any file. So it is for a function exported, called from another module or
 * handed on as a value (`export function meanOf(s) { return mean(s.values) }`).
 */
import type * as ts from 'typescript';
import { calledFunction, hasPrimitiveElements, isFixedLengthRead, isFunctionLike, isOwnSourceFile, isPrimitiveType, isTypedArrayType, symbolOf, type AnalysisContext, type FunctionLike } from '../analysis/context';
import { enclosingFunction, type TaskInfo } from '../analysis/discover';
import { exportedName, functionName, inNamespace } from '../analysis/function-names';
import { forwarderParams } from '../analysis/task-params';
import type { Summaries } from '../analysis/summaries';
import { readsNoGetter } from './field-reads';
import { methodOwner, methodPath } from './method-owners';
import { isArgumentOf, isDeclarationName, isReference, skipTransparent, withWrappers } from './syntax';
import { printsPrimitives } from './only-reads';
import { arrayMapTaking } from './mapped-tasks';
import { isQuiet, isQuietPrimitive, makesFresh, readsOnlyItsOwn } from './quiet-expressions';

/** What finding forwarders needs of the file's facts. */
export interface ForwarderFacts {
  readonly source: ts.SourceFile;
  readonly tasks: ReadonlyMap<FunctionLike, TaskInfo>;
  references(symbol: ts.Symbol): readonly ts.Identifier[];
}

export class Forwarders {
  /** Each function asked about, described once: its TaskInfo as a forwarder, or null. */
  private readonly described = new Map<FunctionLike, TaskInfo | null>();
  /** The task calls forwarders make (returned, or statements of their own). */
  private readonly forwardedCalls = new Set<ts.CallExpression>();
  /** `out` of `return out` in a forwarder that made it fresh and handed it only to its tasks (the module comment). */
  private readonly handedOut = new Set<ts.Identifier>();
  /** `return { sums, counts }` of made objects (recordOfMade), with the forwarder returning it. */
  private readonly records = new Map<ts.ObjectLiteralExpression, FunctionLike>();
  /** Forwarders handing out objects they made, whose tasks are quiet and keep no module state (see mapsInTurn). */
  private readonly mappableMakers = new Set<FunctionLike>();
  private readonly demoted = new Set<FunctionLike>();

  constructor(private readonly ctx: AnalysisContext, private readonly summaries: Summaries, private readonly facts: ForwarderFacts) {}

  /** The forwarder the function is, as a task of its calls, unless it was demoted. */
  of(fn: FunctionLike): TaskInfo | undefined {
    return this.demoted.has(fn) ? undefined : this.describedAs(fn);
  }

  /**
   * The call can run as a planned call of the forwarder `task`: any call of a function forwarder; of a method one,
   * `receiver.method(…)` as written (not `super.m()`, `o?.m()` or `o['m']()`), which the runtime runs (emit.ts).
   */
  plannable(call: ts.CallExpression, task: TaskInfo): boolean {
    const { ts } = this.ctx;
    if (!task.claims) return true;
    const callee = call.expression;
    if (call.questionDotToken || call.arguments.some((arg) => ts.isSpreadElement(arg))) return false;
    if (!task.claims.method) return true;
    return ts.isPropertyAccessExpression(callee) && !callee.questionDotToken && callee.expression.kind !== ts.SyntaxKind.SuperKeyword;
  }

  /** The task stands for a forwarder (demoted or not). */
  isForwarder(task: TaskInfo): boolean { return this.describedAs(task.fn) === task; }

  /**
   * A call stays direct: a forwarder's own call, or a task call a forwarder returns (it would run in this thread on
   * objects its callers follow, unmarked). Every call of that forwarder is a plain call again (the planner decides
   * the file anew).
   */
  demote(call: ts.CallExpression, task: TaskInfo): void {
    // (One that claims its calls stays one: a call kept direct is an unplanned call, which gets the value.)
    if (this.isForwarder(task) && !task.claims) this.demoted.add(task.fn);
    const holder = enclosingFunction(this.ctx, call);
    if (holder && isFunctionLike(this.ctx, holder) && this.forwardedCalls.has(call) && this.describedAs(holder)) this.demoted.add(holder);
  }

  /**
   * A Future may stand for this argument of the call: the callee is a task, or a forwarder whose parameter there only
   * goes on, whole, to its task calls (the submission waits for it). A forwarder that reads the parameter itself
   * (`a.subarray(…)`, `a.length`) needs the value, and so does one that claims its calls.
   */
  takesFutureAt(call: ts.CallExpression, arg: ts.Node): boolean {
    const fn = calledFunction(this.ctx, call);
    const task = fn && this.of(fn);
    if (!task) return true;
    // (One that claims its calls may not be what runs (an override, a reassigned binding): it gets values.)
    if (task.claims) return false;
    let node = arg;
    while (node.parent !== call && node.parent) node = node.parent;
    const index = call.arguments.indexOf(node as ts.Expression);
    return index >= 0 && this.passesOn(task.fn, index);
  }

  /**
   * The call's forwarder reads this argument itself, in this thread, before its tasks run (`twice(s.count)` in
   * `function dbl(s)`, `fill(out, xs.length)`): the object must hold what earlier tasks wrote when the call is made
   * (np62's W1 read a field a task was still writing). One its body only hands whole to its tasks needs nothing:
   * they run after what the program submitted before.
   */
  readsArgument(call: ts.CallExpression, arg: ts.Node): boolean {
    const fn = calledFunction(this.ctx, call);
    const task = fn && this.of(fn);
    if (!task) return false;
    const index = call.arguments.indexOf(withWrappers(this.ctx.ts, arg as ts.Expression));
    return index < 0 || !this.passesOn(task.fn, index);
  }

  private passesOn(fn: FunctionLike, index: number): boolean {
    const { ts } = this.ctx;
    const param = fn.parameters[index];
    const symbol = param && ts.isIdentifier(param.name) && !param.dotDotDotToken ? symbolOf(this.ctx, param.name) : undefined;
    if (!symbol) return false;
    return this.parameterReferences(fn, symbol).every((ref) => {
      if (isDeclarationName(ts, ref)) return true;
      const call = withWrappers(ts, ref).parent;
      // (Handed to another forwarder: one that takes a Future there.)
      return isArgumentOf(ts, call, ref) && this.forwardedCalls.has(call) && this.takesFutureAt(call as ts.CallExpression, ref);
    });
  }

  /** A parameter's references: the file's index, or (a method of another file's class) its own walk. */
  private parameterReferences(fn: FunctionLike, symbol: ts.Symbol): readonly ts.Identifier[] {
    const { ts } = this.ctx;
    if (fn.getSourceFile() === this.facts.source) return this.facts.references(symbol);
    const found: ts.Identifier[] = [];
    const visit = (node: ts.Node): void => {
      if (ts.isIdentifier(node) && node.text === symbol.name && symbolOf(this.ctx, node) === symbol) found.push(node);
      ts.forEachChild(node, visit);
    };
    visit(fn);
    return found;
  }

  /**
   * `out` of `return out` in a live forwarder that made the object and handed it only to its tasks: its callers
   * follow what it returns, so handing it out lets nothing escape and waits for nothing. So is a field's value of a
   * returned record of them (`return { sums, counts }`: heldRecords).
   */
  handsOut(ref: ts.Identifier): boolean {
    const { ts } = this.ctx;
    const field = ts.isShorthandPropertyAssignment(ref.parent) || ts.isPropertyAssignment(ref.parent) ? ref.parent.parent : undefined;
    if (!ts.isReturnStatement(ref.parent) && !(field && ts.isReturnStatement(withWrappers(ts, field as ts.Expression).parent))) return false;
    const fn = enclosingFunction(this.ctx, ref);
    // (Described first: the forwarder's returned names are found as it is.)
    return fn !== undefined && isFunctionLike(this.ctx, fn) && this.of(fn) !== undefined && this.handedOut.has(ref);
  }

  /**
   * `return { sums, counts }` in live forwarders that made the objects for their tasks: each call hands out the
   * record as a Future holding them (runtime heldRecord), whose value its callers get once the tasks wrote them all.
   * With the forwarder, for what its claims say (a claiming one's record is waited for when a call is not planned).
   */
  heldRecords(): [ts.ObjectLiteralExpression, TaskInfo][] {
    return [...this.records].flatMap(([record, fn]) => { const task = this.of(fn); return task ? [[record, task] as [ts.ObjectLiteralExpression, TaskInfo]] : []; });
  }

  /**
   * A forwarder handing out objects it made for quiet tasks (`function make(v) { const out = new Float64Array(4);
   * fill(out, v); return out }`): handed whole to an array's `map`, it may make its calls there, each at its turn, all
   * waited for as the map returns (mapped-tasks.ts mappedForwarders). It never runs ahead of other code (it is not
   * `quiet`): the runtime orders and dismisses calls made ahead by their Futures, and it returns no Future.
   */
  mapsInTurn(task: TaskInfo): boolean {
    return this.mappableMakers.has(task.fn) && task.params.every((p) => p.direction === 'in');
  }

  /** The live forwarder whose body holds this return statement's call (or returned name). */
  returnsFrom(call: ts.Expression): TaskInfo | undefined {
    const { ts } = this.ctx;
    const parent = withWrappers(ts, call).parent;
    const fn = ts.isReturnStatement(parent) ? enclosingFunction(this.ctx, parent) : parent;
    return fn && isFunctionLike(this.ctx, fn) ? this.of(fn) : undefined;
  }

  private describedAs(fn: FunctionLike): TaskInfo | undefined {
    let task = this.described.get(fn);
    if (task === undefined) {
      // (None while it is described: forwarders calling each other in a ring are none.)
      this.described.set(fn, null);
      task = this.isCandidate(fn) ? this.describe(fn) ?? null : null;
      this.described.set(fn, task);
    }
    return task ?? undefined;
  }

  /**
   * `xs.map((k) => { const o = new Float64Array(n); work(o, k); return o; })`: an arrow or function expression written
   * as the callback of an array's `map` (the library's), outside task bodies: only that map calls it. As a maker it
   * returns its object with the task's write pending, and the map's value is waited for whole where it stands
   * (plan.ts mapsWaitedWhole), once every element's task is submitted (np63's min-return-local waited at each return).
   */
  mapOfCallback(fn: FunctionLike): ts.CallExpression | undefined {
    const { ts } = this.ctx;
    return ts.isArrowFunction(fn) || ts.isFunctionExpression(fn) ? arrayMapTaking({ ctx: this.ctx, tasks: this.facts.tasks }, fn) : undefined;
  }

  /** The live makers written as a map's callback, with their map calls: each map's value is waited for whole. */
  mappedMakers(): ts.CallExpression[] {
    return [...this.described.keys()].filter((fn) => this.of(fn) !== undefined).map((fn) => this.mapOfCallback(fn)).filter((call) => call !== undefined);
  }

  /** A named function of this file: a declaration, or a `const`'s arrow or function expression (describe checks exports). */
  private isCandidate(fn: FunctionLike): boolean {
    const { ts } = this.ctx;
    if (!fn.body) return false;
    if (fn.getSourceFile() === this.facts.source && this.mapOfCallback(fn)) return true;
    // A method may be another file's: planned calls claim it wherever they are (the module comment).
    if (ts.isMethodDeclaration(fn)) return methodOwner(ts, fn) !== undefined && isOwnSourceFile(this.ctx, fn.getSourceFile());
    // So may a function of another file (claiming: describe).
    if (fn.getSourceFile() !== this.facts.source && !isOwnSourceFile(this.ctx, fn.getSourceFile())) return false;
    if (ts.isFunctionDeclaration(fn)) return fn.name !== undefined;
    return (ts.isArrowFunction(fn) || ts.isFunctionExpression(fn)) && ts.isVariableDeclaration(fn.parent) && fn.parent.initializer === fn &&
      ts.isIdentifier(fn.parent.name) && (ts.getCombinedNodeFlags(fn.parent) & ts.NodeFlags.Const) !== 0;
  }

  private describe(fn: FunctionLike): TaskInfo | undefined {
    const { ts } = this.ctx;
    if (this.facts.tasks.has(fn) || (ts.getCombinedModifierFlags(fn) & ts.ModifierFlags.Async) || (fn as ts.FunctionDeclaration).asteriskToken) return undefined;
    const method = ts.isMethodDeclaration(fn) ? fn : undefined;
    // (A map's callback: only the map calls it, and the plan waits for the map's value, so it claims nothing; but it
    // must be a maker whose tasks write only what it made, which is all that waiting for its results brings home.)
    const mapped = this.mapOfCallback(fn) !== undefined;
    const name = method || mapped ? undefined : ts.isFunctionDeclaration(fn) ? fn.name! : (fn.parent as ts.VariableDeclaration).name as ts.Identifier;
    // A function of this file, not exported in any form (`export function`, `export const`, `export { sumOf }`,
    // default) and only ever called by name here, returns the Future to every caller; any other claims its planned
    // calls (the module comment), as a method does.
    const claims = !mapped && (method !== undefined || !this.calledOnlyHere(fn, name!));
    if (fn.parameters.some((param) => !ts.isIdentifier(param.name) || (param.initializer && !isQuiet(this.ctx, param.initializer)))) return undefined;
    // (A claiming function, not a method, may also make objects for its tasks: what it writes of them it hands on
    // with the object it returns, `handOn`, and its task calls must write nothing else.)
    const forwarded = this.forwardedTasks(fn, claims || mapped ? (method ? 'returned' : 'made') : 'any');
    if (!forwarded || forwarded.length === 0) return undefined;
    if (mapped && !this.handsOutMade(fn)) return undefined;
    const params = forwarderParams(this.ctx, this.summaries, fn);
    // A parameter holding objects whose parts its tasks write (`scale(rows[1], 3)`): the caller would follow the
    // holder, not the part a task writes, and read it stale.
    if (params.some((param, i) => param.direction !== 'in' && !this.passesOn(fn, i) && holdsObjects(this.ctx, fn.parameters[i]))) return undefined;
    const source = fn.getSourceFile();
    return {
      name: functionName(this.ctx, fn), fn, file: source.fileName, line: source.getLineAndCharacterOfPosition(fn.getStart(source)).line + 1,
      params, options: {}, forwards: forwarded.map((task) => task.name),
      ...(claims ? { claims: { self: method ? methodPath(ts, method) : [name!.text], method: method !== undefined } } : {}),
      // Reorderable (split loops and batches run it ahead of the statements before its use) only when it reads
      // nothing but its own parameters and names (a `let` or a module object the loop sets first would be read early),
      // and for a method its object's fields, no getter (field-reads.ts; the runtime runs it ahead only when the call
      // reaches this very function: runtime/api/made-ahead.ts forwardAhead).
      ...(forwarded.every((task) => task.quiet && !task.moduleState?.length) && readsOnlyItsOwn(this.ctx, fn) && (!method || readsNoGetter(this.ctx, fn))
        ? { quiet: true } : {}),
    };
  }

  /** The function returns objects it made (`return out`, `return { sums, counts }`), with its tasks' writes pending. */
  private handsOutMade(fn: FunctionLike): boolean {
    const within = (node: ts.Node) => node.pos >= fn.pos && node.end <= fn.end;
    return [...this.handedOut].some(within) || [...this.records.keys()].some(within);
  }

  /** A function of this file, exported in no form, nor a namespace's, whose every reference here is a plain call by name (its own too). */
  private calledOnlyHere(fn: FunctionLike, name: ts.Identifier): boolean {
    const { ts } = this.ctx;
    if (fn.getSourceFile() !== this.facts.source || exportedName(this.ctx, fn) !== undefined || inNamespace(ts, fn)) return false;
    const symbol = symbolOf(this.ctx, name);
    if (!symbol) return false;
    return this.facts.references(symbol).every((ref) => {
      if (isDeclarationName(ts, ref)) return true;
      const call = ref.parent;
      // (Its own calls too: forwardedTasks judges them, selfCall.)
      return ts.isCallExpression(call) && call.expression === ref && !call.questionDotToken && !call.arguments.some((arg) => ts.isSpreadElement(arg));
    });
  }

  /**
   * The tasks the body calls, if the body does nothing else (see the module comment). `calls`: which task calls it
   * may make: `returned` only returned ones, each only reading its arguments (a claiming method); `made` also
   * statements, whose written arguments are all objects the body made and hands out (a claiming function:
   * `function make(v) { const out = new Float64Array(4); fill(out, v); return out }` handed to `xs.map(make)`);
   * `any` (a function only called by name here) any task call of either kind.
   */
  private forwardedTasks(fn: FunctionLike, calls: 'returned' | 'made' | 'any'): TaskInfo[] | undefined {
    const onlyReturned = calls === 'returned';
    const { ts } = this.ctx;
    const tasks: TaskInfo[] = [];
    const taskCalls: ts.CallExpression[] = [];
    // `const left = sortAll(xs.slice(0, mid))` in a function only called by name: its own call, a Future of the plan.
    const selves = new Set<ts.Symbol>();
    const selfCall = (expr: ts.Expression): boolean => {
      const call = skipTransparent(ts, expr);
      return calls === 'any' && ts.isCallExpression(call) && !call.questionDotToken && calledFunction(this.ctx, call) === fn &&
        call.arguments.every((arg) => isQuiet(this.ctx, arg));
    };
    const taskCall = (expr: ts.Expression): boolean => {
      const call = skipTransparent(ts, expr);
      if (!ts.isCallExpression(call) || call.questionDotToken) return false;
      if (selfCall(call)) return true;
      const callee = calledFunction(this.ctx, call);
      // (Or another forwarder's call, `const scoreOf = (b) => b.score()` of a method forwarder: np70's min-forwarder-chain.)
      const task = callee && (this.facts.tasks.get(callee) ?? (callee !== fn ? this.of(callee) : undefined));
      if (!task || task.returnsArgument !== undefined || task.params.some((p) => p.returned !== undefined) ||
        (ts.getCombinedModifierFlags(task.fn) & ts.ModifierFlags.Async)) return false;
      if (!call.arguments.every((arg) => isQuiet(this.ctx, arg) || isSelf(arg))) return false;
      tasks.push(task);
      taskCalls.push(call);
      return true;
    };
    // Fresh objects the body makes for its tasks (not in a method that claims its calls: the module comment).
    const made = new Set<ts.Symbol>();
    const isMade = (expr: ts.Expression): boolean => ts.isIdentifier(expr) && made.has(symbolOf(this.ctx, expr)!);
    // (A name holding its own call's Future, handed whole to a task call: `merge(left, right)`; or such a call itself.)
    const isSelf = (expr: ts.Expression): boolean => {
      const inner = skipTransparent(ts, expr);
      return ts.isIdentifier(inner) ? selves.has(symbolOf(this.ctx, inner)!) : selfCall(inner);
    };
    const returned: ts.Identifier[] = [];
    const records: ts.ObjectLiteralExpression[] = [];
    const returnsMade = (expr: ts.Expression): boolean => {
      if (ts.isObjectLiteralExpression(expr)) {
        if (!this.recordOfMade(expr, isMade, returned)) return false;
        records.push(expr);
        return true;
      }
      const symbol = ts.isIdentifier(expr) ? symbolOf(this.ctx, expr) : undefined;
      if (!symbol || !made.has(symbol)) return false;
      returned.push(expr as ts.Identifier);
      return true;
    };
    const prints: ts.CallExpression[] = [];
    const statement = (node: ts.Statement): boolean => {
      if (ts.isReturnStatement(node)) return node.expression === undefined || taskCall(node.expression) || returnsMade(node.expression) || isSelf(node.expression);
      // `scale(a, k);`: the task's Future is dropped, as the plain call's value was. `console.log('blurred', img.name)`:
      // a print the runtime keeps in order with the tasks' output (and drops after a failed one); it reads `console`,
      // so the forwarder is not quiet, and never runs ahead of its turn.
      if (ts.isExpressionStatement(node)) {
        const expr = skipTransparent(ts, node.expression);
        if (ts.isCallExpression(expr) && printsPrimitives(this.ctx, expr) && expr.arguments.every((arg) => isQuiet(this.ctx, arg))) {
          prints.push(expr);
          return true;
        }
        return !onlyReturned && taskCall(node.expression);
      }
      if (ts.isIfStatement(node)) return isQuiet(this.ctx, node.expression) && statement(node.thenStatement) && (!node.elseStatement || statement(node.elseStatement));
      if (ts.isBlock(node)) return node.statements.every(statement);
      // (Made first: `const out: number[] = []` is quiet too, but a task filling it must see it made to hand it out.)
      if (ts.isVariableStatement(node)) {
        return node.declarationList.declarations.every((d) => ts.isIdentifier(d.name) && d.initializer !== undefined &&
          ((!onlyReturned && makesFresh(this.ctx, d, made)) || isQuiet(this.ctx, d.initializer) || this.holdsSelf(d, selfCall, selves)));
      }
      return false;
    };
    const body = fn.body;
    if (!body) return undefined;
    const ok = ts.isBlock(body) ? body.statements.every(statement) : taskCall(body);
    if (!ok || taskCalls.length === 0) return undefined;
    // A name holding its own call's Future is only handed whole to the task calls, or returned: nothing reads it.
    for (const symbol of selves) {
      const whole = (ref: ts.Identifier) => {
        const at = withWrappers(ts, ref);
        return isDeclarationName(ts, ref) || ts.isReturnStatement(at.parent) || taskCalls.some((call) => call.arguments.includes(at));
      };
      if (!this.parameterReferences(fn, symbol).every(whole)) return undefined;
    }
    // A print runs before the tasks do: it must read nothing they are given (`img.name` beside `blur(img.px)`).
    if (!prints.every((print) => print.arguments.every((arg) => readsNoneGiven(this.ctx, arg, taskCalls)))) return undefined;
    // A made object is only ever an argument of its tasks, or returned: nothing in the body reads it before they ran.
    for (const symbol of made) {
      const uses = this.parameterReferences(fn, symbol);
      // (Or its length, a typed array's, fixed when it was made: `fill(sums, k + sums.length)`.)
      if (uses.every((ref) => isDeclarationName(ts, ref) || returned.includes(ref) || isFixedLengthRead(this.ctx, ref) ||
        taskCalls.some((call) => call.arguments.some((arg) => skipTransparent(ts, arg) === ref)))) continue;
      // A quiet literal read otherwise (`const ks = [1, 2]; const n = ks.length`) is a plain local, if nothing hands it out.
      const declaration = symbol.valueDeclaration;
      if (!declaration || !ts.isVariableDeclaration(declaration) || !isQuiet(this.ctx, declaration.initializer!) || uses.some((ref) => returned.includes(ref))) return undefined;
      made.delete(symbol);
    }
    // A claiming function's tasks write only what it made: an unplanned call gets its objects back waited for.
    if (calls !== 'any' && !taskCalls.every((call, i) => tasks[i].params.every((param, j) => param.direction === 'in' ||
      (call.arguments[j] !== undefined && isMade(skipTransparent(ts, call.arguments[j])))))) return undefined;
    for (const call of taskCalls) this.forwardedCalls.add(call);
    for (const ref of returned) this.handedOut.add(ref);
    for (const record of records) this.records.set(record, fn);
    if (returned.length > 0 && tasks.every((task) => task.quiet && !task.moduleState?.length)) this.mappableMakers.add(fn);
    return tasks;
  }

  /**
   * `{ sums, counts }`, `{ out, n: a.length }`: a record of objects the body made, and of quiet primitive values, every
   * field named plainly (no spread, method, accessor or computed key). The made names go to `returned`.
   */
  private recordOfMade(record: ts.ObjectLiteralExpression, isMade: (expr: ts.Expression) => boolean, returned: ts.Identifier[]): boolean {
    const { ts } = this.ctx;
    const names: ts.Identifier[] = [];
    const plain = record.properties.every((property) => {
      if (ts.isShorthandPropertyAssignment(property)) {
        if (property.objectAssignmentInitializer) return false;
        if (isMade(property.name)) { names.push(property.name); return true; }
        return isQuietPrimitive(this.ctx, property.name);
      }
      if (!ts.isPropertyAssignment(property) || !(ts.isIdentifier(property.name) || ts.isStringLiteral(property.name))) return false;
      const value = skipTransparent(ts, property.initializer);
      if (isMade(value)) { names.push(value as ts.Identifier); return true; }
      return isQuietPrimitive(this.ctx, value);
    });
    if (!plain || names.length === 0) return false;
    returned.push(...names);
    return true;
  }

  /** `const left = sortAll(xs.slice(0, mid))`: a `const` holding the function's own call (its symbol goes to `selves`). */
  private holdsSelf(declaration: ts.VariableDeclaration, selfCall: (expr: ts.Expression) => boolean, selves: Set<ts.Symbol>): boolean {
    const { ts } = this.ctx;
    const list = declaration.parent;
    const symbol = ts.isIdentifier(declaration.name) ? symbolOf(this.ctx, declaration.name) : undefined;
    if (!symbol || !ts.isVariableDeclarationList(list) || !(list.flags & ts.NodeFlags.Const) || !selfCall(declaration.initializer!)) return false;
    selves.add(symbol);
    return true;
  }
}

/** The parameter's value may hold objects of its own (not a primitive, a typed array or an array of primitives). */
function holdsObjects(ctx: AnalysisContext, param: ts.ParameterDeclaration): boolean {
  const type = ctx.checker.getTypeAtLocation(param);
  return !isPrimitiveType(ctx, type) && !isTypedArrayType(ctx, type) && !hasPrimitiveElements(ctx, param.name as ts.Identifier);
}

/**
 * The print's argument reads nothing the calls are given: each name it reads is a primitive, or no argument of the
 * calls names it, or it reads a field of it (`img.name`) no argument takes (`smoothInto(img.px, out)`: only px),
 * or the length of a typed array (`a.length` beside `mergeRuns(a, b, out)`), which no task changes.
 */
function readsNoneGiven(ctx: AnalysisContext, arg: ts.Expression, calls: readonly ts.CallExpression[]): boolean {
  const { ts } = ctx;
  const given = calls.flatMap((call) => [...call.arguments]);
  const mentions = (symbol: ts.Symbol): ts.Identifier[] => {
    const found: ts.Identifier[] = [];
    const visit = (node: ts.Node): void => {
      if (ts.isIdentifier(node) && isReference(ts, node) && symbolOf(ctx, node) === symbol) found.push(node);
      ts.forEachChild(node, visit);
    };
    given.forEach(visit);
    return found;
  };
  let ok = true;
  const visit = (node: ts.Node): void => {
    if (!ok) return;
    if (node.kind === ts.SyntaxKind.ThisKeyword) { ok = false; return; }
    if (ts.isIdentifier(node) && isReference(ts, node)) {
      const symbol = symbolOf(ctx, node);
      if (!symbol || isPrimitiveType(ctx, ctx.checker.getTypeAtLocation(node))) return;
      const uses = mentions(symbol);
      if (uses.length === 0) return;
      if (isFixedLengthRead(ctx, node)) return;
      const field = ts.isPropertyAccessExpression(node.parent) && node.parent.expression === node ? node.parent.name.text : undefined;
      // (Each argument naming it takes another field of it, whole: `blur(img.px)`, not `blur(img)` or `sum(img.px[0])`.)
      ok = field !== undefined && uses.every((use) => ts.isPropertyAccessExpression(use.parent) && use.parent.expression === use &&
        use.parent.name.text !== field && given.includes(use.parent));
      return;
    }
    ts.forEachChild(node, visit);
  };
  visit(arg);
  return ok;
}
