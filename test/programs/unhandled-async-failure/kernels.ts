/** @task */
export async function load(id: number, ms: number): Promise<number> {
  await new Promise((resolve) => setTimeout(resolve, ms));
  if (id % 2 === 1) throw new Error(`odd ${id}`);
  return id * 10;
}
