/** Per-function statistics of a run: what the summary and the report tabulate. */
import { workerMs, type RunLog, type TaskLog } from './run-log';

export interface FunctionStats {
  readonly name: string;
  /** Tasks that ran in a worker (finished or threw). */
  count: number;
  failed: number;
  totalMs: number;
  maxMs: number;
  loadMs: number;
  runMs: number;
  storeMs: number;
  bytesIn: number;
  bytesOut: number;
  /** @rro arguments found already mapped or decoded in the worker (RroCounts.hits). */
  rroHits: number;
}

/** By function, busiest first. */
export function functionStats(log: RunLog): FunctionStats[] {
  const byName = new Map<string, FunctionStats>();
  for (const task of log.tasks.values()) {
    let stats = byName.get(task.name);
    if (!stats) {
      stats = { name: task.name, count: 0, failed: 0, totalMs: 0, maxMs: 0, loadMs: 0, runMs: 0, storeMs: 0, bytesIn: 0, bytesOut: 0, rroHits: 0 };
      byName.set(task.name, stats);
    }
    if (task.error) stats.failed++;
    const run = task.run;
    if (!run) continue;
    const ms = workerMs(run);
    stats.count++;
    stats.totalMs += ms;
    stats.maxMs = Math.max(stats.maxMs, ms);
    stats.loadMs += run.phases.load;
    stats.runMs += run.phases.run;
    stats.storeMs += run.phases.store;
    stats.bytesIn += run.bytesRead;
    stats.bytesOut += run.bytesWritten;
    stats.rroHits += run.rro?.hits ?? 0;
  }
  return [...byName.values()].sort((a, b) => b.totalMs - a.totalMs || a.name.localeCompare(b.name));
}

export const meanMs = (stats: FunctionStats): number => (stats.count === 0 ? 0 : stats.totalMs / stats.count);

export function slowestTask(log: RunLog): TaskLog | undefined {
  let slowest: TaskLog | undefined;
  for (const task of log.tasks.values()) {
    if (task.run && (!slowest || workerMs(task.run) > workerMs(slowest.run!))) slowest = task;
  }
  return slowest;
}

/** Share of the pool's time (workers × wall time) spent inside tasks. */
export function utilisation(log: RunLog): number {
  const wall = log.endedAt - log.startedAt;
  if (wall <= 0 || log.workers === 0) return 0;
  let busy = 0;
  for (const task of log.tasks.values()) if (task.run) busy += workerMs(task.run);
  return Math.min(1, busy / (wall * log.workers));
}

/** @rro lookups over the run, summed from every task's counts. */
export function rroTotals(log: RunLog): { hits: number; attaches: number; creations: number; fallbacks: number } {
  const totals = { hits: 0, attaches: 0, creations: 0, fallbacks: 0 };
  for (const task of log.tasks.values()) {
    const rro = task.run?.rro;
    if (!rro) continue;
    totals.hits += rro.hits;
    totals.attaches += rro.attaches;
    totals.creations += rro.creations;
    totals.fallbacks += rro.fallbacks;
  }
  return totals;
}
