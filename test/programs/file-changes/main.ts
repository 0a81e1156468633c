/**
 * Files a task reads by path, changed or removed by the program right after the call (issue 15, tester #16's
 * r14-file-deleted-after-call and 90-file-read-then-truncate, in every spelling): the plain call had read them
 * already, so each change waits for the tasks before it (rewrite/lasting-effects.ts). Renames, removals,
 * truncations, appends, copies over, a namespace import, a helper and a forEach callback that change files, a
 * directory listed before a file is added, `open(p, 'w')` (sync and promise), a FileHandle's write, `process.chdir`
 * under a relative path, and node:fs/promises' writeFile and unlink after an async task.
 */
import * as fs from 'node:fs';
import { appendFileSync, copyFileSync, mkdirSync, renameSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { open, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { exists, later, lineCount, listed, size, viaHelper } from './kernels';

const dir = join(tmpdir(), `taskify-file-changes-${process.pid}`);
mkdirSync(dir, { recursive: true });
const p = (name: string) => join(dir, name);

writeFileSync(p('a'), '1\n2\n3');
const a = lineCount(p('a'));
renameSync(p('a'), p('a2'));
console.log('renamed', a);

writeFileSync(p('b'), '1\n2');
const b = size(p('b'));
rmSync(p('b'));
console.log('removed', b);

writeFileSync(p('c'), '1\n2\n3\n4');
const c = viaHelper(p('c'));
truncateSync(p('c'), 1);
console.log('truncated', c);

const n = listed(dir);
fs.writeFileSync(p('d'), 'x');
console.log('listed', n);

const e = exists(p('e'));
appendFileSync(p('e'), 'now');
console.log('exists', e);

function rotate(path: string): void { writeFileSync(path, ''); }
writeFileSync(p('f'), 'a\nb\nc\nd\ne');
const f = lineCount(p('f'));
rotate(p('f'));
console.log('rotated by a helper', f);

const gs = ['g1', 'g2'].map((x) => { writeFileSync(p(x), 'a\nb'); return lineCount(p(x)); });
['g1', 'g2'].forEach((x) => fs.unlinkSync(p(x)));
console.log('unlinked in forEach', gs.join(','));

copyFileSync(p('a2'), p('h'));
const h = lineCount(p('h'));
copyFileSync(p('d'), p('h'));
console.log('copied over', h);

writeFileSync(p('o'), '1\n2\n3');
const o = lineCount(p('o'));
fs.closeSync(fs.openSync(p('o'), 'w'));
console.log('openSync w', o);
const reread = fs.openSync(p('o'), 'r'); // reading: no wait needed
fs.closeSync(reread);

process.chdir(dir);
writeFileSync('relative', '1\n2');
const r = lineCount('relative');
process.chdir(tmpdir());
console.log('chdir', r);

async function run(): Promise<void> {
  writeFileSync(p('i'), 'abc');
  const i = lineCount(p('i'));
  await writeFile(p('i'), 'abc\ndef\nghi');
  console.log('promises writeFile', i);

  writeFileSync(p('j'), 'abcd');
  const j = later(p('j'));
  await unlink(p('j'));
  console.log('async task, then unlink', await j);

  writeFileSync(p('k'), '1\n2\n3\n4');
  const k = lineCount(p('k'));
  const handle = await open(p('k'), 'w');
  await handle.close();
  console.log('promises open w', k);

  writeFileSync(p('l'), '1\n2\n3\n4\n5');
  const l = lineCount(p('l'));
  const appending = await open(p('l'), 'r+');
  await appending.write('x\ny\nz\nw\nv\nu');
  await appending.close();
  console.log('handle write', l);
  fs.rmSync(dir, { recursive: true });
}
run();
