/** @task */
export function risky(n: number): number { if (n === 3) throw new RangeError(`n=${n}`); return n * 10; }
