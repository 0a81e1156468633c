/** @task */
export function grow(xs: number[]): number { xs.push(xs.length * 10); return xs.length; }
