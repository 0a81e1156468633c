// Jacobi sweeps over strips of two grids swapped each round: each strip's task writes its rows of dst (inout) and
// returns the largest change, gathered into an array the round then spreads (`Math.max(...deltas)`). The spread
// waits for every element there, so a round's strips run side by side (np23's r19 ran them one at a time).
import { sweep } from './stencil';
const cols = 40, per = 10;
let src = Float64Array.from({ length: 42 * cols }, (_, i) => i % 7), dst = new Float64Array(42 * cols);
for (let it = 0; it < 3; it++) {
  const deltas: number[] = [];
  for (let s = 0; s < 4; s++) {
    const r0 = 1 + s * per, r1 = r0 + per;
    deltas.push(sweep(src.subarray((r0 - 1) * cols, (r1 + 1) * cols), dst.subarray(r0 * cols, r1 * cols), per, cols));
  }
  console.log(Math.max(...deltas), [...deltas, -1].length);
  const t = src; src = dst; dst = t;
}
console.log(src.slice(cols, cols + 8).join(' '));
