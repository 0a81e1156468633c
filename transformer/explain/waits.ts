/**
 * The waits the plugin places in a file, read from its plan: where the program needs a task's result or an object a
 * task writes, this thread blocks until it is there. Listed so that a user can see where the program waits and why.
 */
import type * as ts from 'typescript';
import { snippet } from '../analysis/reason';
import { awaitedInPlace, type FilePlan, type Wrap } from '../rewrite/file-plan';
import { lineOf } from './calls';

export interface ExplainedWait {
  readonly file: string;
  readonly line: number;
  /** The expression waited for, as written. */
  readonly on: string;
  readonly kind: Wrap | 'result' | 'batch' | 'resumed' | 'fence' | 'checkpoint' | 'checkpointWorld' | 'checkpointAfter' | 'checkedAwait' | 'fenceAfter' | 'resultWhole' | 'awaitedCall';
  /** What the wait does, in words. */
  readonly does: string;
  /** The node the wait is placed at (not in JSON). */
  readonly node: ts.Node;
}

const DOES: Record<ExplainedWait['kind'], string> = {
  wait: 'waits for the tasks that write it (or for its value, a task result)',
  written: 'waits for the tasks that write it, then marks it changed so later tasks read the program\'s change',
  waitAll: 'waits for every task result gathered in it',
  waitWithin: 'waits for every element that tasks write',
  writtenWithin: 'waits for every element that tasks write, then marks them changed',
  futuresWithin: 'a level handed whole to a task: only task results put in it are waited for, and the task runs after those writing it',
  waitFields: 'waits for the tasks that write the objects its fields hold',
  writtenFields: 'waits for the tasks that write the objects its fields hold, then marks them changed',
  result: 'the result is used at once: waits for the task right at the call',
  resultWhole: 'the result is used at once where its function runs whole: waits for the task right at the call (a loop or callback calling the function runs it in halves: every call submitted first, the results then used in order)',
  awaitedCall: 'awaited where the program wrote it: the function resumes once the task has finished, in the order the plain awaits resumed, while the rest of the program goes on',
  batch: 'the results are used in one expression: waits for them in order once all its tasks were submitted',
  resumed: 'brings these objects up to date where the code resumes after other code ran',
  fenceAfter: 'calls a function whose fenced task calls its callers wait for, where this statement cannot wait after it (it looks at them too): waits for them as the call returns',
  fence: 'may look at what fenced task calls write: waits for those tasks first (a fence)',
  checkpoint: 'changes what code after a failure sees: waits for the tasks submitted before it and throws their first failure (a checkpoint; a loop holding it runs its calls one at a time)',
  checkpointAfter: 'returns what tasks it ran made, which the statement keeps: waits for the tasks submitted so far as it returns and throws their first failure (a checkpoint)',
  checkedAwait: 'resumes after the function\'s own task calls: resumes once they have finished, throwing their first failure there, while the rest of the program goes on (awaits reached after it wait their turn)',
  checkpointWorld: 'changes files or processes: waits for the tasks submitted before it (which may read those files) and throws their first failure (a checkpoint; a loop holding it runs its calls one at a time)',
};

export function explainWaits(t: typeof ts, plan: FilePlan, file: string): ExplainedWait[] {
  const waits: ExplainedWait[] = [];
  const add = (node: ts.Node, on: string, kind: ExplainedWait['kind']) =>
    waits.push({ file, line: lineOf(node), on, kind, does: DOES[kind], node });
  for (const [ref, kind] of plan.wraps) add(ref, ref.text, kind);
  for (const [element, kind] of plan.elementWraps) add(element, snippet(element), kind);
  for (const [field, kind] of plan.fieldWraps) add(field, snippet(field), kind);
  // (In a helper split in halves, helper-halves.ts: only its calls made whole wait there, tester np65's h4.)
  const halved = new Set<ts.Node>([...plan.halvesDeclared].map((halves) => halves.fn));
  for (const call of plan.waitedAtCall) {
    add(call, snippet(call), awaitedInPlace(t, plan, call) ? 'awaitedCall'
      : halved.size > 0 && hasAncestor(call, (n) => halved.has(n)) ? 'resultWhole' : 'result');
  }
  for (const [root, calls] of plan.batches) add(root, calls.map(snippet).join(', '), 'batch');
  for (const [node, resumption] of plan.resumptions) {
    const names = [...new Set([...resumption.reads, ...resumption.writes].map((id) => id.text))];
    if (names.length > 0) add(node, names.join(', '), 'resumed');
  }
  for (const [statement, observed] of plan.fences.before) add(statement, snippet(observed), 'fence');
  for (const call of plan.fences.afterCalls) add(call, snippet(call), 'fenceAfter');
  for (const { before, after, awaits } of plan.failureChecks.values()) {
    for (const node of awaits) add(node, snippet(node), 'checkedAwait');
    for (const [node, why] of before) add(node, snippet(node), why === 'seen' ? 'checkpoint' : 'checkpointWorld');
    for (const call of after) add(call, snippet(call), 'checkpointAfter');
  }
  return waits.sort((a, b) => a.line - b.line || a.node.getStart() - b.node.getStart());
}

/** Some ancestor of `node` is one `test` holds for. */
function hasAncestor(node: ts.Node, test: (n: ts.Node) => boolean): boolean {
  for (let n: ts.Node | undefined = node.parent; n; n = n.parent) if (test(n)) return true;
  return false;
}
