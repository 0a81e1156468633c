/**
 * Helpers of the program that make objects for their tasks and hand them out (forwarders.ts, "makers"): the call
 * returns the made object, or a record of them, with the task's write pending, so a loop or a map of such calls
 * submits them together. Each fixture prints what the plain build prints; the counts and the emitted text say that
 * the calls were handed out pending.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { printsAsPlain } from './program-build';

test('a helper making an object for its task, handed to map by name or exported, claims its planned calls: each returns its object with the write pending (np59\'s min-serial-map-hist)', () => {
  const tasks = printsAsPlain('claimed-made');
  assert.is(tasks.inWorkers, 28, `${tasks.inWorkers} tasks ran in workers`);
  assert.is(tasks.failed, 1, 'the make(-2) of (e), caught');
  const emitted = readFileSync(join(tasks.dir, 'main.js'), 'utf8');
  // (Before, 20: `make` returned `waitOn(out)`, so `[0, 1, 2, 3].map(make)` ran its tasks one at a time.)
  assert.match(emitted, /return __taskify\.handOn\(__taskify_claimed, out\);/, 'pending for a planned call, waited for otherwise');
  assert.match(emitted, /const rs = __taskify\.waitAll\(\[0, 1, 2, 3\]\.map\(__taskify\.asForwarded\(make, "make", 1\)\)\);/);
  assert.match(emitted, /const byCall = make\.call\(null, 6\);/, 'an unplanned call: make waits before it returns');
  assert.match(emitted, /function scaledCopy\(a\) \{\s+const out = new Float64Array\(a\.length\);\s+\(0, kernels_1\.scaleBoth\)/, 'a task writing the parameter too: no forwarder');
  const makers = readFileSync(join(tasks.dir, 'makers.js'), 'utf8');
  assert.is(makers.match(/return __taskify\.handOn\(__taskify_claimed, out\);/g)?.length, 2, 'exported makers claim their calls');
});

test('helpers returning a record of the objects they made for their task (`return { sums, counts }`) hand it out pending: a k-means\' partials, destructured, merged by tasks, changed by the program, another module\'s maker, a failure caught at the call; a maker filling its array first, or reading its length, or making a literal (my q4 ran no call in workers; np60\'s min-serial-prefilled; np62\'s p13)', () => {
  const tasks = printsAsPlain('made-records');
  assert.is(tasks.inWorkers, 52, `${tasks.inWorkers} tasks ran in workers`);
  assert.is(tasks.failed, 1, 'the negative ramp failed, caught as in plain');
  assert.ok(tasks.mostPending >= 4, `a round's four partials were pending together (${tasks.mostPending} at most)`);
  const emitted = readFileSync(join(tasks.dir, 'main.js'), 'utf8');
  assert.match(emitted, /return __taskify\.heldRecord\(\{ sums, counts \}\);/, 'the record goes out as a Future holding its objects');
  const makers = readFileSync(join(tasks.dir, 'makers.js'), 'utf8');
  assert.match(makers, /return __taskify\.handOn\(__taskify_claimed, __taskify\.heldRecord\(\{ out, n, label: 'ramp' \}\)\);/, 'a claiming maker waits for it when a call is not planned');
});

test('helpers making an empty array or record for a task to fill (`const out: number[] = []; primesUpTo(n, out); return out`) hand it out pending, pushed, mapped or destructured; a literal the helper reads itself stays its own (my m1: each call waited at its return)', () => {
  const tasks = printsAsPlain('made-empty');
  assert.is(tasks.inWorkers, 21, `${tasks.inWorkers} tasks ran in workers`);
  // (Before, 2: `return out` waited for the task, so (a)'s four calls ran one at a time.)
  assert.is(tasks.mostPending, 4, '(a)\'s four lists are filled together');
  const emitted = readFileSync(join(tasks.dir, 'main.js'), 'utf8');
  assert.match(emitted, /lists\.push\(primes\(limit\)\);/, 'the list goes into the array pending');
  assert.match(emitted, /const counted = __taskify\.waitAll\(docs\.map\(__taskify\.asForwarded\(wordCounts, "wordCounts", 1\)\)\);/, 'an empty record too');
});

test('makers written as a map\'s callback (`xs.map((k) => { const o = new Float64Array(n); work(o, k); return o })`, a record of made objects, a function expression reduced at once) hand out their objects pending, and the map\'s value is waited for whole (np63\'s min-return-local waited at each return)', () => {
  const tasks = printsAsPlain('mapped-makers');
  assert.is(tasks.inWorkers, 19, `${tasks.inWorkers} tasks ran in workers`);
  assert.is(tasks.mostPending, 4, '(a)\'s four fills are pending together');
  const emitted = readFileSync(join(tasks.dir, 'main.js'), 'utf8');
  assert.match(emitted, /const arrs = __taskify\.waitAll\(\[1, 2, 3, 4\]\.map\(\(k\) => \{ const o = new Float64Array\(n\); __taskify\.submit\([^;]*; return o; \}\)\);/, 'returned pending, waited for with the map');
  assert.match(emitted, /const withOuter = \[1, 2\]\.map\(/, 'a callback writing an outer array is no maker');
});

test.run();
