/**
 * A task's value stored into a field of the object being walked (`for (const s of sensors) s.m = mean(s.data)`):
 * the later calls read other fields, so every call is submitted first and the stores run in the plain order. Where a
 * later call reads the stored field (through another object, a pattern naming it, or the whole object handed to a
 * task), the calls stay one at a time: the objects below appear twice, so a wrong split would print other numbers.
 */
import { mean, score, span } from './kernels';

interface Sensor { name: string; data: number[]; m: number; range?: { lo: number; hi: number } }
const sensors: Sensor[] = [[1, 2, 3], [4, 5], [6, 7, 8, 9], [10]].map((data, i) => ({ name: `s${i}`, data, m: 0 }));
for (const s of sensors) s.m = mean(s.data);
console.log('means', sensors.map((s) => `${s.name}=${s.m}`).join(' '));
sensors.forEach((s) => { s.range = span(s.data); });
console.log('ranges', JSON.stringify(sensors.map((s) => s.range)));
for (const [i, s] of sensors.entries()) s.m = mean(s.data) + i;
console.log('shifted', sensors.map((s) => s.m).join(','));

// A later call reads the stored field through a link: the second pass of a twice-listed node sees the first's store.
interface Node { v: number; link: Node }
const a: Node = { v: 1 } as Node;
a.link = a;
const b: Node = { v: 5, link: a };
const chain = [a, b, a];
for (const n of chain) n.v = mean([n.link.v, 2]);
console.log('chain', a.v, b.v);

// A pattern binding the stored field: each pass reads it when the pass begins.
const same = { v: 3, self: undefined as unknown as { v: number } };
same.self = same;
for (const { v, self } of [same, same]) self.v = mean([v, 1]);
console.log('bound', same.v);

// The whole object handed to a task, which reads the field.
const twice: Sensor = { name: 't', data: [1, 1], m: 1 };
for (const s of [twice, twice, sensors[0]]) s.m = score(s);
console.log('scored', twice.m, sensors[0].m);

// Results stored into records while a class's method runs ahead: an object of a class nothing extends is no record
// (written-types.ts distinctByClass), so every call is submitted first.
class Probe {
  #data: number[];
  constructor(data: number[]) { this.#data = data.slice(); }
  average(): number { return mean(this.#data); }
}
const probes = [[1, 2], [3, 4, 5], [6]].map((d) => new Probe(d));
const rows: { m: number }[] = probes.map(() => ({ m: 0 }));
for (let i = 0; i < probes.length; i++) rows[i].m = probes[i].average();
console.log('probes', rows.map((r) => r.m).join(','));

// A class something extends may be the record: the subclass's object is both, and its method reads the stored field.
class Gauge {
  constructor(public data: number[]) {}
  level(): number { return mean(this.data); }
}
class Tagged extends Gauge {
  m = 1;
  level(): number { return mean([...this.data, this.m]); }
}
const tagged = new Tagged([2, 2]);
const gauges: Gauge[] = [tagged, tagged];
const slots: { m: number }[] = [tagged, tagged];
for (let i = 0; i < gauges.length; i++) slots[i].m = gauges[i].level();
console.log('tagged', tagged.m);

// Values pushed into an array the function made and returns once its loop is done (tester #27's rs6): only its name
// reaches it while the loop runs, so the calls are submitted first.
function collect(seeds: number[][]): number[] {
  const out: number[] = [];
  for (const s of seeds) out.push(mean(s));
  return out;
}
console.log('collected', collect([[1, 3], [2, 4], [5, 7]]).join(','));

// A record filled by key and read by field name (tester #27's rA): only its name reaches it.
const byName: Record<string, number> = {};
for (const [name, data] of Object.entries({ a: [1, 2], b: [3, 5], c: [8] })) byName[name] = mean(data);
console.log('by name', byName.a, byName.c);
