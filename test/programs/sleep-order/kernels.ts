const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** @task */
export async function job(id: number, ms: number): Promise<number> {
  await sleep(ms);
  return id;
}

/** @task */
export async function twoSleeps(id: number, first: number, second: number): Promise<number> {
  await sleep(first);
  await sleep(second);
  return id;
}
