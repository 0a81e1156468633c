// A task writes a file the program then reads (tester #19's F2: the read ran before the worker wrote it, ENOENT).
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { increment, lineCount, render } from './kernels';

const paths = [0, 1, 2].map((k) => join(tmpdir(), `taskify-file-handoff-${process.pid}-${k}.txt`));
for (const [k, path] of paths.entries()) render(path, 3 + k);
console.log(paths.map((p) => existsSync(p)));
for (const path of paths) console.log(readFileSync(path, 'utf8'));
// Tasks reading files earlier tasks write (np21's r10: the reader ran first, ENOENT): they run in the plain order,
// the readers of one version side by side.
const counter = join(tmpdir(), `taskify-file-handoff-${process.pid}-counter.txt`);
writeFileSync(counter, '0');
console.log('lines', paths.map((p) => lineCount(p)).join(','), lineCount(counter));
for (let k = 0; k < 3; k++) increment(counter);
console.log('counter', readFileSync(counter, 'utf8'), lineCount(counter));
for (const path of [...paths, counter]) rmSync(path, { force: true });
