/**
 * `Promise.race` and `Promise.any` over async tasks that sleep: the one that sleeps less wins, as in plain code,
 * though it was called second (calls that await nothing outside still settle in call order).
 */
import { quick, sleepy } from './kernels';
async function main() {
  console.log('race', await Promise.race([sleepy(1, 400), sleepy(2, 5)]));
  console.log('any', await Promise.any([sleepy(3, 400), quick(-1), sleepy(4, 5)]));
  console.log('quick race', await Promise.race([quick(5), quick(6)]));
  const settled = await Promise.allSettled([sleepy(7, 20), quick(-2), quick(8)]);
  console.log('settled', settled.map((s) => (s.status === 'fulfilled' ? s.value : (s.reason as Error).message)).join('|'));
}
main();
