/**
 * A parameter may be an object the plan follows under its own name: `function g(x: P) { bumpOne(q); return x.score }`
 * called as `g(q)` (the caller chooses). The plan waits where `q` is read, not where `x` is, so the read saw the score
 * from before the task (and `arguments[0]` is `x` under another name). The same holds when the task is submitted by a
 * function `g` calls (`function bumpQ() { bumpOne(q) }`), or when `g` is nested in the function declaring `q`.
 *
 * A parameter the plan follows itself (parameters.ts, parameter-waits.ts) waits at its own reads; so does a container
 * it relies on. For any other object parameter of a function that may run a task writing such an object, declared
 * where the function sees it (the module, an enclosing function), the task call stays direct when the parameter's type
 * may be or hold the written object's (written-types.ts): `function run(labels: string[]) { scale(grid, 2) }` keeps its
 * call. Waiting at the parameter's reads instead would need its parts waited for too; a direct call costs the
 * parallelism of the calls such functions make, never the output. A function of another file is judged at its calls
 * here (keepWritesRunByOtherFiles).
 */
import type * as ts from 'typescript';
import { boundNames, calledFunction, isFunctionLike, isPrimitiveNode, symbolOf, type FunctionLike } from '../analysis/context';
import { codeReachedFrom } from '../analysis/reached-code';
import { reasonAt } from '../analysis/reason';
import { isReference, isSynchronousCallback, namesOwnArguments, skipTransparent, withWrappers } from './syntax';
import { callsInSight, type ParameterPlanner } from './parameter-waits';
import { callsFunctionValue, codeSurelyRunAt, functionValues } from './code-run-at';
import { censusOf } from '../analysis/syntax-census';
import { WrittenTypes } from './written-types';

/** Keeps direct such task calls; true when some call changed (the plan decides again). */
export function keepOuterWritesFromParameters(planner: ParameterPlanner): boolean {
  const { ctx, source } = planner.facts;
  const watched = new Set([...planner.followed, ...planner.containers.relied()]);
  const submissions = [...planner.plan.submissions];
  if (submissions.length === 0) return false;
  let changed = false;
  for (const fn of functionsWithObjectParameters(planner)) {
    const parameters = usedObjectParameters(planner, fn, watched);
    if (parameters.length === 0) continue;
    const reached = codeRunFrom(planner, fn);
    for (const [call, task] of submissions) {
      // (A fenced call is waited for wherever a value of a type it writes is read: fences.ts.)
      if (!planner.plan.submissions.has(call) || planner.plan.fenced.has(call)) continue;
      const own = runsWhereWritten(planner, call, fn);
      const inside = call.pos >= fn.pos && call.end <= fn.end;
      if (!inside && !reached.some((code) => call.pos >= code.pos && call.end <= code.end && code.getSourceFile() === source)) continue;
      // Read after the call: a use later in the text, in a loop around both, or in a function made there. (Run by a
      // function the call reaches, or one `fn` makes, any use: where that one runs in `fn` is not followed.)
      const readAfter = parameters.filter(({ uses }) => !own || uses === 'all' || uses.some((use) => mayRunAfter(planner, use, call, fn)));
      for (const [i, arg] of call.arguments.entries()) {
        const direction = task.params[Math.min(i, task.params.length - 1)]?.direction ?? 'inout';
        if (direction === 'in') continue;
        const root = writtenRoot(planner, arg);
        if (!root || !watched.has(root) || !seenFrom(ctx, root, fn)) continue;
        const written = new WrittenTypes(ctx, [ctx.checker.getTypeAtLocation(arg)]);
        const param = readAfter.find(({ declaration }) => written.mayReach(ctx.checker.getTypeAtLocation(declaration.name)))?.declaration;
        if (!param) continue;
        planner.keepDirect(call, task, reasonAt(param, `parameter \`${param.name.getText()}\` of a function that runs this call may be, ` +
          `or hold, \`${root.name}\` (the caller chooses), and its reads do not wait for the task`));
        changed = true;
        break;
      }
    }
  }
  return changed || keepWritesRunByOtherFiles(planner, watched);
}

/**
 * The same seen from the caller, for a function of another file, whose own pass does not see this file's task calls:
 * `apply(q, bump)` where `apply(x, f)` runs `f`, which submits `bumpOne(q)`, then reads `x.score`. A task call of this
 * file the callee may run (through a function handed to it, a function value it calls, what they reach) writing an
 * object the call also hands it stays direct.
 */
