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
 * parallelism of the calls such functions make, never the output.
 */
import type * as ts from 'typescript';
import { isFunctionLike, isPrimitiveNode, symbolOf, type FunctionLike } from '../analysis/context';
import { codeReachedFrom } from '../analysis/reached-code';
import { reasonAt } from '../analysis/reason';
import { isReference } from './syntax';
import type { ParameterPlanner } from './parameter-waits';
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
    const runs = [fn, ...codeReachedFrom(ctx, fn).filter((code) => code.getSourceFile() === source)];
    for (const [call, task] of submissions) {
      // (A fenced call is waited for wherever a value of a type it writes is read: fences.ts.)
      if (!planner.plan.submissions.has(call) || planner.plan.fenced.has(call) || !runs.some((code) => call.pos >= code.pos && call.end <= code.end)) continue;
      for (const [i, arg] of call.arguments.entries()) {
        const direction = task.params[Math.min(i, task.params.length - 1)]?.direction ?? 'inout';
        if (direction === 'in') continue;
        const root = writtenRoot(planner, arg);
        if (!root || !watched.has(root) || !seenFrom(ctx, root, fn)) continue;
        const written = new WrittenTypes(ctx, [ctx.checker.getTypeAtLocation(arg)]);
        const param = parameters.find((p) => written.mayReach(ctx.checker.getTypeAtLocation(p.name)));
        if (!param) continue;
        planner.keepDirect(call, task, reasonAt(param, `parameter \`${param.name.getText()}\` of a function that runs this call may be, ` +
          `or hold, \`${root.name}\` (the caller chooses), and its reads do not wait for the task`));
        changed = true;
        break;
      }
    }
  }
  return changed;
}

/** The file's functions with a parameter that may hold an object (task bodies run in workers: not theirs). */
function functionsWithObjectParameters(planner: ParameterPlanner): FunctionLike[] {
  const { ctx, source } = planner.facts;
  const found: FunctionLike[] = [];
  const visit = (node: ts.Node): void => {
    if (isFunctionLike(ctx, node)) {
      if (planner.facts.tasks.has(node)) return;
      if (node.body && node.parameters.some((p) => !isPrimitiveNode(ctx, p.name))) found.push(node);
    }
    ctx.ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/**
 * Object parameters the function uses and the plan does not follow (a name it waits at); all of them when the function
 * names `arguments` (its own, not an inner ordinary function's). Given to a submitted task is no use: the task gets the
 * object itself, after the writes before it.
 */
function usedObjectParameters(planner: ParameterPlanner, fn: FunctionLike, watched: ReadonlySet<ts.Symbol>): ts.ParameterDeclaration[] {
  const { ctx } = planner.facts;
  const { ts } = ctx;
  const candidates = fn.parameters.filter((p) => {
    if (isPrimitiveNode(ctx, p.name)) return false;
    const symbol = ts.isIdentifier(p.name) ? symbolOf(ctx, p.name) : undefined;
    return !symbol || !watched.has(symbol);
  });
  if (candidates.length === 0) return [];
  const symbols = new Map(candidates.flatMap((p) => {
    const symbol = ts.isIdentifier(p.name) ? symbolOf(ctx, p.name) : undefined;
    return symbol ? [[symbol, p] as const] : [];
  }));
  const used = new Set<ts.ParameterDeclaration>(candidates.filter((p) => !ts.isIdentifier(p.name))); // (a pattern: its parts are read at once, kept as locals)
  let namesArguments = false;
  const visit = (node: ts.Node, own: boolean): void => {
    if (ts.isIdentifier(node) && isReference(ts, node)) {
      if (own && node.text === 'arguments') namesArguments = true;
      const symbol = symbolOf(ctx, node);
      const param = symbol && symbols.get(symbol);
      // (Given to a submitted task, it travels as the object itself, after the task's writes: `total(t)`.)
      if (param && node !== param.name && !isSubmittedArgument(planner, node)) used.add(param);
    }
    // `arguments` in an arrow is its enclosing function's; in an inner ordinary function, that function's own.
    const stillOwn = own && !(isFunctionLike(ctx, node) && !ts.isArrowFunction(node) && node !== fn);
    ts.forEachChild(node, (child) => visit(child, stillOwn));
  };
  if (fn.body) visit(fn.body, true);
  return namesArguments ? candidates : candidates.filter((p) => used.has(p));
}

function isSubmittedArgument(planner: ParameterPlanner, ref: ts.Identifier): boolean {
  const { ts } = planner.facts;
  let node: ts.Node = ref;
  while (ts.isParenthesizedExpression(node.parent) || ts.isNonNullExpression(node.parent) || ts.isAsExpression(node.parent)) node = node.parent;
  return ts.isCallExpression(node.parent) && node.parent.arguments.includes(node as ts.Expression) && planner.plan.submissions.has(node.parent);
}

/** The followed name a written argument reaches: itself (`q`), or the container it is a part of (`ps[0]`). */
function writtenRoot(planner: ParameterPlanner, arg: ts.Expression): ts.Symbol | undefined {
  const { ts, ctx } = planner.facts;
  let base = arg;
  while (ts.isParenthesizedExpression(base) || ts.isNonNullExpression(base) || ts.isAsExpression(base)) base = base.expression;
  const own = ts.isIdentifier(base) ? symbolOf(ctx, base) : undefined;
  return own ?? planner.containers.rootOf(arg);
}

/** Declared where `fn` sees it: at the module's top, or in a function around `fn` (not one of `fn`'s own names). */
function seenFrom(ctx: ParameterPlanner['facts']['ctx'], symbol: ts.Symbol, fn: FunctionLike): boolean {
  const declaration = symbol.valueDeclaration;
  if (!declaration) return false;
  if (declaration.pos >= fn.pos && declaration.end <= fn.end) return false;
  for (let n: ts.Node | undefined = declaration.parent; n; n = n.parent) {
    if (isFunctionLike(ctx, n)) return fn.pos >= n.pos && fn.end <= n.end;
  }
  return true;
}
