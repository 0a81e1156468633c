/** @task */
export function mean(xs: readonly number[]): number {
  let s = 0;
  for (let k = 0; k < 200; k++) for (const x of xs) s += x / 200;
  return s / xs.length;
}

/** @task */
export function span(xs: readonly number[]): { lo: number; hi: number } {
  return { lo: Math.min(...xs), hi: Math.max(...xs) };
}

/** @task */
export function score(s: { readonly data: readonly number[]; readonly m: number }): number {
  return s.m * 10 + s.data.length;
}
