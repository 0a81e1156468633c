/** @task */
export function scale(v: Float64Array, k: number): void { for (let i = 0; i < v.length; i++) v[i] *= k; }
/** @task */
export function sum(v: Float64Array): number { let s = 0; for (const x of v) s += x; return s; }
/** @task */
export function addInto(out: Float64Array, a: Float64Array): void { for (let i = 0; i < out.length; i++) out[i] += a[i]; }
/** @task */
export function scaleH(h: { a: Float64Array; b: Float64Array }, k: number): void { for (let i = 0; i < h.a.length; i++) h.a[i] *= k; for (let i = 0; i < h.b.length; i++) h.b[i] *= k; }
/** @task */
export function sumH(h: { a: Float64Array; b: Float64Array }): number { let s = 0; for (const x of h.a) s += x; for (const x of h.b) s += x; return s; }
/** @task */
export function stats(v: Float64Array): { max: number; mean: number; n: number } { let m = -Infinity, s = 0; for (const x of v) { if (x > m) m = x; s += x; } return { max: m, mean: v.length ? s / v.length : 0, n: v.length }; }
/** @task */
export function score(v: number[]): number { let s = 0; for (const x of v) s += x; return s; }
/** @task */
export function boom(v: number[]): number { if (v[0] < 0) throw new Error('negative ' + v[0]); return v[0] * 2; }
/** @task */
export function pushN(xs: number[], n: number): void { for (let i = 0; i < n; i++) xs.push(i); }
/** @task */
export function fillNum(xs: number[], k: number): void { for (let i = 0; i < xs.length; i++) xs[i] = k + i; }
/** @task */
export function count(words: string[]): Map<string, number> { const m = new Map<string, number>(); for (const w of words) m.set(w, (m.get(w) ?? 0) + 1); return m; }
/** @task */
export function merge(total: Map<string, number>, part: Map<string, number>): Map<string, number> { for (const [k, v] of part) total.set(k, (total.get(k) ?? 0) + v); return total; }
/** @task */
export function mulAcc(c: Float64Array, a: Float64Array, b: Float64Array, n: number): void { for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) { let s = 0; for (let k = 0; k < n; k++) s += a[i * n + k] * b[k * n + j]; c[i * n + j] += s; } }
/** @task */
export function incMap(m: Map<string, number>, k: string): void { m.set(k, (m.get(k) ?? 0) + 1); }
/** @task */
export function pair(v: Float64Array): [number, number] { return [v[0], v[v.length - 1]]; }
/** @task */
export function same(v: number[]): number[] { return v.slice(); }
/** @task */
export function twice(x: number): number { return x * 2; }
/** @task */
export function label(v: Float64Array): string { return 'L' + v.length; }
/** @task */
export function sizeOf(m: Map<string, number>): number { return m.size; }
/** @task */
export function total(m: Map<string, number>): number { let s = 0; for (const v of m.values()) s += v; return s; }
/** @task */
export function addTo(m: Map<string, number[]>, k: string, v: number): void { const l = m.get(k); if (l) l.push(v); else m.set(k, [v]); }
/** @task */
export function bumpAll(m: Map<string, number[]>): void { for (const l of m.values()) for (let i = 0; i < l.length; i++) l[i] += 1; }
/** @task */
export function mix(h: { a: Float64Array; b: Float64Array }, v: Float64Array): void { for (let i = 0; i < v.length; i++) { h.a[i] += v[i]; v[i] *= 2; } }
/** @task */
export function readMix(h: { a: Float64Array; b: Float64Array }, v: Float64Array): number { return h.a[0] * 100 + v[0]; }
/** @task */
export function ident(v: number[]): number[] { return v; }
/** @task */
export function firstOf(vs: number[][]): number[] { return vs[0]; }
/** @task */
export function swapH(h: { a: Float64Array; b: Float64Array }): void { const t = h.a; h.a = h.b; h.b = t; h.a[0] += 1000; }
/** @task */
export function replaceA(h: { a: Float64Array; b: Float64Array }): void { h.a = new Float64Array([h.a[0] * 7]); }
/** @task */
export function scaleAll(m: Map<string, Float64Array>, k: number): void { for (const v of m.values()) for (let i = 0; i < v.length; i++) v[i] *= k; }
/** @task */
export function addWord(s: Set<string>, w: string): void { s.add(w); }
/** @task */
export function steps(v: number[]): number { let x = v[0], n = 0; if (x < 0) throw new Error('bad ' + x); while (x !== 1) { x = x % 2 ? 3 * x + 1 : x / 2; n++; } return n; }
