// A helper submitting tasks on its parameter, called after the caller changed the object through another name (a
// holder's field, Object.assign on an alias, a Map's value, a callback): a task had read the object before, so its
// snapshot exists; the helper must not hand the tasks that old snapshot (tester np33's prepare-min: the push was lost).

/** @task */
export function total(xs: number[]): number { return xs.reduce((a, b) => a + b, 0); }

/** @task */
export function negate(xs: number[]): void { for (let i = 0; i < xs.length; i++) xs[i] = -xs[i]; }

/** @task */
export function scaled(v: Float64Array, k: number): void { for (let i = 0; i < v.length; i++) v[i] *= k; }

function prepare(xs: number[]): void { negate(xs); negate(xs); }
function twice(v: Float64Array, k: number): void { scaled(v, k); scaled(v, k); }

const a = [1, 2, 3];
const b = [4, 5, 6];
const c = [7, 8, 9];
const d = [10, 11];
const v = new Float64Array([1, 2, 3]);
console.log(total(a), total(b), total(c), total(d), v[0]);
twice(v, 2);

const holder = { items: a };
holder.items.push(100);
prepare(holder.items);

const alias = { list: b };
Object.assign(alias.list, { 3: 200 });
prepare(b);

const byKey = new Map([['k', c]]);
byKey.get('k')!.push(300);
prepare(c);

[0].forEach(() => d.push(400));
prepare(d);

const view = { data: v };
view.data[1] = 50;
twice(v, 3);

console.log(a, b, c, d, Array.from(v));
console.log(total(a), total(b), total(c), total(d));
