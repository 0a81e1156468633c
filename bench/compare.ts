/**
 * `npm run bench [-- --quick]`: the PyHPC 2020 paper's two applications, k-means and blocked matmul, as five
 * programs computing the same thing from the same kernels (bench/variants.ts): sequential, taskified without and
 * with @rro, and hand-written piscina with structured clone and with SharedArrayBuffers. Per case (bench/sweeps.ts)
 * the variants run interleaved, round after round; the table holds medians of the time each program reports for
 * itself, the ratios issue 5 asks for and its targets. Every run must print the same result lines as the case's
 * first run, or the benchmark stops: a fast wrong answer is no result.
 *
 * Writes bench/results/bench.md (bench-quick.md) and the chart bench.svg (bench-quick.svg) beside it. `--smoke`
 * (tiny sizes, one round, results in the temp dir) only checks that the driver works.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { machineLine, runProgram, writeResult } from './harness';
import { median } from './stats';
import { variants, type App, type VariantKey } from './variants';
import { sweep, targetNotes, type Case, type Size } from './sweeps';
import { appTable, targetSummary, type Measured } from './table';
import { chartSvg, type Bar } from './chart';

const size: Size = process.argv.includes('--smoke') ? 'smoke' : process.argv.includes('--quick') ? 'quick' : 'full';
const apps: Record<App, { title: string; sources: string }> = {
  kmeans: { title: 'k-means', sources: 'examples/kmeans, bench/handwritten/kmeans.ts' },
  matmul: { title: 'matmul', sources: 'examples/matmul, bench/handwritten/matmul.ts' },
};
const work = mkdtempSync(join(tmpdir(), 'taskify-bench-'));
const statsFile = join(work, 'stats.json');

/** The taskified run's TASKIFY_STATS: how many tasks really ran in workers. */
function tasksInWorkers(): number {
  return existsSync(statsFile) ? JSON.parse(readFileSync(statsFile, 'utf8')).tasks.inWorkers : 0;
}

function measure(c: Case): Measured {
  const samples = Object.fromEntries(variants.map((v) => [v.key, [] as number[]])) as Record<VariantKey, number[]>;
  let reference: { label: string; result: string } | undefined;
  let tasks = 0;
  for (let round = 0; round < c.rounds; round++) {
    const line: string[] = [];
    // The order rotates each round, so that no variant always follows the same one (page cache, heat, neighbours).
    for (let i = 0; i < variants.length; i++) {
      const v = variants[(round + i) % variants.length];
      rmSync(statsFile, { force: true });
      const env = v.taskified ? { ...c.runtimeEnv, ...v.env, TASKIFY_STATS: statsFile } : v.env;
      const run = runProgram(v.file(c.app), [...c.args, ...v.args], env);
      if (!reference) reference = { label: v.label, result: run.result };
      else if (run.result !== reference.result) {
        throw new Error(`results differ, ${apps[c.app].title} ${c.args.join(' ')}: "${v.label}" printed\n${run.result}\nbut "${reference.label}" printed\n${reference.result}`);
      }
      if (v.key === 'rro') tasks = tasksInWorkers();
      samples[v.key].push(run.seconds);
      line.push(`${v.label} ${run.seconds.toFixed(2)} s`);
    }
    console.log(`${apps[c.app].title} ${c.name}, round ${round + 1}/${c.rounds}: ${line.join(', ')}`);
  }
  const times = Object.fromEntries(variants.map((v) => [v.key, median(samples[v.key])])) as Record<VariantKey, number>;
  return { case: c, times, tasksInWorkers: tasks };
}

function markdown(measured: readonly Measured[], chartFile: string, minutes: number): string {
  const command = `npm run bench${size === 'full' ? '' : ` -- --${size}`}`;
  const sections = (Object.keys(apps) as App[]).map((app) => [
    `## ${apps[app].title} (${apps[app].sources})`, '', appTable(app, measured), '',
    `Targets: ${targetNotes[app]} ${targetSummary(app, measured)}`,
  ].join('\n'));
  return [
    `# taskify against sequential and hand-written piscina (\`${command}\`)`, '',
    `${machineLine()}; the whole run took ${minutes.toFixed(1)} min.`, '',
    'Each time is the median, over the rounds shown, of what the program printed on its own `time X s` line (process ' +
      'start-up excluded). The five variants ran interleaved, their order rotated each round, and all printed the same ' +
      'result lines in every run (checked). Ratios are of medians; targets are checked on the ratios as printed. ' +
      '"tasks in workers" counts the taskified build\'s tasks (TASKIFY_STATS): calls the plugin kept direct ran sequentially.', '',
    ...variants.map((v) => `- **${v.label}**: ${v.about}.`), '',
    ...sections.flatMap((s) => [s, '']),
    `![each variant's time relative to the sequential program's](${chartFile})`, '',
  ].join('\n');
}

async function main(): Promise<void> {
  const started = performance.now();
  const measured = sweep(size).map(measure);
  const minutes = (performance.now() - started) / 60000;
  const bars: Bar[] = measured.flatMap((m) => variants.map((v) => ({
    app: apps[m.case.app].title, case: m.case.name, variant: v.label, seconds: m.times[v.key], relative: m.times[v.key] / m.times.sequential,
  })));
  const svg = await chartSvg(bars, Object.values(apps).map((a) => a.title), variants.map((v) => v.label));
  const name = size === 'full' ? 'bench' : `bench-${size}`;
  // A smoke run checks the driver, and its numbers mean nothing: they stay out of bench/results.
  const dir = size === 'smoke' ? join(tmpdir(), 'taskify-bench-smoke') : undefined;
  writeResult(`${name}.svg`, svg, dir);
  const file = writeResult(`${name}.md`, markdown(measured, `${name}.svg`, minutes), dir);
  console.log(`\n${readFileSync(file, 'utf8')}\nwritten to ${file}`);
}

main()
  .catch((error) => { console.error(error); process.exitCode = 1; })
  .finally(() => rmSync(work, { recursive: true, force: true }));
