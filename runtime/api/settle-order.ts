/**
 * When the plain program had an async task call's outcome, so that awaits of task calls resume (awaited.ts) and the
 * calls' Promises settle (deferred-uses.ts `promised`) in its order.
 *
 * In the plain program an async function's Promise settles at its own time: one that awaits nothing has settled when
 * its call returns; one that awaits a timer or I/O settles when that comes, about its run time after the call. Here
 * the task runs in a worker and the main thread hears of it when the worker is done, so in the order the workers
 * finish: two 20 ms sleeps called together ended in either order, and a 5 ms sleep called at 20 ms came after a 60 ms
 * one called at 0 (tester np38's equaldelay-min and asyncorder-min). The time each took is on its timers' clock
 * (worker/timer-time.ts): a worker's timers fire late when its thread is busy.
 *
 * So each turn (an await the program reached, or a call's Promise) has a plain time. A call that went async (its
 * worker says so at once, with when it began to run: engine/signal.ts) settles at `calledAt + asyncMs`, or when the
 * program reached the await if that is later; any other turn at the moment it was reached, in the order reached. A
 * settled turn is handed to the program once no other can come before it. A pending turn whose call has not gone
 * async may come at the time it was reached; one that went async has run for `now - since`, so it comes no earlier
 * than `calledAt` plus that, less how late its timers may have fired. Times within TIE_MS of each other are a tie,
 * kept in the order reached.
 *
 * While the first turn is not an async call's, turns go strictly in the order reached (`inOrder`): the plain
 * program's awaits of calls that had their values resumed first come, first served.
 *
 * The program's own timers are on the same time line (program-timers.ts): a turn waits for a timer due before it, and
 * a timer for a turn that may come before it (`asyncCallsBefore`).
 */
import { performance } from 'node:perf_hooks';
import { realSetTimeout } from '../real-timers';
import { programClock } from './program-clock';
import type { TaskRecord } from './records';
import { turnClock } from './turn-clock';

export interface Turn {
  /** The call whose outcome it hands on; none: a value already there. */
  readonly record: TaskRecord | undefined;
  /** When the program reached it (turnClock): its await, or its call for a call's Promise. */
  readonly at: number;
  /** Whether its value (or failure) has come. */
  state: 'pending' | 'ok' | 'failed';
}

/**
 * Plain times closer than this are a tie: the turn reached first goes first. (Chosen, not measured by any committed
 * benchmark: a sleep's time on its timers' clock is close to its duration, but on a loaded machine the main thread's
 * time between two calls written one after the other can be several ms.)
 */
const TIE_MS = 2;
/**
 * How much longer than on its timers' clock a call may take in real time: its timers fire late when its thread is
 * busy, and a thread's first run of a function is slower (two 20 ms sleeps took 20 and 31 ms real). A call running
 * for `t` real ms is due at least `t - LATE_MS` after its call.
 */
const LATE_MS = 25;
/**
 * The same, as a timer of the program's waits for a call that may come before it: holding a timer LATE_MS makes it
 * that late (a 10 ms interval ticked once during a 35 ms call, not three times), so this counts on the worker's timers
 * being about on time. (Before turns were ordered, no timer waited for such a call at all.)
 */
const TIMER_LATE_MS = 2;
/** How many turns from the first are compared (each look compares pairs); those beyond wait in the order reached. */
const WINDOW = 256;
/** A turn waits on a call not known to have gone async: look again after this long, it may have. */
const LOOK_AGAIN_MS = 5;

let runningSince: ((taskId: number) => number | undefined) | undefined;

/**
 * The running runtime says when a call that went async began to run (epoch ms; engine/signal.ts); undefined: it cannot
 * tell (a distributed run), and every call still running counts as one that went async at its call.
 */
export function attachRunningSince(lookup: ((taskId: number) => number | undefined) | undefined): void { runningSince = lookup; }


/** Whether the turn's call went async: it comes at its own time, not in the order reached. */
function wentAsync(turn: Turn): boolean {
  const record = turn.record;
  if (!record) return false;
  return record.state === 'pending' ? !runningSince || runningSince(record.id) !== undefined : record.wentAsync === true;
}

/** A settled call's plain time: when the program reached the turn, or when an async call ended if later. */
function plainTime(turn: Turn): number {
  const record = turn.record;
  if (record?.wentAsync && record.asyncMs !== undefined) return Math.max(turn.at, record.calledAt + record.asyncMs);
  return turn.at;
}

