// Loops whose step reads nothing a task writes: a Map's entries (the values are handed to tasks, the Map is not
// changed), and a literal of string tuples (np41's F4, F5: each call ran in this thread).
import { add, report, visit } from './kernels';

const cells = new Map([['a', { v: 1 }], ['b', { v: 2 }], ['c', { v: 3 }]]);
for (const [, c] of cells) visit(c);
console.log('cells', cells.get('a')!.v, report(cells));
for (const [key, c] of cells.entries()) if (key !== 'b') visit(c);
console.log('entries', [...cells.values()].map((c) => c.v).join(','), report(cells));

const groups: Record<string, { items: string[] }> = { a: { items: [] }, b: { items: [] } };
for (const [g, item] of [['a', 'x'], ['b', 'y'], ['a', 'z']]) add(groups[g], item);
console.log('groups', JSON.stringify(groups));
for (const { g, item } of [{ g: 'b', item: 'w' }, { g: 'a', item: 'v' }]) add(groups[g], item);
console.log('groups', JSON.stringify(groups));
