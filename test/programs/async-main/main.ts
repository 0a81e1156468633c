// An async `main` whose failure ends the program (ending-functions.ts): its methods change only objects it made, so
// its loops of task calls run in parallel; a file it writes still waits for the tasks before it.
import { writeFileSync, readFileSync, rmSync } from 'node:fs';
import { smooth, energy } from './kernels';

class Signal {
  #xs: Float64Array;
  version = 0;
  constructor(n: number, seed: number) {
    this.#xs = new Float64Array(n);
    for (let i = 0; i < n; i++) this.#xs[i] = ((i * seed) % 23) / 25;
  }
  blur(rounds: number): void { smooth(this.#xs, rounds); this.version++; }
  get first(): number { return this.#xs[1]; }
  power(): number { return energy(this.#xs); }
}

const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const seeds = (process.env.SIGNAL_SEEDS ?? '3,4,5,6').split(',').map(Number);

async function main(): Promise<void> {
  const signals = seeds.map((seed) => new Signal(2000, seed));
  for (const signal of signals) signal.blur(5);
  console.log('blurred', signals.length);
  await pause(1);
  // (Calls made ahead after the await, before any other check: a failure met there must still end main.)
  console.log(signals.map((s) => s.power().toFixed(3)).join(' '));
  const versions: number[] = [];
  for (const signal of signals) versions.push(signal.version);
  const file = `${process.env.TMPDIR ?? '/tmp'}/taskify-async-main-${process.pid}.txt`;
  writeFileSync(file, versions.join(','));
  console.log('written', readFileSync(file, 'utf8'));
  rmSync(file);
  console.log(signals.map((s) => s.first.toFixed(6)).join(' '));
}

main().catch((e: Error) => { console.error('failed:', e.message); process.exitCode = 1; });
