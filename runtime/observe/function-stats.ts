/**
 * Run totals: per-function statistics, busy time, waits, @rro lookups and the slowest task. The summary and the
 * report tabulate them. They can be kept live from the hooks in bounded memory (what a terminal's end-of-run
 * summary uses, so that a long run does not keep a record of every task), or computed from a whole RunLog.
 */
import type { RunHooks } from './hooks';
import type { WorkerRun } from '../protocol';
import { busyMs, type RunLog } from './run-log';

export interface FunctionStats {
  readonly name: string;
  /** Tasks that ran in a worker (finished or threw). */
  count: number;
  failed: number;
  /** The tasks' own time in workers (load + run + store): not the time they waited behind another task (queuedMs). */
  totalMs: number;
  maxMs: number;
  queuedMs: number;
  loadMs: number;
  runMs: number;
  storeMs: number;
  bytesIn: number;
  bytesOut: number;
  /** @rro arguments found already mapped or decoded in the worker (RroCounts.hits). */
  rroHits: number;
}

export interface RunTotals {
  readonly workers: number;
  startedAt: number;
  endedAt: number;
  submitted: number;
  readonly functions: Map<string, FunctionStats>;
  busyMs: number;
  /** [start, end] of each wait of the main thread: async waits may overlap. */
  readonly waits: [number, number][];
  readonly rro: { hits: number; attaches: number; creations: number; fallbacks: number };
  slowest?: { readonly id: number; readonly name: string; readonly ms: number; readonly worker: number };
}

export const newTotals = (workers: number, startedAt: number): RunTotals => ({
  workers, startedAt, endedAt: startedAt, submitted: 0, functions: new Map(), busyMs: 0, waits: [],
  rro: { hits: 0, attaches: 0, creations: 0, fallbacks: 0 },
});

function statsOf(totals: RunTotals, name: string): FunctionStats {
  let stats = totals.functions.get(name);
  if (!stats) {
    stats = { name, count: 0, failed: 0, totalMs: 0, maxMs: 0, queuedMs: 0, loadMs: 0, runMs: 0, storeMs: 0, bytesIn: 0, bytesOut: 0, rroHits: 0 };
    totals.functions.set(name, stats);
  }
  return stats;
}

/** A task's attempt that reached a worker. */
export function addRun(totals: RunTotals, id: number, name: string, run: WorkerRun): void {
  const stats = statsOf(totals, name);
  const ms = busyMs(run);
  stats.count++;
  stats.totalMs += ms;
  stats.maxMs = Math.max(stats.maxMs, ms);
  stats.queuedMs += run.phases.queued;
  stats.loadMs += run.phases.load;
  stats.runMs += run.phases.run;
  stats.storeMs += run.phases.store;
  stats.bytesIn += run.bytesRead;
  stats.bytesOut += run.bytesWritten;
  stats.rroHits += run.rro?.hits ?? 0;
  totals.busyMs += ms;
  if (run.rro) {
    totals.rro.hits += run.rro.hits;
    totals.rro.attaches += run.rro.attaches;
    totals.rro.creations += run.rro.creations;
    totals.rro.fallbacks += run.rro.fallbacks;
  }
  if (!totals.slowest || ms > totals.slowest.ms) totals.slowest = { id, name, ms, worker: run.worker };
}

export const addFailure = (totals: RunTotals, name: string): void => { statsOf(totals, name).failed++; };

export function totalsOf(log: RunLog): RunTotals {
  const totals = newTotals(log.workers, log.startedAt);
  totals.endedAt = log.endedAt;
  for (const task of [...log.tasks.values()].sort((a, b) => a.id - b.id)) {
    totals.submitted++;
    statsOf(totals, task.name);
    if (task.run) addRun(totals, task.id, task.name, task.run);
    if (task.error) addFailure(totals, task.name);
  }
  for (const wait of log.waits) totals.waits.push([wait.start, wait.end]);
  return totals;
}

/** Hooks keeping `totals` live; they remember a task's name only until it ends. */
export function totalsHooks(totals: RunTotals): RunHooks {
  const names = new Map<number, string>();
  const seen = (time: number) => { totals.endedAt = Math.max(totals.endedAt, time); };
  return {
    submit: (e) => { seen(e.time); totals.submitted++; names.set(e.taskId, e.name); statsOf(totals, e.name); },
    end: (e) => { seen(e.time); addRun(totals, e.taskId, names.get(e.taskId) ?? '?', e.run); names.delete(e.taskId); },
    error: (e) => {
      seen(e.time);
      const name = names.get(e.taskId) ?? '?';
      if (e.run) addRun(totals, e.taskId, name, e.run);
      addFailure(totals, name);
      names.delete(e.taskId);
    },
    wait: (e) => { seen(e.time); totals.waits.push([e.start, e.time]); },
  };
}

/** By function, busiest first. */
export const functionsByTime = (totals: RunTotals): FunctionStats[] =>
  [...totals.functions.values()].sort((a, b) => b.totalMs - a.totalMs || a.name.localeCompare(b.name));

export const meanMs = (stats: FunctionStats): number => (stats.count === 0 ? 0 : stats.totalMs / stats.count);

/** Share of the pool's time (workers × wall time) spent inside tasks. */
export function utilisation(totals: RunTotals): number {
  const wall = totals.endedAt - totals.startedAt;
  if (wall <= 0 || totals.workers === 0) return 0;
  return Math.min(1, totals.busyMs / (wall * totals.workers));
}

/** Time the main thread spent waiting: the union of its waits, since async waits overlap. */
export function waitedMs(totals: RunTotals): number {
  let total = 0;
  let coveredUntil = -Infinity;
  for (const [start, end] of [...totals.waits].sort((a, b) => a[0] - b[0])) {
    if (end > coveredUntil) total += end - Math.max(start, coveredUntil);
    coveredUntil = Math.max(coveredUntil, end);
  }
  return total;
}
