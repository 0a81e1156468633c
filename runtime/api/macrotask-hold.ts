/**
 * Task results the program awaits arrive before its next macrotask, as in plain code.
 *
 * In the plain program a task call runs at the call: `await sum(a)` resumes a microtask later, and an async task
 * that awaits nothing of the outside has settled before the current macrotask ends. Here the result comes in a
 * message, and the event loop would meanwhile run the program's timers, immediates and I/O callbacks: a
 * `setTimeout(f, 0)` made before `await sum(a)` printed before the awaited line, a task Promise nobody handles
 * rejected only after the program's next timer (the plain program had ended with it).
 *
 * So an async wait on an unfinished task the plugin submitted holds the program's macrotasks (a task submitted by
 * hand through the runtime API keeps the API's word: an await never blocks the event loop): once every microtask has run (a
 * `process.nextTick` queued from a microtask runs after the queue drains, before any macrotask), this thread blocks
 * until one awaited task has finished, its waiters are woken (their continuations are microtasks), and the check
 * runs again. Tasks submitted in the same macrotask still run side by side; only the main thread's next macrotask
 * waits, as it waited for the call itself in plain code. An async task that awaits a real timer or I/O let the plain
 * program's own timers run meanwhile: its worker says so as it happens (engine/signal.ts), and the hold lets it go.
 *
 * The same holds for every call the plain program made at once, awaited or not (`callsMade`): its next macrotask ran
 * after the call had returned. At the end of a macrotask that submitted such calls, this thread blocks until they
 * have all finished, so no immediate, timer or I/O callback runs beside them: an immediate made before four long
 * calls at the end of main code ran after a timer their time made due (tester #17's np18/18). The calls of one
 * macrotask still run side by side.
 */
import type { TaskRecord } from './records';

export class MacrotaskHold {
  /** Unfinished tasks an async wait is on. */
  private readonly awaited = new Set<TaskRecord>();
  private armed = false;

  /** Calls the plain program made at once are unfinished: the end of this macrotask waits for them. */
  private callsArmed = false;

  /**
   * `block(done)` blocks this thread until `done()` holds, waking the waiters of the tasks that finish;
   * `callsUnfinished()` says whether a call the plain program made at once (not an async task's) is unfinished;
   * `callsEnded()` runs once they have finished.
   */
  constructor(private readonly block: (done: () => boolean) => void, private readonly callsUnfinished: () => boolean = () => false,
    private readonly callsEnded: () => void = () => {}, private readonly wentAsync: (record: TaskRecord) => boolean = () => false) {}

  /** The plugin submitted a call the plain program made at once: the macrotask ends when it has finished. */
  callsMade(): void {
    if (this.callsArmed) return;
    this.callsArmed = true;
    queueMicrotask(() => process.nextTick(() => this.releaseCalls()));
  }

  private releaseCalls(): void {
    this.callsArmed = false;
    this.block(() => !this.callsUnfinished());
    this.callsEnded(); // (may throw: a failure the plain program met here, plain-order.ts macrotaskEnded)
  }

  /** An async wait on `record` begins. */
  hold(record: TaskRecord): void {
    this.awaited.add(record);
    this.arm();
  }

  private arm(): void {
    if (this.armed) return;
    this.armed = true;
    queueMicrotask(() => process.nextTick(() => this.release()));
  }

  /** Every microtask has run: wait for one awaited task, then let its continuations run and look again. */
  private release(): void {
    this.armed = false;
    // (An async task's call that went async, awaiting a timer or I/O, holds nothing: the plain program's timers and I/O
    // ran beside it. Its worker says so at once: engine/signal.ts.)
    const holds = (record: TaskRecord): boolean => record.state === 'pending' && !this.wentAsync(record);
    for (const record of this.awaited) if (!holds(record)) this.awaited.delete(record);
    if (this.awaited.size === 0) return;
    this.block(() => { for (const record of this.awaited) if (!holds(record)) return true; return false; });
    this.arm();
  }
}
