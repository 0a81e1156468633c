// An array given to an `out` parameter (`p.fill(v)` replaces every element) that has a property of its own beside its
// elements keeps it, as the plain call left it (tester np36's outprop: the task's version dropped `label`). Such an
// array cannot travel, so that call runs in place; the plain arrays beside it still run in workers.

/** @task */
export function fillAll(p: number[], v: number): void { p.fill(v); }

const row = Object.assign([0, 0, 0], { label: 'row 1' });
fillAll(row, 9);
console.log(row, row.label);
const plain = [1, 2];
fillAll(plain, 4);
console.log(plain);
