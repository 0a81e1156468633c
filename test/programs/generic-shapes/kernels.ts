export interface Acc { total: number; name: string }

/** @task */
export function bump(acc: Acc): void {
  acc.total += 1;
}
