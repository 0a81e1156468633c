import { LIMITS } from './config';

export const WEIGHTS = [1, 2];
export const CONFIG = { scale: 2 };

function weightCount(): number { return WEIGHTS.length; }
function clamp(x: number): number { return Math.min(LIMITS.high, Math.max(LIMITS.low, x)); }

/** @task */
export function counted(): number { return weightCount(); }

/** @task */
export function scaled(x: number, s = CONFIG.scale): number { return clamp(x * s); }

/** @task */
export function mode(): string { return process.env.TASKIFY_FIXTURE_MODE ?? 'default'; }

// A module object with a getter, and a frozen one whose nested object the program changes (helper-51's m08, m10):
// the worker's copies take the program's fields in place, leaving getters and locked fields as they are.
export const ACC = { base: 1, get doubled(): number { return ACC.base * 2; } };
export const FROZEN = Object.freeze({ inner: { k: 1 } });

/** @task */
export function derived(x: number): number { return x + ACC.doubled + FROZEN.inner.k; }
