/** A signal that blurs in place; too wide a blur is refused. */
export class Signal {
  private xs: Float64Array;
  constructor(n: number, seed: number) {
    this.xs = new Float64Array(n);
    for (let i = 0; i < n; i++) this.xs[i] = Math.sin(i * seed);
  }
  get length(): number { return this.xs.length; }
  blur(width: number): void {
    if (width > 3) throw new RangeError(`blur width ${width} too large`);
    const out = new Float64Array(this.xs.length);
    for (let i = 0; i < out.length; i++) {
      let s = 0, c = 0;
      for (let k = -width; k <= width; k++) { const j = i + k; if (j >= 0 && j < out.length) { s += this.xs[j]; c++; } }
      out[i] = s / c;
    }
    this.xs.set(out);
  }
  power(): number { let p = 0; for (const x of this.xs) p += x * x; return p; }
}

/** @task */
export function blurSignal(s: Signal, width: number): void { s.blur(width); }

/** @task */
export function energy(s: Signal): number { return s.power(); }

/** @task */
export function checked(xs: Float64Array, limit: number): void {
  for (const x of xs) if (x > limit) throw new Error(`value ${x} over ${limit}`);
  xs.reverse();
}
