import { NAMES, OPTIONS, RATES, SCALE } from './config';

/** Read in the task's own module, changed by main.ts through an import. */
export const LIMITS = { low: 0, high: 10 };

/** @task */
export function total(xs: number[]): number { let s = 0; for (let i = 0; i < xs.length; i++) s += xs[i] * RATES[i]; return s; }

/** @task */
export function scaled(v: Float64Array): number[] { return Array.from(v, (x, i) => x * SCALE[i % SCALE.length]); }

/** @task */
export function describe(ids: number[]): string {
  return `${OPTIONS.label}: ` + ids.map((id) => `${NAMES.get(id) ?? '?'}*${OPTIONS.weights[0]}`).join(',') + ` within ${LIMITS.low}..${LIMITS.high}`;
}
