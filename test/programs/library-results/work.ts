import { createHash } from 'node:crypto';
import { deflateSync, inflateSync } from 'node:zlib';
import { posix } from 'node:path';

// Code the analysis cannot see, as a library's would be: a function made at run time.
const sumOf = new Function('xs', 'return xs.reduce((a, b) => a + b, 0)') as (xs: number[]) => number;
const namesOf = new Function('rows', 'return rows.map((r) => [r.name])') as (rows: { name: string }[]) => string[][];

/** @task */
export function unpack(data: Uint8Array): string { return inflateSync(data).toString('utf8'); }

/** @task */
export function fingerprint(data: Buffer): string { return createHash('sha256').update(data).digest('hex').slice(0, 12) + data.toString('base64').length; }

/** @task */
export function normalized(paths: string[]): string { return paths.map((p) => posix.normalize(p)).join(' '); }

/** @task */
export function total(xs: number[]): number { return sumOf(xs); }

/**
 * @task
 * @in rows
 */
export function names(rows: { name: string }[]): string[][] { return namesOf(rows); }

/** @task */
export function pair(a: number) { return { a, b: 1, get sum() { return this.a + this.b; } }; }

export const packed = (s: string): Buffer => deflateSync(Buffer.from(s, 'utf8'));
