/**
 * `taskify explain`: text and JSON, plain JavaScript with JSDoc types, why calls stay direct (each at its own line,
 * a shared reason said once), the waits placed, notes on costly or serial calls, warnings for tags taskify does not
 * read, and what it reads (files, directories, -p tsconfig.json; a missing path is an error).
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { execFileSync, spawnSync } from 'node:child_process';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');
const cli = join(root, 'dist', 'runtime', 'cli.js');
const fixture = (name: string) => join('test', 'programs', 'explain', name);
const explain = (...args: string[]) => execFileSync(process.execPath, [cli, 'explain', ...args], { cwd: root, encoding: 'utf8' });
const explainJson = (...args: string[]) => JSON.parse(explain('--json', ...args)) as {
  functions: { file: string; name: string; params: { name: string; rro?: boolean }[] }[];
  calls: { file: string; line: number; task: string; submitted: boolean; reason: string; cause?: { line: number }; sameAs?: number;
    arguments?: { text: string; param: string; passed: string }[] }[];
  waits: { line: number; on: string; kind: string }[];
  notes: { line: number; note: string; fix: string }[];
  warnings: { line: number; message: string }[];
  errors: string[];
};

test('--json prints each task with its parameters, directions and reasons (a JS file with JSDoc types)', () => {
  const out = explainJson(fixture('tasks.js'));
  assert.equal(out.functions, [{
    file: fixture('tasks.js'), name: 'scale', line: 6, task: true, params: [
      { name: 'values', direction: 'inout', reason: `written: updates an element: \`values[i] *= factor\` (${fixture('tasks.js')}:6)`, rro: false },
      { name: 'factor', direction: 'in', reason: 'primitive (number): passed by value', rro: false },
    ],
  }]);
  assert.equal([out.calls, out.waits, out.notes, out.warnings, out.errors], [[], [], [], [], []]);
});

test('--all includes every function; the text form says which calls stay direct and why', () => {
  const all = explainJson('--all', fixture('tasks.js'));
  assert.equal(all.functions.map((f) => f.name), ['scale', 'helper']);
  assert.equal(all.functions[1].params, [{ name: 'xs', direction: 'in', reason: 'contents never read or written' }], 'only its length is used');
  const text = explain(fixture('caller.ts'), fixture('tasks.js'));
  assert.match(text, /calls that stay direct \(sequential\):\n {2}test\/programs\/explain\/caller\.ts:4 scale: `values` is a parameter of a function that would wait for it on return, so its one task would run alone/);
});

test('a task passed as a function value is listed at its own line, with the form that makes each call a task', () => {
  const text = explain(fixture('values.ts'), fixture('tasks.js'));
  assert.match(text, /values\.ts:5 scale: task scale is passed as a function \(`arrays\.forEach\(scale\)`\), so each call runs in this thread; pass `\(values, factor\) => scale\(values, factor\)` instead to make each call a task/);
});

test('a task taken as a value other than as an argument (bound, stored) is noted: calls through it run in this thread (tester #23\'s F11)', () => {
  const text = explain(fixture('bound.ts'), fixture('tasks.js'));
  assert.match(text, /bound\.ts:4 task scale is taken as a value here \(`scale\.bind\(null\)`\): calls made through it run the function itself, in this thread/);
  assert.match(text, /bound\.ts:5 task scale is taken as a value here \(`\{ scale \}`\)/, 'a table handed on whole');
  assert.not.match(explain(fixture('values.ts'), fixture('tasks.js')), /taken as a value/, 'an argument is the plan\'s: listed as a direct call');
});

test('--json has every call, submitted or direct, with its line and reason, @rro, and the waits placed', () => {
  const out = explainJson(fixture('notes.ts'), fixture('kernels.ts'));
  assert.equal(out.functions.find((f) => f.name === 'sum')!.params, [{ name: 'part', direction: 'in', reason: 'read, never written', rro: true }]);
  const calls = out.calls.filter((c) => c.file.endsWith('notes.ts'));
  assert.equal(calls.map((c) => `${c.line} ${c.task} ${c.submitted ? 'submitted' : 'direct'}`), [
    '6 sum submitted', '6 strip submitted', '8 strip submitted', '10 sum submitted', '11 sum submitted', '12 accumulate submitted', '16 sum submitted',
    '18 sum direct',
  ]);
  const strip = calls.find((c) => c.line === 8)!;
  assert.equal(strip.arguments, [
    { text: 'shared', param: 'image', passed: 'snapshot' }, { text: 'i', param: 'from', passed: 'value' }, { text: 'i + 2', param: 'to', passed: 'value' },
  ]);
  assert.match(strip.reason, 'submitted as a task: `shared` copied at the call');
  assert.equal(calls[1].arguments![0], { text: 'image', param: 'image', passed: 'followed' }, 'a parameter of a closed function is followed');
  assert.match(calls.find((c) => c.line === 6 && c.task === 'sum')!.reason, '`strip(image, i, i + 2)` a task result, handed on without waiting');
  // `pieces.map(K.sum)`: a module's task handed to map is submitted per element; handed to other code (forEach),
  // it is a function value that runs in this thread.
  assert.match(calls.at(-2)!.reason, 'submitted');
  assert.match(calls.at(-1)!.reason, 'task sum is passed as a function (`pieces.forEach(K.sum)`), so each call runs in this thread; pass `(part) => K.sum(part)`');
  assert.equal(out.waits.map((w) => `${w.line} ${w.on} ${w.kind}`), [
    '6 sum(strip(image, i, i + 2)) result', '9 parts waitAll', '11 s wait', '11 s wait', '13 first wait',
  ]);
  assert.match(explain('--waits', fixture('notes.ts'), fixture('kernels.ts')), /waits placed:\n {2}test\/programs\/explain\/notes\.ts:6 `sum\(strip\(image, i, i \+ 2\)\)`: the result is used at once/);
});

test('a parameter that cannot be followed: fenced before code that may look; where no fence fits, the reason names what opens its function', () => {
  const text = explain('--waits', fixture('open.ts'), fixture('kernels.ts'));
  assert.match(text, /open\.ts:6 `report\(\)`: may look at what fenced task calls write: waits for those tasks first \(a fence\)/);
  assert.match(text, /open\.ts:7 fill: argument `out` is out, a parameter of a function whose parameters cannot be followed: at `report\(\)` \(line 6\).*; and no fence can be placed after the call: the same statement also has `report\(\)`/);
  assert.not.match(text, /open\.ts:5 fill/, 'the first call is submitted');
});

test('calls kept direct by one cause elsewhere: one line each at its own line, the reason said once', () => {
  const text = explain(fixture('repeat.ts'), fixture('kernels.ts'));
  const direct = text.split('\n').filter((line) => line.includes('repeat.ts:'));
  assert.equal(direct.map((line) => line.trim().split(' ')[0]), [3, 5, 8, 11].map((n) => `${fixture('repeat.ts')}:${n}`));
  // (Fenced anywhere else: calls in a constructor or a field initializer have no place for a fence after them.)
  assert.match(direct[0], 'fill: argument `out` is out, and the plan cannot follow it: `out` escapes (passed to a function where it escapes: stored ' +
    'outside the function: `(globalThis as { kept?: unknown }).kept = x`): `keep(out)`; and no fence can be placed after the call: in a constructor, ' +
    `accessor or field initializer, where no fence can be placed after it (${fixture('repeat.ts')}:6)`);
  for (const line of direct.slice(1)) assert.match(line, /fill: same reason as line 3$/);
  const calls = explainJson(fixture('repeat.ts'), fixture('kernels.ts')).calls.filter((c) => c.file.endsWith('repeat.ts'));
  assert.equal(calls.map((c) => [c.line, c.submitted, c.cause?.line, c.sameAs]),
    [[3, false, 6, undefined], [5, false, 6, 3], [8, false, 6, 3], [10, true, undefined, undefined], [11, false, 6, 3]]);
});

test('a level of a container passed next to one of its own rows stays direct; rows of another container do not', () => {
  const calls = explainJson(fixture('levels.ts'), fixture('kernels.ts')).calls.filter((call) => call.file === fixture('levels.ts'));
  assert.equal(calls.map((call) => [call.line, call.submitted]), [[4, false], [7, true]]);
  assert.match(calls[0].reason, '`grid` is passed whole next to `grid[0]`, a part of it: the task would see two copies of one object');
});

test('notes on calls that are legal but costly or serial, each with its fix', () => {
  const notes = explainJson(fixture('notes.ts'), fixture('kernels.ts')).notes;
  assert.equal(notes.map((n) => `${n.line}: ${n.fix}`), [
    '6: submit all, then use the results',
    '8: copy it once into a local const before the loop',
    '9: make `assemble` a `@task`',
    '11: submit all, then use the results',
    '12: pass each call its own part',
  ]);
  assert.match(notes[0].note, 'so each iteration of this loop waits for its task before the next is submitted');
  assert.match(notes[1].note, '`shared` is checked for changes at every call in this loop (encoded again, or its bytes hashed, and written only when it changed)');
  assert.match(notes[1].note, 'because the plugin does not follow it: it is exported.', 'the reason that applies, not a list of them');
  assert.match(notes[1].note, '`const frozen = shared.slice()`');
  assert.match(notes[2].note, '`assemble(parts)` waits here for the tasks behind `parts`, then runs in this thread');
  // `sum(parts[0])!` needs no note: the `!` changes nothing, and the Future goes on to `first`.
  assert.match(notes[3].note, '`s` is waited for at line 11 in the same callback, so each call of this callback submits task sum and waits for it');
  assert.match(notes[4].note, 'task accumulate writes `image` (into: inout) at every step of this loop, so each call waits for the one before');
  assert.match(notes[4].note, '`image.subarray(lo, hi)`');
  assert.match(explain(fixture('notes.ts'), fixture('kernels.ts')), /notes \(legal, but costly or serial\):\n {2}test\/programs\/explain\/notes\.ts:6 /);
});

test('a callback run once (a timer\'s, a promise\'s) repeats nothing: no note; a forEach callback waiting in each call has one; a loop\'s own name written at each pass is another object each time: no note', () => {
  const notes = explainJson(fixture('once.ts'), fixture('kernels.ts')).notes;
  assert.equal(notes.map((n) => n.line), [5]);
  assert.match(notes[0].note, 'each call of this callback submits task sum and waits for it');
});

test('tags taskify does not read get a warning with a did-you-mean; JSDoc\'s own tags do not', () => {
  const out = explainJson(fixture('typos.ts'));
  assert.equal(out.warnings.map((w) => w.line), [1, 4, 7, 10, 15]);
  assert.match(out.warnings[0].message, '`@Task` is not a taskify tag (tags are case-sensitive): did you mean `@task`?');
  assert.match(out.warnings[1].message, '`/* @task */` is a plain comment, not JSDoc, so taskify does not read it: did you mean `/** @task */`?');
  assert.match(out.warnings[2].message, '`// @task` is a plain comment');
  assert.match(out.warnings[3].message, '`@rro` does nothing here: `notATask` is not a @task');
  assert.match(out.warnings[4].message, '`@timout` is not a taskify tag: did you mean `@timeout`?');
  assert.equal(out.functions.map((f) => f.name), ['misspelt', 'fine']);
  assert.match(explain(fixture('typos.ts')), /typos\.ts:1:6 - warning: taskify: `@Task` is not a taskify tag/);
});

