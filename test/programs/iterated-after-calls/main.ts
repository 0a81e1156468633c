// A function whose task calls write module arrays that the file iterates elsewhere, by iterations that run no code
// at any step: nothing can call the function while they walk, so its calls run in parallel (np40's F4).
import { grow, stepSim } from './kernels';

const a = new Float64Array(4).fill(8);
const b = new Float64Array(4).fill(2);

function tick(): void {
  const ea = stepSim(a);
  const eb = stepSim(b);
  let s = 0;
  for (const x of a) s += x;
  console.log(ea, eb, s, Array.from(b).join(','), [...a].join(','));
}

tick();
setTimeout(() => {
  const ea = stepSim(a);
  const eb = stepSim(b);
  console.log(ea, eb, Array.from(a).join(','), Array.from(b, (v) => v * 2).join(','));
  tick();
}, 1);

// An iteration whose step calls the function that writes what it walks: the next step must see the write.
const list = [1, 2];
function more(v: number): void { grow(list, v * 10); }
for (const v of list) more(v);
console.log(list.join(','));

// A getter read at every step runs code: it may call the function that writes what the loop walks.
const walked = [1, 2];
let k = 0;
function further(v: number): void { grow(walked, v * 10); }
const box = { get next(): number { k++; further(k); return k; } };
let total = 0;
for (const v of walked) total += v + box.next;
console.log(total, walked.join(','));
