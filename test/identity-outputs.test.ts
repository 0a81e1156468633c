/**
 * Identity of what a task hands back beyond its arguments (issue 15, tester #14's F1, F14, F28): objects it creates
 * and puts in two outputs, views of its arguments, errors naming its arguments. Each fixture prints what the plain
 * build prints, inline too, with its calls in workers.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { printsAsPlain } from './program-build';

test('a new object a task returns and stores in an inout argument (or stores in two) is one object, whichever is read first', () => {
  const tasks = printsAsPlain('created-shared');
  assert.is(tasks.inWorkers, 13, `${tasks.inWorkers} tasks ran in workers`);
});

test('a typed array a task returns that views its argument\'s memory (`v.subarray(0, 2)`, `new Float64Array(v.buffer, …)`) views the caller\'s buffer', () => {
  const tasks = printsAsPlain('argument-views');
  assert.is(tasks.inWorkers, 8, `${tasks.inWorkers} tasks ran in workers`);
  assert.is(tasks.inline, 1, 'the call reaching .buffer of a part of a larger buffer ran in place');
});

test('an error a task throws holding its argument (`{ cause: it }`, `e.item = it`) or a part of one holds the caller\'s object', () => {
  const tasks = printsAsPlain('error-held-arguments');
  assert.is(tasks.inWorkers, 6, `${tasks.inWorkers} tasks ran in workers`);
  assert.is(tasks.failed, 4);
});

test('a task\'s value holding kept module state (`{ items: STATE.items }`, `[STATE.items, STATE.meta]`) holds the program\'s own objects, waited for at each use', () => {
  const tasks = printsAsPlain('held-state');
  assert.is(tasks.inWorkers, 8, `${tasks.inWorkers} tasks ran in workers`);
});

test('a task whose value is or holds an ArrayBuffer or a DataView runs in place instead of failing after it ran', () => {
  const tasks = printsAsPlain('buffer-results');
  assert.is(tasks.inWorkers, 1, 'the typed array still comes from a worker');
  assert.is(tasks.failed, 0);
});

test('a task that gives its argument\'s object a plain-object prototype, or returns an object made on one (Object.create(methods)), runs in place instead of failing after it ran', () => {
  const tasks = printsAsPlain('prototype-change');
  assert.is(tasks.failed, 0);
  assert.is(tasks.inline, 1, 'the later task given that object runs in place as well');
  assert.is(tasks.inWorkers, 2, 'Object.create(null) makes an object the store carries: those calls are tasks');
});


test('objects a task changes and takes out of its argument (delete, shift, Map/Set delete, filter, length = 0, splice, then a throw) are the caller\'s objects, changed', () => {
  const tasks = printsAsPlain('detached-objects');
  assert.ok(tasks.inWorkers >= 8, `${tasks.inWorkers} tasks ran in workers`);
});

test('a part handed to a task under its own name (a field, a destructured name, a loop\'s element, two levels down, a Map\'s value, a class instance\'s field, a Map subclass\'s value), then the whole read before a task takes it whole: the read sees the part\'s write (np41\'s F2: each printed the old value)', () => {
  const tasks = printsAsPlain('parts-read-through-holder');
  // (The last two loop calls too: structuredClone of their array keeps nothing of it, np41's F6.)
  assert.is(tasks.inWorkers, 43, `${tasks.inWorkers} tasks ran in workers`);
  // A part one level down: the wait walks one level, not the 2000 items at every read after a call (rev56's F1).
  const emitted = readFileSync(join(tasks.dir, 'main.js'), 'utf8');
  assert.match(emitted, /waitFields\(state, 1\)/);
});

test('a named object put into another one (a field, an element, push, a Map\'s set, Object.assign, a JSON.stringify replacer\'s push), the holder then given to a task: the object read by its own name sees the task\'s write (rev56\'s F4: `after 1 2` for `after 11 12`)', () => {
  const tasks = printsAsPlain('stored-into-holders');
  // (`bumpList(all)` too: `rows` holds the same rows, and its elements iterated, `for (const r of rows)`, are parts.
  // `bumpAll(merged)` three times: Object.assign of a record of names writes merged, which holds them. Not the
  // function's, whose parameter is stored.)
  assert.is(tasks.inWorkers, 19, `${tasks.inWorkers} tasks ran in workers`);
});

test('the program changes, in a library method\'s callback, the elements of an array a task was given (forEach by an arrow, a named function, a function expression; map, filter, reduce, every, findIndex; a Map\'s and a Set\'s forEach; nested rows): the next task sees the change (np42\'s F1: each was lost to the snapshot it took)', () => {
  const tasks = printsAsPlain('callback-writes');
  assert.is(tasks.inWorkers, 17, `${tasks.inWorkers} tasks ran in workers`);
});

test.run();
