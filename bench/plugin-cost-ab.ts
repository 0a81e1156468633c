/**
 * node dist/bench/plugin-cost-ab.js <other dist> [rounds] — the plugin's compile-time cost, this build's transformer
 * against the one in <other dist>, in ONE process: each round compiles the generated project plainly, with this
 * transformer and with the other (in turn, fresh programs each), and takes each build's CPU time (user + system). On a
 * shared machine two separate runs of bench:plugin differ by more than a speed change does; builds interleaved in one
 * process see the same conditions. Prints the medians and each plugin build's ratio to the plain build of its round.
 * BENCH_PROJECT=extended, BENCH_FILES=n as plugin-cost.ts.
 */
import * as ts from 'typescript';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createAnalysisProgram } from '../transformer/analysis/program';
import { generateProject, projectOptions } from './generated-project';
import { median } from './stats';

type Transformer = typeof import('../transformer').default;

const FILES = Number(process.env.BENCH_FILES || 100);
const EXTENDED = process.env.BENCH_PROJECT === 'extended';

function main(): void {
  const [other, roundsArg] = process.argv.slice(2);
  if (!other) throw new Error('usage: node dist/bench/plugin-cost-ab.js <other dist directory> [rounds]');
  const rounds = Number(roundsArg || 9);
  /* eslint-disable @typescript-eslint/no-require-imports */
  const builds: Record<string, Transformer | undefined> = {
    plain: undefined,
    'this': require(join(__dirname, '..', 'transformer', 'index.js')).default,
    other: require(join(resolve(other), 'transformer', 'index.js')).default,
  };
  const dir = mkdtempSync(join(tmpdir(), 'taskify-plugin-ab-'));
  try {
    const files = generateProject(dir, FILES, EXTENDED);
    const options = projectOptions(ts, dir);
    const compile = (transformer: Transformer | undefined): number => {
      const cpu = process.cpuUsage();
      const program = createAnalysisProgram(ts, files, undefined, options);
      const errors: ts.Diagnostic[] = [...ts.getPreEmitDiagnostics(program)];
      const before = transformer ? [transformer(program, { runtime: 'taskify/runtime' }, { ts, addDiagnostic: (d) => errors.push(d) })] : [];
      const result = program.emit(undefined, undefined, undefined, false, { before });
      if (errors.length || result.diagnostics.length) throw new Error('the generated project should compile cleanly');
      const used = process.cpuUsage(cpu);
      return (used.user + used.system) / 1000;
    };
    for (const transformer of Object.values(builds)) compile(transformer); // warm up
    const times: Record<string, number[]> = { plain: [], 'this': [], other: [] };
    const names = Object.keys(builds);
    for (let round = 0; round < rounds; round++) {
      // (The order turns each round, so that none is always the one after a garbage-heavy build.)
      for (let k = 0; k < names.length; k++) { const name = names[(round + k) % names.length]; times[name].push(compile(builds[name])); }
    }
    const ratios = (name: string) => times[name].map((t, i) => t / times.plain[i]);
    console.log(`generated project${EXTENDED ? ' (extended)' : ''}: ${FILES} files, ${rounds} rounds, CPU ms (median)\n`);
    console.log('| build | median cpu ms | median ratio to plain (per round) |\n|---|---|---|');
    for (const name of names) console.log(`| ${name} | ${median(times[name]).toFixed(0)} | ${name === 'plain' ? '1.00' : median(ratios(name)).toFixed(2)}x |`);
    console.log(`\nthis / other, per round: median ${median(times['this'].map((t, i) => t / times.other[i])).toFixed(3)}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main();
