// Names of `export const` declarations that emit uses again (a resumption's list, a shorthand property's wait): in
// CommonJS they are `exports.X`, never a local binding (tester #26's r23: "CFG is not defined").
import { scaled } from './k';
export const LIMITS = { hi: 3 };
export const totals = new Float64Array(4);
/** @task */
export function sq(n: number): number { return n * n; }
/** @task */
export function fillAll(xs: Float64Array, v: number): void { xs.fill(v); }
async function g(n: number): Promise<number> {
  const s = sq(n);
  await Promise.resolve();
  return s * LIMITS.hi;
}
async function main(): Promise<void> {
  console.log('g(3) =', await g(3));
  console.log('scaled(3) =', await scaled(3));
  fillAll(totals, 7);
  const view = { totals };
  console.log('view', JSON.stringify(Array.from(view.totals)));
  fillAll(totals, 1);
  await Promise.resolve();
  console.log('after', totals[0]);
}
main();
