import { readFileSync } from 'node:fs';

/** @task */
export function norm(l: number[]): void { if (l[0] === 0) throw new RangeError('zero'); l[0] = 1; }
/** @task */
export function parse(s: string): number { const n = Number(s.split('=')[1]); if (Number.isNaN(n)) throw new Error(`bad line ${s}`); return n; }
/** @task */
export function verify(data: number[]): void { if (data.some((x) => x < 0)) throw new Error('corrupt'); }
/** @task */
export function lineCount(path: string): number { return readFileSync(path, 'utf8').split('\n').length; }
/** @task */
export function scale(v: Float64Array, k: number): void { for (let i = 0; i < v.length; i++) v[i] *= k; }
