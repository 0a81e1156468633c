import { writeFileSync } from 'node:fs';

/** @task Renders a report into a file (PyCOMPSs' FILE_OUT): the program reads it after the call. */
export function render(path: string, rows: number): number {
  const lines: string[] = [];
  for (let i = 0; i < rows; i++) lines.push(`row ${i}: ${(i * i) % 7}`);
  writeFileSync(path, lines.join('\n'));
  return lines.length;
}
