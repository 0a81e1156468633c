/**
 * Tasks that print, with main printing around them: the output must be the plain program's, line for line and
 * across stdout and stderr. PRINTING_MS stretches the tasks (the terminal test needs the progress line to show).
 */
import { failing, later, quiet, report } from './kernels';

const ms = Number(process.env.PRINTING_MS ?? '20');

async function main(): Promise<void> {
  console.log('start');
  const a = report('a', 2, ms * 3);
  const b = report('b', 1, ms);
  console.log('after a and b were called');
  console.error('main on stderr');
  const q = quiet(21, ms);
  const c = report('c', 3, ms * 2);
  process.stdout.write('main wrote without a newline, ');
  process.stdout.write('then finished the line\n');
  const parts: number[] = [];
  for (let i = 0; i < 6; i++) parts.push(report(`loop ${i}`, 1, ms * (i % 3)));
  console.log('loop submitted');
  try {
    failing('f');
  } catch (error) {
    console.log('caught', (error as Error).message);
  }
  const t = await later('async', ms);
  console.log('sum', a + b + c + q, parts.length, t === ms);
  const d = report('d', 1, ms);
  console.log('end', d);
}

void main();
