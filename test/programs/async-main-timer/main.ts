// An async main beside a timer set at the top level: the timer's callback runs after main's failure and sees what
// main changed, so main is no function that ends the program (ending-functions.ts): it checks before each change of
// module state, as any async function does.
import { smooth } from './kernels';

const STATE = { blurred: 0 };
const seeds = (process.env.SIGNAL_SEEDS ?? '3,4,5,6').split(',').map(Number);

async function main(): Promise<void> {
  const signals = seeds.map((seed) => {
    const xs = new Float64Array(2000);
    for (let i = 0; i < xs.length; i++) xs[i] = ((i * seed) % 23) / 25;
    return xs;
  });
  for (const xs of signals) { smooth(xs, 5); STATE.blurred++; }
  await new Promise<void>((resolve) => setTimeout(resolve, 1));
  console.log('blurred', signals.map((xs) => xs[1].toFixed(6)).join(' '));
}

main().catch((e: Error) => { console.error('failed:', e.message); process.exitCode = 1; });
setTimeout(() => console.log('state', STATE.blurred), 200);
