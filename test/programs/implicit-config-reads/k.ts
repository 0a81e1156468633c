import { Money, Qty } from './cfg';

/** @task */
export function unary(n: number): number { return +new Qty(n); }

/** @task */
export function asJson(n: number): string { return JSON.stringify({ q: new Qty(n) }); }

/** @task */
export function asText(n: number): string { return String(new Qty(n)); }

/** @task */
export function spread(n: number): number[] { return [...new Qty(n)]; }

/** @task */
export function settle(amounts: number[]): number {
  const m = new Money(amounts.reduce((a, b) => a + b, 0));
  console.log('settled', m);
  return m.cents;
}
