export interface Box { k: number }
export class BadInput extends Error {
  constructor(message: string, readonly box: Box) { super(message); }
  override toString(): string { this.box.k += 1; return `BadInput(${this.message})`; }
}
/** @task */
export function work(n: number, box: Box): number {
  let s = 0;
  for (let i = 0; i < 200_000; i++) s = (s + i * n) % 1000003;
  if (n % 4 === 3) throw new BadInput(`bad input ${n}`, box);
  return s + box.k;
}
