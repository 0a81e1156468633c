/**
 * Data of any depth travels (tester #13's m34): the encoder, the decoder and the header check walk with stacks of
 * their own, not the JavaScript stack, keeping cycles, shared references and the paths of refusals.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { decodeValue, encodeValue, UnsupportedValueError } from '../runtime/store/codec';
import { headerProblem } from '../runtime/store/verify';

interface Node { v: number; next: Node | null }

function fileOf(value: unknown): Buffer {
  const { parts, byteLength } = encodeValue(value);
  const file = Buffer.allocUnsafeSlow(byteLength);
  let at = 0;
  for (const part of parts) { file.set(part, at); at += part.length; }
  return file;
}

/** The header as a machine receiving the file checks it (verify.ts). */
function headerOf(file: Buffer): Uint8Array {
  const body = Number(file.readBigUInt64LE(0));
  return Uint8Array.from(file.subarray(8 + body + ((8 - (body % 8)) % 8)));
}

function list(n: number): Node | null {
  let head: Node | null = null;
  for (let i = n - 1; i >= 0; i--) head = { v: i, next: head };
  return head;
}

test('a linked list of 100000 nodes round-trips, and its header passes the check', () => {
  const file = fileOf(list(100_000));
  assert.is(headerProblem(headerOf(file), Number(file.readBigUInt64LE(0))), undefined);
  let n = decodeValue(file) as Node | null;
  let count = 0;
  for (; n; n = n.next) { assert.is(n.v, count); count++; }
  assert.is(count, 100_000);
});

test('deep nesting of every container kind, with a cycle back to the top and a shared leaf', () => {
  const shared = { name: 'shared' };
  const top: { inner?: unknown; shared: object } = { shared };
  let at: unknown = top;
  for (let i = 0; i < 30_000; i++) {
    const kind = i % 5;
    const next = kind === 0 ? [at, shared] : kind === 1 ? new Map([['k', at]]) : kind === 2 ? new Set([at])
      : kind === 3 ? Object.assign(new Error(`e${i}`), { inner: at }) : { inner: at };
    at = next;
  }
  top.inner = at; // the cycle: the deepest object holds the top again
  const back = decodeValue(fileOf(top)) as typeof top;
  let depth = 0;
  let cur: unknown = back.inner;
  while (cur !== back) {
    const kind = (30_000 - 1 - depth) % 5;
    if (kind === 0) assert.ok((cur as unknown[])[1] === back.shared, 'the shared object is one object');
    cur = kind === 0 ? (cur as unknown[])[0] : kind === 1 ? (cur as Map<string, unknown>).get('k') : kind === 2 ? [...(cur as Set<unknown>)][0]
      : (cur as { inner: unknown }).inner;
    depth++;
  }
  assert.is(depth, 30_000, 'the cycle closes at the same depth');
});

test('a refusal deep inside names its whole path', () => {
  const head = list(3000)!;
  let last = head;
  while (last.next) last = last.next;
  (last as unknown as { f: unknown }).f = () => 1;
  try {
    encodeValue(head);
    assert.unreachable('a function cannot travel');
  } catch (error) {
    assert.instance(error, UnsupportedValueError);
    assert.is((error as UnsupportedValueError).path, `${'.next'.repeat(2999)}.f`);
  }
});

test.run();
