/**
 * What the engine reports besides outcomes: the statistics a worker's reply adds to, and the status a stalled wait
 * asks for. Plain functions of the engine's state, kept apart so that engine.ts is the loop alone.
 */
import type { StatusReport, WorkerReply } from '../protocol';
import type { Stats } from '../stats';
import type * as graph from './graph';

let warnedAboutShm = false;

/** A reply's counters; the first @rro fallback of the run is said once, since results are the same without sharing. */
export function countReply(stats: Stats, reply: WorkerReply): void {
  stats.add('inWorkers');
  stats.add('workerBytesRead', reply.bytesRead);
  stats.add('workerBytesWritten', reply.bytesWritten);
  stats.add('queuedMs', reply.times.queued);
  stats.add('loadMs', reply.times.load);
  stats.add('runMs', reply.times.run);
  stats.add('storeMs', reply.times.store);
  if (reply.fetchedBytes) stats.add('machineBytesFetched', reply.fetchedBytes);
  const counts = reply.rro;
  if (!counts) return;
  stats.add('rroHits', counts.hits);
  stats.add('rroAttaches', counts.attaches);
  stats.add('rroCreations', counts.creations);
  stats.add('rroFallbacks', counts.fallbacks);
  stats.add('rroBytesMapped', counts.bytesMapped);
  if (counts.fallbackReason !== undefined && !warnedAboutShm) {
    warnedAboutShm = true;
    process.stderr.write(`taskify: warning: @rro arguments are read from their files instead of shared memory: ` +
      `${counts.fallbackReason}. Results are the same; only the sharing is lost.\n`);
  }
}

/** What runs (for how long, where), what is ready, and which tasks each waiting task waits for. */
export function statusOf(state: graph.GraphState, running: Iterable<{ readonly node: graph.TaskNode; readonly startedAt: number }>,
  nameOf: (def: number) => string, now: number, placeOf?: (taskId: number) => string | undefined): StatusReport {
  const report = { running: [] as StatusReport['running'][number][], waiting: [] as StatusReport['waiting'][number][], ready: [] as StatusReport['ready'][number][] };
  for (const { node, startedAt } of running) {
    report.running.push({ taskId: node.id, name: nameOf(node.def), seconds: Math.round((now - startedAt) / 100) / 10, place: placeOf?.(node.id) });
  }
  for (const node of state.tasks.values()) {
    if (node.state === 'ready') report.ready.push({ taskId: node.id, name: nameOf(node.def) });
    if (node.state !== 'waiting') continue;
    const waitsFor = node.reads.map((key) => state.versions.get(key)).filter((v) => v?.state === 'pending').map((v) => v!.producer!);
    report.waiting.push({ taskId: node.id, name: nameOf(node.def), waitsFor: [...new Set(waitsFor)] });
  }
  return report;
}
