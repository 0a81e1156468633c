/** Timeouts and failure policies through JSDoc tags: each case prints what a caller sees. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { flaky, risky, spinForever, total } from './kernels';

const started = Date.now();
try {
  console.log('spun', spinForever(1));
} catch (error) {
  const { code, message } = error as { code?: string; message: string };
  console.log('spin:', code, message.includes('spinForever') && message.includes('timed out after 1 s'), Date.now() - started < 4000);
}

const scratch = mkdtempSync(join(tmpdir(), 'taskify-flaky-'));
console.log('flaky succeeded on run', flaky(join(scratch, 'runs')));
rmSync(scratch, { recursive: true, force: true });

const values = [1, 2, 3];
const length = risky(values, true);
console.log('risky:', length, values.join(','));
console.log('total after the ignored failure:', total(values));
const fine = [4, 5];
console.log('risky without failing:', risky(fine, false), fine.join(','));
