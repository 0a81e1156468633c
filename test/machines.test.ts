/** The master's placement of tasks on machines, as plain data (runtime/distributed/machines.ts). */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import * as machines from '../runtime/distributed/machines';

const info = (id: string, slots: number) => ({ id, host: 'h', pid: 1, queue: `q-${id}`, slots });

test('machines are numbered once; capacity counts their slots; a machine that left takes its slots away', () => {
  const m = machines.emptyMachines();
  const a = machines.join(m, info('a', 2));
  const b = machines.join(m, info('b', 4));
  assert.is(machines.join(m, info('a', 2)), a, 'joining again changes nothing');
  assert.equal([a.number, b.number], [1, 2]);
  assert.is(machines.capacity(m), 6);
  assert.is(machines.leave(m, 'a'), a);
  assert.is(machines.capacity(m), 4);
  assert.is(machines.leave(m, 'a'), undefined);
  assert.is(machines.join(m, info('a', 2)).number, 3, 'a machine that comes back is a new holder: it holds nothing');
});

test('a task goes to the free machine holding most of its input bytes, else to the least busy', () => {
  const m = machines.emptyMachines();
  const a = machines.join(m, info('a', 2));
  const b = machines.join(m, info('b', 2));
  assert.is(machines.place(m, (n) => (n === b.number ? 100 : 0)), b);
  a.running.add(1);
  assert.is(machines.place(m, () => 0), b, 'equal bytes: the less busy');
  b.running.add(2).add(3);
  assert.is(machines.place(m, (n) => (n === b.number ? 100 : 0)), a, 'the holder is full: another machine');
  a.running.add(4);
  assert.is(machines.place(m, () => 0), undefined, 'all full');
});

test.run();
