// Code that resumes after other code ran: an async function after `await`, a generator after `yield`, callbacks
// run later by timers and promises. Each reads objects that tasks submitted in between write; the plain program
// ran those tasks before resuming, so the values read here must include their writes.
import { bump, copyOf, scale } from './kernels';

const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

// A parameter read after an await, while the caller went on and bumped it.
async function show(v: Float64Array, label: string): Promise<void> {
  const before = v[0];
  await pause(5);
  console.log(label, before, v[0]);
}

// A parameter captured by a timer callback.
function later(v: Float64Array, label: string, ms: number): void {
  setTimeout(() => console.log(label, v[0], v[1]), ms);
}

// A generator resumed between task calls.
function* firsts(v: Float64Array): Generator<number> {
  for (let i = 0; i < 3; i++) yield v[0];
}

// A loop with an await: a row taken before the await, written after it; a local of an inner block.
async function fill(v: Float64Array, rows: Float64Array[]): Promise<void> {
  for (let i = 0; i < rows.length; i++) {
    if (i > 0) { const first = rows[0]; console.log('first', first[0]); }
    const row = rows[i];
    await pause(2);
    console.log('fill', i, v[0], row[0]);
    row[0] = 100 + i;
  }
}

// Rows summed after an await: every row's task must have landed.
async function total(rows: Float64Array[], label: string): Promise<void> {
  await pause(3);
  let sum = 0;
  for (const row of rows) for (let i = 0; i < row.length; i++) sum += row[i];
  console.log(label, sum);
}

async function main(): Promise<void> {
  const v = new Float64Array([1, 2]);
  const shown = show(v, 'show');
  bump(v);
  await shown;

  // The timer's 50 ms expire before the 200 ms pause that is set later, however slow the machine.
  later(v, 'timer', 50);
  bump(v);
  await pause(200);
  const gen = firsts(v);
  console.log('gen', gen.next().value);
  scale(v, 3);
  console.log('gen', gen.next().value);
  bump(v);
  console.log('gen', gen.next().value);

  const rows = [0, 1, 2, 3].map((i) => new Float64Array([i, i + 1]));
  const filled = fill(v, rows);
  bump(v);
  await filled;
  const first = total(rows, 'total');
  for (const row of rows) bump(row);
  await first;
  for (const row of rows) scale(row, 2);
  await total(rows, 'total again');
  pause(1).then(() => console.log('then', rows.map((r) => r[0]).join(' ')));
  for (const row of rows) bump(row);
}


// A name the awaited value initializes is not there yet when the function resumes.
async function initialized(): Promise<void> {
  const rows = await Promise.all([1, 2].map(async (i) => new Float64Array([i])));
  bump(rows[0]);
  console.log('initialized', rows[0][0], rows[1][0]);
}
// Names for the parameter made before the await: a record holding it, and a closure reading it.
async function watch(v: Float64Array): Promise<void> {
  const holder = { v };
  const read = () => v[1];
  await pause(20);
  console.log('watched', holder.v[0], read());
}
async function watched(): Promise<void> {
  const a = new Float64Array([1, 2]);
  const p = watch(a);
  scale(a, 10);
  await p;
}
// Names a destructuring declares around an await of task values: bound only once the await is done.
async function destructured(): Promise<void> {
  const a = new Float64Array([1, 2]);
  const [first, second] = await Promise.all([copyOf(a), copyOf(a)]);
  scale(first, 3);
  console.log('destructured', first[0], second[0]);
}
main().then(initialized).then(watched).then(destructured);
