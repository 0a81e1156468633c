// A task writes a file the program then reads (tester #19's F2: the read ran before the worker wrote it, ENOENT).
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { render } from './kernels';

const paths = [0, 1, 2].map((k) => join(tmpdir(), `taskify-file-handoff-${process.pid}-${k}.txt`));
for (const [k, path] of paths.entries()) render(path, 3 + k);
console.log(paths.map((p) => existsSync(p)));
for (const path of paths) console.log(readFileSync(path, 'utf8'));
for (const path of paths) rmSync(path, { force: true });
