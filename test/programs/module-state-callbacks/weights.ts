export const WEIGHTS = [{ w: 1 }, { w: 2 }];
export const LIMITS = new Map<string, { max: number }>([['a', { max: 5 }], ['b', { max: 7 }]]);

/** @task */
export function score(x: number): number { return WEIGHTS.reduce((s, it) => s + it.w * x, 0); }

/** @task */
export function capped(key: string, x: number): number { return Math.min(x, LIMITS.get(key)?.max ?? 0); }

export const BIAS = [{ b: 1 }];

/** @task */
export function biased(x: number): number { return x + BIAS[0].b; }
