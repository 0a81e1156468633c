/**
 * The plain program's clock, as the program's timers need it (program-timers.ts).
 *
 * In the plain program a task call runs at the call, on the main thread, for as long as the task takes. Here the main
 * thread submits, waits for workers, encodes arguments and decodes results instead: time the plain program never spent,
 * while the time it did spend in the task went by in a worker, maybe beside other tasks. A timer due after 5 ms, made
 * before a few short task calls, was not due yet when the plain program's synchronous code ended, so a `setImmediate`
 * made after it ran first; here the waits' cost made it due, and it ran first.
 *
 * So a program's timer measures its time as the plain program would have: the real time since it was set, less the
 * main thread's time in the runtime (`spent`), plus the run time of the tasks submitted after it was set (reported as
 * they finish). Tasks submitted before it ran before it was set in the plain program, so their time is not its time:
 * a timer set while some of them are unfinished is held, its time not begun, until the last of them finishes (a 10 ms
 * timer set after four long task calls fired before a 50 ms one set before them: tester #17's r06).
 * Nor is the time the main thread sat idle while such calls were unfinished (`stalled`): the plain program was still
 * running them then, and their run time is counted instead; without this a timer set before the calls counted both
 * (its 40 ms went by before a 5 ms one set after them).
 * A timer set before any task call costs nothing more than a look at this clock when it fires.
 */
import { performance, type EventLoopUtilization } from 'node:perf_hooks';

/** What a timer remembers of the clock when it was set. */
export interface ClockMark {
  realAt: number;
  spentAt: number;
  stalledAt: number;
  /** The last task submitted before it: later tasks' run time is its time. */
  readonly lastTask: number;
  /** Run time of tasks submitted after it that have finished. */
  taskMs: number;
  /** A finished task's time made the timer due earlier than its real timer fires: program-timers re-arms it. */
  onTaskTime?: () => void;
  /** Its timer's duration: Node keeps one list of timers per duration. */
  duration: number;
  /** When (performance.now()) the first timer of its duration that fired with it overdue fell due: its list's place. */
  listFellDue?: number;
  /** Fire its timer at Node's next turn of the timer list. */
  fireNext?: () => void;
  /** False once the program cleared its timer. */
  live?: () => boolean;
  /** Tasks submitted before it are unfinished: its time has not begun (realAt and spentAt are set when it does). */
  held: boolean;
  /** When it is due on the clock async calls' turns keep (settle-order.ts turnClock), if its time began when set. */
  dueTurn?: number;
}

/** How many set timers the clock still puts in Node's order when tasks' time made them due together (overdueTimers). */
const ORDERED_TIMERS = 256;

export class ProgramClock {
  /** The main thread's time in the runtime (submitting, waiting, decoding): none of it is the plain program's. */
  private spentMs = 0;
  /** Spans of it under way: a submission may wait for an argument's task, which decodes its value. */
  private depth = 0;
  private enteredAt = 0;
  /** Marks of timers that are set and not yet fired (or intervals not cleared): finished tasks add to their time. */
  private readonly watched = new Set<ClockMark>();
  private lastTask: () => number = () => 0;
  /** The ids of the unfinished tasks, oldest first. */
  private unfinished: () => Iterable<number> = () => [];
  /**
   * Calls of async tasks, which plain code ran beside its own (as Promises), and calls made through the runtime's API
   * (`task(…)(x)`), which no plain program made at once: no timer waits for them, nor counts their time.
   */
  private readonly beside = new Set<number>();
  /**
   * The program's loop emptied and the run is ending (api/lifecycle.ts): the plain program exited here, so its unref'd
   * timers, which kept nothing alive, never fire, though the run's own ending keeps the loop going a while.
   */
  ended = false;
  /** Idle time of the main thread while calls the plain program made at once were unfinished, closed windows only. */
  private stalledMs = 0;
  /** The event loop's use when the current window of unfinished calls opened. */
  private stalledFrom: EventLoopUtilization | undefined;

  /** The running runtime says which task it submitted last and which are unfinished (ids grow with each submission). */
  attach(lastTask: () => number, unfinished: () => Iterable<number>): void {
    this.lastTask = lastTask;
    this.unfinished = unfinished;
  }

