/**
 * npm run bench:plugin — the plugin's compile-time cost on a generated 100-file project, against plain tsc emitting
 * the same project in the same run (interleaved rounds, medians). Target (issue 3): at most 1.5x plain tsc.
 */
import * as ts from 'typescript';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createAnalysisProgram } from '../transformer/analysis/program';
import taskifyTransformer from '../transformer';
import { programTasks } from '../transformer/program-tasks';
import { interleaved } from './stats';
import { generateProject, projectOptions } from './generated-project';

const FILES = Number(process.env.BENCH_FILES || 100);
const ROUNDS = Number(process.env.BENCH_ROUNDS || 5);
/** BENCH_PROJECT=extended: the project with the constructs the analysis follows now (generated-project.ts). */
const EXTENDED = process.env.BENCH_PROJECT === 'extended';

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'taskify-plugin-bench-'));
  try {
    const files = generateProject(dir, FILES, EXTENDED);
    const options = projectOptions(ts, dir);
    let tasks = 0;
    const compile = (withPlugin: boolean) => {
      const program = createAnalysisProgram(ts, files, undefined, options);
      const errors: ts.Diagnostic[] = [...ts.getPreEmitDiagnostics(program)]; // what tsc checks before it emits
      const before = withPlugin ? [taskifyTransformer(program, { runtime: 'taskify/runtime' }, { ts, addDiagnostic: (d) => errors.push(d) })] : [];
      const result = program.emit(undefined, undefined, undefined, false, { before });
      if (errors.length || result.diagnostics.length) throw new Error('the generated project should compile cleanly');
      if (withPlugin) tasks = [...programTasks(ts, program).tasks.values()].length;
    };
    compile(false); compile(true); // warm up: the library's .d.ts files parsed once, code optimised
    const times = await interleaved(ROUNDS, { plain: () => compile(false), plugin: () => compile(true) });
    console.log(`generated project${EXTENDED ? ' (extended)' : ''}: ${FILES} files, ${tasks} tasks; medians of ${ROUNDS} interleaved rounds (type check + emit)\n`);
    console.log('| build | median ms | ratio |');
    console.log('|---|---|---|');
    console.log(`| plain tsc | ${times.plain.toFixed(0)} | 1.00x |`);
    console.log(`| tsc + taskify plugin | ${times.plugin.toFixed(0)} | ${(times.plugin / times.plain).toFixed(2)}x |`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error) => { console.error(error); process.exitCode = 1; });
