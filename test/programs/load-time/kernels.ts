import { createHmac } from 'node:crypto';
import { DRAWN, FIRST_ARG, JITTER, KEY, MODE, modeNow, NOISE, PICKED, SEED, SETTINGS, STARTED, THREAD } from './config';

const LABEL = `${MODE}:${process.env.LOAD_TIME_LABEL ?? 'plain'}`;

/** @task */
export function report(n: number): string {
  return [n, LABEL, FIRST_ARG, STARTED, SEED, SETTINGS.verbose, SETTINGS.tags.join('+'), modeNow()].join(' ');
}

/** @task Signed with the module's key: one signature in every worker, as in the plain program. */
export function sign(message: string): string {
  return createHmac('sha256', KEY).update(message).update(NOISE).digest('hex') + (Buffer.isBuffer(KEY) ? ' buffer' : ' bytes');
}

/** @task What the module's helpers drew at load, and where it loaded: the program's, in every worker. */
export function drawnAtLoad(n: number): string { return JSON.stringify([n - n, PICKED, JITTER, DRAWN, THREAD]); }
