export const CFG = { k: 2 };
/** @task */
export async function scaled(n: number): Promise<number> {
  await Promise.resolve();
  return n * CFG.k;
}