test('a directory, -p tsconfig.json, -p <directory>; a missing path is one line and a non-zero exit', () => {
  const project = fixture('project');
  const names = (out: ReturnType<typeof explainJson>) => out.functions.map((f) => `${f.file}:${f.name}`);
  const expected = [`${project}/src/work.ts:double`];
  assert.equal(names(explainJson(join(project, 'src'))), expected);
  assert.equal(names(explainJson('-p', join(project, 'tsconfig.json'))), expected);
  assert.equal(names(explainJson('-p', project)), expected);
  assert.equal(names(JSON.parse(execFileSync(process.execPath, [cli, 'explain', '--json'], { cwd: join(root, project), encoding: 'utf8' }))),
    ['src/work.ts:double'], 'no argument: the tsconfig.json of the working directory');
  for (const args of [['missing.ts'], ['-p', 'missing/tsconfig.json'], [fixture('tasks.js'), 'nowhere']]) {
    const r = spawnSync(process.execPath, [cli, 'explain', ...args], { cwd: root, encoding: 'utf8' });
    assert.is(r.status, 2, args.join(' '));
    assert.is(r.stdout, '');
    assert.equal(r.stderr.trimEnd().split('\n').length, 1, r.stderr);
    assert.match(r.stderr, /^taskify explain: (missing\.ts: no such file or directory|missing\/tsconfig\.json: no such file|nowhere: no such file or directory)\n$/);
  }
});

