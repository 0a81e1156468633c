/**
 * A task reads what the program set in the process before its call (env, time zone, working directory), though the
 * program changes them right after: every thread shares them, so the change waits for the tasks submitted before it.
 */
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { localHour, mode, readConfig } from './kernels';
import { useRegion } from './setup';

process.env.TASKIFY_FIXTURE_MODE = 'draft';
const first = mode('a');
process.env.TASKIFY_FIXTURE_MODE = 'final';
const second = mode('b');
delete process.env.TASKIFY_FIXTURE_MODE;
console.log(first, second, mode('c'));

const reports: string[] = [];
for (const region of ['eu', 'us', 'jp']) {
  useRegion(region);
  reports.push(mode(region));
}
console.log(reports.join(' '));

const noon = Date.UTC(2024, 0, 15, 12);
process.env.TZ = 'UTC';
const utcHour = localHour(noon);
process.env.TZ = 'Asia/Tokyo';
const tokyoHour = localHour(noon);
process.env.TZ = 'UTC';
console.log('hours', utcHour, tokyoHour);

const root = mkdtempSync(join(tmpdir(), 'taskify-process-changes-'));
for (const dir of ['a', 'b']) { mkdirSync(join(root, dir)); writeFileSync(join(root, dir, 'app.conf'), `config ${dir}\n`); }
const start = process.cwd();
process.chdir(join(root, 'a'));
const inA = readConfig('app.conf');
if (inA.length > 0) process.chdir(join(root, 'b'));
const inB = readConfig('app.conf');
process.chdir(start);
rmSync(root, { recursive: true, force: true });
console.log(inA, '|', inB);
