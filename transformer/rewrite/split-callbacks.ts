/**
 * A task whose value is used at once inside an array method's callback: `Math.max(...xs.map((x) => stats(x).max))`,
 * `xs.filter((x) => score(x) > 0.5)`, `xs.reduce((s, x) => s + total(x), 0)`. Waiting where the value is used would
 * run the calls one at a time. Split instead: submit the task for every element first, then run the callback with
 * each result in place of the call (`__taskify.eachThen`, runtime/api/each-then.ts).
 *
 * That is the plain program's output only when nothing can tell the two orders apart, so the split needs:
 * - the receiver: an array of the library (a typed array's `map` would turn Futures into numbers; a subclass of the
 *   program's may override the method), evaluated once as the plain call evaluates it (`[0, 1, 2].map(…)`,
 *   `rows.filter(…).map(…)`), holding no task call of its own;
 * - the callback: an arrow function whose body is one expression (or one `return`; for forEach, one statement),
 *   possibly after `const`s bound to plain names (`{ const r = run(n); return { name, r }; }`) and expression
 *   statements (`count++;`, judged as the rest), with plain parameters, holding its task calls (this one and any other of a reorderable task), each evaluated
 *   on every path or under conditions the first pass can evaluate as the second will (`j.n ? spin(j.n) : undefined`,
 *   `a && f(x)`: simple reads, guards.ts; not after a `?.`), and otherwise only reads and operators, its arguments too: no other call but
 *   `Math.*`, methods of numbers and strings and `console.log` (printed in its place), no operator that could call an object's valueOf or toString, no
 *   assignment but a store the first pass cannot see (unseen-stores.ts) or to a primitive variable of the enclosing code
 *   the first pass does not read (`t += norm(a)`: the use half runs in element order, as the plain callbacks did), no
 *   `new`, `await`, `yield`, `delete` or nested function; a task call may be another's argument (`norm(prepare(n))`:
 *   submitted inside the outer submission, its Future the argument);
 * - the task: silent (prints.ts), reading every object it is given (`in`): submitting the later elements' calls
 *   before the earlier results are used changes nothing anyone can see, even when one of them fails; module state it
 *   reads is taken at each submission, so then the callback may store nothing;
 * - for `reduce`, the task's arguments do not use the accumulator (the submissions run before any step).
 */
import type * as ts from 'typescript';
import { isPrint, isReorderableAmongReads, isSimpleArgument, onlyReadsItself } from './only-reads';
import { guardsOf, type Guard } from './guards';
import { aheadTogether, evaluatedAhead, storesUnseenAhead } from './ahead-calls';
import { helperHalvesOf } from './helper-halves';
import { bindsPlainly, isCollection, isPlainConstant } from './loop-headers';
import { mentionsAny, skipTransparent, withWrappers } from './syntax';
import { isPrimitiveNode, qualifiedName } from '../analysis/context';
import { isLibrary, isOverridable } from './library-uses';
import { runtimeShapes } from './runtime-shapes';
import type { TaskInfo } from '../analysis/discover';
import type { FileFacts } from './file-facts';
import { unseenStoreParts } from './unseen-stores';

export type SplitMethod = 'map' | 'filter' | 'reduce' | 'flatMap' | 'forEach';
const METHODS = new Set<string>(['map', 'filter', 'reduce', 'flatMap', 'forEach']);

export interface SplitCallback {
  /** `xs.map(cb)`: the call that is emitted as `__taskify.eachThen(xs, 'map', submit, use)`. */
  readonly methodCall: ts.CallExpression;
  readonly method: SplitMethod;
  readonly callback: ts.ArrowFunction;
  /**
   * The task calls inside the callback, in the order the callback makes them, submitted for every element first
   * (`xs.map((x) => ({ a: sq(x), b: cube(x) }))` has two).
   */
  readonly taskCalls: readonly ts.CallExpression[];
  /** For each task call, the conditions under which the callback makes it (none: always), tested in the first pass too. */
  readonly guards: readonly (readonly Guard[])[];
  /** The body's constants the calls' arguments may name (`const k = n * 2`), computed in the submission half too. */
  readonly prelude: readonly ts.VariableStatement[];
  /** `Array.from(source, callback)`: split as `Array.from(source).map(callback)`. */
  readonly from?: ts.Expression;
}

/**
 * The split for a task call whose value is needed at once, if one is safe (see above); `task` undefined: the call of a
 * helper with halves (helper-halves.ts), split the same way.
 */
