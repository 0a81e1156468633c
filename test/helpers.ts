/** Shared by the integration suites. */
import { join } from 'node:path';
import { readdirSync } from 'node:fs';
import { spawn, type ChildProcess } from 'node:child_process';
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
