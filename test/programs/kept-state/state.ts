/** Module state only tasks use, kept from one call to the next (transformer/analysis/kept-state.ts). */
export class Lcg {
  seed = 7;
  next(): number { this.seed = (this.seed * 1103 + 12345) % 65536; return this.seed; }
}
const RNG = new Lcg();
const COUNTER = { n: 0 };
const IDS = new Map<string, number>();
const CONF = { mode: 'plain' };
const RING = new Int32Array(4);
const TALLY = new Map<string, number>();
const DIGIT = /\d/g;
const MEMO = new Map<number, number>();

function tick(): number { COUNTER.n += 1; return COUNTER.n; }

/** @task */
export function ticket(label: string): string { return `${label}#${tick()}`; }

/** @task */
export function draw(): number { return RNG.next() % 100; }

/** @task */
export function intern(name: string): number {
  let id = IDS.get(name);
  if (id === undefined) { id = IDS.size; IDS.set(name, id); }
  return id;
}

/** @task */
export function setMode(mode: string): void { CONF.mode = mode; }

/** @task */
export function render(s: string): string { return CONF.mode === 'upper' ? s.toUpperCase() : s; }

/** @task */
export function rotate(v: number): string { RING.copyWithin(0, 1); RING[3] = v; return RING.join(''); }

/** @task */
export function bump(key: string): number { TALLY.set(key, (TALLY.get(key) ?? 0) + 1); return TALLY.get(key)!; }

/** @task */
export function hasDigit(s: string): boolean { return DIGIT.test(s); }

/** A cache keyed by what it computes from: each worker keeps its own, and the calls stay side by side. */
/** @task */
export function square(x: number): number {
  if (!MEMO.has(x)) MEMO.set(x, x * x);
  return MEMO.get(x)!;
}

/** Counts, then fails for a negative input: the count it made before failing stays, as in the plain call. */
/** @task */
export function checked(x: number): number {
  const n = tick();
  if (x < 0) throw new RangeError(`negative: ${x}`);
  return n;
}

const SEQ = { n: 0 };

/** An ID record made afresh from the count: no part of the state leaves (tester #13's m04). */
/** @task */
export function record(name: string): { id: number; name: string } { SEQ.n += 1; return { id: SEQ.n, name }; }
