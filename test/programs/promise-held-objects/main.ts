// `Promise.resolve(board)` is a second name for board: a `.then` callback (or an await) reads it after the tasks
// writing it, and writes through it reach the next task (tester np36's promread, rd-19, al-45: the callback printed an
// empty board, and a write through it was lost).

/** @task */
export function addScores(board: Map<string, number>, scores: Array<[string, number]>): void {
  for (const [name, s] of scores) board.set(name, (board.get(name) ?? 0) + s);
}

/** @task */
export function keysum(o: Record<string, number>): number { return Object.values(o).reduce((a, b) => a + b, 0); }

const board = new Map<string, number>();
const ready = Promise.resolve(board);
addScores(board, [['ann', 3], ['bob', 5]]);
addScores(board, [['ann', 4]]);
ready.then((b) => console.log('final board', [...b]));

const o: Record<string, number> = { x: 1 };
console.log(keysum(o));
Promise.resolve(o).then((q) => { q.x = 100; console.log('then', keysum(o)); });

async function main() {
  const p: Record<string, number> = { y: 2 };
  const held = Promise.all([p]);
  console.log('p', keysum(p));
  const [same] = await held;
  same.y = 7;
  console.log('after await', keysum(p), same === p);
}
main();
