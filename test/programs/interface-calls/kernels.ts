/** Interfaces implemented by several classes and a literal; tasks that call their methods. */
export interface Codec { encode(xs: readonly number[]): number[]; label(): string }

export class Double implements Codec {
  encode(xs: readonly number[]): number[] { return xs.map((v) => v * 2); }
  label(): string { return this.constructor.name; }
}

export class Negate implements Codec {
  uses = 0;
  encode(xs: readonly number[]): number[] { this.uses++; return xs.map((v) => -v); }
  label(): string { return `Negate#${this.uses}`; }
}

/** @task Reads `data`; `c` is written by Negate's encode (its count), so it travels back. */
export function encodedSum(c: Codec, data: readonly number[]): number {
  return c.encode(data).reduce((a, b) => a + b, 0);
}

export interface Shape { area(): number; name(): string }
export class Square implements Shape { constructor(readonly side: number) {} area(): number { return this.side ** 2; } name(): string { return 'square'; } }
export class Circle implements Shape { constructor(readonly r: number) {} area(): number { return Math.PI * this.r ** 2; } name(): string { return 'circle'; } }

/** @task Only reads its shapes: every `area` in the program reads. */
export function totalArea(shapes: readonly Shape[], times: number): number {
  let s = 0;
  for (let k = 0; k < times; k++) for (const sh of shapes) s += sh.area() / times;
  return s;
}
