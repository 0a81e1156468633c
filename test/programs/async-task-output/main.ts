/**
 * An async task's lines after its own `await` of a file or a timer came, in the plain program, when that I/O or timer
 * did: after the program's code then running (tester np36's asyncread, asynctask). Its lines before the await come at
 * the call (output/program-order.ts `later`), and a check before the program's await does not wait for it. Nor do the
 * program's timers: its worker says at once that it went async (engine/signal.ts).
 */
import { writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, busy, lineCount } from './kernels';

const dir = mkdtempSync(join(tmpdir(), 'async-task-output-'));
const path = join(dir, 'data.txt');
writeFileSync(path, 'a\nb\nc');

async function main(): Promise<void> {
  const count = lineCount(path);
  console.log('started');
  console.log('lines:', await count);

  after(20, 'not awaited');
  console.log('went on without it');
  await new Promise((resolve) => setTimeout(resolve, 300));

  const waiting = after(10, 'during a long call');
  const spent = busy(150); // its line comes while this waits: printed after the code that waits
  console.log('long call returned', spent);
  console.log('then', await waiting);

  // The program's timer set after a call that awaits a longer one fires first (tester np36's asynctask-min3).
  const slow = after(150, 'slow').then((label) => console.log('then', label));
  setTimeout(() => console.log('timer set after the slow call'), 20);
  await slow;
  rmSync(dir, { recursive: true, force: true });
}

void main();