test('a plan that does not settle in its rounds keeps every call of the file direct, said at each call, and the build ends', () => {
  // (TASKIFY_PLAN_ROUNDS lowers the bound; hidden-holders' plan takes 18 rounds to settle.)
  const out = execFileSync(process.execPath, [cli, 'explain', '--json', join('test', 'programs', 'hidden-holders')],
    { cwd: root, encoding: 'utf8', env: { ...process.env, TASKIFY_PLAN_ROUNDS: '3' } });
  const calls = (JSON.parse(out) as ReturnType<typeof explainJson>).calls;
  assert.ok(calls.length >= 15, `${calls.length} calls`);
  assert.ok(calls.every((c) => !c.submitted), 'no call submitted');
  assert.match(calls[0].reason, /the plan of this file did not settle in 3 rounds, so its task calls run in this thread/);
  assert.ok(calls.slice(1).every((c) => c.sameAs === calls[0].line), 'the reason said once');
  // Without the bound lowered, the same file plans as before.
  assert.ok(explainJson(join('test', 'programs', 'hidden-holders')).calls.some((c) => c.submitted));
});

test('an awaited task call is said to resume when its task has finished, not to wait at the call (it blocks nothing)', () => {
  const out = explainJson(fixture('awaited.ts'), fixture('kernels.ts'));
  const wait = out.waits.find((w) => w.on === 'sum(part)');
  assert.is(wait?.kind, 'awaitedCall', JSON.stringify(out.waits));
  assert.match(explain('--waits', fixture('awaited.ts'), fixture('kernels.ts')), /awaited\.ts:4 `sum\(part\)`: awaited where the program wrote it: the function resumes once the task has finished/);
});

