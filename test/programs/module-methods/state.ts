// Module objects that hold functions next to their data: the functions are the module's own, made again by every
// thread that loads it; only the data travels with the calls.
export const fmt = { digits: 2, show(v: number): string { return v.toFixed(this.digits); } };

export const units = { scale: 1000, label: 'k', render: (v: number): string => `${v}` };

export const counter = { n: 0, bump(k: number): number { this.n += k; return this.n; } };

export const lib = { opts: { k: 2, apply(x: number): number { return x * this.k; } }, seen: [] as number[] };
