import { mean, spread } from './stats';
export interface Series { name: string; values: Float64Array }
export function meanOf(s: Series) { return mean(s.values); }
export const spreadOf = (s: Series, m: number) => spread(s.values, m);
export function firstHalfMean(s: Series) { const half = s.values.length / 2; return mean(s.values.subarray(0, half)); }
export function describe(s: Series) { return `${s.name}: ${meanOf(s).toFixed(3)}`; }
