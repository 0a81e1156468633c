// A task call the plan keeps direct (it runs here, at once) after one that fails in the same try: the plain program
// never reached it (np41's F1: each kept the direct call's write).
import { add, fail, inc, incAll, push, validate } from './kernels';

// `o` escapes into `all`, so `inc(o)` runs here.
const o = { n: 0 };
const all: object[] = [];
all.push(o);
try { fail('first'); inc(o); } catch (e) { console.log('caught', (e as Error).message); }
console.log('o.n', o.n);

// A helper a try runs: `push(out, s)` stays direct (the loop iterates `items`, which it may not tell from `out`).
const out: string[] = [];
function processAll(items: string[]) { for (const s of items) { validate(s); push(out, s); } }
try { processAll(['a', 'b!', 'c']); } catch (e) { console.log('caught', (e as Error).message); }
console.log('out', out.join(','));
try { processAll(['d', 'e']); } finally { console.log('after', out.join('')); }

// (Direct at 4e0a1b5: the loop's step was taken to read what `add` writes; submitted since np41's F5, and dropped
// with the failure as any submission after it is.)
const groups: Record<string, { items: string[] }> = { a: { items: [] }, b: { items: [] } };
try {
  for (const [g, item] of [['a', 'x'], ['b', 'y!'], ['a', 'z']]) { validate(item); add(groups[g], item); }
} catch (e) { console.log('caught', (e as Error).message); }
console.log('groups', JSON.stringify(groups));

// An array with a property of its own cannot travel, which its type does not show: the call runs in place at run
// time (runtime/api/direct-calls.ts), and not at all after a call that failed before it (np41's F1, min-inline-after-fail).
const labelled = Object.assign([1, 2], { label: 'x' });
try { fail('third'); incAll(labelled); } catch (e) { console.log('caught', (e as Error).message); }
console.log('labelled', labelled.join(','));
try { incAll(labelled); fail('fourth'); } catch (e) { console.log('caught', (e as Error).message); }
console.log('labelled', labelled.join(','));
