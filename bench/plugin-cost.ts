/**
 * npm run bench:plugin — the plugin's compile-time cost on a generated 100-file project, against plain tsc emitting
 * the same project in the same run (interleaved rounds, medians). Target (issue 3): at most 1.5x plain tsc.
 */
import * as ts from 'typescript';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createAnalysisProgram } from '../transformer/analysis/program';
import taskifyTransformer from '../transformer';
import { programTasks } from '../transformer/program-tasks';
import { interleaved } from './stats';

const FILES = Number(process.env.BENCH_FILES || 100);
const ROUNDS = Number(process.env.BENCH_ROUNDS || 5);

function generate(dir: string): string[] {
  const files: string[] = [];
  for (let i = 0; i < FILES; i++) {
    const previous = i > 0 ? `import { scale${i - 1}, total${i - 1} } from './m${i - 1}';\n` : '';
    const calls = i > 0 ? `  scale${i - 1}(values, 2);\n  const t = total${i - 1}(values);\n  sink.push(t);\n` : '';
    const source = `${previous}
export interface Point${i} { x: number; y: number; tags: string[] }

/** @task */
export function scale${i}(values: Float64Array, factor: number): void {
  const view = values.subarray(0);
  for (let k = 0; k < view.length; k++) view[k] *= factor;
}

/** @task */
export function total${i}(values: Float64Array): number {
  let sum = 0;
  for (const v of values) sum += v;
  return sum + helper${i}(values);
}

function helper${i}(values: Float64Array): number { return values.length > 0 ? values[0] : 0; }

export function describe${i}(p: Point${i}): string { return \`\${p.x},\${p.y}:\${p.tags.join('+')}\`; }

export function run${i}(n: number): number {
  const values = new Float64Array(n).fill(1);
  const sink: number[] = [];
${calls}  for (let k = 0; k < 3; k++) sink.push(k * n);
  return sink.reduce((a, b) => a + b, 0) + values[0];
}
`;
    const file = join(dir, `m${i}.ts`);
    writeFileSync(file, source);
    files.push(file);
  }
  return files;
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'taskify-plugin-bench-'));
  try {
    const files = generate(dir);
    const options: ts.CompilerOptions = {
      target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.CommonJS, strict: true, skipLibCheck: true, types: [],
      rootDir: dir, outDir: join(dir, 'out'),
    };
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
    console.log(`generated project: ${FILES} files, ${tasks} tasks; medians of ${ROUNDS} interleaved rounds (type check + emit)\n`);
    console.log('| build | median ms | ratio |');
    console.log('|---|---|---|');
    console.log(`| plain tsc | ${times.plain.toFixed(0)} | 1.00x |`);
    console.log(`| tsc + taskify plugin | ${times.plugin.toFixed(0)} | ${(times.plugin / times.plain).toFixed(2)}x |`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error) => { console.error(error); process.exitCode = 1; });
