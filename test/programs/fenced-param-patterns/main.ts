import { normalize, Series } from './k';

// Series in a Map: the calls on its elements are fenced; the program's functions below read them only through a
// parameter's pattern (or its default value), which runs at the call.
const series = new Map<string, Series>();
for (const n of ['a', 'b']) series.set(n, { name: n, values: [1, -4, n.charCodeAt(0) - 90] });

function label({ name, norm }: Series) { return `${name}=${norm}`; }
const arrowLabel = ({ norm }: Series): string => `arrow ${norm}`;
function withDefault(prefix: string, { norm }: Series = series.get('b')!) { return `${prefix}${norm}`; }
let saved = 0;
function remember(v = series.get('a')!.norm ?? -1) { saved = v; }

for (const [, s] of series) normalize(s);
const first = label(series.get('b')!);
for (const [, s] of series) normalize(s);
const second = arrowLabel(series.get('a')!);
for (const [, s] of series) normalize(s);
const third = withDefault('b=');
remember();
for (const [, s] of series) normalize(s);
console.log(first, second, third, saved);
