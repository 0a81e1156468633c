/** @task */
export async function load(id: number): Promise<number> {
  let s = 0;
  for (let i = 0; i < 1e6; i++) s += i % 7;
  if (id === 2) throw new Error(`load ${id} failed`);
  return id + s * 0;
}
