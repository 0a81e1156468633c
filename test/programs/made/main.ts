/**
 * Containers made as ordinary code makes them (`.map(() => new Int32Array(n))`, `.map(() => [])`, `new Array(n).fill`,
 * `Float64Array.from/of`, `new Float64Array(n).fill(v)`), elements passed inout, and non-null assertions on elements.
 */
import { blur, bumpRows, collect, label, make, total } from './kernels';

const fragments = 4;
const points = Array.from({ length: fragments }, (_, f) => Float64Array.from({ length: 6 }, (_, i) => f + i * 0.5));
const centers = Float64Array.of(1, 4);
const labels = points.map((p) => new Int32Array(p.length));
const ones: number[] = [];
for (let f = 0; f < fragments; f++) ones.push(label(points[f], centers, labels[f]));
console.log('ones', ones.join(','), 'labels', labels.map((l) => l.join('')).join(' '));

const masks: Float64Array[] = [];
for (let i = 0; i < 4; i++) masks.push(new Float64Array(8).fill(i));
for (let i = 0; i < 4; i++) blur(masks[i]!, 2);
const sums: number[] = [];
for (let i = 0; i < 4; i++) sums.push(total(masks[i]!));
console.log('masks', sums.join(','));

const edges: Float64Array[] = [];
for (let i = 0; i < 3; i++) edges.push(make(i + 2));
let t = 0;
for (let i = 0; i < 3; i++) t += total(edges[i]!);
console.log('edges', t);

const lists = new Array(3).fill(0).map(() => [] as number[]);
for (let i = 0; i < lists.length; i++) collect(lists[i], i * 10, i + 1);
console.log('lists', JSON.stringify(lists));

// Records made by a callback with a shorthand primitive (`{ id }`) are fresh too.
const rows = ['a', 'b', 'c'].map((id, i) => ({ id, v: i }));
bumpRows(rows);
console.log('rows', rows.map((r) => `${r.id}=${r.v}`).join(' '));
