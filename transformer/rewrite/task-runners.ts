/**
 * Program functions that may call a task, themselves or through the program functions they call: `function run() {
 * half(-2) }` called as `try { run() } catch …`. The plain call of the task threw out of `run()`, into that try; the
 * submission does not, so the try must check for failures of what was submitted in it (plan.ts planTries), as a try
 * around the task call itself does. Functions of libraries never call the program's tasks.
 */
import type * as ts from 'typescript';
import { calledFunction, isFunctionLike, type FunctionLike } from '../analysis/context';
import type { FileFacts } from './file-facts';

/** Whether calling `fn` may run a task call, by the program's own call graph (memoized per file's facts). */
export function runsTasks(facts: FileFacts, fn: FunctionLike, known = knownOf(facts), open = new Set<FunctionLike>()): boolean {
  const settled = known.get(fn);
  if (settled !== undefined) return settled;
  if (open.has(fn)) return false; // a cycle adds nothing: the other functions on it decide
  open.add(fn);
  const { ts } = facts;
  let found = false;
  const visit = (node: ts.Node): void => {
    if (found) return;
    if (ts.isCallExpression(node)) {
      if (facts.taskOf(node)) { found = true; return; }
      const callee = calledFunction(facts.ctx, node);
      if (callee && !facts.tasks.has(callee) && runsTasks(facts, callee, known, open)) { found = true; return; }
    }
    ts.forEachChild(node, visit);
  };
  if (fn.body) visit(fn.body);
  open.delete(fn);
  // "No" is final only when no function it reached was still open (one of those may yet say yes).
  if (found || open.size === 0) known.set(fn, found);
  return found;
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

const memo = new WeakMap<FileFacts, Map<FunctionLike, boolean>>();
function knownOf(facts: FileFacts): Map<FunctionLike, boolean> {
  let known = memo.get(facts);
  if (!known) { known = new Map(); memo.set(facts, known); }
  return known;
}