/** The earliest plain time a turn still running can have, now. Exact once its call has settled. */
function earliest(turn: Turn, nowEpoch: number, lateMs = LATE_MS): number {
  const record = turn.record;
  if (!record || record.state !== 'pending') return plainTime(turn);
  if (!runningSince) return Math.max(turn.at, record.calledAt + Math.max(0, turnClock.now() - record.calledAt - lateMs));
  const since = runningSince(record.id);
  return since === undefined ? turn.at : Math.max(turn.at, record.calledAt + Math.max(0, nowEpoch - since - lateMs));
}

/**
 * The turn to hand on next among `turns[from…]` when the first went async: the first settled one that no other comes
 * before. Else `lookAgainMs`, when a turn still running may stop holding the way (undefined: when a call settles).
 */
function nextInPlainTime(turns: readonly Turn[], from: number): { index?: number; lookAgainMs?: number } {
  const end = Math.min(turns.length, from + WINDOW);
  const nowEpoch = performance.timeOrigin + performance.now();
  const times = turns.slice(from, end).map((turn) => earliest(turn, nowEpoch));
  let lookAgainMs: number | undefined;
  let earliestSettled: number | undefined;
  let heldByPending = false;
  for (let i = from; i < end; i++) {
    if (turns[i]!.state === 'pending') continue;
    const time = times[i - from]!;
    if (earliestSettled === undefined || time < times[earliestSettled - from]!) earliestSettled = i;
    let ahead = false;
    for (let j = from; j < end && !ahead; j++) {
      if (j === i || !(times[j - from]! < time + (j < i ? TIE_MS : -TIE_MS))) continue;
      ahead = true;
      const other = turns[j]!;
      if (other.state !== 'pending') continue; // it has its own turn
      heldByPending = true;
      if (other.record?.state !== 'pending') continue; // its value is on the way
      const by = wentAsync(other) ? time + (j < i ? TIE_MS : -TIE_MS) - times[j - from]! : LOOK_AGAIN_MS;
      lookAgainMs = Math.min(lookAgainMs ?? Infinity, Math.max(1, Math.ceil(by)));
    }
    if (!ahead) return { index: i };
  }
  // Settled turns that each come before another (ties are not transitive), none pending among them: the earliest.
  // (Never a later one: a queue's pick is at most TIE_MS past its earliest turn, so that two queues, each looking at
  // the other's turns, cannot both wait.)
  if (!heldByPending && earliestSettled !== undefined) return { index: earliestSettled };
  return { lookAgainMs };
}

/** Every queue of turns (awaits, call Promises): the program's timers look at them. */
const queues: PlainTurns<Turn>[] = [];

/** Told of each call's turn as it is handed on (output/program-order.ts prints what the task printed after it went async). */
let onHandedOn: ((taskId: number) => void) | undefined;
export function attachHandedOn(listener: ((taskId: number) => void) | undefined): void { onHandedOn = listener; }

/** Some turn of the program waits for this call's outcome: it is handed on in the plain program's order. */
export function turnWaitsFor(taskId: number): boolean {
  for (const queue of queues) for (const turn of queue.waiting()) if (turn.record?.id === taskId) return true;
  return false;
}

/**
 * A turn that went async was handed on (in any queue): every queue's next look waits for its continuations, a
 * macrotask later, as the plain program's next timer or I/O callback came after them, and so did the check for
 * rejections nobody handled (np40's F3: a call's Promise rejecting at 1 ms ended the plain program before a 40 ms
 * await resumed; both were handed in one tick, and the await's continuation printed first).
 */
let afterContinuations: ReturnType<typeof setImmediate> | undefined;

/**
 * A program's timer due at `due` (turnClock) is to fire: ms to put it back for while a call's turn not handed on may
 * come before it (a call not yet run may have settled at its call; one that went async is due at its time), else
 * undefined. Tester np38's race-timers shape: `setTimeout(log, 25)` and a 10 ms async call, whose worker started late.
 */
export function asyncCallsBefore(due: number): number | undefined {
  return callBefore(due, TIMER_LATE_MS);
}

/**
 * Ms to look again after while a turn of a call (in a queue other than `except`) may come before `time`, else
 * undefined. A turn with no call is either handed on at once or waits behind one that has a call, seen here.
 */
function callBefore(time: number, lateMs: number, except?: PlainTurns<Turn>): number | undefined {
  const nowEpoch = performance.timeOrigin + performance.now();
  let wait: number | undefined;
  for (const queue of queues) {
    if (queue === except) continue;
    for (const turn of queue.waiting()) {
      const record = turn.record;
      if (!record) continue;
      const earliestTime = earliest(turn, nowEpoch, lateMs);
      if (!(earliestTime < time - TIE_MS)) continue;
      const by = record.state === 'pending' && wentAsync(turn) ? time - TIE_MS - earliestTime : 1;
      wait = Math.min(wait ?? Infinity, Math.max(1, Math.ceil(Math.min(by, LOOK_AGAIN_MS))));
    }
  }
  return wait;
}

