// An async task reading its parameter after an `await`, given module data that only `main` (called once) names:
// while main awaits the task, no other code can reach that data, so the task may run in a worker (tester np33's
// asyncmix: 6 calls stayed direct). Twin: data a timer callback also names changes while the task waits: direct.

/** @task */
export async function score(rec: { id: number; age: number }): Promise<number> {
  await new Promise((resolve) => setTimeout(resolve, 20));
  return rec.age * 2 + rec.id;
}

const recs = [{ id: 1, age: 30 }, { id: 2, age: 40 }, { id: 3, age: 12 }];
const other = [{ id: 9, age: 1 }];

async function main(): Promise<void> {
  const scores = await Promise.all(recs.map((r) => score(r)));
  console.log(scores);
  console.log('first', await score(recs[0]!));
  recs[1]!.age = 41;
  console.log('second', await score(recs[1]!));
  setTimeout(() => { other[0]!.age = 100; }, 1);
  console.log('other', await score(other[0]!));
}

main().catch((e) => { console.error(e); process.exitCode = 1; });
