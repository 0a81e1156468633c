/** Tasks that fail in the ways a run must control: too long, now and then, or in a way the program accepts. */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';

/**
 * Never returns while `spin` is positive: a task that would hang the program without a timeout.
 * @task
 * @timeout 1
 */
export function spinForever(spin: number): number {
  let turns = 0;
  while (spin > 0) turns++;
  return turns;
}

/**
 * Fails on its first two runs (counted in a file, since each run may be on another worker), then succeeds.
 * @task
 * @onFailure retry 2
 */
export function flaky(counterFile: string): number {
  const runs = (existsSync(counterFile) ? Number(readFileSync(counterFile, 'utf8')) : 0) + 1;
  writeFileSync(counterFile, String(runs));
  if (runs < 3) throw new Error(`flaky failed on run ${runs}`);
  return runs;
}

/**
 * Changes its argument, then may fail; the program accepts that failure.
 * @task
 * @onFailure ignore
 */
export function risky(values: number[], fail: boolean): number {
  values[0] = -1;
  if (fail) throw new Error('risky failed');
  return values.length;
}

/** @task */
export function total(values: number[]): number {
  return values.reduce((a, b) => a + b, 0);
}
