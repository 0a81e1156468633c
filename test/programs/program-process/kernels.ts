/**
 * What a task reads of the program's process, as the plain call on the main thread did: process.argv, the entry
 * module (require.main), process.env set before the call; and a process.exitCode it sets, which the program ends with.
 */
import { basename } from 'node:path';

/** @task */
export function whereAmI(n: number): string {
  const main = require.main;
  return `${n}: argv ${process.argv.length} ${basename(process.argv[1] ?? '')}, main ${basename(main?.filename ?? 'none')} ${main?.loaded} ${main === module}`;
}

/** @task */
export function setting(key: string): string {
  return `${key}=${process.env[key]}`;
}

/** @task */
export function finish(code: number): number {
  process.exitCode = code;
  return code * 2;
}

/** @task */
export function exportSetting(name: string, value: string): string {
  process.env[name] = value;
  return `${name} set`;
}

/** @task */
export function localHour(ms: number): number {
  return new Date(ms).getHours();
}

function depth(n: number): number { return n === 0 ? 0 : 1 + depth(n - 1); }

/** @task */
export function recurse(n: number): number {
  return depth(n);
}
