/**
 * Program functions that may call a task, themselves or through the program functions they call: `function run() {
 * half(-2) }` called as `try { run() } catch …`. The plain call of the task threw out of `run()`, into that try; the
 * submission does not, so the try must check for failures of what was submitted in it (plan.ts planTries), as a try
 * around the task call itself does. Functions of libraries never call the program's tasks. And the functions whose
 * tasks' failures someone may catch: those a try block calls, async functions and promise callbacks, with the program
 * code they reach (failure-checks.ts decides where they check).
 */
import type * as ts from 'typescript';
import { isFunctionLike, type FunctionLike } from '../analysis/context';
import { codeReachedFrom } from '../analysis/reached-code';
import type { FileFacts } from './file-facts';
import { censusOf } from '../analysis/syntax-census';
import { endsTheProgram } from './ending-functions';
import { codeRunAt } from './code-run-at';

/** Whether calling `fn` may run a task call: its body, or the program code it reaches (analysis/reached-code.ts). */
export function runsTasks(facts: FileFacts, fn: FunctionLike): boolean {
  const known = knownOf(facts.ctx.program);
  let runs = known.get(fn);
  if (runs === undefined) {
    runs = [fn, ...codeReachedFrom(facts.ctx, fn)].some((code) => facts.holdsTaskCall(code));
    known.set(fn, runs);
  }
  return runs;
}

/** The try statements of the file whose try block calls such a function (not inside a function the block defines). */
export function triesAroundTaskRunners(facts: FileFacts, source: ts.SourceFile): ts.TryStatement[] {
  const { ts } = facts;
  const found: ts.TryStatement[] = [];
  const callsRunner = (node: ts.Node): boolean => {
    if (isFunctionLike(facts.ctx, node) || ts.isClassLike(node)) return false;
    if (codeRunAt(facts, node).some((callee) => !facts.tasks.has(callee) && runsTasks(facts, callee))) return true;
    return ts.forEachChild(node, (child) => callsRunner(child) || undefined) ?? false;
  };
  // (Every node in source order: syntax-census.ts.)
  if (mayHold(TRY, source)) for (const node of censusOf(facts.ctx, source).nodes) if (ts.isTryStatement(node) && callsRunner(node.tryBlock)) found.push(node);
  return found;
}

/**
 * A file whose text has none of these words has no try statement, async function or promise callback: it is not
 * walked (most files of a program). `\u`: a name may be written with escapes (`Prom\u0069se`).
 */
const TRY = /\btry\b|\\u/;
const CATCHING = /\b(?:try|async|Promise|then|catch|finally)\b|\\u/;
const mayHold = (words: RegExp, source: ts.SourceFile): boolean => words.test(source.text);

/** Per program (the answer does not depend on the file asking). */
const memo = new WeakMap<ts.Program, Map<FunctionLike, boolean>>();
function knownOf(program: ts.Program): Map<FunctionLike, boolean> {
  let known = memo.get(program);
  if (!known) { known = new Map(); memo.set(program, known); }
  return known;
}

/**
 * Program functions that run tasks and whose failure someone may catch: those a try block calls, async functions,
 * promise callbacks (`promising`), and the program code these reach. Once per program.
 */
export function catchingCallers(facts: FileFacts): Catching {
  const program = facts.ctx.program;
  let found = catchingPerProgram.get(program);
  if (found) return found;
  const { ts } = facts;
  const caught = new Set<FunctionLike>();
  const promising = new Set<FunctionLike>();
  const add = (fn: FunctionLike): void => {
    if (caught.has(fn) || facts.tasks.has(fn) || !runsTasks(facts, fn)) return;
    caught.add(fn);
    for (const code of codeReachedFrom(facts.ctx, fn)) if (isFunctionLike(facts.ctx, code)) add(code as FunctionLike);
  };
  const inTry = (node: ts.Node): void => {
    for (const callee of codeRunAt(facts, node)) add(callee);
    ts.forEachChild(node, inTry);
  };
  const look = (node: ts.Node): void => {
    if (ts.isTryStatement(node)) inTry(node.tryBlock);
    if (isFunctionLike(facts.ctx, node) && (isAsyncFunction(ts, node) || isPromiseCallback(ts, node)) &&
      !facts.tasks.has(node as FunctionLike) && runsTasks(facts, node as FunctionLike)) {
      promising.add(node as FunctionLike);
    }
  };
  // (Every node of the file in source order: syntax-census.ts.)
  if (facts.tasks.size > 0) for (const file of program.getSourceFiles()) if (!file.isDeclarationFile && mayHold(CATCHING, file)) censusOf(facts.ctx, file).nodes.forEach(look);
  // Its promise meets the failure, unless that ends the program (ending-functions.ts: an async `main`).
  for (const fn of promising) if (!endsTheProgram(facts, fn, promising)) add(fn);
  found = { caught, promising };
  catchingPerProgram.set(program, found);
  return found;
}
interface Catching { readonly caught: ReadonlySet<FunctionLike>; readonly promising: ReadonlySet<FunctionLike> }
const catchingPerProgram = new WeakMap<ts.Program, Catching>();

function isAsyncFunction(ts: typeof import('typescript'), fn: ts.Node): boolean {
  return ts.canHaveModifiers(fn) && (ts.getModifiers(fn) ?? []).some((m) => m.kind === ts.SyntaxKind.AsyncKeyword) &&
    !('asteriskToken' in fn && fn.asteriskToken);
}

/** `p.then((v) => …)`, `.catch(…)`, `.finally(…)`, `new Promise((resolve) => …)`: what it throws rejects a promise. */
function isPromiseCallback(ts: typeof import('typescript'), fn: ts.Node): boolean {
  const call = fn.parent;
  if (!(ts.isArrowFunction(fn) || ts.isFunctionExpression(fn))) return false;
  if (ts.isNewExpression(call)) return ts.isIdentifier(call.expression) && call.expression.text === 'Promise' && call.arguments?.[0] === fn;
  return ts.isCallExpression(call) && call.arguments.includes(fn) && ts.isPropertyAccessExpression(call.expression) &&
    ['then', 'catch', 'finally'].includes(call.expression.name.text);
}
