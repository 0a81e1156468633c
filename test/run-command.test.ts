/**
 * `taskify run app.ts`: compiles with the plugin on the project's own tsconfig (`tsc --init` defaults included),
 * reuses the build while nothing it was built from changed, and says every problem in lines starting "taskify run".
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cacheDirFor } from '../transformer/run-cache';

const root = join(__dirname, '..', '..');
const cli = join(root, 'dist', 'runtime', 'cli.js');
// Outside the repository, with no node_modules above it: the build cache goes to the temp dir.
// (Not `taskify-run-…`: a run removes directories of that name whose lease is stale, run-dir.ts removeStaleRunDirs.)
const project = mkdtempSync(join(tmpdir(), 'taskify-cli-project-'));
const main = join(project, 'main.ts');
test.after(() => {
  rmSync(project, { recursive: true, force: true });
  rmSync(cacheDirFor(main), { recursive: true, force: true });
});

const run = (file = 'main.ts', env: Record<string, string> = {}) =>
  spawnSync(process.execPath, [cli, 'run', file], { cwd: project, encoding: 'utf8', env: { ...process.env, ...env } });
const built = () => join(cacheDirFor(main), 'main.js');

test('runs a program on the tsconfig `tsc --init` writes (ES modules, declarations and maps on), tasks in workers', () => {
  execFileSync(process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '--init'], { cwd: project, stdio: 'ignore' });
  assert.match(readFileSync(join(project, 'tsconfig.json'), 'utf8'), /"declarationMap": true/);
  writeFileSync(join(project, 'package.json'), JSON.stringify({ type: 'module' }));
  writeFileSync(join(project, 'kernels.ts'), [
    '/** @task */',
    'export function scale(values: Float64Array, factor: number): void { for (let i = 0; i < values.length; i++) values[i]! *= factor; }',
  ].join('\n'));
  writeFileSync(main, [
    "import { scale } from './kernels.js';",
    'const parts = [new Float64Array([1, 2]), new Float64Array([3, 4])];',
    'for (const p of parts) scale(p, 10);',
    "console.log(parts.map((p) => p.join(',')).join(' '));",
  ].join('\n'));
  const stats = join(project, 'stats.json');
  const first = run('main.ts', { TASKIFY_STATS: stats });
  assert.is(first.stderr, '');
  assert.is(first.status, 0);
  assert.is(first.stdout, '10,20 30,40\n');
  const { tasks } = JSON.parse(readFileSync(stats, 'utf8')) as { tasks: { inWorkers: number } };
  assert.is(tasks.inWorkers, 2);
});

test('an unchanged program runs from its last build; a touched file with the same contents too; a changed one is rebuilt', () => {
  const before = statSync(built()).mtimeMs;
  assert.is(run().stdout, '10,20 30,40\n');
  assert.is(statSync(built()).mtimeMs, before, 'not compiled again');
  const later = new Date(Date.now() + 5_000);
  utimesSync(main, later, later);
  assert.is(run().stdout, '10,20 30,40\n');
  assert.is(statSync(built()).mtimeMs, before, 'same contents: not compiled again');

  writeFileSync(join(project, 'kernels.ts'), readFileSync(join(project, 'kernels.ts'), 'utf8').replace('*= factor', '*= factor + 1'));
  assert.is(run().stdout, '11,22 33,44\n', 'an imported file changed: rebuilt');
  const tsconfig = join(project, 'tsconfig.json');
  writeFileSync(tsconfig, readFileSync(tsconfig, 'utf8').replace('"strict": true', '"strict": true, "noImplicitReturns": true'));
  const rebuilt = statSync(built()).mtimeMs;
  assert.is(run().stdout, '11,22 33,44\n');
  assert.ok(statSync(built()).mtimeMs > rebuilt, 'the config changed: rebuilt');
});

test('TASKIFY_STATS is written by a plugin build in which no task ran, with zero tasks', () => {
  writeFileSync(join(project, 'idle.ts'), [
    "import { scale } from './kernels.js';",
    'export function later(values: Float64Array): void { scale(values, 2); }',
    "console.log('no task ran');",
  ].join('\n'));
  const stats = join(project, 'idle-stats.json');
  const idle = run('idle.ts', { TASKIFY_STATS: stats });
  assert.is(idle.stdout, 'no task ran\n', idle.stderr);
  assert.equal(JSON.parse(readFileSync(stats, 'utf8')).tasks, { submitted: 0, inWorkers: 0, inline: 0, failed: 0, cancelled: 0, retried: 0, mostPending: 0 });
});

test('errors are lines starting "taskify run": type errors, a broken tsconfig, a missing file', () => {
  writeFileSync(join(project, 'bad.ts'), "const n: number = 'text';\nconsole.log(n);\n");
  const typeError = run('bad.ts');
  assert.is(typeError.status, 1);
  assert.is(typeError.stdout, '');
  for (const line of typeError.stderr.trim().split('\n')) assert.match(line, /^taskify run: /);
  assert.match(typeError.stderr, /bad\.ts:1:7 - error TS2322/);

  const tsconfig = join(project, 'tsconfig.json');
  const good = readFileSync(tsconfig, 'utf8');
  writeFileSync(tsconfig, good.replace('"strict": true', '"strict": true, "notAnOption": 1'));
  const config = run();
  assert.is(config.status, 1);
  assert.match(config.stderr, /^taskify run: tsconfig\.json: Unknown compiler option 'notAnOption'\.\n$/);
  writeFileSync(tsconfig, good);

  const missing = run('missing.ts');
  assert.is(missing.status, 2);
  assert.is(missing.stderr, 'taskify run: missing.ts does not exist\n');
});

test.run();
