/** @task */
export function fail(xs: number[]): number {
  if (xs.length === 0) throw new Error('empty');
  return xs.length;
}

/** @task */
export function flaky(state: { attempts: number }, okAt: number): void {
  state.attempts++;
  if (state.attempts < okAt) throw new Error(`attempt ${state.attempts} failed`);
}
