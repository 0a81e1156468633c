/**
 * A named object put into another one, which a task is then given: the task writes it through the holder, and the
 * program reads it by its own name (rev56's F4: `reg.x = accounts; bumpAll(reg)` printed `after 1 2` for
 * `after 11 12`). A field or an element assigned, `push`, a Map's `set`, `Object.assign` of a record of names; at top
 * level, in a loop, in a function. The name and the holder are one group (transformer/rewrite/aliases.ts storedInto).
 */
import { bumpAll, bumpList, bumpOne, total, type Acc } from './accounts';

const accounts: Acc[] = [{ balance: 1 }, { balance: 2 }];
const reg: Record<string, Acc[]> = {};
reg.x = accounts;
bumpAll(reg);
console.log('field', accounts[0].balance, accounts[1].balance);

const saved: Acc[] = [{ balance: 4 }];
const regs: Record<string, Acc[]> = {};
regs['saved'] = saved;
bumpAll(regs);
console.log('element', saved[0].balance);

const list: Acc[][] = [];
const pushed: Acc[] = [{ balance: 5 }];
list.push(pushed);
bumpList(list);
console.log('push', pushed[0].balance);

const byName = new Map<string, Acc[]>();
const ann: Acc[] = [{ balance: 7 }];
byName.set('ann', ann);
bumpOne(ann[0]);
console.log('map', JSON.stringify([...byName]));
const ledger: Record<string, Acc[]> = {};
ledger.ann = ann;
const bob: Acc[] = [{ balance: 3 }];
ledger['bob'] = bob;
bumpAll(ledger);
console.log('ledger', ann[0].balance, bob[0].balance, JSON.stringify(ledger));
bumpOne(bob[0]);
console.log('bob', JSON.stringify(ledger.bob));

const merged: Record<string, Acc[]> = {};
const carol: Acc[] = [{ balance: 9 }];
Object.assign(merged, { carol });
bumpAll(merged);
console.log('assign', carol[0].balance);
const dave: Acc[] = [{ balance: 30 }];
bumpAll(merged);
Object.assign(merged, { dave, erin: [] });
bumpAll(merged);
console.log('assign again', carol[0].balance, dave[0].balance, Object.keys(merged).join());

const all: Acc[][] = [];
const rows: Acc[][] = [];
for (let i = 0; i < 3; i++) {
  const row: Acc[] = [{ balance: i }, { balance: i * 2 }];
  all.push(row);
  rows[i] = row;
}
bumpList(all);
console.log('rows', JSON.stringify(rows));
for (const r of rows) bumpOne(r[0]);
console.log('all', JSON.stringify(all), total(all));

function settle(books: Record<string, Acc[]>, mine: Acc[]): void {
  books.mine = mine;
  bumpAll(books);
  console.log('in a function', mine.map((a) => a.balance).join(','));
}
settle({}, [{ balance: 1 }]);
function local(): void {
  const own: Acc[] = [{ balance: 20 }];
  const books: Record<string, Acc[]> = {};
  books.own = own;
  bumpAll(books);
  console.log('local', own[0].balance);
}
local();

// A replacer handed the objects keeps them (rev56's F7): what it kept is read after later calls on them.
const jobs: Acc[] = [{ balance: 1 }, { balance: 2 }];
for (const j of jobs) bumpOne(j);
const kept: Acc[] = [];
const text = JSON.stringify(jobs, (k, v) => { if (v && typeof v === 'object' && 'balance' in v) kept.push(v); return v; });
for (const j of jobs) bumpOne(j);
console.log('replacer', text, kept[0].balance, kept[1].balance, JSON.stringify(jobs, null, 1).length);
