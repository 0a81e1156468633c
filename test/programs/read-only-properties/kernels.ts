export interface Account { id: number; balance: number; history: number[] }

/** @task Records a deposit, then renumbers the account: the renumbering throws when `id` is read-only. */
export function depositAndRenumber(account: Account, amount: number, id: number): void {
  account.balance += amount;
  account.history.push(amount);
  account.id = id;
}

/** @task Records a deposit and leaves `id` alone. */
export function deposit(account: Account, amount: number): number {
  account.balance += amount;
  account.history.push(amount);
  return account.balance;
}
