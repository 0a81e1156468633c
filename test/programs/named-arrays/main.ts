import { describe, find, findAll, labelled, measured } from './kernels';

const m = find('mail joe@example now');
console.log(m?.index, m?.input, m?.groups?.user, m?.groups?.host, JSON.stringify(m));
console.log(find('nothing here'));

const all = findAll('a1 b2 c3');
console.log(all.length, all.map((x) => `${x[0]}@${x.index}:${x.indices?.[2]?.join('-')}`).join(' '), all[1]!.input);

const { rows } = labelled(3);
console.log(rows.length, rows.source, rows.count, Object.keys(rows).join(','));

// Numbers with a name: it ran in a worker without its `label` (the numbers-only path dropped it); now in place.
for (const n of [3, 200]) {
  const xs = Object.assign(Array.from({ length: n }, (_, i) => i), { label: `first ${n}` });
  console.log(describe(xs));
  console.log(describe(Array.from({ length: n }, (_, i) => i * 2)));
  const back = measured(n);
  console.log(back.length, back.unit, back[n - 1], Object.keys(back).slice(-2).join(','));
}
