/**
 * Build a fixture program of test/programs/<name> with plain tsc or with the plugin (into a temporary directory
 * removed after the suite), and run it: what the equivalence and failure suites share.
 */
import * as assert from 'uvu/assert';
import * as ts from 'typescript';
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createAnalysisProgram } from '../transformer/analysis/program';
import taskifyTransformer from '../transformer';

export const repositoryRoot = join(__dirname, '..', '..');
const programs = join(repositoryRoot, 'test', 'programs');
export const programsWork = mkdtempSync(join(tmpdir(), 'taskify-programs-'));
process.on('exit', () => rmSync(programsWork, { recursive: true, force: true }));

/** Compile test/programs/<name>; fails the test on any diagnostic. Returns the output directory. */
export function buildProgram(name: string, withPlugin: boolean, module: 'commonjs' | 'node16'): string {
  const dir = join(programs, name);
  const outDir = join(programsWork, `${name}-${withPlugin ? 'taskify' : 'plain'}`);
  const options: ts.CompilerOptions = {
    target: ts.ScriptTarget.ES2022, strict: true, skipLibCheck: true, types: ['node'], rootDir: dir, outDir,
    module: module === 'commonjs' ? ts.ModuleKind.CommonJS : ts.ModuleKind.Node16,
    moduleResolution: module === 'commonjs' ? ts.ModuleResolutionKind.Node10 : ts.ModuleResolutionKind.Node16,
  };
  const files = readdirSync(dir).filter((f) => f.endsWith('.ts')).map((f) => join(dir, f));
  const program = createAnalysisProgram(ts, files, undefined, options);
  const diagnostics: ts.Diagnostic[] = [...ts.getPreEmitDiagnostics(program)];
  const before = withPlugin
    ? [taskifyTransformer(program, { runtime: join(repositoryRoot, 'dist', 'runtime', 'index.js') }, { ts, addDiagnostic: (d) => diagnostics.push(d) })]
    : [];
  program.emit(undefined, undefined, undefined, false, { before });
  const messages = diagnostics.map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
  assert.equal(messages, [], `${name} compiles without errors`);
  if (existsSync(join(dir, 'package.json'))) copyFileSync(join(dir, 'package.json'), join(outDir, 'package.json'));
  return outDir;
}

type TaskCounts = { submitted: number; inWorkers: number; inline: number; failed: number; cancelled: number; mostPending: number; dir: string };

/**
 * Build test/programs/<name> both ways and run both: the plugin's build must print exactly what the plain build
 * prints, in workers and inline (TASKIFY_WORKERS=0). Returns the run's task counts and the plugin's output directory.
 */
export function printsAsPlain(name: string): TaskCounts {
  return sameAsPlain(name, runProgram, (taskified, plain, message) => assert.fixture(taskified, plain, message));
}

/** Both builds run by `run`, compared by `same`; the plugin's build in workers (counted), then inline. */
function sameAsPlain<T>(name: string, run: (outDir: string, env?: Record<string, string>) => T, same: (taskified: T, plain: T, message?: string) => void): TaskCounts {
  const plain = run(buildProgram(name, false, 'commonjs'));
  const dir = buildProgram(name, true, 'commonjs');
  const statsFile = join(programsWork, `${name}-stats.json`);
  same(run(dir, { TASKIFY_STATS: statsFile }), plain);
  same(run(dir, { TASKIFY_WORKERS: '0' }), plain, 'inline mode runs the same');
  return { ...JSON.parse(readFileSync(statsFile, 'utf8')).tasks, dir };
}

export function runProgram(outDir: string, env: Record<string, string> = {}): string {
  return execFileSync(process.execPath, [join(outDir, 'main.js')], { encoding: 'utf8', timeout: 180_000, env: { ...process.env, FORCE_COLOR: '0', ...env } });
}

/**
 * For programs that end of an error: what a run shows, apart from where the error was thrown and its stack frames
 * (a worker's, the runtime's): stdout, exit code, every error line on stderr and how many uncaught errors Node reported.
 */
export function runEnding(outDir: string, env: Record<string, string> = {}): { stdout: string; status: number | null; errors: string[]; reports: number } {
  const run = spawnSync(process.execPath, [join(outDir, 'main.js')], { encoding: 'utf8', timeout: 180_000, env: { ...process.env, FORCE_COLOR: '0', ...env } });
  const errors = run.stderr.match(/^\w*Error: .*$/gm) ?? [];
  return { stdout: run.stdout, status: run.status, errors, reports: run.stderr.match(/^Node\.js v/gm)?.length ?? 0 };
}

/** printsAsPlain for a program that may end of an error: it must end the same way, reported once. */
export function endsAsPlain(name: string): TaskCounts {
  return sameAsPlain(name, runEnding, (taskified, plain, message) => assert.equal(taskified, plain, message));
}
