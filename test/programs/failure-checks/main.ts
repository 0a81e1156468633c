// A failing task call stops what the plain program would not have done after it (issue 15, tester #16's G1, G11):
// counters, loop indexes, pushes, files; loops whose bodies only submit and keep their own values stay parallel.
import { existsSync, readFileSync, renameSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { lineCount, norm, parse, scale, verify } from './kernels';

// A counter the catch reads, in a for…of (G1's r01).
const lists = [[2], [0], [5]];
let done = 0;
try {
  for (const l of lists) { norm(l); done++; }
} catch (e) {
  console.log('caught', (e as Error).message, 'done', done);
}

// A loop index that outlives the try (36's firstBad): the incrementor runs only once the pass's task succeeded.
function firstBad(xs: string[]): number {
  let i = 0;
  try {
    for (; i < xs.length; i++) parse(xs[i]);
    return -1;
  } catch {
    return i;
  }
}
console.log('first bad index', firstBad(['a=1', 'b=2', 'oops', 'c=3']), firstBad(['x=1']));

// A push and a finally in a callback an array method runs at once.
const seen: number[] = [];
try {
  [[1], [2], [0], [4]].forEach((l, k) => { norm(l); seen.push(k); });
} catch (e) {
  console.log('forEach stopped:', (e as Error).message, 'seen', seen.join(','));
} finally {
  console.log('finally seen', seen.length);
}

// An async loop with an await between the calls (55).
const tick = () => new Promise<void>((r) => setTimeout(r, 1));
async function crawl(n: number): Promise<number> {
  let ok = 0;
  try {
    for (let p = 1; p <= n; p++) { await tick(); verify([p - 3]); ok++; }
  } catch { /* stop */ }
  return ok;
}

// A file written after a failing call, in a function a try calls (r07 inside a try).
const dir = join(tmpdir(), `taskify-failure-checks-${process.pid}`);
writeFileSync(dir + '-probe', '');
rmSync(dir + '-probe');
function replaceBackup(data: number[]): void {
  verify(data);
  writeFileSync(dir + '-backup', 'x');
}
try { replaceBackup([1, -2, 3]); } catch (e) { console.log('not replaced:', (e as Error).message, existsSync(dir + '-backup')); }

// A file changed right after a task reads it (G11): at the top level and in a function.
const p = dir + '-lines.txt';
writeFileSync(p, 'a\nb\nc');
const n = lineCount(p);
unlinkSync(p);
console.log('lines', n);
function rotate(path: string): number {
  writeFileSync(path, '1\n2\n3\n4');
  const before = lineCount(path);
  renameSync(path, path + '.old');
  writeFileSync(path, '');
  const count = before;
  rmSync(path); rmSync(path + '.old');
  return count;
}
console.log('before rotation', rotate(dir + '-log.txt'));

// Parallel: a try whose loop only submits and keeps its own values needs no check inside the loop.
function keepsParallel(vs: Float64Array[]): void {
  try {
    for (const v of vs) { const k = 2; scale(v, k); }
  } catch (e) {
    console.log('never', (e as Error).message);
  }
}
const vs = [0, 1, 2, 3, 4, 5].map((i) => new Float64Array([i, i + 1]));
keepsParallel(vs);
console.log('scaled', vs.map((v) => v[1]).join(','));
void readFileSync;

// An async function's failure is its promise's: a file written after calling it is not this code's to stop.
async function load(): Promise<void> { verify([-1]); }
load().catch((e) => console.log('load failed', (e as Error).message));
writeFileSync(dir + '-after-load', 'x');
console.log('written after load', existsSync(dir + '-after-load'));
rmSync(dir + '-after-load');

crawl(5).then((ok) => console.log('crawl ok', ok));
