import { find, findAll, labelled } from './kernels';

const m = find('mail joe@example now');
console.log(m?.index, m?.input, m?.groups?.user, m?.groups?.host, JSON.stringify(m));
console.log(find('nothing here'));

const all = findAll('a1 b2 c3');
console.log(all.length, all.map((x) => `${x[0]}@${x.index}:${x.indices?.[2]?.join('-')}`).join(' '), all[1]!.input);

const { rows } = labelled(3);
console.log(rows.length, rows.source, rows.count, Object.keys(rows).join(','));
