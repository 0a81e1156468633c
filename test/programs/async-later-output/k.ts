/** @task */
export async function compute(n: number): Promise<number> {
  // The last call's timer ends first: in the plain program its line comes first.
  await new Promise((resolve) => setTimeout(resolve, 150 - 50 * n));
  console.log('computed', n);
  return n * n;
}
