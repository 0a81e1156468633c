// Levels of containers holding objects, passed whole to tasks that write those objects or the level itself (push,
// replace, splice), beside tasks on single elements, in every order: the runtime settles an element's own tasks
// before its level's snapshot, and a level's before an element's (tester #9's s01: they stayed direct).
import { step, move, grow, replaceFirst, prune, total, deep, P } from './kernels';
const make = (g: number, n: number): P[] => Array.from({ length: n }, (_, i) => ({ x: i, v: g + 1 }));
// 1. levels stepped, then an element moved, then all read
const groups: P[][] = [0, 1, 2].map((g) => make(g, 5));
for (const g of groups) step(g, 0.5);
move(groups[0][2], 100);
console.log(groups.map((g) => g.map((p) => p.x).join(',')).join(' | '));
// 2. element first, then its level, then the element's holder name read
const first = groups[1][0];
move(first, 7);
step(groups[1], 1);
console.log(first.x, groups[1][0] === first, total(groups[1]));
// 3. structure changed by tasks: push, replace, splice
const held = groups[2][0];
grow(groups[2], 2);
replaceFirst(groups[2]);
console.log(groups[2].length, groups[2][0].tag, held.x, held === groups[2][0]);
prune(groups[2]);
console.log(groups[2].length, groups[2].map((p) => p.tag).join(','), held.tag);
// 4. a level shared by two containers
const shared = make(5, 3);
const a = [shared, make(6, 2)], b = [make(7, 2), shared];
step(a[0], 1);
step(b[1], 1);
move(shared[0], 1000);
console.log(a[0][0].x, b[1][0].x, total(shared));
// 5. a level of levels
const world: P[][][] = [[make(1, 2), make(2, 2)], [make(3, 1)]];
deep(world[0]);
step(world[0][1], 1);
for (const w of world) deep(w);
console.log(JSON.stringify(world));
// 6. loop with elements and levels interleaved
for (let it = 0; it < 3; it++) {
  for (const g of groups) step(g, 0.1);
  for (let i = 0; i < groups.length; i++) move(groups[i][0], it);
}
console.log(groups.map((g) => total(g).toFixed(2)).join(' '));
// 7. a task that puts another object in a level's slot, where the program then reads that slot's element: the call
// stays direct (the program would pick the old element before waiting); one only changing the elements is a task.
const rows: P[][] = [0, 1].map((g) => Array.from({ length: 3 }, (_, i) => ({ x: i + g * 10, v: 1 })));
replaceFirst(rows[1]);
console.log(rows[1][0].x, rows[1][0].tag);
step(rows[0], 2);
console.log(rows[0][0].x, rows[0][2].x);
