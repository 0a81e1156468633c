/**
 * Arguments with a read-only property (tester np36's rowrite): the worker's copy keeps it read-only
 * (store/refusals.ts notCarried, encoder.ts record), so a task that assigns it throws there as the plain call did,
 * inside the program's try, and what it wrote before comes home; a task that leaves it alone runs as usual and the
 * property stays read-only.
 */
import { deposit, depositAndRenumber, type Account } from './kernels';

const locked: Account = { id: 1, balance: 0, history: [] };
Object.defineProperty(locked, 'id', { value: 1, writable: false, enumerable: true });
try {
  depositAndRenumber(locked, 50, 2);
  console.log('renumbered', locked);
} catch (e) {
  console.log('refused:', (e as Error).name, locked);
}

const accounts: Account[] = [3, 4, 5].map((id) => Object.defineProperty({ id, balance: 10, history: [] as number[] }, 'id', { value: id, enumerable: true }));
const balances = accounts.map((account, i) => deposit(account, 5 * (i + 1)));
console.log(balances, accounts.map((a) => a.history.length));
console.log(accounts.map((a) => JSON.stringify(Object.getOwnPropertyDescriptor(a, 'id'))).join(' '));
try {
  accounts.forEach((account) => depositAndRenumber(account, 1, 0));
} catch (e) {
  console.log('refused again:', (e as Error).message, accounts.map((a) => a.balance));
}
