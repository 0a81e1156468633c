/**
 * A version's life in the graph: made the latest of its data, read, superseded, released once dead, and a failed
 * one's tombstone, which a task submitted after the failure still finds. Apart from graph.ts because every verb
 * ends in these few rules, and the failure spread (graph-failure.ts) uses them too.
 */
import { dataOf } from './accesses';
import type { Effects, GraphState, TaskNode, VersionNode } from './graph-state';

function isDead(version: VersionNode, state: GraphState): boolean {
  const producerRunning = version.producer !== null && version.state === 'pending' &&
    state.tasks.get(version.producer)?.state !== 'failed';
  return !version.live && version.readers === 0 && !producerRunning && !version.held;
}

export function makeLatest(state: GraphState, data: number, key: string, effects: Effects): void {
  const previous = state.latest.get(data);
  state.latest.set(data, key);
  if (previous === undefined || previous === key) return;
  const old = state.versions.get(previous);
  if (old) {
    old.live = false;
    releaseIfDead(state, old, effects);
  }
}

export function markReady(state: GraphState, task: TaskNode, effects: Effects): void {
  task.state = 'ready';
  state.ready.push(task.id);
  effects.ready.push(task.id);
}

export function releaseIfDead(state: GraphState, version: VersionNode, effects: Effects): void {
  if (!isDead(version, state)) return;
  state.versions.delete(version.key);
  if (version.state === 'failed' && version.live === false) state.failed.set(version.key, version.failedBy ?? version.producer!);
  effects.released.push(version);
}

/** A released version that failed, as a reader sees it: failed, and read by nobody else. */
export function tombstone(state: GraphState, key: string): VersionNode | undefined {
  const failedBy = state.failed.get(key);
  if (failedBy === undefined) return undefined;
  return { key, data: dataOf(key), producer: failedBy, state: 'failed', bytes: 0, readers: 0, live: false, holders: [], failedBy };
}

/** A finished or failed task no longer reads its inputs; drop it from the graph. */
export function retire(state: GraphState, task: TaskNode, effects: Effects): void {
  for (const key of task.reads) {
    const version = state.versions.get(key);
    if (!version) continue;
    version.readers--;
    releaseIfDead(state, version, effects);
  }
  state.tasks.delete(task.id);
}
