/**
 * The fixture data-values: errors returned by tasks or stored in their arguments, arrays with trailing holes, and
 * instances of a class the module does not export inside an array argument (those calls stay direct, with the reason).
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { buildProgram as build, printsAsPlain, runProgram as run, repositoryRoot as root } from './program-build';

test('errors, trailing holes and a local class inside an array print as in the plain build', () => {
  const tasks = printsAsPlain('data-values');
  const plain = run(build('data-values', false, 'commonjs'));
  assert.is(tasks.inWorkers, 11, 'check twice, run, several, slots, dropKey twice, roundDown, stamp, readHidden and the fenced bumpHidden ran in workers; the two move calls did not');
  assert.match(plain, 'RangeError: negative -1 true true RangeError negative -1 RangeError: negative -1');
  assert.match(plain, '3 true false [1,null,null]');
  assert.match(plain, 'x true -Infinity true -Infinity', 'own keys named like prototype members deleted; -0 and NaN kept');
  assert.match(plain, '7 n {"n":2} 42\nTypeError read-only', 'hidden properties travel both ways, read-only as defined');
});

test('explain says why the calls with a local class inside their argument stay direct', () => {
  const dir = join('test', 'programs', 'data-values');
  const out = JSON.parse(execFileSync(process.execPath, [join(root, 'dist', 'runtime', 'cli.js'), 'explain', '--json',
    join(dir, 'main.ts'), join(dir, 'kernels.ts')], { cwd: root, encoding: 'utf8' })) as { calls: { task: string; submitted: boolean; reason: string }[] };
  const moves = out.calls.filter((c) => c.task === 'move');
  assert.is(moves.length, 2);
  assert.equal(moves.map((c) => c.submitted), [false, false]);
  assert.match(moves[0]!.reason, 'argument `ps` holds an instance of class P, which its module does not export');
  assert.match(moves[1]!.reason, 'argument `[new P(10)]` holds an instance of class P, which its module does not export');
});

test.run();