  /** The main thread enters the runtime (submitting, waiting, decoding, starting the run); leave() in a `finally`. */
  enter(): void { if (this.depth++ === 0) this.enteredAt = performance.now(); }
  /** It leaves: the time since the outermost enter() is the runtime's. */
  leave(): void { if (--this.depth === 0) this.spentMs += performance.now() - this.enteredAt; }

  /**
   * The runtime's time so far, the open span's up to now: a held timer whose time begins inside a wait (its earlier
   * task settled there) must not have the wait's time before that counted against it (tester np36's timers-min: a
   * 20 ms timer set during a 200 ms call fired after a 150 ms one set after the call's result).
   */
  spent(): number { return this.spentMs + (this.depth > 0 ? performance.now() - this.enteredAt : 0); }

  /** The call of an async task: the plain program went on beside it, so its time is no timer's (deferred-uses.ts). */
  runsBeside(taskId: number): void { this.beside.add(taskId); this.checkStall(); }

  /** A call was submitted: the main thread's idle time from now on, while it is unfinished, is no plain time. */
  taskSubmitted(): void { if (this.watched.size > 0) this.checkStall(); }

  /** Open a window when a call the plain program made at once is unfinished, close it (counting its idle time) when none is. */
  private checkStall(): void {
    const stalled = this.unfinishedUpTo(Infinity);
    if (stalled && !this.stalledFrom) this.stalledFrom = performance.eventLoopUtilization();
    else if (!stalled && this.stalledFrom) { this.stalledMs += performance.eventLoopUtilization(this.stalledFrom).idle; this.stalledFrom = undefined; }
  }

  /** A call the plain program made at once (not an async task's, nor the runtime API's) is unfinished. */
  plainCallsUnfinished(): boolean { return this.unfinishedUpTo(Infinity); }

  /** The idle time of all windows so far, the open one's up to now. */
  private stalled(): number {
    return this.stalledMs + (this.stalledFrom ? performance.eventLoopUtilization(this.stalledFrom).idle : 0);
  }

  /** The run time of the finished calls the plain program made at once (turn-clock.ts): its main thread's time then. */
  plainCallsMs = 0;

  /**
   * A task ran for `ms` in a worker: a timer set before its call counts that time. One that went async (awaited a timer
   * or I/O) kept the plain program's main thread only for its synchronous part, which is no part of plainCallsMs.
   */
  taskRan(taskId: number, ms: number, wentAsync = false): void {
    if (ms > 0 && !wentAsync && !this.beside.has(taskId)) this.plainCallsMs += ms;
    if (this.watched.size === 0 || !(ms > 0) || this.beside.has(taskId)) return;
    for (const mark of this.watched) {
      if (taskId <= mark.lastTask) continue;
      mark.taskMs += ms;
      mark.onTaskTime?.();
    }
  }

  /** A task finished (ran, failed or was given up): a held timer whose earlier tasks are all done begins its time. */
  taskSettled(taskId: number): void {
    this.beside.delete(taskId);
    if (this.watched.size === 0 && !this.stalledFrom) return;
    this.checkStall();
    for (const mark of this.watched) {
      if (!mark.held || this.unfinishedUpTo(mark.lastTask)) continue;
      mark.held = false;
      mark.realAt = performance.now();
      mark.spentAt = this.spent();
      mark.stalledAt = this.stalled();
      mark.onTaskTime?.();
    }
  }

  /** A timer of `duration` ms is set (or starts its time again). */
  mark(duration: number): ClockMark {
    const lastTask = this.lastTask();
    // (Calls submitted before any timer was watched opened no window: the first mark opens it if they are unfinished.)
    this.checkStall();
    return { realAt: performance.now(), spentAt: this.spent(), stalledAt: this.stalled(), lastTask, taskMs: 0, duration, held: this.unfinishedUpTo(lastTask) };
  }

  /** A call up to `lastTask` that the plain program made at once (not an async task's) has not finished. */
  private unfinishedUpTo(lastTask: number): boolean {
    for (const id of this.unfinished()) {
      if (id > lastTask) return false;
      if (!this.beside.has(id)) return true;
    }
    return false;
  }