test('explain says a written parameter\'s argument copied at the call gets the task\'s changes back (np67\'s min-inout-described-in said "in, not followed")', () => {
  const text = explain('--all', fixture('copied-inout.ts'));
  assert.match(text, /copied-inout\.ts:8 step: submitted as a task: `b` copied at the call, the task's changes brought back where the program uses it/);
});

test('a grid whose cells are waited for at each call says which use of it stopped them from being waited for where read (np69\'s E3 suggested items.map)', () => {
  const out = explainJson(fixture('grids.ts'));
  assert.equal(out.notes.map((n) => n.line), [11], 'the grid printed after its sweep gathers: no note');
  assert.is(out.notes[0].note, 'the result of `cell(i, j + calls++)` is stored in a grid whose cells are waited for at each call, because `rounds` is ' +
    'used whole at line 13 (`console.log(JSON.stringify(rounds));`) in the loop that stores into it (line 11), before the next pass\'s ' +
    'stores: so each iteration of this loop waits for its task before the next is submitted');
  assert.match(out.notes[0].fix, 'use the grid whole only after the loops that fill it');
  assert.equal(out.waits.map((w) => `${w.line} ${w.on} ${w.kind}`), ['11 cell(i, j + calls++) result', '25 done writtenWithin']);
});

test('a recursive function combining its own calls\' values in this thread says so and how to let the tree run (np70\'s min-recursive-tree was silent); one combining them with a task is a forwarder, its calls submitted', () => {
  const out = explainJson(fixture('recursion.ts'));
  assert.equal(out.notes.map((n) => n.line), [14]);
  assert.match(out.notes[0].note, /^tree calls itself and uses the values in this thread \(`tree\(lo, mid\) \+ tree\(mid, hi\)`\), so each call waits for task leaf/);
  assert.is(out.notes[0].fix, 'combine with a task');
  const inTaskTree = out.calls.filter((c) => c.line >= 20 && c.line <= 24);
  assert.ok(inTaskTree.length >= 2 && inTaskTree.every((c) => c.submitted), JSON.stringify(inTaskTree));
});

test.run();
