import { FIRST_ARG, MODE, modeNow, SEED, SETTINGS, STARTED } from './config';

const LABEL = `${MODE}:${process.env.LOAD_TIME_LABEL ?? 'plain'}`;

/** @task */
export function report(n: number): string {
  return [n, LABEL, FIRST_ARG, STARTED, SEED, SETTINGS.verbose, SETTINGS.tags.join('+'), modeNow()].join(' ');
}
