/** TASKIFY_SUMMARY: a few lines at the end of a run saying where the time went. */
import { formatBytes, formatMs, textTable } from './format';
import { functionStats, meanMs, rroTotals, slowestTask, utilisation } from './function-stats';
import { workerMs, type RunLog } from './run-log';

export function summarize(log: RunLog): string {
  const functions = functionStats(log);
  const ran = functions.reduce((n, f) => n + f.count, 0);
  const failed = functions.reduce((n, f) => n + f.failed, 0);
  const wall = log.endedAt - log.startedAt;
  const lines = [
    `taskify summary: ${log.tasks.size} tasks (${ran} ran${failed ? `, ${failed} failed` : ''}) in ${formatMs(wall)} on ` +
      `${log.workers} worker${log.workers === 1 ? '' : 's'}, ${Math.round(utilisation(log) * 100)}% busy`,
  ];
  if (functions.length > 0) {
    lines.push(textTable([
      ['function', 'tasks', 'mean', 'max', 'load', 'run', 'store', 'bytes in', 'bytes out', '@rro hits'],
      ...functions.map((f) => [
        f.name, String(f.count), formatMs(meanMs(f)), formatMs(f.maxMs), formatMs(f.loadMs), formatMs(f.runMs), formatMs(f.storeMs),
        formatBytes(f.bytesIn), formatBytes(f.bytesOut), String(f.rroHits),
      ]),
    ]));
  }
  const phase = (key: 'loadMs' | 'runMs' | 'storeMs') => formatMs(functions.reduce((sum, f) => sum + f[key], 0));
  const waited = log.waits.reduce((sum, w) => sum + (w.end - w.start), 0);
  lines.push(`phases (summed over workers): load ${phase('loadMs')}, run ${phase('runMs')}, store ${phase('storeMs')}; ` +
    `main thread waited ${formatMs(waited)} in ${log.waits.length} wait${log.waits.length === 1 ? '' : 's'}`);
  const bytesIn = functions.reduce((sum, f) => sum + f.bytesIn, 0);
  const bytesOut = functions.reduce((sum, f) => sum + f.bytesOut, 0);
  const rro = rroTotals(log);
  lines.push(`bytes moved by workers: ${formatBytes(bytesIn)} read, ${formatBytes(bytesOut)} written; ` +
    `@rro: ${rro.hits} hits, ${rro.attaches} attaches, ${rro.creations} segments created, ${rro.fallbacks} file fallbacks`);
  const slowest = slowestTask(log);
  if (slowest?.run) lines.push(`slowest task: ${slowest.name} #${slowest.id}, ${formatMs(workerMs(slowest.run))} on worker ${slowest.run.worker}`);
  return lines.join('\n') + '\n';
}
