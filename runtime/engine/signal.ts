/**
 * A wake-up counter in shared memory. The engine bumps it after every message to the main thread; a main
 * thread blocked in Atomics.wait on the value it last saw wakes, and cannot miss a bump that came between
 * its check and its wait. A second cell marks the engine dead, since a blocked main thread cannot receive
 * the engine's 'exit' or 'error' events.
 *
 * The rest is a table a pool thread writes to directly: an async task's call that went async (awaited a timer or I/O:
 * worker/settles-later.ts) says so at once, and a main thread blocked until that call finishes, as it does for the
 * calls it awaits between its macrotasks (api/macrotask-hold.ts), lets its own timers and I/O run meanwhile, as the
 * plain program did beside such a call (tester np36's asynctask-min3). A task's slot is its id modulo the table's size,
 * holding the id, so a call that went async long before cannot be taken for the one now in its slot. Beside the id, the
 * slot keeps when the call began to run (epoch ms, the clock all threads share): it will not settle before the plain
 * program's time has gone by since (api/settle-order.ts).
 */
const COUNTER = 0;
const DEAD = 1;
const WENT_ASYNC = 2;
const SLOTS = 4096;
/** Where the run-start times begin, in bytes: after the int cells, 8-aligned (4 * 4098 is). */
const RUNNING_SINCE = 4 * (WENT_ASYNC + SLOTS);

export class Signal {
  readonly cells: Int32Array;
  private readonly since: Float64Array;
  constructor(readonly buffer: SharedArrayBuffer = new SharedArrayBuffer(RUNNING_SINCE + 8 * SLOTS)) {
    this.cells = new Int32Array(buffer, 0, WENT_ASYNC + SLOTS);
    this.since = new Float64Array(buffer, RUNNING_SINCE, SLOTS);
  }
  /** A pool thread: the call of task `taskId`, running since `runningSince` (epoch ms), went async. */
  wentAsync(taskId: number, runningSince: number): void {
    // The time first: a reader that sees the id reads the time stored before it (Atomics order plain stores too).
    this.since[taskId % SLOTS] = runningSince;
    Atomics.store(this.cells, WENT_ASYNC + (taskId % SLOTS), taskId);
    this.bump();
  }
  /** Whether a pool thread said the call of task `taskId` went async. */
  hasGoneAsync(taskId: number): boolean {
    return Atomics.load(this.cells, WENT_ASYNC + (taskId % SLOTS)) === taskId;
  }
  /** When the call of task `taskId` began to run (epoch ms), if it went async; else undefined. */
  runningSince(taskId: number): number | undefined {
    return this.hasGoneAsync(taskId) ? this.since[taskId % SLOTS] : undefined;
  }
  current(): number { return Atomics.load(this.cells, COUNTER); }
  bump(): void {
    Atomics.add(this.cells, COUNTER, 1);
    Atomics.notify(this.cells, COUNTER);
  }
  markDead(): void {
    Atomics.store(this.cells, DEAD, 1);
    this.bump();
  }
  isDead(): boolean { return Atomics.load(this.cells, DEAD) === 1; }
  /** Block until the counter moves past `seen`, or `timeoutMs` passes. */
  waitPast(seen: number, timeoutMs: number): void { Atomics.wait(this.cells, COUNTER, seen, timeoutMs); }
}
