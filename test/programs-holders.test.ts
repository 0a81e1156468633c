/**
 * Objects reached two ways, where the second way is not a name the plan sees at the store: a task's value holding
 * the caller's objects kept in an array of Futures, a helper of the program storing its parameter into the caller's
 * container, a container given an element or a part of another object (np50's F1-F3), a parameter that is an object
 * the function's tasks write under its own name, a typed array's `set` copying another, an array of task results
 * handed whole to a helper. Each fixture prints what the
 * plain build prints; the counts say how many calls still run in workers.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { printsAsPlain } from './program-build';

test('a task\'s value holding the caller\'s objects, gathered unresolved in an array (`out.push(pickBig(ps))`, `xs.map((x) => wrap(x))`) and then written by a task, writes the caller\'s objects (np50\'s F1: `ps` printed unchanged)', () => {
  const tasks = printsAsPlain('gathered-holding-values');
  // The writing calls given such an element (mapped, records, from array, twice: 2 + 3 + 1 + 2) stay direct; the values they take,
  // and everything read only, still run in workers. (A value pushed into an array the plan follows with the caller's
  // objects is waited for at the push, rv63's R2 too; a value typed `any` the program writes is marked written, R4.)
  assert.is(tasks.inWorkers, 33, `${tasks.inWorkers} calls ran in workers`);
});

test('a helper of the program storing its parameter into a container of its caller (arrow, declared, rest, a `let` assigned) is that push: the task given the container writes the objects read by their own names (np50\'s F2)', () => {
  const tasks = printsAsPlain('helper-stores');
  // (The method storing into `this.items` lets its object escape: that call is fenced.)
  assert.is(tasks.inWorkers, 13, `${tasks.inWorkers} of 13 calls ran in workers`);
});

test('a container given an element of another array, a callback\'s parameter (bare or in a literal), a part of a record, what a helper hands back or another array\'s elements spread is not followed: its tasks are fenced, and reads through the other path see their writes; so is a store into either container a choice picks, or into slots a destructuring assignment fills (np50\'s F3, rv63\'s R1 and R3, np52\'s F2)', () => {
  const tasks = printsAsPlain('unnamed-stores');
  assert.is(tasks.inWorkers, 18, `${tasks.inWorkers} of 18 calls ran in workers`);
});

test('a store into an array through another name for it (a loop\'s element, `const row = grid[1]`, a Map\'s value) is one into the array: a task\'s value put there is waited for where the array is read (np51\'s F1: `[object taskify.Future]`), and the caller\'s object a task hands back sees the writes of a task given the array (np51\'s F2)', () => {
  const tasks = printsAsPlain('second-name-stores');
  assert.is(tasks.inWorkers, 11, `${tasks.inWorkers} of 11 calls ran in workers`);
});

test('a parameter may be an object the plan follows under its own name: a function that runs a task writing it (itself, through a helper or a function value, nested where it is declared, or a function of another file handed a function that submits it) and then reads the parameter or `arguments` sees the write (np52\'s F3, rv64); a parameter only handed to a task, typed so it cannot hold the object, read only before the call, destructured into numbers or given only fresh objects keeps the calls in workers', () => {
  const tasks = printsAsPlain('parameter-outer-writes');
  // `handed`'s two calls, `labelled`'s, `part`'s and the two `double` calls (fenced: `ps` escapes, and a fence waits
  // wherever a value of a type it writes is read), `readBefore`'s, `numbersOnly`'s and `freshOnly`'s two; the others
  // stay direct (the parameter may be the written object).
  assert.is(tasks.inWorkers, 10, `${tasks.inWorkers} calls ran in workers`);
});

test('a typed array\'s `set` copies its source at once, so it waits for the task writing it (np53\'s F1: `dst.set(src)` copied the numbers from before the task); a Map\'s `set` keeps the array, which shows the task\'s write later', () => {
  const tasks = printsAsPlain('typed-set-copies');
  assert.is(tasks.inWorkers, 6, `${tasks.inWorkers} of 6 calls ran in workers`);
});

test('an object put in a slot a wait on its holder walks (a symbol-keyed or hidden field, a Map\'s own named key) shows the task\'s write there; one put where no walk reaches (a WeakMap\'s value, an array\'s or a typed array\'s named key) is let out, its call fenced (np54\'s F1)', () => {
  const tasks = printsAsPlain('hidden-slot-holders');
  assert.is(tasks.inWorkers, 7, `${tasks.inWorkers} of 7 calls ran in workers`);
});

test('a statement that stores into a holder and reads the holder in its key or its value (`h.list[h.list.length] = f`, `m.set(m.size, a)`, `best.cur = best.cur ?? d`) leaves the holder to be walked again: the next read sees the stored object\'s task write (np55\'s F1)', () => {
  const tasks = printsAsPlain('holder-read-in-store');
  assert.is(tasks.inWorkers, 4, `${tasks.inWorkers} of 4 calls ran in workers`);
});

test('an element of an array gathering task results, returned by a function (or an arrow, or yielded), is let out as written: the caller\'s change reaches the next task given it (np57\'s F1: `last().push(100)` printed the maximum without the 100)', () => {
  const tasks = printsAsPlain('returned-elements');
  assert.is(tasks.inWorkers, 6, `${tasks.inWorkers} tasks ran in workers`);
});

test('an array gathering task results handed whole to a helper that is done with it when it returns is waited for at that call, its calls all submitted first (my r1: `hists.push(histOf(c))` then `reduceAll(hists)` ran one call at a time); a helper that may keep the array (returns it, stores it, keeps it in another argument, an async one) still sees values through its name', () => {
  const tasks = printsAsPlain('gathered-for-helpers');
  assert.is(tasks.inWorkers, 47, `${tasks.inWorkers} tasks ran in workers`);
  // (The twelve parts of (a) pending together; the tree of merges after them is 11 at most.)
  assert.is(tasks.mostPending, 12, 'the parts made by a helper around a task are submitted together');
  const emitted = readFileSync(join(tasks.dir, 'main.js'), 'utf8');
  assert.match(emitted, /parts\.push\(partRecord\(seed\)\);/, 'the helper\'s record is pushed as it comes');
  assert.match(emitted, /const total = reduce\(__taskify\.writtenWithin\(parts\)\);/, 'the array is waited for whole at the helper\'s call');
});

test('an array gathering task results read by its own reading methods (indexOf, includes, find, some, filter, slice, at…) is waited for whole where one reads it, its calls all submitted first (np64\'s r04: `rs.push(evaluate(k, rs.length + 1))` then `rs.indexOf(top)` ran one call at a time)', () => {
  const tasks = printsAsPlain('gathered-readers');
  assert.is(tasks.inWorkers, 22, `${tasks.inWorkers} tasks ran in workers`);
  const emitted = readFileSync(join(tasks.dir, 'main.js'), 'utf8');
  assert.match(emitted, /const wrapped = \(\[3, 4, 5\]\.map\(\(k\) => __taskify\.submit\(/, 'a map in parentheses gathers its Futures');
  assert.match(emitted, /for \(const k of \['a', 'bb', 'a', 'ccc', 'dddd'\]\)\s*rs\.push\(__taskify\.submit\(/, 'the results are pushed as they come');
  assert.match(emitted, /__taskify\.waitAll\(rs\)\.indexOf\(top\)/, 'the array is waited for whole where indexOf reads it');
  assert.match(emitted, /byKey\.push\(__taskify\.submit\([^;]*;\s*\}?\s*const found = __taskify\.waitAll\(byKey\)\.find\(/, 'find waits for the whole array');
});

test.run();
