/**
 * An async task that reads its parameter after an `await`, called with objects made right there: nobody else can
 * change them while it waits, so the calls run as tasks (tester #29's F6: every call stayed direct).
 */
/** @task */
export async function total(xs: number[]): Promise<number> {
  await null;
  let s = 0;
  for (let r = 0; r < 1000; r++) s += xs[r % xs.length];
  return s;
}

/** @task */
export async function stretch(p: { x: number; y: number }, k: number): Promise<string> {
  await null;
  p.x *= k;
  return `${p.x},${p.y}`;
}

async function main(): Promise<void> {
  const sums = await Promise.all([[1, 2], [3, 4], [5, 6]].map((xs) => total(xs)));
  console.log(sums.join(' '));
  console.log(await total([7, 8, 9]), await stretch({ x: 1, y: 2 }, 3));
  const shared = [10, 20];
  const late = total(shared);
  shared.push(30); // the plain task reads this after its await: this call stays direct
  console.log(await late);
}

main();
