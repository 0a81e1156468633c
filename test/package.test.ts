/** `npm pack` makes a package that works when installed elsewhere: compiled JS, types, the bin, both entry points. */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');
const npm = (args: string[], cwd: string) =>
  execFileSync('npm', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, npm_config_loglevel: 'error' } });

test('the packed tarball installs into a fresh project and runs a task there', () => {
  const work = mkdtempSync(join(tmpdir(), 'taskify-pack-'));
  try {
    const listing = JSON.parse(npm(['pack', '--ignore-scripts', '--json', '--pack-destination', work], root))[0];
    const files: string[] = listing.files.map((f: { path: string }) => f.path);
    for (const needed of ['dist/runtime/index.js', 'dist/runtime/index.d.ts', 'dist/transformer/index.js', 'dist/runtime/cli.js',
      'dist/runtime/engine/engine-thread.js', 'dist/runtime/worker/task-worker.js', 'package.json']) {
      assert.ok(files.includes(needed), `${needed} is in the tarball`);
    }
    assert.not.ok(files.some((f) => f.startsWith('dist/test') || f.startsWith('node_modules')), 'no tests or dependencies inside');

    const app = join(work, 'app');
    execFileSync('mkdir', [app]);
    writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'app', private: true }));
    npm(['install', '--prefer-offline', '--no-audit', '--no-fund', join(work, listing.filename)], app);
    writeFileSync(join(app, 'kernels.js'), 'exports.square = (x) => x * x;\n');
    writeFileSync(join(app, 'main.js'), [
      "const { task, waitOn } = require('taskify/runtime');",
      "const square = task(require.resolve('./kernels'), 'square', ['in']);",
      'console.log(String(waitOn(square(7))));',
      "console.log(typeof require('taskify/transformer').default);",
    ].join('\n'));
    const output = execFileSync(process.execPath, ['main.js'], { cwd: app, encoding: 'utf8' });
    assert.is(output, '49\nfunction\n');
    const bin = join(app, 'node_modules', '.bin', 'taskify');
    assert.ok(existsSync(bin));
    assert.match(execFileSync(bin, ['version'], { encoding: 'utf8' }), /^\d+\.\d+\.\d+/);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  assert.equal(readdirSync(root).filter((f) => f.endsWith('.tgz')), [], 'no tarball left in the checkout');
});

test.run();
