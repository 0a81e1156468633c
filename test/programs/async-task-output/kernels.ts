import { readFile } from 'node:fs/promises';

/** @task Counts the lines of a file, saying so once it has read it. */
export async function lineCount(path: string): Promise<number> {
  console.log('reading', path.slice(path.lastIndexOf('/') + 1));
  const text = await readFile(path, 'utf8');
  const lines = text.split('\n').length;
  console.log('counted', lines);
  return lines;
}

/** @task Waits, then says so. */
export async function after(ms: number, label: string): Promise<string> {
  await new Promise<void>((resolve) => setTimeout(resolve, ms));
  console.log('waited', label);
  return label;
}

/** @task Busy for `ms` milliseconds. */
export function busy(ms: number): number {
  const end = Date.now() + ms;
  while (Date.now() < end);
  return ms;
}
