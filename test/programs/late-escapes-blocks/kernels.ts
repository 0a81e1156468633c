/** A generation of a 1-D automaton, kept by the program in a record of its own. */
export class Board {
  constructor(readonly cells: Uint8Array) {}
}

/** @task */
export function stepBand(board: Board, out: Uint8Array, from: number): number {
  let alive = 0;
  for (let i = 0; i < out.length; i++) {
    const at = from + i, n = board.cells.length;
    out[i] = (board.cells[(at + n - 1) % n] ^ board.cells[(at + 1) % n]) & 1;
    alive += out[i];
  }
  return alive;
}

/** @task */
export function fill(row: number[], v: number): void { for (let i = 0; i < row.length; i++) row[i] += v; }