export function splitCallbackOf(facts: FileFacts, call: ts.CallExpression, task: TaskInfo | undefined): SplitCallback | undefined {
  const { ts, ctx } = facts;
  const callback = enclosingArrow(ts, call);
  if (!callback || callback.parameters.some((p) => !bindsPlainly(facts, p.name) || p.initializer || p.dotDotDotToken)) return undefined;
  const methodCall = callback.parent;
  if (!ts.isCallExpression(methodCall)) return undefined;
  // (After the shape: whether the task is silent is a scan of all it runs, and most task calls are in no callback.)
  if (task && !isReorderableAmongReads(task)) return undefined;
  const from = arrayFromSource(facts, methodCall, callback);
  // The array walked: `Array.from`'s source, or the method's receiver.
  let source: ts.Expression;
  let method: SplitMethod;
  if (from) {
    source = from;
    method = 'map';
  } else {
    if (methodCall.arguments[0] !== callback || !ts.isPropertyAccessExpression(methodCall.expression)) return undefined;
    source = methodCall.expression.expression;
    const name = methodCall.expression.name.text;
    const type = ctx.checker.getTypeAtLocation(source);
    if (!METHODS.has(name) || !(ctx.checker.isArrayType(type) || ctx.checker.isTupleType(type)) || isOverridable(runtimeShapes(ctx), type)) return undefined;
    method = name as SplitMethod;
  }
  const body = bodyOf(facts, callback);
  if (!body || facts.holdsTaskCall(source)) return undefined;
  const parts = [...body.constants.flatMap((s) => s.declarationList.declarations.map((d) => d.initializer!)), ...body.statements, body.result];
  const taskCalls = parts.flatMap((part) => reorderableCalls(facts, part));
  // The constants before the first call, bound to simple values (`const k = n * 2`), are computed in the submission
  // half too; the calls' arguments may name them, not the later ones.
  const prelude = preludeOf(facts, body.constants, taskCalls);
  if (!aheadTogether(facts, taskCalls)) return undefined;
  // Each call made for the elements the plain callback makes it for: always, or under conditions the first pass tests
  // as the second will (simple reads, evaluated with the arguments; not after a `?.`).
  const guards = taskCalls.map((c) => guardsOf(ts, c, parts.find((part) => c.pos >= part.pos && c.end <= part.end)!));
  if (guards.some((g) => !g || !g.every((guard) => isSimpleArgument(facts, guard.condition)))) return undefined;
  const conditions = (guards as Guard[][]).flatMap((g) => g.map((guard) => guard.condition));
  const firstPass = [...taskCalls.flatMap((c) => evaluatedAhead(facts, c)), ...conditions,
    ...prelude.flatMap((s) => s.declarationList.declarations.map((d) => d.initializer!))];
  const later = new Set<string>();
  for (const statement of body.constants) if (!prelude.includes(statement)) for (const d of statement.declarationList.declarations) bindsPlainly(facts, d.name, later);
  // Primitive variables the use half assigns: nothing the first pass evaluates may read them (`const k = n + t`).
  const assigned = new Set(parts.flatMap((part) => primitivesAssigned(facts, part, callback)));
  if (assigned.size > 0 && [...taskCalls, ...conditions, ...prelude].some((c) => mentionsAny(ts, c, assigned))) return undefined;
  if (!storesUnseenAhead(facts, taskCalls, [source, ...firstPass])) return undefined;
  if (!taskCalls.includes(call) || [...taskCalls, ...conditions].some((c) => mentionsAny(ts, c, later)) ||
    !parts.every((part) => onlyReads(facts, part, taskCalls, callback, source, firstPass))) return undefined;
  if (method === 'reduce') {
    const accumulator = callback.parameters[0];
    if (!accumulator || !ts.isIdentifier(accumulator.name) || methodCall.arguments.length < 2 ||
      [...taskCalls, ...prelude].some((c) => mentionsAny(ts, c, new Set([(accumulator.name as ts.Identifier).text])))) return undefined;
  }
  return { methodCall, method, callback, taskCalls, guards: guards as Guard[][], prelude, ...(from ? { from } : {}) };
}

/**
 * `Array.from({ length: n }, cb)` or `Array.from(xs, cb)` over a collection of the library: the source, whose
 * iteration runs none of the program's code, so iterating it all before the callbacks run is what the plain call saw.
 */
