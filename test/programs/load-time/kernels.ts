import { createHmac } from 'node:crypto';
import { FIRST_ARG, KEY, MODE, modeNow, NOISE, SEED, SETTINGS, STARTED } from './config';

const LABEL = `${MODE}:${process.env.LOAD_TIME_LABEL ?? 'plain'}`;

/** @task */
export function report(n: number): string {
  return [n, LABEL, FIRST_ARG, STARTED, SEED, SETTINGS.verbose, SETTINGS.tags.join('+'), modeNow()].join(' ');
}

/** @task Signed with the module's key: one signature in every worker, as in the plain program. */
export function sign(message: string): string {
  return createHmac('sha256', KEY).update(message).update(NOISE).digest('hex') + (Buffer.isBuffer(KEY) ? ' buffer' : ' bytes');
}
