export interface Settings { scale: number; offset: number }

/** @task */
export function total(xs: readonly number[]): number {
  let sum = 0;
  for (const x of xs) sum += x;
  return sum;
}

/** @task */
export function scaled(xs: number[], settings: Settings): void {
  for (let i = 0; i < xs.length; i++) xs[i] = xs[i]! * settings.scale + settings.offset;
}
