/**
 * node --expose-gc dist/bench/codec-speed.js [OTHER_DIST] — the codec's speed on a few shapes: flat records, a
 * nested tree, many number arrays, k-means-style Float64Array data, a long linked list. Prints the median time to
 * encode and to decode each. Given another build's dist directory (e.g. of the commit before a change to the codec),
 * it times that build's codec in the same run, alternating the two, and prints this build's time over the other's
 * (the median of the ratios of back-to-back pairs).
 * Environment: CODEC_SPEED_ROUNDS (default 9).
 */
import { performance } from 'node:perf_hooks';
import { resolve } from 'node:path';
import * as here from '../runtime/store/codec';

type Codec = Pick<typeof here, 'encodeValue' | 'decodeValue'>;

const ROUNDS = Number(process.env.CODEC_SPEED_ROUNDS || 9);
const gc = (globalThis as { gc?: () => void }).gc;
const other: Codec | undefined = process.argv[2] ? require(resolve(process.argv[2], 'runtime', 'store', 'codec')) : undefined;

interface Tree { v: number; kids: Tree[] }
const tree = (depth: number): Tree => ({ v: depth, kids: depth === 0 ? [] : [tree(depth - 1), tree(depth - 1)] });
const list = (n: number) => { let head: unknown = null; for (let i = 0; i < n; i++) head = { v: i, next: head }; return head; };

const shapes: [string, unknown, boolean][] = [
  ['200k flat records', Array.from({ length: 200_000 }, (_, i) => ({ id: i, name: `n${i}`, x: i * 1.5, y: -i, tags: ['a', 'b'] })), true],
  ['tree of 131k nodes, depth 16', tree(16), true],
  ['2000 number arrays of 500', Array.from({ length: 2000 }, (_, i) => Array.from({ length: 500 }, (_, j) => i * j * 0.5)), true],
  ['k-means: 8M points, 64 centroids', { points: new Float64Array(8 * 1024 * 1024), centroids: new Float64Array(64 * 8), k: 64, dims: 8 }, true],
  ['k-means: 20000 blocks of 64', Array.from({ length: 20_000 }, () => new Float64Array(64)), true],
  ['linked list of 1000 nodes', list(1000), true],
  ['linked list of 100000 nodes', list(100_000), false], // too deep for a recursive codec
];

function fileOf(codec: Codec, value: unknown): Buffer {
  const { parts, byteLength } = codec.encodeValue(value);
  const file = Buffer.allocUnsafeSlow(byteLength);
  let at = 0;
  for (const part of parts) { file.set(part, at); at += part.length; }
  return file;
}

function time(f: () => void): number {
  gc?.();
  const started = performance.now();
  f();
  return performance.now() - started;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1]!;
const ms = (t: number) => `${t.toFixed(t < 10 ? 2 : 0)} ms`;

for (const [name, value, bothCodecs] of shapes) {
  const codecs: [string, Codec][] = [['this', here], ...(other && bothCodecs ? [['other', other] as [string, Codec]] : [])];
  const times = new Map(codecs.map(([label]) => [label, { encode: [] as number[], decode: [] as number[] }]));
  const files = new Map(codecs.map(([label, codec]) => [label, fileOf(codec, value)]));
  // Two rounds first, not counted: the first runs of a function are interpreted, then compiled.
  for (let round = -2; round < ROUNDS; round++) {
    for (const [label, codec] of round % 2 === 0 ? codecs : [...codecs].reverse()) {
      const encode = time(() => codec.encodeValue(value));
      const decode = time(() => codec.decodeValue(files.get(label)!));
      if (round < 0) continue;
      times.get(label)!.encode.push(encode);
      times.get(label)!.decode.push(decode);
    }
  }
  const mine = times.get('this')!;
  let line = `${name}: encode ${ms(median(mine.encode))}, decode ${ms(median(mine.decode))}`;
  const theirs = times.get('other');
  if (theirs) {
    // The median of the rounds' ratios: each pair ran back to back, so a machine that slows down for a while moves both.
    const ratio = (a: number[], b: number[]) => median(a.map((t, i) => t / b[i]!)).toFixed(3);
    line += ` | other build: encode ${ms(median(theirs.encode))}, decode ${ms(median(theirs.decode))}` +
      ` | ratio encode ${ratio(mine.encode, theirs.encode)}x, decode ${ratio(mine.decode, theirs.decode)}x`;
  }
  console.log(line);
}
console.log(`(medians of ${ROUNDS}${gc ? ', gc before each' : ''}${other ? `, other build ${process.argv[2]}` : ''})`);
