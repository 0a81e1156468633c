export interface Strip { row: number; cells: Int32Array }
export class Box { n = 0 }

/** @task Diffuses a strip one step with its neighbours' edges (inout), returns its own new edges. */
export function relax(s: Strip, above: Int32Array | null, below: Int32Array | null): { top: Int32Array; bottom: Int32Array; sum: number } {
  const w = s.cells.length / 2, next = new Int32Array(s.cells.length);
  for (let r = 0; r < 2; r++) {
    for (let x = 0; x < w; x++) {
      const up = r === 0 ? (above ? above[x] : 0) : s.cells[x];
      const down = r === 1 ? (below ? below[x] : 0) : s.cells[w + x];
      next[r * w + x] = Math.floor((s.cells[r * w + x] * 2 + up + down) / 4) + s.row;
    }
  }
  s.cells.set(next);
  let sum = 0;
  for (const v of next) sum += v;
  return { top: next.slice(0, w), bottom: next.slice(w), sum };
}

/** @task */
export function bump(b: Box, by: number): number { b.n += by; return b.n; }