function arrayFromSource(facts: FileFacts, methodCall: ts.CallExpression, callback: ts.ArrowFunction): ts.Expression | undefined {
  const { ts, ctx } = facts;
  // (Its callback is given an element and its index, never the array a `map` would add as a third argument.)
  if (methodCall.arguments.length !== 2 || methodCall.arguments[1] !== callback || callback.parameters.length > 2) return undefined;
  if (qualifiedName(ts, methodCall.expression) !== 'Array.from' || !isLibrary(ctx, methodCall.expression)) return undefined;
  const source = methodCall.arguments[0];
  const lengthOnly = ts.isObjectLiteralExpression(source) && source.properties.length === 1 && ts.isPropertyAssignment(source.properties[0]) &&
    ts.isIdentifier(source.properties[0].name) && source.properties[0].name.text === 'length' && isPrimitiveNode(ctx, source.properties[0].initializer);
  return lengthOnly || isCollection(facts, source) ? source : undefined;
}

/** The arrow function whose result expression holds the call, with no function between them. */
function enclosingArrow(t: typeof ts, call: ts.Node): ts.ArrowFunction | undefined {
  for (let n = call.parent; n; n = n.parent) {
    if (t.isArrowFunction(n)) return n;
    if (t.isFunctionLike(n) || t.isStatement(n) && !t.isReturnStatement(n) && !t.isExpressionStatement(n) && !t.isBlock(n) && !t.isVariableStatement(n)) return undefined;
  }
  return undefined;
}

interface CallbackBody {
  /** `const r = run(n)`, `const { mean, sd } = stats(x)`: constants bound plainly (loop-headers.ts), before the result. */
  readonly constants: readonly ts.VariableStatement[];
  /** `count++;`, `console.log(x);` between them: expression statements, judged as any other part (onlyReads). */
  readonly statements: readonly ts.Expression[];
  readonly result: ts.Expression;
}

/**
 * The callback's body, its one `return` (or, what forEach ignores anyway, its one statement), after constants
 * (tester #19's F5: `{ const r = run(n); return { name, r }; }`) and expression statements (`{ count++; return f(x); }`).
 */
function bodyOf(facts: FileFacts, fn: ts.ArrowFunction): CallbackBody | undefined {
  const t = facts.ts;
  if (!t.isBlock(fn.body)) return { constants: [], statements: [], result: fn.body };
  const statements = fn.body.statements;
  const last = statements[statements.length - 1];
  const result = last && (t.isReturnStatement(last) || t.isExpressionStatement(last)) ? last.expression : undefined;
  const before = statements.slice(0, -1);
  const constants = before.filter((s): s is ts.VariableStatement => isPlainConstant(facts, s));
  const others = before.filter((s) => !constants.includes(s as ts.VariableStatement));
  if (!result || !others.every((s) => t.isExpressionStatement(s))) return undefined;
  return { constants, statements: others.map((s) => (s as ts.ExpressionStatement).expression), result };
}

/** The leading constants bound to simple values (only-reads.ts isSimpleArgument) before any task call. */
function preludeOf(facts: FileFacts, constants: readonly ts.VariableStatement[], taskCalls: readonly ts.CallExpression[]): ts.VariableStatement[] {
  const prelude: ts.VariableStatement[] = [];
  for (const statement of constants) {
    const values = statement.declarationList.declarations.map((d) => d.initializer!);
    if (taskCalls.some((c) => c.pos >= statement.pos && c.end <= statement.end) || !values.every((v) => isSimpleArgument(facts, v))) break;
    prelude.push(statement);
  }
  return prelude;
}

/** The calls of reorderable tasks in the expression (none nested in another: arguments must be simple), in source order. */
function reorderableCalls(facts: FileFacts, body: ts.Expression): ts.CallExpression[] {
  const { ts } = facts;
  const calls: ts.CallExpression[] = [];
  const visit = (n: ts.Node): void => {
    if (ts.isFunctionLike(n)) return;
    if (ts.isCallExpression(n)) {
      const task = facts.taskOf(n);
      if (task ? isReorderableAmongReads(task) : helperHalvesOf(facts, n)) calls.push(n);
    }
    ts.forEachChild(n, visit);
  };
  visit(body);
  // `norm(prepare(n))`: the inner call is submitted inside the outer one's submission, its Future as the argument.
  return calls.filter((c) => !calls.some((outer) => nestedIn(facts, c, outer)));
}

/** `inner` is a whole argument of the task call `outer` (through parentheses and assertions), which takes its Future. */
function nestedIn(facts: FileFacts, inner: ts.CallExpression, outer: ts.CallExpression): boolean {
  if (!facts.taskOf(inner) || !facts.taskOf(outer) || facts.taskOf(outer)!.claims) return false;
  return outer.arguments.includes(withWrappers(facts.ts, inner));
}

