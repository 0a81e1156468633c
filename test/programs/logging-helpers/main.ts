// Helpers that log a line beside their task call (`blur(img.px); console.log('blurred', img.name)`): a print of
// strings and numbers is kept in order with the tasks' output by the runtime, so such a helper still hands its task
// to its caller instead of waiting for it as it returns. A print that reads what the task is given waits as before.
import { blur, fillRamp, fillChecked } from './kernels';
interface Image { name: string; px: Float64Array }
const images: Image[] = ['red', 'green', 'blue', 'alpha'].map((name, k) => ({ name, px: new Float64Array(8).map((_, i) => (i * (k + 1)) % 5) }));
// (a) a print after the task call, of a field the task is not given (no forwarder: its parameter holds objects a task
// writes; its calls are fenced, in parallel, as before)
function smooth(img: Image): void {
  blur(img.px);
  console.log('blurred', img.name, img.px.length);
}
for (const img of images) smooth(img);
console.log('a', images.map((img) => img.px[3].toFixed(3)).join(' '));
// (b) a maker printing before its task
function ramp(i: number): Float64Array {
  console.log(`ramp ${i}`);
  const out = new Float64Array(4);
  fillRamp(out, i * 10);
  return out;
}
const ramps: Float64Array[] = [];
for (let i = 0; i < 3; i++) ramps.push(ramp(i));
console.log('b', ramps.map((r) => r[3]).join(','));
// (c) a failing task in a loop in a try: the print after it never happens, nor later iterations
const bad: Image[] = [{ name: 'ok1', px: new Float64Array(4).fill(1) }, { name: 'bad', px: new Float64Array(4).fill(-1) }, { name: 'ok2', px: new Float64Array(4).fill(2) }];
try {
  for (const img of bad) smooth(img);
} catch (err) {
  console.log('c caught', (err as Error).message);
}
console.log('c', bad.map((img) => img.px[1].toFixed(2)).join(' '));
// (d) a print that reads what the task writes: the helper waits for its task first, as before
function smoothAndReport(img: Image): void {
  blur(img.px);
  console.log('first pixel', img.px[0].toFixed(3));
}
for (const img of images) smoothAndReport(img);
// (e) a print of the object itself: no forwarder, as before
function smoothLoud(img: Image): void {
  blur(img.px);
  console.log('loud', img);
}
smoothLoud(images[0]);
console.log('e', images[0].px[2].toFixed(4));
// (f) console.error and console.warn interleaved with stdout
function noisy(img: Image): void {
  console.error('starting', img.name);
  blur(img.px);
  console.warn('done', img.name);
}
for (const img of images.slice(0, 2)) noisy(img);
console.log('f', images[1].px[4].toFixed(4));
// (g) a maker printing after a task that fails, in a try: the print of the failing call never happens
function checked(start: number): Float64Array {
  const out = new Float64Array(3);
  fillChecked(out, start);
  console.log('filled', start);
  return out;
}
const got: Float64Array[] = [];
try {
  for (const s of [1, -1, 2]) got.push(checked(s));
} catch (err) {
  console.log('g caught', (err as Error).message);
}
const late = [checked(3), checked(4)];
console.log('g', got.length, late[1][2]);
// (h) the failure uncaught: the program dies of it, after what the plain run printed
const last = checked(-7);
console.log('never', last[0]);