function keepWritesRunByOtherFiles(planner: ParameterPlanner, watched: ReadonlySet<ts.Symbol>): boolean {
  const { ctx, source } = planner.facts;
  const { ts } = ctx;
  for (const node of censusOf(ctx, source).nodes) {
    if (!ts.isCallExpression(node) || planner.plan.submissions.has(node)) continue;
    const callee = calledFunction(ctx, node);
    const file = callee?.getSourceFile();
    if (!callee || !file || file === source || file.isDeclarationFile || planner.facts.tasks.has(callee)) continue;
    const handed = new Set(node.arguments.flatMap((arg) => { const root = writtenRoot(planner, arg); return root && watched.has(root) ? [root] : []; }));
    if (handed.size === 0) continue;
    const runs = [...codeRunFrom(planner, callee), ...codeSurelyRunAt(planner.facts, node).flatMap((fn) => [fn, ...codeReachedFrom(ctx, fn)])]
      .filter((code) => code.getSourceFile() === source);
    if (runs.length === 0) continue;
    for (const [call, task] of planner.plan.submissions) {
      if (planner.plan.fenced.has(call) || !runs.some((code) => call.pos >= code.pos && call.end <= code.end)) continue;
      const root = call.arguments
        .map((arg, i) => (task.params[Math.min(i, task.params.length - 1)]?.direction ?? 'inout') === 'in' ? undefined : writtenRoot(planner, arg))
        .find((r) => r !== undefined && handed.has(r));
      if (!root) continue;
      planner.keepDirect(call, task, reasonAt(node, `\`${root.name}\` is handed to a function of another file that may run this call, ` +
        `then read it without waiting for the task`));
      return true;
    }
  }
  return false;
}

/** The file's functions with a parameter that may hold an object (task bodies run in workers: not theirs). */
function functionsWithObjectParameters(planner: ParameterPlanner): FunctionLike[] {
  const { ctx, source } = planner.facts;
  // (The file's nodes in source order, found once per file: syntax-census.ts; not a walk per planning round.)
  return censusOf(ctx, source).nodes.filter((node): node is FunctionLike => isFunctionLike(ctx, node) && node.body !== undefined &&
    !planner.facts.tasks.has(node) && !insideTask(planner, node) && node.parameters.some((p) => !isPrimitiveNode(ctx, p.name)));
}

function insideTask(planner: ParameterPlanner, fn: ts.Node): boolean {
  for (let n = fn.parent; n; n = n.parent) if (isFunctionLike(planner.facts.ctx, n) && planner.facts.tasks.has(n)) return true;
  return false;
}

/** An object parameter and where the function uses it (`all`: through `arguments`, or anywhere). */
interface UsedParameter { readonly declaration: ts.ParameterDeclaration; readonly uses: readonly ts.Node[] | 'all' }

/**
 * Object parameters the function uses and the plan does not follow (a name it waits at), with their uses; all of them
 * when the function names `arguments` (its own, not an inner ordinary function's). Given to a submitted task is no
 * use: the task gets the object itself, after the writes before it. Not a parameter every call in sight gives an
 * object made there (`freshOnly({ name: 'z', score: 0 })`), nor a pattern binding only numbers and strings.
 */
function usedObjectParameters(planner: ParameterPlanner, fn: FunctionLike, watched: ReadonlySet<ts.Symbol>): UsedParameter[] {
  const { ctx } = planner.facts;
  const { ts } = ctx;
  const calls = callsInSight(planner.facts, fn);
  const candidates = fn.parameters.filter((p, index) => {
    if (isPrimitiveNode(ctx, p.name) || boundNames(ctx, p.name).every((name) => isPrimitiveNode(ctx, name))) return false;
    if (calls?.every((call) => { const arg = call.arguments[index]; return arg ? planner.isFresh(arg) : !p.initializer; }) && !p.dotDotDotToken) return false;
    const symbol = ts.isIdentifier(p.name) ? symbolOf(ctx, p.name) : undefined;
    return !symbol || !watched.has(symbol);
  });
  if (candidates.length === 0) return [];
  const symbols = new Map(candidates.flatMap((p) => {
    const symbol = ts.isIdentifier(p.name) ? symbolOf(ctx, p.name) : undefined;
    return symbol ? [[symbol, p] as const] : [];
  }));
  const uses = new Map<ts.ParameterDeclaration, ts.Node[]>();
  const visit = (node: ts.Node): void => {
    if (ts.isIdentifier(node) && isReference(ts, node)) {
      const symbol = symbolOf(ctx, node);
      const param = symbol && symbols.get(symbol);
      if (param && node !== param.name && !isSubmittedArgument(planner, node)) uses.set(param, [...(uses.get(param) ?? []), node]);
    }
    ts.forEachChild(node, visit);
  };
  if (fn.body) visit(fn.body);
  const namesArguments = namesOwnArguments(ctx, fn);
  // (A pattern's parts are locals taken at the call: used anywhere, for all this knows.)
  return candidates.flatMap((declaration): UsedParameter[] => {
    if (namesArguments || !ts.isIdentifier(declaration.name)) return [{ declaration, uses: 'all' }];
    const found = uses.get(declaration);
    return found ? [{ declaration, uses: found }] : [];
  });
}

