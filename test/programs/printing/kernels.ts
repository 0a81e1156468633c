/** Tasks that print, to stdout and stderr, in the ways programs do: console.*, process.stdout.write, after an await. */

/** A table built when the module loads, saying so: printed once, by the program's import (a worker's import is quiet). */
const SCALE = ((): number => { console.log('kernels loaded'); return 1; })();

/** Sleeps without yielding, as a busy computation would. */
function pause(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** Prints `lines` lines after `ms` of work, one of them to stderr, and an object (coloured on a terminal). @task */
export function report(name: string, lines: number, ms: number): number {
  pause(ms);
  for (let i = 1; i <= lines * SCALE; i++) console.log(`${name} line ${i}`);
  console.error(`${name} warns on stderr`);
  process.stdout.write(`${name} wrote ${JSON.stringify({ lines })}\n`);
  console.log({ task: name, ms });
  return lines;
}

/** Prints nothing. @task */
export function quiet(n: number, ms: number): number {
  pause(ms);
  return n * 2;
}

/** An async task that prints before and after it awaits. @task */
export async function later(name: string, ms: number): Promise<number> {
  console.log(`${name} starts`);
  await new Promise((resolve) => setTimeout(resolve, ms));
  console.log(`${name} ends`);
  return ms;
}

/** Fails after printing: its lines still come out in place. @task */
export function failing(name: string): number {
  console.log(`${name} is about to fail`);
  throw new Error(`${name} failed`);
}
