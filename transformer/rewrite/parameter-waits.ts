/**
 * Parameters the planner follows inside their own function (see parameters.ts for when it may): the other object
 * parameters the caller could have made the same object, the wait when the function returns, and the calls that
 * gain nothing from it.
 */
import type * as ts from 'typescript';
import { snippet } from '../analysis/reason';
import { hasPrimitiveElements, isPrimitiveNode, isTypedArrayType, symbolOf, type AnalysisContext, type FunctionLike } from '../analysis/context';
import { exportedName, inNamespace } from '../analysis/function-names';
import { enclosingFunction, type TaskInfo } from '../analysis/discover';
import { reasonAt, type Reason } from '../analysis/reason';
import type { Containers } from './containers';
import type { FileFacts } from './file-facts';
import type { FilePlan } from './file-plan';
import { isDeclarationName, skipTransparent } from './syntax';
import { isMadeConst } from './fresh';

/** What this part needs of the planner's state in a round. */
export interface ParameterPlanner {
  readonly facts: FileFacts;
  readonly plan: FilePlan;
  readonly containers: Containers;
  readonly followed: ReadonlySet<ts.Symbol>;
  isFollowable(symbol: ts.Symbol): boolean;
  isFresh(expr: ts.Expression): boolean;
  follow(symbol: ts.Symbol): void;
  escapeOf(symbol: ts.Symbol): Reason | undefined;
  argumentSymbols(call: ts.CallExpression): Set<ts.Symbol>;
  keepDirect(call: ts.CallExpression, task: TaskInfo, why: Reason): void;
  passesOnlyIn(call: ts.CallExpression, task: TaskInfo, group: readonly ts.Symbol[]): boolean;
}

export class ParameterWaits {
  private readonly ts: typeof ts;

  constructor(private readonly planner: ParameterPlanner) { this.ts = planner.facts.ts; }

  /**
   * A parameter whose function must wait for it on return, where the function submits one task for it and not in a
   * loop (`function halve(v) { scale(v, 0.5); }`): the calls would run one at a time in a worker, paying the copies
   * for nothing. Such calls stay direct, as in the caller's thread.
   */
  dropFruitlessParameters(): boolean {
    for (const symbol of this.planner.followed) {
      const declaration = symbol.valueDeclaration;
      if (!declaration || !this.ts.isParameter(declaration)) continue;
      const fn = declaration.parent as FunctionLike;
      if (this.everyCallerFollows(fn, fn.parameters.indexOf(declaration))) continue;
      const calls = [...this.planner.plan.submissions.keys()].filter((call) => this.planner.argumentSymbols(call).has(symbol));
      if (calls.length !== 1 || this.planner.facts.inLoopOf(calls[0], fn) || this.inCallback(calls[0], fn) || this.onlyReads(calls[0], symbol)) continue;
      const byName = this.passedByName(fn);
      const hint = byName
        ? `\`${snippet(byName.name)}\` is passed by name (\`${snippet(byName.use)}\`), so not all its calls are in sight; call it in an arrow function (\`(${symbol.name}) => ${snippet(byName.name)}(${symbol.name})\`) to run the calls in parallel`
        : 'follow the argument in the caller (a local variable) to run the calls in parallel';
      this.planner.keepDirect(calls[0], this.planner.plan.submissions.get(calls[0])!, reasonAt(calls[0], `\`${symbol.name}\` is a parameter of a function ` +
        `that would wait for it on return, so its one task would run alone; ${hint}`));
      return true;
    }
    return false;
  }

  /**
   * The call is in a function written inside `fn` (`xs.map((k) => look(v, k))`), which may run it many times: its
   * calls may overlap (np63's min-lambda-map-direct3 kept all four direct, "its one task would run alone").
   */
  private inCallback(call: ts.CallExpression, fn: FunctionLike): boolean {
    return enclosingFunction(this.planner.facts.ctx, call) !== fn;
  }

  /** The call passes the parameter only where its task reads it: the function does not wait for a read on return. */
  private onlyReads(call: ts.CallExpression, symbol: ts.Symbol): boolean {
    const task = this.planner.plan.submissions.get(call);
    return task !== undefined && this.planner.passesOnlyIn(call, task, [symbol]);
  }

