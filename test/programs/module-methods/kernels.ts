import { counter, fmt, lib, units } from './state';

/** @task */
export function render(xs: number[]): string { return xs.map((x) => fmt.show(x)).join(' '); }

/** @task */
export function total(xs: number[]): string {
  let t = 0;
  for (const x of xs) t += x;
  return units.render(t / units.scale) + units.label;
}

/** @task */
export function tally(xs: number[]): number {
  let last = 0;
  for (const x of xs) last = counter.bump(x);
  return last;
}

/** @task */
export function applyAll(xs: number[]): number[] {
  const out = xs.map((x) => lib.opts.apply(x));
  lib.seen.push(out.length);
  return out;
}
