// Lists of numbers only their own name reaches, filled beside calls whose accounts (elements of a Map) are fenced:
// a task writes some number[] (an account's history), but none of these lists can be one (np40's F1).
import { deposit, type Acct } from './kernels';

const book = new Map<string, Acct>();
for (const id of ['x', 'y', 'z', 'w']) book.set(id, { id, hist: [] });

// The result pushed in the same statement as the call.
const balances: number[] = [];
for (const [id, a] of book) balances.push(deposit(a, id.charCodeAt(0)));
console.log(balances.join(','));

// Named first, then pushed; a list of labels and a count beside it.
const seen: number[] = [];
const labels: string[] = [];
for (const [id, a] of book) {
  const v = deposit(a, 1);
  seen.push(v);
  labels.push(`${id}:${seen.length}`);
}
console.log(seen.join(','), labels.join(' '));

// A list that is an account's own history is not private: the program reads it only after the task's push.
const shared: number[] = [];
book.set('s', { id: 's', hist: shared });
for (const [id, a] of book) if (id === 's') deposit(a, 7);
shared.push(8);
console.log(shared.join(','), [...book.values()].map((a) => a.hist.length).join(','));
