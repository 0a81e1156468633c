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

/** @task */
export async function busyThenSleep(id: number, busyMs: number, ms: number): Promise<number> {
  const end = Date.now() + busyMs;
  while (Date.now() < end) { /* the plain call held the main thread this long */ }
  await sleep(ms);
  return id;
}

/** @task */
export function crunch(ms: number): number {
  const end = Date.now() + ms;
  let spins = 0;
  while (Date.now() < end) spins++;
  return spins > 0 ? ms : 0;
}
