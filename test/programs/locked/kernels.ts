export interface Account { id: number; balance: number; tags: string[] }

/** @task */
export function deposit(account: Account, amount: number): number {
  account.balance += amount;
  return account.balance;
}

/** @task */
export function tag(account: Account, label: string): number {
  account.tags.push(label);
  return account.tags.length;
}

/** @task */
export function opened(id: number): Account {
  return Object.freeze({ id, balance: 0, tags: Object.freeze(['new']) as string[] });
}

/** @task */
export function closeBooks(account: Account): void {
  account.balance = 0;
  Object.freeze(account);
}
