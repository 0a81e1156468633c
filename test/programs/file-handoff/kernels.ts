import { readFileSync, writeFileSync } from 'node:fs';

/** @task Renders a report into a file (PyCOMPSs' FILE_OUT): the program reads it after the call. */
export function render(path: string, rows: number): number {
  const lines: string[] = [];
  for (let i = 0; i < rows; i++) lines.push(`row ${i}: ${(i * i) % 7}`);
  writeFileSync(path, lines.join('\n'));
  return lines.length;
}

/** @task Adds one to the number in a file, as PyCOMPSs' increment test does (FILE_INOUT), after some work. */
export function increment(path: string): void {
  let spin = 0;
  for (let i = 0; i < 2e6; i++) spin = (spin + i) % 7;
  writeFileSync(path, String(Number(readFileSync(path, 'utf8')) + 1 + spin * 0));
}

/** @task Reads a file (FILE_IN). */
export function lineCount(path: string): number {
  return readFileSync(path, 'utf8').split('\n').length;
}
