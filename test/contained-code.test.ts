/**
 * Functions that touch nothing but their own (rewrite/contained-code.ts): a task argument a helper of several
 * statements builds is evaluated ahead (tester #26's program 17: `perftSplit(fromFen(fen), depth)` one at a time),
 * and in a try block a method that changes only its own object's fields does not check the tasks before it.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { printsAsPlain } from './program-build';

test('contained helpers run ahead, loud ones keep their place; a method changing its own fields runs without a check', () => {
  const tasks = printsAsPlain('contained-helpers');
  // countLive 4 + 4 + 4, step 4 + the failing one, counted 4.
  assert.is(tasks.inWorkers, 21, `${tasks.inWorkers} tasks ran in workers`);
  assert.is(tasks.failed, 1);
  const emitted = readFileSync(join(tasks.dir, 'main.js'), 'utf8');
  assert.match(emitted, /const counts = __taskify\.eachThen\(specs, "map", spec => __taskify\.submit\(__taskify_countLive_\d+, \[__taskify\.freshArgument\(parse\(spec\)\)\]/,
    'parse(spec) is evaluated in the first pass');
  assert.match(emitted, /const negated = __taskify\.eachThen\(specs, "map"/, 'a destructured helper constant is evaluated in both passes');
  assert.not.match(emitted, /eachThen\([^\n]*parseLoudly/, 'a helper that prints is not evaluated ahead');
  assert.match(emitted, /for \(const b of boards\)\s*b\.step\(3\);/, 'step changes only its board: no check between the calls');
  assert.match(emitted, /for \(const b of boards\) \{\s*__taskify\.checkpoint\(__taskify_try\d+\);\s*b\.counted\(1\);/,
    'counted changes a static field, which the catch sees: it checks first');
});

test.run();
