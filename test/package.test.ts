/**
 * The packed package in a fresh project outside the repository, as a user gets it: the README's quick start run
 * word for word (npm installs TypeScript 6 and ts-patch from the registry), its program compared byte for byte with
 * the plain `tsc` build, `taskify run` on `tsc --init` defaults, and TypeScript 7 forced in, refused in one line.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { onTerminal, screenLines, STATUS } from './terminal';

const root = join(__dirname, '..', '..');
const work = mkdtempSync(join(tmpdir(), 'taskify-pack-'));
const app = join(work, 'my-app');
test.after(() => rmSync(work, { recursive: true, force: true }));

// A user's shell: none of the npm_* variables `npm test` sets for its own scripts.
const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^npm_/i.test(name)));
const sh = (script: string, cwd: string, extra: Record<string, string> = {}) =>
  spawnSync('bash', ['-euo', 'pipefail', '-c', script], { cwd, encoding: 'utf8', env: { ...env, ...extra }, timeout: 300_000 });
const npm = (args: string[], cwd: string) => execFileSync('npm', args, { cwd, encoding: 'utf8', env, stdio: ['ignore', 'pipe', 'pipe'] });

/** The README's quick start: its first sh block makes the tarball in a clone, its second is pasted in a new directory. */
function quickStart(): { pack: string; project: string } {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('## Quick start'), readme.indexOf('\n## ', readme.indexOf('## Quick start') + 1));
  const blocks = [...section.matchAll(/```sh\n([\s\S]*?)```/g)].map((m) => m[1]);
  assert.is(blocks.length, 2, 'the quick start has two blocks of commands');
  return { pack: blocks[0], project: blocks[1] };
}

test('npm pack makes the package: compiled JS, types, the bin, both entry points, no tests', () => {
  mkdirSync(join(work, 'taskify'));
  const listing = JSON.parse(npm(['pack', '--ignore-scripts', '--json', '--pack-destination', join(work, 'taskify')], root))[0];
  const files: string[] = listing.files.map((f: { path: string }) => f.path);
  for (const needed of ['dist/runtime/index.js', 'dist/runtime/index.d.ts', 'dist/transformer/index.js', 'dist/runtime/cli.js',
    'dist/runtime/engine/engine-thread.js', 'dist/runtime/worker/task-worker.js', 'package.json']) {
    assert.ok(files.includes(needed), `${needed} is in the tarball`);
  }
  assert.not.ok(files.some((f) => f.startsWith('dist/test') || f.startsWith('node_modules')), 'no tests or dependencies inside');
  assert.equal(readdirSync(root).filter((f) => f.endsWith('.tgz')), [], 'no tarball left in the checkout');
  // The clone's own step (npm install && npm pack) is what `npm test` has just done here: the build, then the pack.
  const { pack, project } = quickStart();
  assert.match(pack, `# writes taskify/${listing.filename}`);
  assert.match(project, `npm install ../taskify/${listing.filename} typescript@6 ts-patch@3`);
});

test('the README quick start, pasted in a new directory: it builds with tspc, runs, and its tasks ran in workers', () => {
  const pasted = sh(quickStart().project, work);
  assert.is(pasted.status, 0, `the quick start failed:\n${pasted.stdout}\n${pasted.stderr}`);
  assert.is(pasted.stdout.match(/^primes below 4 million: 283146$/gm)?.length, 2, pasted.stdout);
  assert.match(pasted.stdout, /"inWorkers": 8,/);
  assert.match(npm(['install-scripts', 'ls'], app), 'No packages with unreviewed install scripts');
  const manifest = JSON.parse(readFileSync(join(app, 'package.json'), 'utf8'));
  assert.match(manifest.dependencies.typescript, /^\^6\./);
  assert.match(manifest.dependencies['ts-patch'], /^\^3\./);
});

test('the plugin build prints what the plain tsc build prints, byte for byte; only the plugin build loads taskify', () => {
  const plain = sh('npx tsc --outDir plain && TASKIFY_STATS=plain-stats.json node plain/main.js', app);
  assert.is(plain.status, 0, plain.stderr);
  assert.not.match(readFileSync(join(app, 'plain', 'kernels.js'), 'utf8'), 'taskify', 'tsc ignores the plugin: the sequential program');
  assert.not.ok(existsSync(join(app, 'plain-stats.json')), 'nothing of taskify runs in the plain build (as the README says)');
  const taskified = sh('TASKIFY_STATS=stats.json TASKIFY_PROGRESS=1 node dist/main.js', app);
  assert.is(taskified.status, 0, taskified.stderr);
  assert.is(taskified.stdout, plain.stdout);
  assert.is(taskified.stderr, plain.stderr);
  assert.ok(JSON.parse(readFileSync(join(app, 'stats.json'), 'utf8')).tasks.inWorkers > 0);

  // The runtime by hand, and the bin.
  writeFileSync(join(app, 'by-hand.js'), [
    "const { task, waitOn } = require('taskify/runtime');",
    "const countPrimes = task(require.resolve('./dist/kernels'), 'countPrimes', ['in', 'in']);",
    'console.log(String(waitOn(countPrimes(0, 100))));',
    "console.log(typeof require('taskify/transformer').default);",
  ].join('\n'));
  assert.is(execFileSync(process.execPath, ['by-hand.js'], { cwd: app, encoding: 'utf8' }), '25\nfunction\n');
  assert.match(execFileSync(join(app, 'node_modules', '.bin', 'taskify'), ['version'], { encoding: 'utf8' }), /^\d+\.\d+\.\d+/);
});

