/**
 * The report's timeline as one SVG: the main thread's lane (its waits) and each worker's lanes (tasks coloured
 * by function, the load phase lighter and the store phase darker), then the ready-queue and running counters.
 * Every shape has a <title>, which browsers show on hover; nothing needs script.
 */
import { escapeXml, formatBytes, formatMs } from './format';
import { functionColours } from './palette';
import { tasksInOrder, workerMs, type RunLog } from './run-log';
import { assignLanes } from './trace';
import { dataNames } from './data-names';

const WIDTH = 1200;
const LABEL = 230;
const LANE = 22;
const COUNTERS = 90;

export function timelineSvg(log: RunLog): string {
  const { lanes, laneOf } = assignLanes(log);
  const colours = functionColours(tasksInOrder(log).map((t) => t.name));
  const wall = Math.max(log.endedAt - log.startedAt, 1e-3);
  const x = (t: number) => LABEL + ((t - log.startedAt) / wall) * (WIDTH - LABEL - 10);
  const w = (ms: number) => Math.max(0.5, (ms / wall) * (WIDTH - LABEL - 10));
  const laneY = (i: number) => 24 + i * (LANE + 4);
  const allLanes = [{ name: 'main thread', tid: 0 }, ...lanes];
  const countersTop = laneY(allLanes.length) + 16;
  const height = countersTop + COUNTERS + 24;
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" class="timeline" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" font-family="sans-serif" font-size="11">`,
  ];
  parts.push(...axis(log.startedAt, wall, x, height));
  allLanes.forEach((lane, i) => {
    parts.push(`<text x="6" y="${laneY(i) + 15}">${escapeXml(lane.name)}</text>`);
    parts.push(`<rect x="${LABEL}" y="${laneY(i)}" width="${WIDTH - LABEL - 10}" height="${LANE}" fill="#f4f4f4"/>`);
  });
  const laneIndex = new Map(lanes.map((lane, i) => [lane.tid, i + 1]));

  const shown = dataNames(log);
  for (const wait of log.waits) {
    const label = wait.what === 'barrier' || wait.what === 'checkpoint' ? wait.what : `wait ${wait.key === undefined ? '' : shown(wait.key)}`;
    parts.push(`<rect class="wait" x="${x(wait.start).toFixed(2)}" y="${laneY(0) + 3}" width="${w(wait.end - wait.start).toFixed(2)}" height="${LANE - 6}" fill="#888">` +
      `<title>${escapeXml(`${label}: ${formatMs(wait.end - wait.start)}`)}</title></rect>`);
  }
  for (const task of tasksInOrder(log)) {
    const run = task.run;
    const lane = laneOf.get(task.id);
    if (!run || !lane) continue;
    const y = laneY(laneIndex.get(lane.tid)!);
    const left = x(run.startedAt);
    const title = `${task.name} #${task.id} on worker thread ${run.worker}: ${formatMs(workerMs(run))} ` +
      `(${run.phases.queued > 0 ? `queued behind another task ${formatMs(run.phases.queued)}, ` : ''}load ${formatMs(run.phases.load)}, run ${formatMs(run.phases.run)}, store ${formatMs(run.phases.store)}); ` +
      `read ${formatBytes(run.bytesRead)}, wrote ${formatBytes(run.bytesWritten)}` +
      (run.rro ? `; @rro hits ${run.rro.hits}, attaches ${run.rro.attaches}, created ${run.rro.creations}, fallbacks ${run.rro.fallbacks}` : '') +
      (task.error ? `; FAILED: ${task.error.message}` : '');
    parts.push(`<g class="task" data-function="${escapeXml(task.name)}"><title>${escapeXml(title)}</title>` +
      `<rect x="${left.toFixed(2)}" y="${y}" width="${w(workerMs(run)).toFixed(2)}" height="${LANE}" fill="${colours.get(task.name)}"` +
      `${task.error ? ' stroke="red" stroke-width="2"' : ''}/>` +
      `<rect x="${left.toFixed(2)}" y="${y}" width="${w(run.phases.queued).toFixed(2)}" height="${LANE}" fill="#fff" fill-opacity="0.8"/>` +
      `<rect x="${x(run.startedAt + run.phases.queued).toFixed(2)}" y="${y}" width="${w(run.phases.load).toFixed(2)}" height="${LANE}" fill="#fff" fill-opacity="0.45"/>` +
      `<rect x="${x(run.startedAt + run.phases.queued + run.phases.load + run.phases.run).toFixed(2)}" y="${y}" width="${w(run.phases.store).toFixed(2)}" height="${LANE}" fill="#000" fill-opacity="0.3"/></g>`);
  }
  parts.push(...counterChart(log, x, countersTop));
  parts.push('</svg>');
  return parts.join('\n');
}

function axis(start: number, wall: number, x: (t: number) => number, height: number): string[] {
  const step = niceStep(wall / 8);
  const parts: string[] = [];
  for (let t = 0; t <= wall + 1e-9; t += step) {
    parts.push(`<line x1="${x(start + t).toFixed(2)}" x2="${x(start + t).toFixed(2)}" y1="14" y2="${height - 20}" stroke="#ddd"/>`);
    parts.push(`<text x="${x(start + t).toFixed(2)}" y="10" text-anchor="middle" fill="#555">${formatMs(t)}</text>`);
  }
  return parts;
}

function niceStep(rough: number): number {
  const power = 10 ** Math.floor(Math.log10(Math.max(rough, 1e-6)));
  return [1, 2, 5, 10].map((m) => m * power).find((s) => s >= rough) ?? 10 * power;
}

/** Running tasks and ready-queue length as step lines, on one scale. */
function counterChart(log: RunLog, x: (t: number) => number, top: number): string[] {
  const samples = log.samples;
  if (samples.length === 0) return [];
  // Loops, not Math.max(...spread): a long run has more samples than a call may take arguments.
  let peakRunning = 0;
  let peakQueued = 0;
  for (const s of samples) { peakRunning = Math.max(peakRunning, s.running); peakQueued = Math.max(peakQueued, s.queued); }
  const most = Math.max(1, peakRunning, peakQueued);
  const y = (n: number) => top + COUNTERS - (n / most) * COUNTERS;
  const steps = (value: (s: (typeof samples)[number]) => number) => {
    let path = `M${x(log.startedAt).toFixed(2)},${y(0).toFixed(2)}`;
    for (const s of samples) path += ` H${x(s.time).toFixed(2)} V${y(value(s)).toFixed(2)}`;
    return `${path} H${x(log.endedAt).toFixed(2)}`;
  };
  return [
    `<text x="6" y="${top + 12}">running (blue), ready queue (orange)</text>`,
    `<text x="6" y="${top + 28}" fill="#555">peak ${peakRunning} running, ${peakQueued} ready</text>`,
    `<path class="counter running" d="${steps((s) => s.running)}" fill="none" stroke="#4e79a7" stroke-width="1.5"/>`,
    `<path class="counter queued" d="${steps((s) => s.queued)}" fill="none" stroke="#f28e2b" stroke-width="1.5"/>`,
  ];
}
