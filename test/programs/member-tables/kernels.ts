// Tasks the program calls through tables of functions.
/** @task */
export function square(x: number): number { return x * x; }
/** @task */
export function cube(x: number): number { return x * x * x; }
/** @task */
export function fill(xs: number[], v: number): void { for (let i = 0; i < xs.length; i++) xs[i] = v; }
