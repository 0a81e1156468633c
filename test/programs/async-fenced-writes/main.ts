// An async function that runs a task after an `await`, writing an object its caller reaches only through a class
// instance, a Map or a field: the task's writes must be home when the function's promise settles (tester np35's
// q30/q31/q35/q68: the fence ran when the function returned its promise, before the task was submitted).

/** @task */
export function fill(buf: number[], i: number, v: number): void { buf[i] = v; }

/** @task */
export function count(stats: { n: number; seen: number[] }, i: number): void { stats.n++; stats.seen.push(i); }

class Holder { buf = [0, 0, 0]; }

class Grid {
  stats = { n: 0, seen: [] as number[] };
  async cell(i: number): Promise<void> { await null; count(this.stats, i); }
}

async function step(h: Holder, i: number): Promise<void> { await null; fill(h.buf, i, 7); }

async function intoMap(m: Map<string, number[]>, key: string): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, 5));
  fill(m.get(key)!, 0, 42);
}

async function main(): Promise<void> {
  const h = new Holder();
  await step(h, 1);
  console.log('holder', h.buf.join(','));
  const g = new Grid();
  await Promise.all([1, 2, 3].map((i) => g.cell(i)));
  console.log('grid', g.stats.n, g.stats.seen.join(','));
  const m = new Map([['a', [1, 2]]]);
  await intoMap(m, 'a');
  console.log('map', m.get('a')!.join(','));
}

main().then(() => console.log('done'));
