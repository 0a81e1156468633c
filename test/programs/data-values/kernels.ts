// Values ordinary code moves around that a task must give back as they were: errors, arrays with trailing holes.

/** @task */
export function check(v: number): Error | null {
  return v < 0 ? new RangeError(`negative ${v}`) : null;
}

/** @task */
export function run(job: { ok: boolean; error?: Error }): void {
  job.ok = false;
  job.error = Object.assign(new TypeError('boom', { cause: new Error('root cause') }), { code: 'E_BOOM' });
}

/** @task */
export function several(n: number): AggregateError {
  return new AggregateError(Array.from({ length: n }, (_, i) => new URIError(`bad ${i}`)), `${n} failures`);
}

/** @task */
export function slots(n: number): number[] {
  const a: number[] = new Array(n);
  a[0] = 1;
  return a;
}

/** @task */
export function move(ps: { x: number }[]): void {
  for (const p of ps) p.x += 1;
}

/** @task */
export function dropKey(r: Record<string, unknown>, key: string): void { delete r[key]; }

/** @task */
export function roundDown(r: { v: number; w: number; xs: number[] }): void { r.v = Math.round(-0.3); r.w = 0 / 0; r.xs[0] = -r.xs[0]; }

/** @task */
export function stamp(o: { n: number }): void { Object.defineProperty(o, 'version', { value: 7, enumerable: false }); o.n += 1; }

/** @task */
export function readHidden(o: { n: number }): number { return (o as { secret?: number }).secret ?? -1; }

/** @task */
export function bumpHidden(o: { a: number }): number { const hidden = (o as { hid?: { n: number } }).hid; if (hidden) hidden.n += 1; return o.a; }
