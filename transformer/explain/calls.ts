/**
 * Every task call of a file as `taskify explain` lists it: submitted (with how each object argument travels) or
 * direct (with the reason), at its own line. A reason whose cause lies elsewhere (`out` escapes at line 6) keeps
 * every call that relies on that object direct, so the plan gives several calls one and the same reason; the text
 * form says it once and points later calls back at the first (`same reason as line 5`).
 */
import type * as ts from 'typescript';
import { lineOf } from '../analysis/node-places';
import { enclosesOrIs } from '../analysis/function-values';
import { isPrimitiveNode, symbolOf, type AnalysisContext, type FunctionLike } from '../analysis/context';
import type { TaskInfo } from '../analysis/discover';
import { formatReason, snippet } from '../analysis/reason';
import type { FilePlan } from '../rewrite/file-plan';
import { skipTransparent } from '../rewrite/syntax';

export interface ExplainedArgument {
  readonly text: string;
  readonly param: string;
  /** 'value': a primitive; 'snapshot': copied at the call (an `in` object the plugin does not follow); 'result': a
   *  task's result handed on without waiting; 'followed': an object whose uses the plugin waits at. */
  readonly passed: 'value' | 'snapshot' | 'result' | 'followed' | 'fenced';
}

export interface ExplainedCall {
  readonly file: string;
  readonly line: number;
  /** Tells apart calls on one line (`sum(strip(image))`). */
  readonly column: number;
  readonly task: string;
  readonly submitted: boolean;
  readonly reason: string;
  /** Where the reason's cause is, when not at the call itself. */
  readonly cause?: { readonly file: string; readonly line: number };
  /** An earlier call of this file with the same reason and cause. */
  readonly sameAs?: number;
  /** Submitted calls: how each argument travels. */
  readonly arguments?: readonly ExplainedArgument[];
}

export interface CallsInput {
  readonly ctx: AnalysisContext;
  readonly plan: FilePlan;
  readonly source: ts.SourceFile;
  readonly tasks: ReadonlyMap<FunctionLike, TaskInfo>;
  /** A path as shown to the user. */
  readonly shown: (file: string) => string;
}

export { lineOf };
const columnOf = (node: ts.Node): number => node.getSourceFile().getLineAndCharacterOfPosition(node.getStart()).character + 1;

export function explainCalls({ ctx, plan, source, tasks, shown }: CallsInput): ExplainedCall[] {
  const file = shown(source.fileName);
  const calls: ExplainedCall[] = [];
  const direct = plan.direct;
  for (const { call, task, why } of direct) {
    const line = lineOf(call);
    const here = shown(why.file) === file && why.line === line;
    calls.push({
      file, line, column: columnOf(call), task: task.name, submitted: false, reason: here ? why.text : formatReason(why),
      ...(here ? {} : { cause: { file: shown(why.file), line: why.line } }),
    });
  }
  for (const [call, task] of plan.submissions) {
    const args = call.arguments.map((written, i): ExplainedArgument => ({
      text: snippet(written), param: task.params[Math.min(i, task.params.length - 1)]?.name ?? `#${i}`, passed: howPassed(ctx, plan, written),
    }));
    calls.push({ file, line: lineOf(call), column: columnOf(call), task: task.name, submitted: true, reason: submittedReason(plan, call, task, args), arguments: args });
  }
  for (const [call, task] of plan.mappedTasks) {
    calls.push({ file, line: lineOf(call), column: columnOf(call), task: task.name, submitted: true,
      reason: `submitted for each element of \`${snippet(call)}\` (map calls the task with element and index), then all are waited for there` });
  }
  const planned = new Set<ts.Node>([...direct.map((d) => d.call), ...plan.submissions.keys(), ...plan.mappedTasks.keys()]);
  for (const [call, [task, ...others]] of unresolvedTaskCalls(ctx, source, tasks, planned)) {
    const typed = others.length === 0 ? `has the type of task ${task.name}` : `may be task ${[task, ...others].map((t) => t.name).join(' or ')}`;
    calls.push({ file, line: lineOf(call), column: columnOf(call), task: task.name, submitted: false,
      reason: `the callee \`${snippet(call.expression)}\` ${typed}, but which function runs is known only at run time (a ` +
        'name or member the program may change, a computed key, a value of unknown origin): a plain call in this thread' });
  }
  calls.sort((a, b) => a.line - b.line || a.column - b.column);
  // The same reason (text and cause) said again: point at the first call that gave it.
  const first = new Map<string, number>();
  return calls.map((c) => {
    if (c.submitted) return c;
    const key = `${c.reason}\0${c.cause ? `${c.cause.file}:${c.cause.line}` : ''}`;
    const earlier = first.get(key);
    if (earlier === undefined) { first.set(key, c.line); return c; }
    return { ...c, sameAs: earlier };
  });
}

