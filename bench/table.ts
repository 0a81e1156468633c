/** The markdown of `npm run bench`: per app, each case's median times, the ratios, and whether each target is met. */
import { columns, type Case } from './sweeps';
import { meets, ratioKeys, ratios, type RatioKey, type Target, type Times } from './ratios';
import { variants, type App } from './variants';

export interface Measured {
  readonly case: Case;
  /** Median seconds per variant. */
  readonly times: Times;
  /** Tasks the taskified (@rro) build ran in workers: the rest of its calls ran as direct calls, sequentially. */
  readonly tasksInWorkers: number;
}

const seconds = (s: number) => `${s.toFixed(2)} s`;
const targetText = (t: Target) => `${t.at} ${t.value.toFixed(2)}`;

function ratioCell(m: Measured, key: RatioKey): string {
  const value = ratios[key].of(m.times);
  const target = m.case.targets[key];
  const shown = `${value.toFixed(2)}x`;
  return target ? `${shown} ${meets(value, target) ? '✓' : '✗'} (${targetText(target)})` : shown;
}

export function appTable(app: App, measured: readonly Measured[]): string {
  const rows = measured.filter((m) => m.case.app === app);
  const head = [...columns[app], 'rounds', ...variants.map((v) => v.label), ...ratioKeys.map((k) => ratios[k].label), 'tasks in workers'];
  const lines = [`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`];
  for (const m of rows) {
    lines.push(`| ${[...m.case.cells, String(m.case.rounds), ...variants.map((v) => seconds(m.times[v.key])), ...ratioKeys.map((k) => ratioCell(m, k)),
      String(m.tasksInWorkers)].join(' | ')} |`);
  }
  return lines.join('\n');
}

/** "met 7 of 9", and each one missed with its case, so that a miss cannot hide in a wide table. */
export function targetSummary(app: App, measured: readonly Measured[]): string {
  let total = 0;
  const missed: string[] = [];
  for (const m of measured.filter((x) => x.case.app === app)) {
    for (const key of ratioKeys) {
      const target = m.case.targets[key];
      if (!target) continue;
      total++;
      const value = ratios[key].of(m.times);
      if (!meets(value, target)) missed.push(`${m.case.name}: ${ratios[key].label} ${value.toFixed(2)}x (target ${targetText(target)})`);
    }
  }
  return `Targets met: ${total - missed.length} of ${total}.` + (missed.length ? ` Missed: ${missed.join('; ')}.` : '');
}
