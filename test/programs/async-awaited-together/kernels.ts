/** @task */
export function checked(n: number): number {
  if (n % 7 === 0) throw new Error(`bad ${n}`);
  return n;
}
