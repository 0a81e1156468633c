/**
 * Copy-back (runtime/api/copy-back.ts) on its own: a decoded version mapped onto the caller's objects, without a pool.
 * The cases here are the ones a whole program showed wrong: a new array's length, an error a task changed.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { adopt, NEW_OBJECT } from '../runtime/api/copy-back';
import type { ObjectOrigin } from '../runtime/store/codec';

const noTarget = { targetOf: () => undefined, owns: () => false };

test('a new array keeps its length, trailing holes included (new Array(3) with one element set is 3 long)', () => {
  const made: unknown[] = new Array(3);
  made[0] = 1;
  const { value } = adopt(made, new Map<object, ObjectOrigin>([[made, NEW_OBJECT]]), noTarget);
  assert.is((value as unknown[]).length, 3);
  assert.equal(Object.keys(value as unknown[]), ['0']);
});

test('a caller\'s array filled from a version keeps the version\'s length', () => {
  const mine = [1, 2];
  const decoded: unknown[] = new Array(4);
  decoded[1] = 'b';
  const origin = { data: 1, index: 0 };
  adopt(decoded, new Map<object, ObjectOrigin>([[decoded, origin]]), { targetOf: () => mine, owns: () => true });
  assert.is(mine.length, 4);
  assert.equal(Object.keys(mine), ['1']);
});

test('a caller\'s array takes the named keys the task left it (`arr.label = \'x\'`), and loses the ones it deleted', () => {
  const mine = Object.assign([1, 2], { old: true });
  const decoded = Object.assign([1, 2], { label: 'x' });
  adopt(decoded, new Map<object, ObjectOrigin>([[decoded, { data: 1, index: 0 }]]), { targetOf: () => mine, owns: () => true });
  assert.is((mine as unknown as { label?: string }).label, 'x');
  assert.not.ok('old' in mine);
  assert.equal([...mine], [1, 2]);
});

test('a caller\'s sealed array of the same length takes the values element by element (it may not lose an element)', () => {
  const mine = Object.seal([5, 6]);
  const decoded = [6, 7];
  adopt(decoded, new Map<object, ObjectOrigin>([[decoded, { data: 1, index: 0 }]]), { targetOf: () => mine, owns: () => true });
  assert.equal(mine, [6, 7]);
  assert.ok(Object.isSealed(mine));
});

test('a caller\'s error takes the message, stack and extra properties the task left it, and stays the same object', () => {
  const mine = Object.assign(new Error('before'), { code: 'A' });
  const decoded = Object.assign(new Error('after'), { code: 'B' });
  const origin = { data: 1, index: 0 };
  const { value } = adopt(decoded, new Map<object, ObjectOrigin>([[decoded, origin]]), { targetOf: () => mine, owns: () => true });
  assert.is(value, mine);
  assert.is(mine.message, 'after');
  assert.is(mine.code, 'B');
  assert.is(mine.stack, decoded.stack);
  assert.equal(Object.keys(mine), ['code'], 'message and stack stay not enumerable');
});

test('a caller\'s object takes the task\'s key order (a key deleted and set again moved to the end)', () => {
  const mine: Record<string, number> = { a: 1, b: 2, c: 3 };
  const decoded: Record<string, number> = { b: 2, c: 3, a: 1 };
  adopt(decoded, new Map<object, ObjectOrigin>([[decoded, { data: 1, index: 0 }]]), { targetOf: () => mine, owns: () => true });
  assert.is(JSON.stringify(mine), '{"b":2,"c":3,"a":1}');
});

test.run();
