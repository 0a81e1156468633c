// Halo exchange (tester #18's F7): strips built by a push of a literal holding a named, filled array, neighbours'
// edges taken by maps that never name the strip they are given; each round's relax calls run side by side.
import { Box, bump, relax, type Strip } from './kernels';

const w = 6, n = 4;
const strips: Strip[] = [];
for (let i = 0; i < n; i++) {
  const cells = new Int32Array(2 * w);
  for (let k = 0; k < cells.length; k++) cells[k] = (k * 7 + i * 13) % 10;
  strips.push({ row: i, cells });
}
let edges: { top: Int32Array; bottom: Int32Array }[] = strips.map((s) => ({ top: s.cells.slice(0, w), bottom: s.cells.slice(w) }));
for (let round = 1; round <= 3; round++) {
  const res = strips.map((s, i) => relax(s, edges[i - 1]?.bottom ?? null, edges[i + 1]?.top ?? null));
  edges = strips.map((_, i) => ({ top: res[i].top, bottom: res[i].bottom }));
  console.log(`round ${round}`, res.map((r) => r.sum).join(' '));
}
console.log(strips.map((s) => Array.from(s.cells).join(',')).join(' | '));

// A map of no parameters makes one inbox per box; each box's bump reads its inbox.
const boxes = [new Box(), new Box(), new Box()];
const inbox = boxes.map(() => ({ by: 2 }));
const got = boxes.map((b, i) => bump(b, inbox[i].by + i));
console.log(got, boxes.map((b) => b.n));

// A named array still written after the push is no fresh part: that call stays direct (the strip is reached by two paths).
const late: Strip[] = [];
const shared = new Int32Array(2 * w).fill(1);
late.push({ row: 9, cells: shared });
shared[0] = 50;
console.log(relax(late[0], null, null).sum, shared[0]);
