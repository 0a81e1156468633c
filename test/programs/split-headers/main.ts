/**
 * Split loops over collections evaluated once: Map entries destructured, Object.entries, a Map's values(), rows
 * destructured by property. Generators, getters and a Map the body grows keep the calls one at a time.
 */
import { peak, scaleBy, total } from './kernels';
const parts = Array.from({ length: 6 }, (_, i) => Float64Array.from({ length: 400 }, (_, j) => ((i + 2) * j) % 9));
const bySeries = new Map<string, Float64Array>(parts.map((p, i) => ['s' + i, p]));
const totals = new Map<string, number>();
for (const [name, series] of bySeries) totals.set(name, total(series));
console.log('totals', [...totals].join(';'));
const byName: Record<string, number> = {};
for (const [name, series] of bySeries) byName[name] = peak(series);
console.log('byName', JSON.stringify(byName), Object.keys(byName).length);
const groups: Record<string, Float64Array> = Object.fromEntries(bySeries);
let s = 0;
for (const [key, values] of Object.entries(groups)) { s += total(values); console.log('group', key, s); }
let highest = -Infinity;
for (const v of bySeries.values()) highest = Math.max(highest, peak(v));
console.log('highest', highest);
const rows = parts.map((data, id) => ({ id, data }));
const labelled: string[] = [];
for (const { id, data } of rows) labelled.push(`${id}:${peak(data)}`);
console.log('labelled', labelled.join(' '));
// A generator runs the program's code between the bodies: its prints stay interleaved with theirs.
function* chosen(): Generator<Float64Array> {
  for (let i = 0; i < 3; i++) { console.log('choose', i); yield parts[i]; }
}
for (const p of chosen()) console.log('chosen total', total(p));
// A getter destructured at every pass: it prints between the bodies.
class Row {
  constructor(private readonly values: Float64Array) {}
  get data(): Float64Array { console.log('get data'); return this.values; }
}
for (const { data } of parts.slice(0, 2).map((p) => new Row(p))) console.log('row peak', peak(data));
// A Map the body grows: the plain loop visits the entries it adds.
const work = new Map<number, Float64Array>([[1, parts[0]], [2, parts[1]]]);
for (const [k, v] of work) {
  console.log('work', k, total(v));
  if (k < 5) work.set(k + 2, v);
}
// Calls writing a record's arrays (fenced: not followed by name), then a split loop over its entries: the fence
// before the loop, once.
const rec: Record<string, Float64Array> = { a: parts[0].slice(), b: parts[1].slice() };
for (const key of Object.keys(rec)) scaleBy(rec[key], 2);
let scaled = 0;
for (const [, v] of Object.entries(rec)) scaled += total(v);
console.log('scaled', scaled);
// for…in over a plain record: its keys listed once, as the plain loop enumerates them.
const perKey: string[] = [];
for (const key in groups) perKey.push(`${key}=${total(groups[key])}`);
console.log('perKey', perKey.join(' '), perKey.length);
// Over a class's instance: not split (its type does not say which keys its prototypes enumerate).
class Bag { [k: string]: Float64Array; }
const bag = new Bag();
bag.x = parts[2];
bag.y = parts[3];
for (const key in bag) console.log('bag', key, total(bag[key]));
