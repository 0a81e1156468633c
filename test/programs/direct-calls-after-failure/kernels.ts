/** @task */
export function inc(o: { n: number }): void { o.n++; }

/** @task */
export function fail(why: string): void { throw new Error(why); }

/** @task */
export function push(out: string[], s: string): void { out.push(s); }

/** @task */
export function validate(s: string): string {
  if (s.includes('!')) throw new Error('invalid ' + s);
  return s;
}

/** @task */
export function add(s: { items: string[] }, item: string): void { s.items.push(item); }

/** @task */
export function incAll(xs: number[]): void { for (let i = 0; i < xs.length; i++) xs[i]++; }
