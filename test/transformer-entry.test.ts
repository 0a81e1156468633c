/** The plugin entry point: loadable by ts-patch's tspc, and clear about compilers it cannot work with. */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unsupportedTypeScript } from '../transformer/version-check';

const root = join(__dirname, '..', '..');

test('TypeScript 7 (no transformer API) and versions outside 5.5–6.0 are refused with a clear message', () => {
  assert.match(unsupportedTypeScript('7.0.1')!, /native compiler, which has no transformer API/);
  assert.match(unsupportedTypeScript('5.4.5')!, /not supported; use a version >=5\.5 <6\.1/);
  assert.match(unsupportedTypeScript('6.1.0')!, /not supported/);
  assert.is(unsupportedTypeScript('5.5.0'), undefined);
  assert.is(unsupportedTypeScript('5.9.3'), undefined);
  assert.is(unsupportedTypeScript('6.0.3'), undefined);
});

test('tspc loads the plugin from a project\'s tsconfig, rewrites the task call, and the program still runs', () => {
  // The fixture sits in dist/test/fixtures so its relative plugin path reaches dist/transformer/index.js.
  const project = join(__dirname, 'fixtures', 'plugin-project');
  cpSync(join(root, 'test', 'fixtures', 'plugin-project'), project, { recursive: true });
  writeFileSync(join(project, 'tsconfig.json'), JSON.stringify({
    compilerOptions: {
      target: 'ES2022', module: 'commonjs', strict: true, rootDir: '.',
      plugins: [{ transform: join(root, 'dist', 'transformer', 'index.js'), runtime: join(root, 'dist', 'runtime', 'index.js') }],
    },
    files: ['program.ts'],
  }));
  const out = mkdtempSync(join(tmpdir(), 'taskify-plugin-'));
  try {
    execFileSync(process.execPath, [join(root, 'node_modules', 'ts-patch', 'bin', 'tspc.js'), '-p', project, '--outDir', out], { stdio: 'pipe' });
    const emitted = readFileSync(join(out, 'program.js'), 'utf8');
    assert.match(emitted, /function double/);
    assert.match(emitted, /__taskify\.submit\(__taskify_double_0, \[\[1, 2, 3\]\], "[^"]*program\.ts:7"\)/, 'the call became a submission');
    assert.is(execFileSync(process.execPath, [join(out, 'program.js')], { encoding: 'utf8' }).trim(), '2,4,6');
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});

test.run();
