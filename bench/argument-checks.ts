/**
 * node dist/bench/argument-checks.js — what the checks of a call's own objects cost (store/refusals.ts notCarried and
 * namedArrayKey: accessors, symbol keys, a collection's or an array's own properties), as the ratio of encoding 200k
 * five-key records with them to encoding without, measured in the same run: paired encodes in alternating order, a
 * collection between them when run with --expose-gc. Environment: ARGUMENT_CHECKS_ROUNDS (default 8).
 */
import { performance } from 'node:perf_hooks';
import { encodeValue } from '../runtime/store/codec';

const ROUNDS = Number(process.env.ARGUMENT_CHECKS_ROUNDS || 8);
const records = Array.from({ length: 200_000 }, (_, i) => ({ id: i, name: `n${i}`, x: i * 1.5, y: -i, tags: ['a', 'b'] }));
const times = { without: [] as number[], with: [] as number[] };
const gc = (globalThis as { gc?: () => void }).gc;

for (let round = 0; round < ROUNDS; round++) {
  for (const checked of round % 2 === 0 ? [true, false] : [false, true]) {
    gc?.();
    const started = performance.now();
    encodeValue(records, { programObjects: checked });
    (checked ? times.with : times.without).push(performance.now() - started);
  }
}
const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1]!;
console.log(`200k records: ${median(times.without).toFixed(0)} ms without the checks, ${median(times.with).toFixed(0)} ms with: ` +
  `${(median(times.with) / median(times.without)).toFixed(3)}x (medians of ${ROUNDS}${gc ? ', gc between' : ''})`);
