/** A query builder that is awaitable, as ORMs' are: `then` runs it and counts the runs. */
export class Query {
  runs = 0;
  constructor(public table: string, public rows: number[]) {}
  where(min: number): Query { return new Query(this.table, this.rows.filter((r) => r >= min)); }
  then<T>(resolve: (rows: number[]) => T): Promise<T> {
    this.runs++;
    return Promise.resolve(resolve(this.rows.map((r) => r * 10)));
  }
}

/** @task */
export async function countRows(q: Query): Promise<number> {
  const rows = await q;
  return rows.length;
}

/** @task */
export function describe(q: Query): string {
  return `${q.table}:${q.rows.join(',')}`;
}

/** @task */
export function narrowed(q: Query, min: number): Query {
  return q.where(min);
}

/** @task */
export function grow(q: Query, extra: number): void {
  q.rows.push(extra);
}

/** @task */
export function later(n: number): PromiseLike<number> {
  const p = new Promise<number>((resolve) => setTimeout(() => { console.log('computed', n); resolve(n + 1); }, 10));
  return { then: (ok, bad) => p.then(ok, bad) };
}
