/**
 * Fenced calls (transformer/rewrite/fences.ts): task calls writing objects the plan cannot follow by name (Map
 * elements, `this` fields, parameters of open functions, fields of records) are submitted, and the program waits
 * for them only before code that may look. The plain tsc build is the reference.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildProgram as build, runProgram as run, programsWork as work } from './program-build';

test('Map elements, this fields, records and views written by tasks: same output as plain, submitted, fenced before the first look', () => {
  const plain = run(build('fences', false, 'commonjs'));
  const taskified = build('fences', true, 'commonjs');
  const statsFile = join(work, 'fences-stats.json');
  assert.fixture(run(taskified, { TASKIFY_STATS: statsFile }), plain);
  assert.is(run(taskified, { TASKIFY_WORKERS: '0' }), plain, 'inline mode prints the same');
  const { tasks } = JSON.parse(readFileSync(statsFile, 'utf8'));
  assert.ok(tasks.inWorkers >= 30, `${tasks.inWorkers} tasks ran in workers`);
  const emitted = readFileSync(join(taskified, 'main.js'), 'utf8');
  assert.match(emitted, /for \(const v of m1\.values\(\)\)\s+__taskify\.submitFenced\(/, 'a Map\'s elements are submitted');
  assert.match(emitted, /console\.log\('phase1', m1\.size\);\s+__taskify\.fence\(\);\s+report\(\);/, 'the fence waits for code that looks (a closure), not for a size');
  assert.match(emitted, /finally \{\s+__taskify\.fence\(\);\s+\}/, 'a method fences when it is left');
  assert.match(emitted, /for \(const x of walked\) \{[^}]*\(0, kernels_1\.scale\)\(walked/, 'a loop that iterates what its task writes stays direct');
  assert.match(emitted, /\(\(0, kernels_1\.scale\)\(both, 2\), console\.log/, 'a statement that looks after its call stays direct');
});

test.run();
