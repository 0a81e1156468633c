/**
 * Where the plugin's compile time goes, by TIME (bench:plugin says how much; this says where). Compiles the generated
 * project exactly as plugin-cost.ts does, with and without the plugin, under the V8 CPU profiler, and prints:
 * - the phases of one build (program, pre-emit diagnostics, programTasks, emit with the transformer), medians;
 * - self and inclusive time by file under transformer/ (inclusive: a sample counts once per file on its stack);
 * - typescript.js functions entered from transformer/ code (the checker work the plugin triggers), inclusive;
 * - typescript.js self time by function under transformer/ frames, and in the plain build vs the plugin build.
 * Counting walks or checker queries (checker-memo, syntax-census) said nothing about time; this does.
 * Usage: node dist/bench/plugin-profile.js [rounds]   (BENCH_PROJECT=extended, BENCH_FILES=n as plugin-cost.ts;
 * PROFILE_INTERVAL_US=n samples every n µs (default 250); PROFILE_OUT=file.cpuprofile keeps the profile for chrome://inspect; PROFILE=0 times the phases without the profiler).
 */
import * as ts from 'typescript';
import { Session } from 'node:inspector';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createAnalysisProgram } from '../transformer/analysis/program';
import taskifyTransformer from '../transformer';
import { generateProject, projectOptions } from './generated-project';
import { median } from './stats';
import { summarize, type CpuProfile } from './profile-summary';

const FILES = Number(process.env.BENCH_FILES || 100);
const EXTENDED = process.env.BENCH_PROJECT === 'extended';
const ROUNDS = Number(process.argv[2] || 5);

type Phases = Record<string, number>;

function compile(files: string[], options: ts.CompilerOptions, withPlugin: boolean): Phases {
  const phases: Phases = {};
  const cpu = process.cpuUsage();
  let at = performance.now();
  const lap = (name: string) => { const now = performance.now(); phases[name] = now - at; at = now; };
  const program = createAnalysisProgram(ts, files, undefined, options);
  lap('createProgram');
  const errors: ts.Diagnostic[] = [...ts.getPreEmitDiagnostics(program)];
  lap('getPreEmitDiagnostics');
  const before = withPlugin ? [taskifyTransformer(program, { runtime: 'taskify/runtime' }, { ts, addDiagnostic: (d) => errors.push(d) })] : [];
  lap('programTasks (taskifyTransformer)');
  const result = program.emit(undefined, undefined, undefined, false, { before });
  lap('emit (+ per-file transform)');
  // CPU time of the whole build (user + system): on a loaded machine wall times wander, this much less.
  const used = process.cpuUsage(cpu);
  phases['build, cpu ms'] = (used.user + used.system) / 1000;
  if (errors.length || result.diagnostics.length) throw new Error('the generated project should compile cleanly');
  return phases;
}

function profiled(session: Session, body: () => void): CpuProfile | undefined {
  if (process.env.PROFILE === '0') { body(); return undefined; } // phases only: the profiler's own cost (several-fold at 0.1 ms) left out
  session.post('Profiler.enable');
  session.post('Profiler.setSamplingInterval', { interval: Number(process.env.PROFILE_INTERVAL_US || 250) });
  session.post('Profiler.start');
  body();
  let profile: CpuProfile | undefined;
  session.post('Profiler.stop', (error, result) => { if (error) throw error; profile = result.profile as unknown as CpuProfile; });
  if (!profile) throw new Error('the profiler returned no profile');
  return profile;
}

function main(): void {
  const dir = mkdtempSync(join(tmpdir(), 'taskify-plugin-profile-'));
  try {
    const files = generateProject(dir, FILES, EXTENDED);
    const options = projectOptions(ts, dir);
    compile(files, options, false); compile(files, options, true); // warm up, as plugin-cost.ts
    const session = new Session();
    session.connect();
    const phases: Record<'plain' | 'plugin', Phases[]> = { plain: [], plugin: [] };
    // Interleaved in one profile (machine drift and JIT state hit both alike); the two wrappers' names split the samples.
    const plainBuild = () => phases.plain.push(compile(files, options, false));
    const pluginBuild = () => phases.plugin.push(compile(files, options, true));
    const profile = profiled(session, () => { for (let r = 0; r < ROUNDS; r++) { plainBuild(); pluginBuild(); } });
    session.disconnect();
    if (profile && process.env.PROFILE_OUT) writeFileSync(process.env.PROFILE_OUT, JSON.stringify(profile));
    console.log(`generated project${EXTENDED ? ' (extended)' : ''}: ${FILES} files, ${ROUNDS} rounds each, medians of phases (ms)\n`);
    console.log('| phase | plain | plugin |\n|---|---|---|');
    for (const name of Object.keys(phases.plugin[0])) {
      const of = (runs: Phases[]) => (runs[0][name] === undefined ? '-' : median(runs.map((p) => p[name])).toFixed(1));
      console.log(`| ${name} | ${of(phases.plain)} | ${of(phases.plugin)} |`);
    }
    const cpuOf = (runs: Phases[]) => median(runs.map((p) => p['build, cpu ms']));
    // The least CPU a build took: what interference (other processes on the cores, their cache) adds only raises it.
    const leastOf = (runs: Phases[]) => Math.min(...runs.map((p) => p['build, cpu ms']));
    console.log(`\nratio by cpu: ${(cpuOf(phases.plugin) / cpuOf(phases.plain)).toFixed(2)}x (medians); ` +
      `${(leastOf(phases.plugin) / leastOf(phases.plain)).toFixed(2)}x (least: plugin ${leastOf(phases.plugin).toFixed(0)} ms, plain ${leastOf(phases.plain).toFixed(0)} ms)`);
    console.log('');
    if (profile) console.log(summarize(profile, ROUNDS, { plugin: 'pluginBuild', plain: 'plainBuild' }));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main();
