/** TASKIFY_SUMMARY: a few lines at the end of a run saying where the time went. */
import { formatBytes, formatMs, textTable } from './format';
import { functionsByTime, meanMs, utilisation, waitedMs, type RunTotals } from './function-stats';

export function summarize(totals: RunTotals): string {
  const functions = functionsByTime(totals);
  const ran = functions.reduce((n, f) => n + f.count, 0);
  const failed = functions.reduce((n, f) => n + f.failed, 0);
  const wall = totals.endedAt - totals.startedAt;
  const lines = [
    `taskify summary: ${totals.submitted} tasks (${ran} ran${failed ? `, ${failed} failed` : ''}) in ${formatMs(wall)} on ` +
      `${totals.workers} worker${totals.workers === 1 ? '' : 's'}, ${Math.round(utilisation(totals) * 100)}% busy`,
  ];
  if (functions.length > 0) {
    lines.push(textTable([
      ['function', 'tasks', 'mean', 'max', 'queued', 'load', 'run', 'store', 'bytes in', 'bytes out', '@rro hits'],
      ...functions.map((f) => [
        f.name, String(f.count), formatMs(meanMs(f)), formatMs(f.maxMs), formatMs(f.queuedMs), formatMs(f.loadMs), formatMs(f.runMs), formatMs(f.storeMs),
        formatBytes(f.bytesIn), formatBytes(f.bytesOut), String(f.rroHits),
      ]),
    ]));
  }
  const phase = (key: 'queuedMs' | 'loadMs' | 'runMs' | 'storeMs') => formatMs(functions.reduce((sum, f) => sum + f[key], 0));
  const waits = totals.waits.length;
  // Queued: in a worker, waiting while the other task posted to the same thread ran (worker/phase-clock.ts).
  lines.push(`phases (summed over workers): queued behind another task ${phase('queuedMs')}, load ${phase('loadMs')}, ` +
    `run ${phase('runMs')}, store ${phase('storeMs')}; ` +
    `main thread waited ${formatMs(waitedMs(totals))} in ${waits} wait${waits === 1 ? '' : 's'}`);
  const bytesIn = functions.reduce((sum, f) => sum + f.bytesIn, 0);
  const bytesOut = functions.reduce((sum, f) => sum + f.bytesOut, 0);
  const { rro, slowest } = totals;
  lines.push(`bytes moved by workers: ${formatBytes(bytesIn)} read, ${formatBytes(bytesOut)} written; ` +
    `@rro: ${rro.hits} hits, ${rro.attaches} attaches, ${rro.creations} segments created, ${rro.fallbacks} file fallbacks`);
  if (slowest) lines.push(`slowest task: ${slowest.name} #${slowest.id}, ${formatMs(slowest.ms)} on worker thread ${slowest.worker}`);
  return lines.join('\n') + '\n';
}
