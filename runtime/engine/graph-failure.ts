/**
 * How a failure spreads through the graph: the failed task's versions fail (or give way to what it read), and every
 * task waiting on them is cancelled, transitively, naming the first failure. Apart from graph.ts because failTask,
 * stopTask and a task submitted onto a failed version (addTask) all go through it.
 */
import { versionKey } from '../protocol';
import { readOf } from './accesses';
import type { Effects, GraphState, TaskNode, VersionNode } from './graph-state';
import { releaseIfDead, retire } from './graph-release';

export function cancel(state: GraphState, task: TaskNode, key: string, failedTask: number, effects: Effects): void {
  task.state = 'failed';
  effects.cancelled.push({ taskId: task.id, key, failedTask });
  failDownstream(state, task, failedTask, effects);
  retire(state, task, effects);
}

/** A version that will never exist gives way to the one its task read of the same data, which stays alive. */
function keepPrevious(state: GraphState, task: TaskNode, version: VersionNode): void {
  if (state.latest.get(version.data) !== version.key) return;
  const read = readOf(task.args, version.data);
  const previous = read === undefined ? undefined : state.versions.get(versionKey(version.data, read));
  if (!previous) return;
  state.latest.set(version.data, previous.key);
  previous.live = true;
  version.live = false;
}

export function failDownstream(state: GraphState, task: TaskNode, firstFailure: number, effects: Effects, written: readonly string[] = []): void {
  for (const key of task.writes) {
    const version = state.versions.get(key);
    if (!version) continue;
    version.state = 'failed';
    version.failedBy = firstFailure;
    if (!written.includes(key)) keepPrevious(state, task, version);
    releaseIfDead(state, version, effects);
  }
  for (const dependentId of task.dependents) {
    const dependent = state.tasks.get(dependentId);
    if (!dependent || dependent.state !== 'waiting') continue;
    const needed = dependent.reads.find((key) => task.writes.includes(key))!;
    cancel(state, dependent, needed, firstFailure, effects);
  }
}
