/**
 * The program changes what a library method hands its callback, the elements of an array a task was given, between
 * tasks (np42's F1: `items.forEach((x) => { x.v += 10 })` was lost to the snapshot the next task took): by an arrow,
 * a named function of the program, a function expression, in map, filter, reduce, every and findIndex callbacks, a
 * Map's and a Set's forEach, nested forEach over rows; and a particle simulation that moves its particles so.
 */
import { collide, double, doubleAll, kinetic, sum, type Item, type Particle } from './kernels';

const items: Item[] = [{ v: 1 }, { v: 2 }];
const before = sum(items);
items.forEach((x) => { x.v = x.v + 10; });
double(items);
console.log('arrow', before, JSON.stringify(items), sum(items));

function addHundred(x: Item): void { x.v += 100; }
items.forEach(addHundred);
double(items);
items.forEach(function (x) { x.v -= 1; });
console.log('named and function', JSON.stringify(items));

const counts = items.map((x) => { x.v += 1; return x.v; });
double(items);
const kept = items.filter((x) => (x.v += 5) > 0).length;
const total = items.reduce((acc, x) => { x.v += acc; return acc; }, 3);
double(items);
const all = items.every((x) => { x.v -= 7; return true; });
const at = items.findIndex((x) => { x.v *= 3; return false; });
double(items);
console.log('methods', counts.join(','), kept, total, all, at, JSON.stringify(items));

const byName = new Map<string, Item>([['a', { v: 1 }], ['b', { v: 2 }]]);
const members = new Set<Item>([{ v: 3 }]);
const grid: Item[][] = [[{ v: 4 }, { v: 5 }], [{ v: 6 }]];
doubleAll(byName, members, grid);
byName.forEach((x) => { x.v += 10; });
members.forEach((x) => { x.v += 20; });
grid.forEach((row) => row.forEach((x) => { x.v += 30; }));
doubleAll(byName, members, grid);
console.log('collections', JSON.stringify([...byName]), JSON.stringify([...members]), JSON.stringify(grid));

const ps: Particle[] = [-3, -2, -1, 0, 1, 2].map((x, i) => ({ x, v: i % 2 === 0 ? 1 : -0.5 }));
for (let step = 0; step < 4; step++) {
  const energy = kinetic(ps);
  ps.forEach((p) => { p.x += p.v * 1.5; });
  const hits = collide(ps, 0.75);
  console.log(`step ${step} ke=${energy.toFixed(3)} hits=${hits} x=${ps.map((p) => p.x.toFixed(2)).join(',')}`);
}