/**
 * The use may run after the call, both in `fn`: later in the text, in a loop of `fn` holding both, or in a function
 * made in `fn` (called later, for all this knows).
 */
function mayRunAfter(planner: ParameterPlanner, use: ts.Node, call: ts.Node, fn: FunctionLike): boolean {
  const { ctx } = planner.facts;
  if (use.pos >= call.end) return true;
  for (let n: ts.Node | undefined = use.parent; n && n !== fn; n = n.parent) {
    if (isFunctionLike(ctx, n)) return true;
    if (ctx.ts.isIterationStatement(n, false) && call.pos >= n.pos && call.end <= n.end) return true;
  }
  return false;
}

/**
 * The call is in `fn`'s own code, or in a callback an array method runs where it is written: it runs where it stands
 * (not in a function `fn` makes, which may run anywhere: `hoisted()` before its declaration's place in the text).
 */
function runsWhereWritten(planner: ParameterPlanner, call: ts.Node, fn: FunctionLike): boolean {
  const { ctx } = planner.facts;
  if (call.pos < fn.pos || call.end > fn.end) return false;
  for (let n: ts.Node | undefined = call.parent; n && n !== fn; n = n.parent) {
    if (isFunctionLike(ctx, n) && !isSynchronousCallback(ctx.ts, n)) return false;
  }
  return true;
}

/**
 * The code a call of `fn` may run: the program functions it reaches, and when some of that code calls a function value
 * the analysis cannot name (`hook()`), every function of the program handed around as a value that runs tasks.
 */
function codeRunFrom(planner: ParameterPlanner, fn: FunctionLike): readonly ts.Node[] {
  const { ctx } = planner.facts;
  const reached = codeReachedFrom(ctx, fn);
  let callsValue = false;
  const visit = (node: ts.Node): void => {
    if (callsValue) return;
    if (ctx.ts.isCallExpression(node) && !calledFunction(ctx, node) && callsFunctionValue(planner.facts, node)) { callsValue = true; return; }
    ctx.ts.forEachChild(node, visit);
  };
  for (const code of [fn, ...reached]) visit(code);
  if (!callsValue) return reached;
  // (A function declared by name is such a value only where the program names it other than calling it.)
  const values = functionValues(planner.facts).filter((value) => !ctx.ts.isFunctionDeclaration(value) || isNamedAsValue(planner, value));
  return [...reached, ...values, ...values.flatMap((value) => codeReachedFrom(ctx, value))];
}

function isNamedAsValue(planner: ParameterPlanner, fn: ts.FunctionDeclaration): boolean {
  const { ts, ctx } = planner.facts;
  const symbol = fn.name && symbolOf(ctx, fn.name);
  if (!symbol || fn.getSourceFile() !== planner.facts.source) return true; // (another file's: not looked into)
  return planner.facts.references(symbol).some((ref) => ref !== fn.name && !(ts.isCallExpression(ref.parent) && ref.parent.expression === ref));
}

function isSubmittedArgument(planner: ParameterPlanner, ref: ts.Identifier): boolean {
  const { ts } = planner.facts;
  const node = withWrappers(ts, ref);
  return ts.isCallExpression(node.parent) && node.parent.arguments.includes(node) && planner.plan.submissions.has(node.parent);
}

/** The followed name a written argument reaches: itself (`q`), or the container it is a part of (`ps[0]`). */
function writtenRoot(planner: ParameterPlanner, arg: ts.Expression): ts.Symbol | undefined {
  const { ts, ctx } = planner.facts;
  const base = skipTransparent(ts, arg);
  const own = ts.isIdentifier(base) ? symbolOf(ctx, base) : undefined;
  return own ?? planner.containers.rootOf(arg);
}

/** Declared where `fn` sees it: at the module's top, or in a function around `fn` (not one of `fn`'s own names). */
function seenFrom(ctx: ParameterPlanner['facts']['ctx'], symbol: ts.Symbol, fn: FunctionLike): boolean {
  const declaration = symbol.valueDeclaration;
  if (!declaration) return false;
  if (declaration.getSourceFile() !== fn.getSourceFile()) return true; // (another module's, imported)
  if (declaration.pos >= fn.pos && declaration.end <= fn.end) return false;
  for (let n: ts.Node | undefined = declaration.parent; n; n = n.parent) {
    if (isFunctionLike(ctx, n)) return fn.pos >= n.pos && fn.end <= n.end;
  }
  return true;
}
