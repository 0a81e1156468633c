/**
 * The program's timers keep the plain program's time while task calls wait (issue 15, tester #15's 46-timers-events;
 * runtime/api/program-timers.ts): a timeout the waits made due still runs after the immediate made after it, an
 * interval and a timeout between its ticks keep their order, timers made in callbacks, the program's own sleeps
 * (a Promise around setTimeout, node:timers/promises, util.promisify), and a long task's time, which is the program's
 * time, also when two long calls ran side by side, and a timer set while earlier calls still run (timer-after-tasks). Byte-compared with the plain build, in workers and inline.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { printsAsPlain } from './program-build';

test('timers made before task calls that wait fire at the plain program\'s time, not at the waits\' time', () => {
  const tasks = printsAsPlain('program-timers');
  assert.is(tasks.inWorkers, 29, `${tasks.inWorkers} tasks ran in workers`);
});

test('a timer set while earlier task calls still run begins its time when they finish, as it did in the plain program', () => {
  const tasks = printsAsPlain('timer-after-tasks');
  assert.is(tasks.inWorkers, 4, `${tasks.inWorkers} tasks ran in workers`);
});

test('timers set during a long call fire when the plain program\'s would, and timers its calls made due together keep Node\'s order', () => {
  const tasks = printsAsPlain('timer-during-wait');
  assert.is(tasks.inWorkers, 4, `${tasks.inWorkers} tasks ran in workers`);
});

test.run();
