/** `taskify explain`: text and JSON, plain JavaScript with JSDoc types, and why calls stay direct. */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');
const cli = join(root, 'dist', 'runtime', 'cli.js');
const fixture = (name: string) => join('test', 'programs', 'explain', name);
const explain = (...args: string[]) => execFileSync(process.execPath, [cli, 'explain', ...args], { cwd: root, encoding: 'utf8' });

test('--json prints each task with its parameters, directions and reasons (a JS file with JSDoc types)', () => {
  const out = JSON.parse(explain('--json', fixture('tasks.js')));
  assert.equal(out, [{
    file: fixture('tasks.js'), name: 'scale', line: 6, params: [
      { name: 'values', direction: 'inout', reason: `written: updates an element: \`values[i] *= factor\` (${fixture('tasks.js')}:6)` },
      { name: 'factor', direction: 'in', reason: 'primitive (number): passed by value' },
    ],
  }]);
});

test('--all includes every function; the text form says which calls stay direct and why', () => {
  const all = JSON.parse(explain('--json', '--all', fixture('tasks.js')));
  assert.equal(all.map((f: { name: string }) => f.name), ['scale', 'helper']);
  assert.equal(all[1].params, [{ name: 'xs', direction: 'in', reason: 'contents never read or written' }], 'only its length is used');
  const text = explain(fixture('caller.ts'), fixture('tasks.js'));
  assert.match(text, /calls that stay direct \(sequential\):\n {2}test\/programs\/explain\/caller\.ts:4 scale: `values` is a parameter of a function that would wait for it on return, so its one task would run alone/);
});

test('a task passed as a function value is listed at its own line, with the form that makes each call a task', () => {
  const text = explain(fixture('values.ts'), fixture('tasks.js'));
  assert.match(text, /values\.ts:5 scale: task scale is passed as a function \(`arrays\.forEach\(scale\)`\), so each call runs in this thread; pass `\(values, factor\) => scale\(values, factor\)` instead/);
});

test.run();