function howPassed(ctx: AnalysisContext, plan: FilePlan, written: ts.Expression): ExplainedArgument['passed'] {
  const { ts } = ctx;
  if (plan.freshSnapshots.has(written)) return 'snapshot';
  if ([...plan.fenced.values()].some((args) => args.includes(written))) return 'fenced';
  const arg = skipTransparent(ts, written);
  if (isPrimitiveNode(ctx, arg)) return 'value';
  if (ts.isCallExpression(arg) && plan.submissions.has(arg)) return 'result';
  const declaration = ts.isIdentifier(arg) ? symbolOf(ctx, arg)?.valueDeclaration : undefined;
  const init = declaration && ts.isVariableDeclaration(declaration) && declaration.initializer ? skipTransparent(ts, declaration.initializer) : undefined;
  if (init && ts.isCallExpression(init) && plan.submissions.has(init)) return 'result';
  return 'followed';
}

function submittedReason(plan: FilePlan, call: ts.CallExpression, task: TaskInfo, args: readonly ExplainedArgument[]): string {
  // (A written parameter's argument copied at the call still gets the task's changes back: np67's min-inout-described-in.)
  const writes = (a: ExplainedArgument): boolean => {
    const direction = task.params.find((p) => p.name === a.param)?.direction;
    return direction !== undefined && direction !== 'in';
  };
  const parts = args.filter((a) => a.passed !== 'value').map((a) => `\`${a.text}\` ${
    a.passed === 'snapshot' ? (writes(a) ? 'copied at the call, the task\'s changes brought back where the program uses it' : 'copied at the call (in, not followed)')
      : a.passed === 'result' ? 'a task result, handed on without waiting'
      : a.passed === 'fenced' ? 'written, not followed by name (fenced)'
      : 'followed (waits where the program uses it)'}`);
  const as = task.forwards ? `a forwarder of task ${task.forwards.join('/')} (it runs here, submits the task and hands on its Future), planned as a task` : 'submitted as a task';
  const said = [`${as}${parts.length ? `: ${parts.join('; ')}` : ''}`];
  if (plan.returnsArgument.has(call)) said.push(`\`${task.name}\` returns its argument, so the variable keeps its object`);
  if (plan.waitedAtCall.has(call)) said.push('its result is needed at once, so this thread waits for it at the call');
  if (plan.fenced.has(call)) said.push(`the program waits for it (a fence) before the first code that may look at an object of the types it writes${fencedLeaving(plan, call)}`);
  for (const calls of plan.batches.values()) {
    if (calls.includes(call)) said.push(`its result is needed in one expression with ${calls.length - 1} other task call(s): all are submitted, then waited for in order`);
  }
  return said.join('; ');
}

/** Where a fenced call's function brings it home as it is left: on exit, or at its callers (carried-fences.ts). */
function fencedLeaving(plan: FilePlan, call: ts.CallExpression): string {
  const { onExit, onThrow } = plan.fences;
  for (let node: ts.Node = call.parent; node; node = node.parent) {
    if (onExit.has(node as FunctionLike)) return ', and when the function holding it is left';
    if (onThrow.has(node as FunctionLike)) return ', and in the function\'s callers, after each call of it (where it throws, before the error goes on)';
  }
  return '';
}

/**
 * Calls the checker resolves to a task that the plan did not take as calls of it (analysis/callee-names.ts: the
 * callee may stand for another function): they run as written, on this thread, and explain says so.
 */
function unresolvedTaskCalls(ctx: AnalysisContext, source: ts.SourceFile, tasks: ReadonlyMap<FunctionLike, TaskInfo>,
  planned: ReadonlySet<ts.Node>): [ts.CallExpression, [TaskInfo, ...TaskInfo[]]][] {
  const { ts } = ctx;
  const found: [ts.CallExpression, [TaskInfo, ...TaskInfo[]]][] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node) && !planned.has(node)) {
      const declaration = ctx.checker.getResolvedSignature(node)?.declaration;
      const task = declaration && tasks.get(declaration as FunctionLike);
      if (task && declaration !== undefined && !enclosesOrIs(declaration, node)) {
        // (`[sumSquares, sumCubes].map((f) => f(n))`: the checker resolves one signature of the union; name every
        // task the callee's type may be, np67's min-callee-named-wrong.)
        const type = ctx.checker.getTypeAtLocation(node.expression);
        const members = type.isUnion() ? type.types : [type];
        const all = members.flatMap((member) => member.getCallSignatures().map((sig) => sig.declaration && tasks.get(sig.declaration as FunctionLike)))
          .filter((t): t is TaskInfo => t !== undefined);
        found.push([node, [task, ...[...new Set(all)].filter((other) => other !== task)]]);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

