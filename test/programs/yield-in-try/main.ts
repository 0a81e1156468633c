/**
 * A generator that yields inside a try after a task call: the plain call threw before the `yield`, so the consumer
 * never got that value; the try checks its tasks before it yields (tester #28's P1b: the consumer got 'started -1').
 */
import { risky } from './kernels';

function* stream(tag: string, ns: number[]): Generator<string> {
  for (const n of ns) {
    try {
      const v = risky(tag, n);
      yield `${tag} started ${n}`;
      results.push(`${tag}:${v}`);
    } catch (e) {
      results.push(`${tag}:E(${(e as Error).message})`);
      yield `${tag} failed`;
    }
  }
}

const results: string[] = [];
const seen: string[] = [];
for (const s of stream('S', [1, -1, 2])) seen.push(s);
console.log(seen.join(' | '));

// Two consumed alternately.
const a = stream('A', [1, -1, 2]);
const b = stream('B', [-5, 3, -6]);
const out: string[] = [];
for (let i = 0; i < 4; i++) { out.push(String(a.next().value)); out.push(String(b.next().value)); }
console.log(out.join(' | '));
console.log(results.join(' '));
