// A map of task calls handed straight to a promise combinator (np67's min-map-arg-call, p35): every element's task
// is submitted before any is waited for, its arguments only read; the combinator then takes the values. Arguments
// that run code of the program (a lookup counting its calls) are evaluated at each element's turn: after a failing
// element the plain map ran no more of them (rv71's r-map-combinator-side-effect). An async callback's promise
// settled at the call in plain code: its task's value is waited for there (asyncmap).
import { total } from './kernels';

const groups = new Map<string, number[]>([['a', [1, 2]], ['b', [5, 6]], ['c', [7, 8]], ['d', [9, 4]]]);
const look = (k: string): number[] => groups.get(k)!;
let fetched = 0;
const get = (k: string): number[] => { fetched++; return groups.get(k)!; };

async function ticker(label: string, n: number): Promise<void> {
  for (let i = 0; i < n; i++) { await null; console.log(label, i); }
}

async function main(): Promise<void> {
  // (a) Arguments looked up in a Map, in a parenthesized map and in Promise.all, allSettled, race and any.
  const r = ([...groups.keys()].map((k) => total(groups.get(k)!)));
  console.log('paren', r.join(','));
  console.log('all', (await Promise.all([...groups.keys()].map((k) => total(groups.get(k)!)))).join(','));
  const settled = await Promise.allSettled([...groups.keys()].map((k) => total(groups.get(k)!)));
  console.log('allSettled', settled.map((s) => s.status).join(','));
  console.log('race', await Promise.race(['b', 'c'].map((k) => total(groups.get(k)!))));
  console.log('any', await Promise.any(['d', 'a'].map((k) => total(groups.get(k)!))));
  // A constant arrow that only reads reads too (np67's `get(k)`).
  console.log('look', (await Promise.all(['a', 'b', 'c', 'd'].map((k) => total(look(k))))).join(','));

  // (b) A failing call: the plain map threw there, before the combinator was called.
  groups.set('e', [3, 1]);
  try {
    await Promise.allSettled(['a', 'e', 'b'].map((k) => total(get(k))));
    console.log('not reached');
  } catch (e) {
    console.log('map threw', (e as Error).message);
  }

  // (c) Async callbacks beside a ticker: each promise settled at its call, the ticker's steps as in plain code.
  const ps = ['a', 'e', 'c'].map(async (k) => total(get(k)));
  void ticker('tick', 5);
  const outcomes = await Promise.allSettled(ps);
  console.log(outcomes.map((o) => (o.status === 'fulfilled' ? o.value : String(o.reason))).join(' | '));
  void ticker('tock', 5);
  const again = await Promise.allSettled(['e', 'd'].map(async (k) => total(get(k))));
  console.log(again.map((o) => o.status).join(','));
}

// (d) A lookup that counts its calls, and a failing element: seen by main's rejection handler.
async function counted(): Promise<void> {
  fetched = 0;
  console.log('counted', (await Promise.all(['a', 'e', 'b'].map((k) => total(get(k))))).join(','));
}

void main().then(counted).then(() => console.log('not reached'), (e: Error) => console.log('counted failed', e.message, 'fetched', fetched));
