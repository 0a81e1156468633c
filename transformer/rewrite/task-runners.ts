/**
 * Program functions that may call a task, themselves or through the program functions they call: `function run() {
 * half(-2) }` called as `try { run() } catch …`. The plain call of the task threw out of `run()`, into that try; the
 * submission does not, so the try must check for failures of what was submitted in it (plan.ts planTries), as a try
 * around the task call itself does. Functions of libraries never call the program's tasks.
 */
import type * as ts from 'typescript';
import { calledFunction, isFunctionLike, type FunctionLike } from '../analysis/context';
import { codeReachedFrom } from '../analysis/reached-code';
import type { FileFacts } from './file-facts';

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
    if (ts.isCallExpression(node)) {
      const callee = calledFunction(facts.ctx, node);
      if (callee && !facts.tasks.has(callee) && runsTasks(facts, callee)) return true;
    }
    return ts.forEachChild(node, (child) => callsRunner(child) || undefined) ?? false;
  };
  const visit = (node: ts.Node): void => {
    if (ts.isTryStatement(node) && callsRunner(node.tryBlock)) found.push(node);
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** Per program (the answer does not depend on the file asking). */
const memo = new WeakMap<ts.Program, Map<FunctionLike, boolean>>();
function knownOf(program: ts.Program): Map<FunctionLike, boolean> {
  let known = memo.get(program);
  if (!known) { known = new Map(); memo.set(program, known); }
  return known;
}