  /**
   * The caller chooses what a function's parameters are: `f(a, a)`, `f(d, { v: d })`, `f(xs[0], xs)`. So when some of
   * them are followed, every other object parameter may be the same object or hold it, and must be followed too
   * (each use waits): a typed array or an array of primitives as a plain variable, a nested array as a container.
   * Another kind (a record, a Map of objects: its parts are not waited for) keeps the function's calls direct.
   */
  sealParameterFunctions(): boolean {
    const { ts } = this;
    const functions = new Set<FunctionLike>();
    for (const symbol of [...this.planner.followed, ...this.planner.containers.relied()]) {
      const declaration = symbol.valueDeclaration;
      if (declaration && ts.isParameter(declaration)) functions.add(declaration.parent as FunctionLike);
    }
    for (const fn of functions) {
      for (const param of fn.parameters) {
        const symbol = ts.isIdentifier(param.name) ? symbolOf(this.planner.facts.ctx, param.name) : undefined;
        if (!symbol || isPrimitiveNode(this.planner.facts.ctx, param.name) || this.planner.followed.has(symbol) || this.planner.containers.relied().includes(symbol)) continue;
        const type = this.planner.facts.ctx.checker.getTypeAtLocation(param.name);
        const container = this.planner.containers.holdsObjects(param.name as ts.Identifier) && this.planner.containers.rootOf(param.name as ts.Identifier) === symbol;
        const plain = isTypedArrayType(this.planner.facts.ctx, type) || hasPrimitiveElements(this.planner.facts.ctx, param.name as ts.Identifier);
        const escape = container ? this.planner.containers.escapeOf(symbol) : plain && this.planner.isFollowable(symbol) ? this.planner.escapeOf(symbol) : undefined;
        if (container && !escape) { this.planner.containers.rely(symbol); continue; }
        if (plain && this.planner.isFollowable(symbol) && !escape) { this.planner.follow(symbol); continue; }
        if (this.onlyReadAmongReads(fn, param)) continue;
        const why = reasonAt(param, `parameter \`${param.name.getText()}\` of this function may be, or hold, the object of a followed parameter ` +
          `(the caller chooses), and it cannot be followed${escape ? `: ${escape.text}` : ' (only typed arrays, arrays of numbers and nested arrays of them can)'}`);
        const inside = [...this.planner.plan.submissions].filter(([call]) => call.pos >= fn.pos && call.end <= fn.end);
        for (const [call, task] of inside) this.planner.keepDirect(call, task, why);
        if (inside.length > 0) return true;
      }
    }
    return false;
  }

  /**
   * `function matvec(A: CSR, x) { … spmv(A.ptr, A.vals, x) … }` where no task here writes a followed parameter and
   * the function neither writes nor lets out `param` (its summary, tasks' calls counted by their directions): through
   * `param` the program cannot change a followed object, and no read of it can see a task's write. Following the
   * others is then about their snapshots only, and `param` needs no waits.
   */
  private onlyReadAmongReads(fn: FunctionLike, param: ts.ParameterDeclaration): boolean {
    const index = fn.parameters.indexOf(param);
    const effects = this.planner.facts.summaries.get(fn).params[index];
    if (!effects || effects.written || effects.escaped || !this.everyCallerPassesData(fn, index)) return false;
    const watched = new Set([...this.planner.followed, ...this.planner.containers.relied()]);
    for (const [call, task] of this.planner.plan.submissions) {
      if (call.pos < fn.pos || call.end > fn.end) continue;
      const writes = call.arguments.some((arg, i) => {
        const direction = task.params[Math.min(i, task.params.length - 1)]?.direction ?? 'inout';
        if (direction === 'in') return false;
        const base = skipTransparent(this.ts, arg);
        const own = this.ts.isIdentifier(base) ? symbolOf(this.planner.facts.ctx, base) : undefined;
        // (An object the function made, `const sums = new Float64Array(n)`: no caller's object, nor held by one, since
        // the function does not write `param`.)
        if (own && isMadeConst(this.planner.facts.ctx, own, (expr) => this.planner.isFresh(expr), fn)) return false;
        const root = this.planner.containers.rootOf(arg);
        return (own !== undefined && watched.has(own)) || (root !== undefined && watched.has(root)) || own === undefined;
      });
      if (writes) return false;
    }
    return true;
  }

  /**
   * Every call of the function is in sight and passes, at `index`, a value whose type has no getter or setter: reading
   * its fields runs no code (`{ get n() { zs[1] = 100; return 1 } }` would write a followed object at `cfg.n`).
   */
  private everyCallerPassesData(fn: FunctionLike, index: number): boolean {
    const { ctx } = this.planner.facts;
    return callsInSight(this.planner.facts, fn)?.every((call) => {
      const arg = call.arguments[index];
      return arg === undefined || !hasAccessors(ctx, ctx.checker.getTypeAtLocation(arg));
    }) ?? false;
  }


