/** @task */
export function makeBlock(seed: number, n: number): Float64Array {
  const block = new Float64Array(n);
  for (let i = 0; i < n; i++) block[i] = seed * 10 + i;
  return block;
}
/** @task */
export function bump(block: Float64Array, by: number): void { for (let i = 0; i < block.length; i++) block[i] += by; }
/** @task */
export function fma(c: Float64Array, a: Float64Array, b: Float64Array): void { for (let i = 0; i < c.length; i++) c[i] += a[i] * b[i]; }
/** @task */
export function sum(block: Float64Array): number { let s = 0; for (const v of block) s += v; return s; }
/** @task */
export function total(blocks: Float64Array[]): number { let s = 0; for (const b of blocks) for (const v of b) s += v; return s; }
/** @task */
export function fillRow(row: Float64Array[], value: number): void { for (const b of row) b.fill(value); }
/** @task */
export function setFirstReadAll(all: Float64Array[], b: Float64Array): number { b[0] = 99; return all[0][0]; }
/** @task */
export function failIfNeg(block: Float64Array, by: number): void {
  block[0] += by;
  if (block[0] < 0) throw new Error('negative');
  block[1] += by;
}
/** @task */
export function bumpRec(r: { x: Float64Array }, by: number): void { r.x[0] += by; }
/** @task */
export function bumpAny(r: any, by: number): void { for (const b of r) b[0] += by; }
/** @task */
export function addKey(m: Map<string, number>, k: string, v: number): void { m.set(k, (m.get(k) ?? 0) + v); }
/** @task */
export function addSet(s: Set<number>, v: number): void { s.add(v); }
/** @task */
export function maybe(n: number): Float64Array | undefined { return n > 0 ? new Float64Array([n]) : undefined; }
/** @task */
export function pushNum(xs: number[], v: number): void { xs.push(v); }
/** @task */
export function slow(block: Float64Array, ms: number): void { const end = Date.now() + ms; while (Date.now() < end) {} block[0] += 1; }
/** @task */
export function half(n: number): number { return n / 2; }
/** @task */
export function makeOrThrow(n: number): Float64Array { if (n < 0) throw new Error('bad n'); return new Float64Array([n]); }
/** @task */
export function bumpRet(b: Float64Array): number { b[1] += 10; return 5; }
/** @task */
export function zero(b: Float64Array): void { b.fill(3); }
/** @task */
export function rowsAny(n: number): any { const r: Float64Array[] = []; for (let i = 0; i < n; i++) r.push(new Float64Array([i])); return r; }
