import { sortDesc, addTotal, dropSmall, rankCopy, type Row } from './groups';

const value = (seed: number, g: number, i: number): number => (seed * 31 + g * 7 + i * 13) % 17;

// Each group sorted in place, then the container printed whole: every group waited for.
const a: Row[][] = [];
for (let g = 0; g < 4; g++) {
  a.push([]);
  for (let i = 0; i < 5; i++) a[g].push({ k: `${g}.${i}`, v: value(1, g, i) });
}
for (const g of a) sortDesc(g);
console.log(JSON.stringify(a));

// Grown and shrunk by tasks, then lengths and a whole group read.
const b: Row[][] = [[{ k: 'x', v: 3 }, { k: 'y', v: 9 }], [{ k: 'z', v: 12 }], [{ k: 'w', v: 1 }, { k: 'u', v: 7 }]];
for (const g of b) addTotal(g);
for (const g of b) dropSmall(g, 6);
console.log(b.map((g) => g.length).join(' '), b[2]);

// Sorted, then an element picked out of a group: the first object after the sort, as in the plain program.
const c: Row[][] = [[{ k: 'p', v: 1 }, { k: 'q', v: 5 }], [{ k: 'r', v: 3 }, { k: 's', v: 9 }]];
for (const g of c) sortDesc(g);
console.log(c[1][0].k, c[0][0].v);

// Sorted while an element was picked before: the picked object keeps its own value.
const d: Row[][] = [[{ k: 'm', v: 2 }, { k: 'n', v: 8 }]];
const first = d[0][0];
for (const g of d) sortDesc(g);
console.log(first.k, d[0][0].k, d[0].indexOf(first));

// A task that sorts a copy of its level leaves the level's slots alone: picking an element after it is fine (np46's F7).
const e: Row[][] = [[{ k: 'f', v: 1 }, { k: 'g', v: 4 }], [{ k: 'h', v: 2 }]];
for (const g of e) rankCopy(g);
console.log(e[0][0].k, e[0][1].k, e[1].length);