test('tasks that print, built in the fresh project and run on a terminal with the progress line: the plain build\'s bytes', () => {
  // The printing fixture (console.log/error, process.stdout.write, an async task, a failing one, main between calls).
  const dir = join(app, 'printing');
  mkdirSync(join(dir, 'src'), { recursive: true });
  // The quick start installs no @types/node: the few names of `process` the fixture uses are declared instead.
  const processTypes = 'declare const process: { env: Record<string, string | undefined>; stdout: { write(s: string): boolean }; ' +
    'stderr: { write(s: string): boolean } };\n';
  for (const file of ['main.ts', 'kernels.ts']) {
    writeFileSync(join(dir, 'src', file), processTypes + readFileSync(join(root, 'test', 'programs', 'printing', file), 'utf8'));
  }
  writeFileSync(join(dir, 'tsconfig.json'), readFileSync(join(app, 'tsconfig.json'), 'utf8'));
  const built = sh('npx tspc -p . && npx tsc -p . --outDir plain', dir);
  assert.is(built.status, 0, `${built.stdout}\n${built.stderr}`);
  const env = { PRINTING_MS: '300', TASKIFY_PROGRESS: '1', TASKIFY_SUMMARY: '0', TASKIFY_WORKERS: '2' };
  const expected = onTerminal(join(dir, 'plain', 'main.js'), env, dir);
  const screen = onTerminal(join(dir, 'dist', 'main.js'), env, dir);
  assert.match(expected, 'a line 1', 'the fixture prints');
  assert.ok([...screen.matchAll(STATUS)].length >= 2, 'the progress line was drawn while tasks ran');
  assert.fixture(screen.replace(STATUS, ''), expected);
  assert.equal(screenLines(screen).slice(0, -1), screenLines(expected), 'no line on screen holds both');
});

test('taskify run on the tsconfig TypeScript 6 `tsc --init` writes, then again from its cached build', () => {
  const dir = join(app, 'init');
  mkdirSync(dir);
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ type: 'module' }));
  writeFileSync(join(dir, 'kernels.ts'), readFileSync(join(app, 'src', 'kernels.ts')));
  writeFileSync(join(dir, 'main.ts'), readFileSync(join(app, 'src', 'main.ts'), 'utf8').replace("'./kernels'", "'./kernels.js'"));
  const first = sh('npx tsc --init >/dev/null && TASKIFY_STATS=stats.json npx taskify run main.ts', dir);
  assert.is(first.stderr, '');
  assert.is(first.stdout, 'primes below 4 million: 283146\n');
  assert.is(JSON.parse(readFileSync(join(dir, 'stats.json'), 'utf8')).tasks.inWorkers, 8);
  const manifest = join(app, 'node_modules', '.cache', 'taskify-run');
  const [key] = readdirSync(manifest);
  const built = readFileSync(join(manifest, key, 'taskify-run.json'), 'utf8');
  const again = sh('npx taskify run main.ts', dir);
  assert.is(again.stdout, first.stdout);
  assert.is(readFileSync(join(manifest, key, 'taskify-run.json'), 'utf8'), built, 'not built again');
});

test('TypeScript 7 forced in: explain, run and the plugin entry stop with one line saying what is installed and what to install', () => {
  npm(['install', '--no-save', '--legacy-peer-deps', '--no-audit', '--no-fund', 'typescript@7'], app);
  const oneLine = /^taskify[ /a-z]*: TypeScript 7\.\d+\.\d+\S* is installed( \(node_modules\/typescript\))?: the native compiler, which has no transformer API for taskify's plugin; install TypeScript 6: npm install --save-dev typescript@6 ts-patch@3\n$/;
  for (const command of ['explain src/main.ts', 'run src/main.ts', 'run init/main.ts']) {
    const refused = sh(`npx taskify ${command}`, app);
    assert.is(refused.status, 2, command);
    assert.is(refused.stdout, '', command);
    assert.match(refused.stderr, oneLine, `${command}: ${refused.stderr}`);
  }
  // A host without ts-patch (a build script of one's own) gets the same line as an exception.
  const entry = sh(`node -e "try { require('taskify/transformer').default({}, {}) } catch (e) { console.error(e.message); process.exit(1) }"`, app);
  assert.is(entry.status, 1);
  assert.match(entry.stderr, oneLine);
  // tspc fails inside ts-patch before the plugin loads (the README says so): at least it fails.
  assert.is.not(sh('npx tspc', app).status, 0);
});

test.run();
