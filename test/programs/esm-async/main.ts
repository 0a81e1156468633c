/** An async program as an ES module: awaits in async functions, and the same output as the sequential build. */
import { fillWith, mean, slowDouble, square } from './kernels.js';

async function run(): Promise<void> {
  const buffers = [1, 2, 3].map((k) => new Float64Array(256).fill(k));
  const means = buffers.map((b) => mean(b));
  console.log('means', means.map((m) => m.toFixed(2)).join(' '));
  const out = new Float64Array(4);
  fillWith(out, 7);
  console.log('filled', Array.from(out).join(','));
  const squares: number[] = [];
  for (let i = 1; i <= 4; i++) squares.push(square(i));
  console.log('squares', squares.join(','));
  const doubled = await slowDouble(21);
  console.log('doubled', doubled);
}

await run();
// Top level of an ES module: the value is awaited, not waited for by blocking.
const top = square(12);
console.log('top', top);
console.log('done');
