/**
 * Direction inference through Node's own modules (analysis/node-builtins.ts): zlib's sync functions, crypto's hashes,
 * path, util.format and a Buffer's reading methods only read what they are given, and their results hold none of it;
 * a hash's `update` changes the hash. Before, each was code of unknown effect: a Buffer parameter became inout and
 * "let out", and the task's calls stayed direct (tester #16's G2: r03, 30-node-builtins).
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { taskDirections as directions, withTask as task } from './task-directions';

const NODE = `/// <reference types="node" />
import { deflateSync, inflateSync, gzipSync } from 'node:zlib';
import * as zlib from 'zlib';
import { createHash, createHmac } from 'node:crypto';
import path, { posix } from 'node:path';
import { format, inspect } from 'node:util';`;

const run = (signature: string, body: string): Record<string, string> => directions(task(signature, body, NODE));

test("Node's reading functions and Buffer methods read their arguments", () => {
  const bodies = [
    "return inflateSync(p).toString('utf8');", 'return deflateSync(p).length + gzipSync(p).length;', 'return zlib.inflateSync(p).length;',
    "return createHash('sha256').update(p).digest('hex');", "return createHmac('sha1', 'k').update(p).digest().length;",
    "return p.toString('base64') + p.readUInt32LE(0) + p.equals(p) + Buffer.concat([p, p]).length + Buffer.byteLength(p);",
    "return format('%o', p) + inspect(p);",
  ];
  for (const body of bodies) {
    const found = run('p: Buffer', body);
    assert.match(found.p, /^in:/, `${body}: ${found.p}`);
  }
  const paths = run('ps: string[], o: { dir: string; base: string }', 'return ps.map((s) => posix.normalize(s)).join() + path.join(...ps) + path.format(o);');
  assert.match(paths.ps, /^in:/, paths.ps);
  assert.match(paths.o, /^in:/, paths.o);
});

test('what their results hold is fresh: writing it is no write of the argument', () => {
  const found = run('p: Buffer', 'const out = inflateSync(p); out[0] = 1; const d = createHash(\'md5\').update(p).digest(); d[0] = 2; return out.length;');
  assert.match(found.p, /^in:/, found.p);
});

test('Buffer.from copies an array, a typed array or a Buffer, and views an ArrayBuffer (np40\'s F2: `Buffer.from(b).toString(\'hex\')` made b inout)', () => {
  for (const body of ["return Buffer.from(p).toString('hex');", 'const c = Buffer.from(p); c[0] = 9; return c.length;']) {
    assert.match(run('p: Uint8Array', body).p, /^in:/, body);
  }
  assert.match(run('p: number[]', 'const c = Buffer.from(p); c.fill(0); return c.length;').p, /^in:/);
  const viewed = run('p: Uint8Array', 'const v = Buffer.from(p.buffer, p.byteOffset, 2); v[0] = 99; return v.length;');
  assert.match(viewed.p, /^inout:/, viewed.p);
});

test("a hash's update changes the hash: a hash parameter is written, the data only read", () => {
  const found = run('h: ReturnType<typeof createHash>, p: Buffer', 'h.update(p);');
  assert.match(found.h, /^inout:.*changes it/, found.h);
  assert.match(found.p, /^in:/, found.p);
});

test("a program's own object named like a Node module is judged by its code, not by the table", () => {
  const found = directions({ 'main.ts': `const zlib = { inflateSync(b: number[]) { b[0] = 1; return b.length; } };
/** @task */
export function t(p: number[]) { return zlib.inflateSync(p); }\n` });
  assert.match(found.p, /^inout:/, found.p);
});

test.run();
