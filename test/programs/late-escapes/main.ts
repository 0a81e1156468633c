// An object that leaves the plan's sight after the last task call on it (a callback keeping its elements, a slice
// handing out rows): the calls before run in workers, and the escape sees everything they wrote (np41's F3: each
// call ran in this thread).
import { bump, inc, sum, total } from './kernels';

const accounts = [{ balance: 1 }, { balance: 2 }, { balance: 3 }];
for (const a of accounts) bump(a);
console.log('total', total(accounts));
const wrapped = accounts.map((a) => [a]);
wrapped[0][0].balance += 100;
console.log('wrapped', wrapped.map((w) => w[0].balance).join(','), accounts[0].balance);

const grid = [[1], [2]];
for (let it = 0; it < 2; it++) {
  for (let r = 0; r < grid.length; r++) { const row = grid[r]; inc(row); }
}
console.log('sum', sum(grid));
const rows = grid.slice(0, 1);
rows[0][0] += 10;
console.log('rows', rows[0][0], grid[0][0]);

// Escapes before a later call, or inside the loop that calls: the calls stay correct (here in this thread).
const later = [{ balance: 5 }];
for (const a of later) bump(a);
const kept = later.map((a) => [a]);
bump(later[0]);
console.log('later', kept[0][0].balance, total(later));
const looped = [{ balance: 7 }, { balance: 8 }];
const seen: Acc[][] = [];
for (let i = 0; i < 2; i++) { for (const a of looped) bump(a); seen.push(looped.map((a) => a)); }
console.log('looped', seen.map((s) => s.map((a) => a.balance).join('/')).join(' '), total(looped));

interface Acc { balance: number }
