// An element of an array gathering task results, handed out of a function that waits for it: the caller may change
// it, so the next task given that element must see the change (np57's F1: `last().push(100)` was lost).
import { best, make } from './kernels';

const list: number[][] = [];
list.push(make(1));
function last() { return list[0]; }
last().push(100);
console.log(list.map((s) => best(s)));

const other: number[][] = [];
other.push(make(5));
const first = () => other[0];
first().push(50);
console.log(other.map((s) => best(s)));

const more: number[][] = [];
more.push(make(7));
function* each() { yield more[0]; }
for (const xs of each()) xs.push(70);
console.log(more.map((s) => best(s)));
