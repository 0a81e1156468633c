/** Task functions the benchmarks run, both through taskify and through raw piscina. */
export function add(a: number, b: number): number { return a + b; }

export function touch(values: Float64Array): void { values[0] += 1; }

/** The raw-piscina baseline's worker: the same function behind piscina's calling convention. */
export default function rawAdd({ a, b }: { a: number; b: number }): number { return add(a, b); }