  /** Followed parameters (tasks may write them): their function waits for them when it returns or throws. */
  planExitWaits(): void {
    for (const symbol of new Set([...this.planner.followed, ...this.planner.containers.relied()])) {
      const declaration = symbol.valueDeclaration;
      if (!declaration || !this.ts.isParameter(declaration) || !this.ts.isIdentifier(declaration.name)) continue;
      const fn = declaration.parent as FunctionLike;
      if (this.everyCallerFollows(fn, fn.parameters.indexOf(declaration))) continue;
      const list = this.planner.plan.exitWaits.get(fn) ?? [];
      list.push(declaration.name);
      this.planner.plan.exitWaits.set(fn, list);
    }
  }

  /**
   * Every call of the function is in this file and passes, for this parameter, an object this file follows: its
   * uses after the call wait by themselves, and the function need not wait when it returns (calls in a loop then
   * run in parallel).
   */
  private everyCallerFollows(fn: FunctionLike, index: number): boolean {
    const { ts } = this;
    // A forwarder's every call is a submission: its caller follows what the task writes, and `in` arguments are
    // snapshotted when the task is submitted (a call that cannot be planned so demotes it, and this is asked again).
    if (this.planner.facts.forwarders.of(fn)) return true;
    return callsInSight(this.planner.facts, fn)?.every((call) => {
      if (call.arguments.length <= index) return false;
      // Inside a try block a failure of the function's tasks must be thrown out of the call: its wait on return does so.
      if (this.planner.facts.enclosingTries(call).length > 0) return false;
      const arg = skipTransparent(ts, call.arguments[index]);
      const own = ts.isIdentifier(arg) ? symbolOf(this.planner.facts.ctx, arg) : undefined;
      const root = this.planner.containers.rootOf(arg);
      return (own !== undefined && this.planner.followed.has(own)) || (root !== undefined && this.planner.containers.relied().includes(root)) || this.planner.isFresh(arg);
    }) ?? false;
  }

  /** The function's name and the first place it is used other than called (`vs.forEach(double)`): tester #16's G8. */
  private passedByName(fn: FunctionLike): { name: ts.Identifier; use: ts.Node } | undefined {
    const { ts } = this;
    const name = ts.isFunctionDeclaration(fn) ? fn.name : ts.isVariableDeclaration(fn.parent) ? fn.parent.name : undefined;
    const symbol = name && ts.isIdentifier(name) ? symbolOf(this.planner.facts.ctx, name) : undefined;
    if (!symbol || !name || !ts.isIdentifier(name)) return undefined;
    for (const ref of this.planner.facts.references(symbol)) {
      if (isDeclarationName(ts, ref) || (ts.isCallExpression(ref.parent) && ref.parent.expression === ref)) continue;
      return { name, use: ts.isCallExpression(ref.parent) ? ref.parent : ref };
    }
    return undefined;
  }




}

/** Every call of the function, when all are in this file and nothing else names it (not exported, passed or stored). */
export function callsInSight(facts: FileFacts, fn: FunctionLike): ts.CallExpression[] | undefined {
  const { ts } = facts;
  const name = ts.isFunctionDeclaration(fn) ? fn.name : ts.isVariableDeclaration(fn.parent) ? fn.parent.name : undefined;
  const symbol = name && ts.isIdentifier(name) ? symbolOf(facts.ctx, name) : undefined;
  if (!symbol || exportedName(facts.ctx, fn) || inNamespace(ts, fn)) return undefined;
  if (ts.isVariableDeclaration(fn.parent) && !facts.isFileLocal(fn.parent.name as ts.Identifier)) return undefined;
  const calls: ts.CallExpression[] = [];
  for (const ref of facts.references(symbol)) {
    if (isDeclarationName(ts, ref)) continue;
    const call = ref.parent;
    if (!ts.isCallExpression(call) || call.expression !== ref) return undefined;
    calls.push(call);
  }
  return calls;
}

/** The type's own properties or its fields' (a few levels down) include a getter or setter. */
function hasAccessors(ctx: AnalysisContext, type: ts.Type, depth = 0): boolean {
  const { ts } = ctx;
  if (depth > 3 || type.getCallSignatures().length > 0) return false; // (a method's type: no fields of the data)
  for (const property of type.getProperties()) {
    if (property.flags & (ts.SymbolFlags.GetAccessor | ts.SymbolFlags.SetAccessor)) return true;
    const declaration = property.valueDeclaration;
    if (declaration && hasAccessors(ctx, ctx.checker.getTypeOfSymbolAtLocation(property, declaration), depth + 1)) return true;
  }
  return false;
}
