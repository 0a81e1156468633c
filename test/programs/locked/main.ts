// Frozen, sealed and non-extensible objects through tasks: a write the plain call could not make fails in the task
// as it did there (a TypeError the program catches), and objects a task locked come back locked.
import { closeBooks, deposit, opened, tag, type Account } from './kernels';

const accounts: Account[] = [1, 2, 3, 4].map((id) => ({ id, balance: 10 * id, tags: [] }));
Object.freeze(accounts[1]);
Object.seal(accounts[2]);
Object.preventExtensions(accounts[3].tags);

const balances = accounts.map((a) => {
  try {
    return deposit(a, 5);
  } catch (e) {
    return `${(e as Error).name}: ${(e as Error).message}`;
  }
});
console.log(balances);
for (const a of accounts) {
  try {
    console.log(a.id, tag(a, 'vip'));
  } catch (e) {
    console.log(a.id, (e as Error).name, (e as Error).message);
  }
}
console.log(JSON.stringify(accounts));

const fresh = [7, 8].map((id) => opened(id));
for (const a of fresh) {
  console.log(a.id, Object.isFrozen(a), Object.isFrozen(a.tags));
  try {
    a.balance = 1;
  } catch (e) {
    console.log((e as Error).message);
  }
}

const last: Account = { id: 9, balance: 90, tags: [] };
closeBooks(last);
console.log(Object.isFrozen(last), last.balance);
try {
  last.balance = 5;
} catch (e) {
  console.log((e as Error).message);
}
