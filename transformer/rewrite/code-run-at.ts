/**
 * The program functions one node of a try block may run, so that a task call in them counts as the block's
 * (task-runners.ts): a call's known callee; a class's constructor for `new C()`; a getter or setter for `o.v` (np40's
 * F10: a task failing in a constructor, setter or getter escaped the try); the functions a call is handed
 * (`each(xs, (x) => { fail(x) })`); and for a call of a function value the
 * analysis cannot name (a parameter `f()`, `jobs[i]()`, `hooks.before?.(d)`, a method of an interface, a listener
 * run by `emit`), every program function handed around as a value that may be it (np40's F7: a retry helper's
 * `try { fn() } catch`). Over-approximate: a try that may run one checks its tasks' failures, which costs a wait only
 * where it submitted some.
 */
import type * as ts from 'typescript';
import { calledFunction, isFunctionLike, type FunctionLike } from '../analysis/context';
import { programConstructor, skipParens } from '../analysis/expressions';
import { censusOf } from '../analysis/syntax-census';
import { functionOfSymbol } from '../analysis/function-of-symbol';
import { programAccessorsAt } from '../analysis/reached-code';
import type { FileFacts } from './file-facts';
import { runsTasks } from './task-runners';

export function codeRunAt(facts: FileFacts, node: ts.Node): readonly FunctionLike[] {
  const { ts, ctx } = facts;
  if (ts.isCallExpression(node)) {
    const surely = codeSurelyRunAt(facts, node);
    return calledFunction(ctx, node) || !callsFunctionValue(facts, node) ? surely : [...surely, ...functionValues(facts)];
  }
  if (ts.isNewExpression(node)) {
    const constructor = programConstructor(ctx, node);
    return constructor ? [constructor] : [];
  }
  if (ts.isPropertyAccessExpression(node)) return programAccessorsAt(ctx, node) as unknown as FunctionLike[];
  return [];
}

/**
 * The functions a call surely runs: its callee, and those handed to it (`each(xs, (x) => { fail(x) })`, `xs.forEach(one)`);
 * not every function value of the program, which codeRunAt adds for a call it cannot resolve.
 */
export function codeSurelyRunAt(facts: FileFacts, call: ts.CallExpression): FunctionLike[] {
  const { ts, ctx } = facts;
  const written = call.arguments.filter((arg): arg is ts.ArrowFunction | ts.FunctionExpression => ts.isArrowFunction(arg) || ts.isFunctionExpression(arg));
  const handed = [...written as unknown as FunctionLike[], ...namedFunctionsAt(facts, call)];
  const callee = calledFunction(ctx, call);
  return callee ? [callee, ...handed] : handed;
}

/**
 * A call whose callee is a value of the program (a parameter, a variable, an element, a property its own types
 * declare) the analysis could not resolve, or `emit` of an event emitter, which runs the listeners handed to it.
 */
export function callsFunctionValue(facts: FileFacts, call: ts.CallExpression): boolean {
  const { ts, ctx } = facts;
  const callee = skipParens(ts, call.expression);
  if (ts.isPropertyAccessExpression(callee) && callee.name.text === 'emit') return true;
  const named = ts.isPropertyAccessExpression(callee) ? callee.name : ts.isIdentifier(callee) ? callee : undefined;
  if (!named) return ts.isElementAccessExpression(callee) || ts.isCallExpression(callee);
  // (An import names what it imports: `setTimeout as sleep` of node:timers/promises is the library's.)
  let symbol = ctx.checker.getSymbolAtLocation(named);
  if (symbol && symbol.flags & ts.SymbolFlags.Alias) symbol = ctx.checker.getAliasedSymbol(symbol);
  const declarations = symbol?.declarations;
  return declarations === undefined || declarations.some((d) => !d.getSourceFile().isDeclarationFile);
}

/**
 * The program functions a call names without calling them by name: handed to it (`xs.forEach(one)`,
 * `Reflect.apply(one, …)`), or run through `one.call(…)`, `one.apply(…)`, `one.bind(…)`.
 */
export function namedFunctionsAt(facts: FileFacts, call: ts.CallExpression): FunctionLike[] {
  const { ts } = facts;
  const target = call.expression;
  const through = ts.isPropertyAccessExpression(target) && ['call', 'apply', 'bind'].includes(target.name.text) ? [target.expression] : [];
  return [...through, ...call.arguments].flatMap((e) => namedProgramFunction(facts, e) ?? []);
}

/** The program function a name holds (`one`, not an arrow written there), unless it is a task (a task call is seen as one). */
export function namedProgramFunction(facts: FileFacts, expr: ts.Expression): FunctionLike | undefined {
  const { ts, ctx } = facts;
  if (!ts.isIdentifier(expr)) return undefined;
  const symbol = ctx.checker.getSymbolAtLocation(expr);
  const fn = symbol && functionOfSymbol(ctx, symbol);
  return fn !== undefined && !fn.getSourceFile().isDeclarationFile && !facts.tasks.has(fn) ? fn : undefined;
}

/**
 * Program functions that may be handed around as values and run tasks: function expressions, arrows, methods, and
 * declarations (`const steps = [stepA]`). Once per program. (Over-approximate: each becomes a function a try may
 * call, which checks its tasks' failures before its lasting effects.)
 */
export function functionValues(facts: FileFacts): readonly FunctionLike[] {
  const program = facts.ctx.program;
  let found = perProgram.get(program);
  if (found) return found;
  const { ts } = facts;
  found = [];
  for (const file of program.getSourceFiles()) {
    if (file.isDeclarationFile || program.isSourceFileFromExternalLibrary(file)) continue;
    for (const node of censusOf(facts.ctx, file).nodes) {
      if ((ts.isArrowFunction(node) || ts.isFunctionExpression(node) || ts.isMethodDeclaration(node) || ts.isFunctionDeclaration(node)) && node.body && isFunctionLike(facts.ctx, node) &&
        !facts.tasks.has(node as FunctionLike) && runsTasks(facts, node as FunctionLike)) found.push(node as FunctionLike);
    }
  }
  perProgram.set(program, found);
  return found;
}
const perProgram = new WeakMap<ts.Program, FunctionLike[]>();
