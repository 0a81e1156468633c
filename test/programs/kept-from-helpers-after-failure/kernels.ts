/** @task Throws for a batch with a negative number. */
export function validate(xs: readonly number[]): void {
  if (xs.some((x) => x < 0)) throw new RangeError(`negative in ${xs.join(',')}`);
}

/** @task */
export function total(xs: readonly number[]): number { return xs.reduce((a, b) => a + b, 0); }
