// Strips of one byte buffer, 10 bytes each (off the 8-byte grid), filled by tasks and then read through views:
// decoded as text, spread into numbers. Each use reads the view where it is made, so the buffer stays followed and
// the strips' calls run side by side (tester #26's r22, r22b, r22u).
/** @task */
export function fill(dst: Uint8Array, k: number): number {
  let s = 0;
  for (let r = 0; r < 2e6; r++) s += r % 7;
  for (let i = 0; i < dst.length; i++) dst[i] = 65 + ((i * k + s) % 26);
  return s;
}
const buf = new Uint8Array(40);
const sums: number[] = [];
for (let lo = 0; lo < 40; lo += 10) sums.push(fill(buf.subarray(lo, lo + 10), lo + 1));
console.log(sums.join(' '));
console.log(new TextDecoder().decode(buf.subarray(0, 12)));
const decoder = new TextDecoder('utf-8');
console.log(decoder.decode(buf.subarray(30)), String.fromCharCode(...buf.subarray(8, 14)), Math.max(...buf.subarray(0, 40)));
const encoded = new TextEncoder().encode('taskify');
for (let lo = 0; lo < 40; lo += 10) fill(buf.subarray(lo, lo + 10), encoded[lo / 10]);
console.log(Buffer.from(buf).toString('hex'));
