/** Shared by the integration suites. */
import { join } from 'node:path';
import { readdirSync } from 'node:fs';
import { spawn, type ChildProcess } from 'node:child_process';
import * as assert from 'uvu/assert';
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

export interface ChildRun { code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }

/**
 * Runs fixtures/<script> `mode` as a child process; `onReady` gets the child once it prints READY (to signal
 * or kill it there).
 */
export function runFixture(script: string, mode: string, env: Record<string, string> = {}, onReady?: (child: ChildProcess) => void): Promise<ChildRun> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [join(fixtures, script), mode], { env: { ...process.env, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
      if (onReady && stdout.includes('READY')) { const ready = onReady; onReady = undefined; ready(child); }
    });
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('exit', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}

/** What a program would print: JSON, with typed arrays as arrays. */
export function show(value: unknown): string {
  return String(JSON.stringify(value, (_key, v: unknown) => (ArrayBuffer.isView(v) ? Array.from(v as Float64Array) : v)));
}

/**
 * Runs `plain` and then `viaTask`, each on fresh inputs from `make`, and asserts they print the same. `expected`, if
 * given, is checked against the plain program (a broken fixture, not the runtime). An exception out of the task
 * program is printed, so that it shows as a difference from the plain program.
 */
export function both<I>(make: () => I, plain: (input: I) => unknown, viaTask: (input: I) => unknown, expected?: unknown): void {
  const printed = show(plain(make()));
  if (expected !== undefined) assert.is(printed, show(expected), 'the plain program prints what the test expects');
  let fromTask: string;
  try {
    fromTask = show(viaTask(make()));
  } catch (error) {
    fromTask = `threw ${(error as Error).name}: ${(error as Error).message}`;
  }
  assert.is(fromTask, printed, 'the task program prints what the plain program prints');
}