  /** The plain program's time since the mark, in ms (only later tasks' while it is held). */
  elapsed(mark: ClockMark): number {
    if (mark.held) return mark.taskMs;
    return performance.now() - mark.realAt - (this.spent() - mark.spentAt) - (this.stalled() - mark.stalledAt) + mark.taskMs;
  }

  /**
   * A live, unheld timer that Node's list would fire before `mark`'s, both being due: the plain program's Node keeps one
   * list per duration, takes the lists in the order their first timers fell due and fires every due timer of a list
   * before the next list (so a 20 ms timer set at 40 ms runs before a 50 ms one set at 0 when both are due at 80 ms
   * and another 20 ms one fell due at 10 ms). `overdue` is how long ago `mark`'s fell due. The first such timer, if any.
   */
  overdueBefore(mark: ClockMark, overdue: number): ClockMark | undefined {
    const now = performance.now();
    const due = this.overdueTimers(mark);
    const lists = new Map<number, number>(); // duration → when its list's first timer fell due
    for (const { mark: timer, fellDue } of [...due, { mark, fellDue: now - overdue }]) {
      lists.set(timer.duration, Math.min(fellDue, timer.listFellDue ?? Infinity, lists.get(timer.duration) ?? Infinity));
    }
    const ownList = lists.get(mark.duration)!;
    const ownFellDue = now - overdue;
    let first: { mark: ClockMark; list: number; fellDue: number } | undefined;
    for (const { mark: other, fellDue } of due) {
      const list = lists.get(other.duration)!;
      const ahead = other.duration === mark.duration ? fellDue < ownFellDue - 1 : list < ownList - 1;
      if (ahead && (!first || list < first.list - 1 || (other.duration === first.mark.duration && fellDue < first.fellDue))) {
        first = { mark: other, list, fellDue };
      }
    }
    return first?.mark;
  }

  /**
   * An overdue timer runs now: Node's list fires the other due timers of its duration next, before any other list
   * (the plain program's list was taken when the first of them fell due).
   */
  overdueFires(mark: ClockMark, overdue: number): void {
    const fellDue = performance.now() - overdue;
    for (const { mark: other } of this.overdueTimers(mark)) {
      if (other.duration !== mark.duration) continue;
      other.listFellDue = Math.min(other.listFellDue ?? Infinity, mark.listFellDue ?? fellDue, fellDue);
      other.fireNext?.();
    }
  }

  /**
   * The live, unheld timers other than `mark`'s whose time has come, with when (performance.now()) it came. None past
   * ORDERED_TIMERS watched timers: each overdue timer looks at every other, and thousands of timers all made due by one
   * long call would cost seconds; their order is then Node's re-arming order.
   */
  private overdueTimers(mark: ClockMark): { mark: ClockMark; fellDue: number }[] {
    const now = performance.now();
    const due: { mark: ClockMark; fellDue: number }[] = [];
    if (this.watched.size > ORDERED_TIMERS) return due;
    for (const other of this.watched) {
      if (other === mark || other.held || other.live?.() === false || !other.fireNext) continue;
      const by = this.elapsed(other) - other.duration; // how long ago it fell due
      if (by > 0) due.push({ mark: other, fellDue: now - by });
    }
    return due;
  }

  /** Whether a live timer whose time has begun is due before `time` on the turns' clock (settle-order.ts) and unfired. */
  timerDueBefore(time: number): boolean {
    for (const mark of this.watched) {
      if (!mark.held && mark.dueTurn !== undefined && mark.dueTurn < time && mark.live?.() !== false) return true;
    }
    return false;
  }

  /** The mark's timer waits: tasks finishing add to its time. */
  watch(mark: ClockMark): void { this.watched.add(mark); }
  unwatch(mark: ClockMark): void { this.watched.delete(mark); }
  /** How many marks are watched (a timer cleared by the program is dropped at the next look: program-timers.ts). */
  get watching(): number { return this.watched.size; }
  /** Forget the marks of timers the program cleared. */
  prune(): void { for (const mark of this.watched) if (mark.live?.() === false) this.watched.delete(mark); }
}

/** One clock per process: the program's timers are the process's. */
export const programClock = new ProgramClock();
