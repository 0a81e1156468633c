// Rows of boards handed to a task that replaces them: each board copied at the call, the changes brought back.
/** @task */
export function step(board: number[][]): number {
  for (let y = 0; y < board.length; y++) board[y] = board[y]!.map((v) => v + 1);
  return board.length;
}
const boards = [1, 2, 3].map((s) => [[s, 0], [0, s]]);
const sizes = boards.map((b) => step(b));
console.log(sizes.join(','), JSON.stringify(boards));
