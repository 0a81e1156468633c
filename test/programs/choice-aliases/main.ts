// A name given one of several values, each a block of one container or a boundary block of its own
// (`const top = i > 0 ? grid[i - 1][j] : zero`): the container is still followed (no fence), and the boundary block
// joins its family, so a task writing through the name is waited for where the program reads the boundary block.

/** @task */
export function sweep(top: Int32Array, left: Int32Array, out: Int32Array, seed: number): number {
  let x = seed + top[top.length - 1] + left[0];
  for (let i = 0; i < 200000; i++) x = (x * 31 + i) % 1000003;
  out.fill(x % 97);
  return x % 97;
}

/** @task */
export function bump(x: Int32Array, by: number): void {
  for (let i = 0; i < x.length; i++) x[i] += by;
}

const K = 3;
const grid: Int32Array[][] = [];
for (let i = 0; i < K; i++) { grid.push([]); for (let j = 0; j < K; j++) grid[i].push(new Int32Array(4)); }
const zero = new Int32Array(4);

// A wavefront: each block reads the one above, the one to the left and the corner's value.
let last = 0;
for (let i = 0; i < K; i++) {
  for (let j = 0; j < K; j++) {
    const top = i > 0 ? grid[i - 1][j] : zero;
    const left = j > 0 ? grid[i][j - 1] : zero;
    const corner = i > 0 && j > 0 ? grid[i - 1][j - 1][3] : 0;
    last = sweep(top, left, grid[i][j], corner);
  }
}
console.log('last', last, 'rows', grid.map((row) => row.map((b) => b[0]).join(',')).join(' '));

// Written through the choice: the boundary block itself changes, and the program reads it by its own name.
for (let j = 0; j < K; j++) {
  const edge = j > 0 ? grid[K - 1][j - 1] : zero;
  bump(edge, 10 + j);
  console.log('zero', zero.join(','), 'edge', edge[0]);
}
const fresh = K > 5 ? grid[0][0] : new Int32Array(4);
bump(fresh, 1);
console.log('fresh', fresh.join(','), 'corner', grid[K - 1][K - 1].join(','));

// Blocks of two containers in one choice: no one family (each decided as any other name; fenced here).
const other: Int32Array[] = [new Int32Array(2), new Int32Array(2)];
const more: Int32Array[] = [new Int32Array(2), new Int32Array(2)];
for (let j = 0; j < 2; j++) {
  const pick = j % 2 === 0 ? other[j] : more[j];
  bump(pick, 100);
}
console.log('other', other.map((b) => b.join(',')).join(' '), 'more', more.map((b) => b.join(',')).join(' '));
