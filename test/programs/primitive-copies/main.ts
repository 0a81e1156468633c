// The language's copies of an array of objects that hold only numbers or strings (`cells.filter(f).map((c) => c.id)`,
// `cells.map((c) => c.tags.length)`) hold no part of it: reads where they stand, after the tasks writing it, and the
// tasks' calls run in workers (they stayed direct: "`.map` may hand out a part of it"). The twin keeps the filtered
// objects, a holder of them that waits for the tasks writing them.
import { grow, total, type Cell } from './kernels';

const cells: Cell[] = Array.from({ length: 6 }, (_, id) => ({ id, value: id, tags: [] }));
const other: Cell[] = Array.from({ length: 4 }, (_, id) => ({ id, value: 10 * id, tags: [] }));
for (let round = 1; round <= 3; round++) {
  grow(cells, round);
  grow(other, round);
  const big = cells.filter((c) => c.value > 10 * round).map((c) => c.id);
  const tagCounts = cells.map((c) => c.tags.length).join('');
  console.log(round, big.join(','), tagCounts, total(cells), total(other));
}

const kept: Cell[] = Array.from({ length: 3 }, (_, id) => ({ id, value: id, tags: [] }));
grow(kept, 5);
const firstTwo = kept.filter((c) => c.id < 2);
grow(kept, 1);
console.log(firstTwo.map((c) => c.value).join(','), total(kept));