/** An argument the first pass evaluates as the second would: simple (only-reads.ts), or a task call nested in `outer` of such. */
function aheadArgument(facts: FileFacts, arg: ts.Expression, outer: ts.CallExpression): boolean {
  const { ts } = facts;
  if (isSimpleArgument(facts, arg) || (ts.isSpreadElement(arg) && ts.isIdentifier(arg.expression))) return true;
  const inner = skipTransparent(ts, arg);
  const task = ts.isCallExpression(inner) ? facts.taskOf(inner) : undefined;
  return task !== undefined && isReorderableAmongReads(task) && nestedIn(facts, inner as ts.CallExpression, outer) &&
    evaluatedAhead(facts, inner as ts.CallExpression).every((a) => aheadArgument(facts, a, inner as ts.CallExpression));
}

/**
 * Apart from the task calls, the expression only reads (names, literals, accesses, operators, `Math.*` calls), prints
 * and stores into containers out of reach of what the first pass evaluates (unseen-stores.ts: `(x, i) => m.set(i, stats(x))`).
 */
function onlyReads(facts: FileFacts, body: ts.Expression, taskCalls: readonly ts.CallExpression[], callback: ts.ArrowFunction, source: ts.Expression,
  firstPass: readonly ts.Node[]): boolean {
  const { ts } = facts;
  const readsState = taskCalls.some((call) => facts.taskOf(call)?.moduleState?.length);
  let ok = true;
  const visit = (n: ts.Node): void => {
    if (!ok) return;
    if (ts.isCallExpression(n) && taskCalls.includes(n)) {
      const taskCall = n;
      // Its arguments are evaluated in the first pass, before the earlier elements' results are used: names,
      // literals, arithmetic on numbers and reads of plain data (only-reads.ts isSimpleArgument), as split loops take.
      if (!evaluatedAhead(facts, taskCall).every((arg) => aheadArgument(facts, arg, taskCall))) ok = false;
      return;
    }
    const assigned = assignedPrimitive(facts, n, callback);
    if (assigned) { if (assigned !== true) visit(assigned); return; }
    // (A store could change the module state a task reads: its snapshot is taken in the first pass, before it.)
    const stored = readsState ? undefined : unseenStoreParts(facts, n, [source, ...firstPass], { iterated: source, bindings: callback.parameters });
    if (stored) { stored.forEach(visit); return; }
    if (ts.isCallExpression(n) && isPrint(ts, n)) { n.arguments.forEach(visit); return; }
    // `const [a, b] = split(n)`: a helper's call that may be evaluated at any time (tester #27's r09).
    if (ts.isCallExpression(n) && !facts.taskOf(n) && isSimpleArgument(facts, n)) return;
    if (!onlyReadsItself(facts, n)) { ok = false; return; }
    ts.forEachChild(n, visit);
  };
  visit(body);
  return ok;
}

/**
 * `t += norm(a)`, `count++`, `best = v`: an assignment to a primitive variable declared outside the callback. Returns
 * the value assigned, to check as any other part (true when there is none to check), or undefined for other nodes.
 */
function assignedPrimitive(facts: FileFacts, n: ts.Node, callback: ts.ArrowFunction): ts.Expression | true | undefined {
  const { ts, ctx } = facts;
  const K = ts.SyntaxKind;
  const outer = (target: ts.Expression) => ts.isIdentifier(target) && isPrimitiveNode(ctx, target) && declaredOutside(facts, target, callback);
  if (ts.isBinaryExpression(n) && n.operatorToken.kind >= K.FirstAssignment && n.operatorToken.kind <= K.LastAssignment && outer(n.left) &&
    (n.operatorToken.kind === K.EqualsToken || isPrimitiveNode(ctx, n.right))) return n.right;
  if ((ts.isPrefixUnaryExpression(n) || ts.isPostfixUnaryExpression(n)) && (n.operator === K.PlusPlusToken || n.operator === K.MinusMinusToken) &&
    outer(n.operand)) return true;
  return undefined;
}

function declaredOutside(facts: FileFacts, id: ts.Identifier, callback: ts.ArrowFunction): boolean {
  const declaration = facts.ctx.checker.getSymbolAtLocation(id)?.valueDeclaration;
  return declaration !== undefined && (declaration.pos < callback.pos || declaration.end > callback.end);
}

/** The names of the primitive variables of the enclosing code that `part` assigns. */
function primitivesAssigned(facts: FileFacts, part: ts.Node, callback: ts.ArrowFunction): string[] {
  const { ts } = facts;
  const names: string[] = [];
  const visit = (n: ts.Node): void => {
    if (assignedPrimitive(facts, n, callback) !== undefined) {
      const target = ts.isBinaryExpression(n) ? n.left : (n as ts.PrefixUnaryExpression | ts.PostfixUnaryExpression).operand;
      names.push((target as ts.Identifier).text);
    }
    ts.forEachChild(n, visit);
  };
  visit(part);
  return names;
}
