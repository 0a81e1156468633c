/** Shared by the integration suites. */
import { join } from 'node:path';
import { readdirSync } from 'node:fs';
import { current } from '../runtime/api/lifecycle';

export const fixtures = join(__dirname, 'fixtures');
export const tasksModule = join(fixtures, 'tasks.js');

/** The version files of the running pool's run directory. */
export function versionFiles(): string[] {
  const active = current();
  if (active.kind !== 'pool') throw new Error('not a pool runtime');
  return readdirSync(active.runtime.runDir).sort();
}

/** Assert that `fn` throws an error whose message matches every pattern; returns it. */
export function throwsMatching(fn: () => unknown, ...patterns: RegExp[]): Error {
  try {
    fn();
  } catch (error) {
    for (const p of patterns) {
      if (!p.test(String((error as Error).message))) throw new Error(`error message ${JSON.stringify((error as Error).message)} does not match ${p}`);
    }
    return error as Error;
  }
  throw new Error('expected an error, none was thrown');
}
