/** The plugin entry point: loadable by ts-patch's tspc, and clear about compilers it cannot work with. */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as ts from 'typescript';
import taskifyTransformer from '../transformer/index';
import { unsupportedTypeScript, unusableTypeScript } from '../transformer/version-check';

const root = join(__dirname, '..', '..');

test('TypeScript 7 (no transformer API) and versions outside 5.5–6.0 are refused in one line that says what to install', () => {
  assert.match(unsupportedTypeScript('7.0.1')!, /^TypeScript 7\.0\.1 is installed: the native compiler, which has no transformer API/);
  assert.match(unsupportedTypeScript('5.4.5', 'node_modules/typescript')!, /^TypeScript 5\.4\.5 is installed \(node_modules\/typescript\), not a supported version \(>=5\.5 <6\.1\)/);
  assert.match(unsupportedTypeScript('6.1.0')!, /not a supported version/);
  for (const version of ['7.0.1', '5.4.5', '6.1.0']) {
    assert.match(unsupportedTypeScript(version)!, /npm install --save-dev typescript@6 ts-patch@3$/);
    assert.not.match(unsupportedTypeScript(version)!, '\n');
  }
  assert.is(unsupportedTypeScript('5.5.0'), undefined);
  assert.is(unsupportedTypeScript('5.9.3'), undefined);
  assert.is(unsupportedTypeScript('6.0.3'), undefined);
  // TypeScript 7's package exports its version and nothing else.
  assert.match(unusableTypeScript({ version: '7.0.2' })!, /TypeScript 7\.0\.2 is installed: the native compiler/);
  assert.match(unusableTypeScript({ version: '6.0.3' })!, /without its compiler API/);
  assert.is(unusableTypeScript(ts), undefined);
});

test('the plugin entry refuses such a compiler: one error line through ts-patch, else an exception with that line', () => {
  const diagnostics: ts.Diagnostic[] = [];
  const factory = taskifyTransformer(undefined as never, {}, { ts: { version: '7.0.2' } as never, addDiagnostic: (d) => diagnostics.push(d) });
  assert.is(diagnostics.length, 1);
  assert.match(String(diagnostics[0].messageText), /^taskify\/transformer: TypeScript 7\.0\.2 is installed: .*typescript@6 ts-patch@3$/);
  assert.is(diagnostics[0].category, ts.DiagnosticCategory.Error);
  const source = ts.createSourceFile('a.ts', 'f();', ts.ScriptTarget.ES2022);
  assert.is(factory(undefined as never)(source), source, 'the file is left as it is (the plain program)');
  assert.throws(() => taskifyTransformer(undefined as never, {}, { ts: { ...ts, version: '5.4.5' } }),
    /^taskify\/transformer: TypeScript 5\.4\.5 is installed, not a supported version/);
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
