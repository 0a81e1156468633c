/** c += a * b, block by block. @task */
export function multiplyAdd(c: number[][], a: number[][], b: number[][]): void {
  const n = c.length;
  for (let i = 0; i < n; i++)
    for (let k = 0; k < n; k++) {
      const aik = a[i][k];
      for (let j = 0; j < n; j++) c[i][j] += aik * b[k][j];
    }
}

/** c += a, many times over (slow enough to overlap). @task */
export function accumulate(c: number[][], a: number[][]): void {
  for (let r = 0; r < 300; r++)
    for (let i = 0; i < c.length; i++) for (let j = 0; j < c[i].length; j++) c[i][j] = (c[i][j] + a[i][j] * r) % 1000;
}

/** The block's sum. @task */
export function blockSum(b: readonly (readonly number[])[]): number {
  let s = 0;
  for (const row of b) for (const x of row) s += x;
  return s;
}

/** One row scaled. @task */
export function scaleRow(row: number[], f: number): void {
  for (let i = 0; i < row.length; i++) row[i] *= f;
}

/** A block's rows reversed in place: a task that changes which rows the block holds. @task */
export function flipRows(b: number[][]): void {
  b.reverse();
}

/** A block of pseudo-random values, made by a task. @task */
export function makeBlock(n: number, seed: number): number[][] {
  const b: number[][] = [];
  let s = seed;
  for (let i = 0; i < n; i++) {
    const row: number[] = [];
    for (let j = 0; j < n; j++) { s = (s * 16807) % 2147483647; row.push(s % 10); }
    b.push(row);
  }
  return b;
}

/** A row of `n` copies of `v`. @task */
export function rowOf(n: number, v: number): number[] {
  return new Array<number>(n).fill(v);
}

/** Reverses which blocks a level holds. @task */
export function flipBlocks(level: number[][][]): void {
  level.reverse();
}
