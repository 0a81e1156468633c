// Helpers of several statements that touch nothing but their own (contained-code.ts): a task argument built by one is
// evaluated ahead, so the calls run in parallel; a helper that prints or changes module state keeps its place. In a
// try block, a method that only changes its own object's fields does not check before it.
import { countLive, flip, type Grid } from './kernels';

const SIZE = 64;

/** Parses `"3x2:1.1/01./..1"`-style specs into a grid: several statements, locals, a callback, fresh values only. */
function parse(spec: string): Grid {
  const [dims, rows] = spec.split(':');
  const [w, h] = dims.split('x').map(Number);
  const cells = new Int8Array(SIZE * SIZE);
  rows.split('/').forEach((row, r) => {
    for (let c = 0; c < row.length; c++) if (row[c] === '1') cells[(r % h) * SIZE + (c % w)] = 1;
  });
  for (let k = 0; k < cells.length; k += 7) cells[k] = cells[k] || (k % 3 === 0 ? 1 : 0);
  return { cells, width: w, label: `${w}x${h}` };
}

let parsedLoudly = 0;
function parseLoudly(spec: string): Grid {
  parsedLoudly++;
  console.log('parsing', spec.slice(0, 3));
  return parse(spec);
}

const specs = ['3x2:101/010', '4x4:1111/0000/1010/0101', '2x2:11/11', '5x1:10101'];
const counts = specs.map((spec) => ({ spec: spec.slice(0, 3), live: countLive(parse(spec)) }));
console.log(counts.map((c) => `${c.spec}=${c.live}`).join(' '));
// A callback's constant destructured from a one-expression helper, its result negated (tester #27's r09).
const dims = (spec: string): [string, number] => [spec, spec.length];
const negated = specs.map((spec) => { const [text, n] = dims(spec); return -countLive(parse(text.slice(0, n))); });
console.log('negated', negated.join(' '));
const loud = specs.map((spec) => countLive(parseLoudly(spec)));
console.log('loud', loud.join(' '), parsedLoudly);

class Board {
  static flips = 0;
  #cells: Int8Array;
  constructor(spec: string) { this.#cells = new Int8Array(SIZE * SIZE); this.#cells.set(parse(spec).cells); }
  step(times: number): void { flip(this.#cells, times); }
  counted(times: number): void { flip(this.#cells, times); Board.flips++; }
  get live(): number { let n = 0; for (const c of this.#cells) n += c; return n; }
}

try {
  const boards = specs.map((spec) => new Board(spec));
  for (const b of boards) b.step(3);
  for (const b of boards) b.counted(1);
  console.log('boards', boards.map((b) => b.live).join(' '), Board.flips);
  boards[1].step(-1);
  console.log('not reached');
} catch (e) {
  console.log('caught', (e as Error).message, Board.flips);
}
