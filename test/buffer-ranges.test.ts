/**
 * Typed-array ranges (runtime/api/buffer-ranges.ts) on their own: which views of one buffer are one datum, and when
 * a range a task is writing must be brought home before a new call may use the bytes.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { BufferRanges } from '../runtime/api/buffer-ranges';
import { Registry } from '../runtime/api/registry';
import type { TaskRecord } from '../runtime/api/records';

function ranges() {
  const loads: number[] = [];
  const registry = new Registry(() => undefined);
  const map = new BufferRanges(registry, { load: (entry) => loads.push(entry.id), retire: () => undefined });
  return { map, loads };
}
const writing = {} as TaskRecord;

test('rows at offsets off the 8-byte grid are separate data: a task writing one row does not hold up the next (tester #26\'s r22u)', () => {
  const { map, loads } = ranges();
  const image = new Float32Array(3 * 5);
  const rows = [0, 1, 2].map((r) => image.subarray(r * 5, r * 5 + 5));
  const entries = rows.map((row) => {
    const [{ entry }] = map.resolve([row]);
    entry.producer = writing; // a task now writes this row
    return entry;
  });
  assert.is(new Set(entries.map((e) => e.id)).size, 3);
  assert.equal(loads, [], 'no row was brought home for the next');
  // Each row travels from an aligned start (row 1 starts at byte 20, its range at 16), but owns its own bytes only.
  assert.equal(entries.map((e) => [e.range!.start, e.range!.own, e.range!.end]), [[0, 0, 20], [16, 20, 40], [40, 40, 60]]);
  assert.equal(map.overlapping(image.buffer, 20, 40).map((e) => e.id), [entries[1]!.id], 'a wait on row 1 waits for row 1 only');
});

test('a view over the bytes of two rows still brings home the rows it spans, then is one datum', () => {
  const { map, loads } = ranges();
  const bytes = new Uint8Array(40);
  const first = map.resolve([bytes.subarray(0, 10)])[0]!.entry;
  first.producer = writing;
  const second = map.resolve([bytes.subarray(10, 20)])[0]!.entry;
  second.producer = writing;
  assert.equal(loads, []);
  const across = map.resolve([bytes.subarray(5, 15)])[0]!.entry;
  assert.equal(loads.sort(), [first.id, second.id].sort(), 'both rows it covers');
  assert.is.not(across.id, first.id);
  // A view inside a row a task writes reads that row's datum (read-after-write through the buffer).
  const inner = new Uint8Array(40);
  const { map: m2, loads: l2 } = ranges();
  const row = m2.resolve([inner.subarray(10, 20)])[0]!.entry;
  row.producer = writing;
  assert.is(m2.resolve([inner.subarray(12, 14)])[0]!.entry.id, row.id);
  assert.equal(l2, []);
});

test.run();
