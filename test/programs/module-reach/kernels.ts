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
