// A seeded generator each task advances (an inout argument), so calls on one stream run in order and calls on
// different streams may overlap.
export class Stream {
  constructor(public state: number) {}
  next(): number { this.state = (this.state * 1103515245 + 12345) % 2147483648; return this.state / 2147483648; }
}

/** @task */
export function estimate(s: Stream, n: number): number {
  let inside = 0;
  for (let i = 0; i < n; i++) { const x = s.next(), y = s.next(); if (x * x + y * y < 1) inside++; }
  return (4 * inside) / n;
}