/**
 * A timer of the program's fired: turns that waited for it look again once its callback's microtasks have run, as
 * the plain program's next timer or I/O callback came after them.
 */
export function timerFired(): void {
  if (queues.every((queue) => queue.empty)) return;
  setImmediate(() => { for (const queue of queues) queue.ready(); });
}

/**
 * Turns in the order reached, handed on (`hand`) in the plain program's. `inOrder(turns, head)` picks the next while
 * the first turn's call has not gone async: an index, or undefined to wait for a call to settle.
 */
export class PlainTurns<T extends Turn> {
  private readonly turns: T[] = [];
  private head = 0;
  private lookAgain: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly hand: (turn: T) => void,
    private readonly inOrder: (turns: readonly T[], head: number) => number | undefined = (turns, head) => (turns[head]!.state === 'pending' ? undefined : head)) {
    queues.push(this as unknown as PlainTurns<Turn>);
  }

  /** The turns not handed on yet, as far as the window reaches. */
  *waiting(): Iterable<T> {
    for (let i = this.head; i < Math.min(this.turns.length, this.head + WINDOW); i++) yield this.turns[i]!;
  }

  /** Nothing is waiting its turn: an outcome may go straight on. */
  get empty(): boolean { return this.head === this.turns.length; }

  push(turn: T): void { this.turns.push(turn); }

  /**
   * Hands on, in order, every turn whose time has come. Call when a turn settles. A turn whose call went async is
   * handed on alone, every queue's next look a macrotask later: as a timer's callback in the plain program, its
   * continuations run (and may make calls that come before the next turn) before the next timer's.
   */
  ready(): void {
    if (afterContinuations) return;
    while (this.head < this.turns.length) {
      if (wentAsync(this.turns[this.head]!)) {
        const next = nextInPlainTime(this.turns, this.head);
        if (next.lookAgainMs !== undefined) this.lookAgainIn(next.lookAgainMs);
        if (next.index === undefined) return;
        // A timer of the program's due before it fires first, as in the plain program, and so does a turn of another
        // queue (an await before a call's Promise). A timer's firing looks again (timerFired).
        const time = plainTime(this.turns[next.index]!);
        const elsewhere = callBefore(time, LATE_MS, this as unknown as PlainTurns<Turn>);
        if (programClock.timerDueBefore(time - TIE_MS) || elsewhere !== undefined) { this.lookAgainIn(elsewhere ?? LOOK_AGAIN_MS); return; }
        // One that did not go async keeps the order reached with those after it (awaited.ts: a caught failure first).
        const index = wentAsync(this.turns[next.index]!) ? next.index : this.inOrder(this.turns, next.index);
        if (index === undefined) return;
        const turn = this.take(index);
        turnClock.handedOn(plainTime(turn));
        this.handOn(turn);
        afterContinuations = setImmediate(() => { afterContinuations = undefined; for (const queue of queues) queue.ready(); });
        return;
      }
      const index = this.inOrder(this.turns, this.head);
      if (index === undefined) {
        // The first's call may yet go async (a worker takes it up when one is free), and let a settled one by.
        if (this.anySettledBehind()) this.lookAgainIn(LOOK_AGAIN_MS);
        return;
      }
      this.handOn(this.take(index));
    }
    this.turns.length = 0;
    this.head = 0;
  }

  /** The turn's task's later output first (program-order.ts), then what its settling wakes. */
  private handOn(turn: T): void {
    if (turn.record) onHandedOn?.(turn.record.id);
    this.hand(turn);
  }

  private anySettledBehind(): boolean {
    const first = this.turns[this.head]!;
    if (first.record?.state !== 'pending') return false;
    for (let i = this.head + 1; i < Math.min(this.turns.length, this.head + WINDOW); i++) if (this.turns[i]!.state !== 'pending') return true;
    return false;
  }

  private take(index: number): T {
    const [turn] = index === this.head ? [this.turns[this.head++]!] : this.turns.splice(index, 1);
    if (this.head >= 1024 && this.head * 2 >= this.turns.length) { this.turns.splice(0, this.head); this.head = 0; }
    return turn!;
  }

  private lookAgainIn(ms: number): void {
    if (this.lookAgain) clearTimeout(this.lookAgain);
    // (Kept alive by it: the turn it waits for may be one the program's next macrotask hands on.)
    this.lookAgain = realSetTimeout(() => { this.lookAgain = undefined; this.ready(); }, ms);
  }
}
