/** @task */
export function total(xs: number[]): number {
  let s = 0;
  for (let r = 0; r < 400_000; r++) s = (s + xs[r % xs.length]!) % 1_000_003;
  if (xs[0] === 3) throw new Error(`bad group ${xs[0]}`);
  return s;
}
