// An async function whose failure someone may catch (it is exported): its methods change only objects it made, so
// its loop of calls does not check between them (contained-code.ts); where it resumes after an await it checks, so a
// failure met while the timer ran is thrown there, not lost (the calls after the await read what the failed task left).
import { smooth, energy } from './kernels';

class Signal {
  #xs: Float64Array;
  constructor(n: number, seed: number) {
    this.#xs = new Float64Array(n);
    for (let i = 0; i < n; i++) this.#xs[i] = ((i * seed) % 23) / 25;
  }
  blur(rounds: number): void { smooth(this.#xs, rounds); }
  power(): number { return energy(this.#xs); }
}

const seeds = (process.env.SIGNAL_SEEDS ?? '3,4,5,6').split(',').map(Number);

export async function main(): Promise<void> {
  const signals = seeds.map((seed) => new Signal(2000, seed));
  for (const signal of signals) signal.blur(5);
  await new Promise((resolve) => setTimeout(resolve, 20));
  const powers = new Map<number, number>();
  for (let i = 0; i < signals.length; i++) powers.set(i, signals[i].power());
  console.log([...powers.values()].map((p) => p.toFixed(3)).join(' '));
}

main().catch((e: Error) => { console.error('failed:', e.message); process.exitCode = 1; });
