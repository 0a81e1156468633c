/** Tasks of the ES-module fixture program. */

/**
 * @task
 * @rro samples
 */
export function mean(samples: Float64Array): number {
  let sum = 0;
  for (let i = 0; i < samples.length; i++) sum += samples[i];
  return sum / samples.length;
}

/** @task */
export const fillWith = (out: Float64Array, value: number): void => { out.fill(value); };

/** @task */
export function square(x: number): number { return x * x; }

/** @task */
export async function slowDouble(x: number): Promise<number> {
  await new Promise((resolve) => setTimeout(resolve, 5));
  return 2 * x;
}
