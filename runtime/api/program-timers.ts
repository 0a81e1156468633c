/**
 * The program's timers keep the plain program's time (program-clock.ts says which): `setTimeout`, `setInterval`,
 * `node:timers`' and `node:timers/promises`' `setTimeout` and `scheduler.wait`, and `util.promisify(setTimeout)`, on
 * the main thread of a run with workers. (Inline, TASKIFY_WORKERS=0, tasks run at their calls as in the plain program:
 * nothing to mend.)
 *
 * Each is Node's own timer, so the program's handle is a real Timeout (clearTimeout, unref, refresh, its id all work
 * as before), whose callback first asks the program's clock: fired before its time in the plain program (the runtime's
 * waits made it due), it is put back for the time left, and a `setImmediate` or an I/O callback that was ahead of it in
 * the plain program runs first again; otherwise the program's callback runs. A finished task that made it due sooner
 * than its real time (tasks ran side by side, and the plain program ran them one after another) puts it earlier.
 * Node's timer list takes the time left from the Timeout's `_idleTimeout` and an interval's from `_repeat`
 * (lib/internal/timers.js): a Timeout without them keeps real time.
 *
 * Not kept: `timers/promises`' `setInterval` and I/O callbacks keep real time; a stack taken in a timer's callback
 * shows two frames of this file under the program's.
 */
import timers = require('node:timers');
import { performance } from 'node:perf_hooks';
import { promisify } from 'node:util';
import { realSetInterval, realSetTimeout } from '../real-timers';
import { delayOn, installDelay } from '../timer-delay';
import { programClock, type ClockMark } from './program-clock';
import { asyncCallsBefore, timerFired } from './settle-order';
import { turnClock } from './turn-clock';

/** Node's Timeout with the fields its timer list uses. */
interface NodeTimeout extends NodeJS.Timeout { _idleTimeout: number; _repeat: number | null; _destroyed: boolean }

/** Node's list counts whole milliseconds: a timer whose time is within this of due is due. */
const SLACK_MS = 1;

/** How long past its real due time a timer waits for async calls that may come before it (settle-order.ts). */
const HOLD_FOR_CALLS_MS = 1000;

/** A held timer (program-clock.ts) is put back this far: the clock re-arms it when its time begins. Node's longest. */
const HELD_MS = 2 ** 31 - 1;

const nodeRefresh = (timer: NodeTimeout): void => { Object.getPrototypeOf(timer).refresh.call(timer); };

class ProgramTimer {
  private mark!: ClockMark;
  /** When (performance.now()) Node's list fires it next. */
  private realDue = 0;
  /** Since when (performance.now()) it waits, due, for async calls that may come before it. */
  private waitingForCalls: number | undefined;

  constructor(readonly timer: NodeTimeout, private readonly after: number, private readonly repeat: boolean) {
    this.restart();
    // The program's own refresh() starts its time again, at its own duration; a cleared timer stays cleared.
    Object.defineProperty(timer, 'refresh', {
      configurable: true, writable: true, enumerable: false,
      value: () => {
        if (timer._idleTimeout === -1) return timer;
        this.reset();
        nodeRefresh(timer);
        this.restart();
        return timer;
      },
    });
  }

  /** Node's list fired it: run the program's callback if the plain program's time has come, else put it back. */
  fire(callback: (...args: unknown[]) => unknown, self: unknown, args: unknown[]): void {
    // (An unref'd timer due only after the program's loop emptied: the plain program had exited. Tester np37's unref.)
    if (programClock.ended && !this.timer.hasRef()) { programClock.unwatch(this.mark); return; }
    this.reset();
    if (this.mark.held) {
      this.putBack(HELD_MS);
      return;
    }
    const left = this.after - programClock.elapsed(this.mark);
    if (left > SLACK_MS) {
      this.putBack(Math.ceil(left));
      return;
    }
    // An async call's turn that may come before it goes first (settle-order.ts), unless that is taking far too long:
    // a call that never starts (its workers busy with calls that never end) holds no timer for ever.
    const callFirst = this.mark.dueTurn === undefined ? undefined : asyncCallsBefore(this.mark.dueTurn);
    if (callFirst !== undefined && performance.now() - (this.waitingForCalls ??= performance.now()) < HOLD_FOR_CALLS_MS) {
      this.putBack(callFirst);
      return;
    }
    const waitedForCalls = this.waitingForCalls !== undefined;
    this.waitingForCalls = undefined;
    // Overdue (tasks' time made it due while the main thread waited), and so may be others: the one Node's list would
    // have fired first in the plain program goes ahead (tester np36's timers: a 50 ms timer set before two 40 ms calls
    // and a 30 ms interval set before them fire before a 20 ms one set between them, all due when the calls end).
    const first = left < -SLACK_MS ? programClock.overdueBefore(this.mark, -left) : undefined;
    if (first) {
      first.fireNext?.();
      this.putBack(0);
      return;
    }
    programClock.unwatch(this.mark);
    if (left < -SLACK_MS) programClock.overdueFires(this.mark, -left);
    // (An interval that waited for calls keeps its ticks' plain times; otherwise it goes on from now, as Node's does.)
    if (this.repeat) this.restart(waitedForCalls);
    try {
      callback.apply(self, args);
    } finally {
      timerFired();
    }
  }

  private get live(): boolean { return !this.timer._destroyed && this.timer._idleTimeout !== -1; }

  /** Its time as the program set it (a put back shortened it). */
  private reset(): void {
    this.timer._idleTimeout = this.after;
    if (this.repeat) this.timer._repeat = this.after;
  }

  /** Its time begins (again); `fromLastDue`: an interval's next tick, due its period after the last was due. */
  private restart(fromLastDue = false): void {
    const lastDue = fromLastDue ? this.mark.dueTurn : undefined;
    this.waitingForCalls = undefined;
    if (this.mark) programClock.unwatch(this.mark);
    this.mark = programClock.mark(this.after);
    this.mark.onTaskTime = () => this.sooner();
    this.mark.live = () => this.live;
    // (Once: put back again while it waits at the end of Node's list, it went behind every timer put back meanwhile,
    // and two overdue timers each deferring to it fired each other for ever: np66's min-sleep-hang.)
    this.mark.fireNext = () => { if (this.realDue > performance.now() + SLACK_MS) this.putBack(0); };
    if (!this.mark.held) this.mark.dueTurn = (lastDue ?? turnClock.stamp()) + this.after;
    this.realDue = performance.now() + this.after;
    programClock.watch(this.mark);
  }

  /** Inside its own callback: Node's list puts an interval back at `_repeat`, and keeps a refreshed timeout. */
  private putBack(ms: number): void {
    if (this.repeat) this.timer._repeat = ms;
    else { this.timer._idleTimeout = ms; nodeRefresh(this.timer); }
    this.realDue = performance.now() + ms;
  }

  /**
   * Tasks' time made it due before Node's list would fire it: fire it sooner. Overdue, its time left is 0, which
   * Node's list takes as due at its next turn (setTimeout's own least is 1 ms: the turn right after the wait could
   * come first, and an immediate with it).
   */
  private sooner(): void {
    if (!this.live) { programClock.unwatch(this.mark); return; }
    const now = performance.now();
    const left = Math.max(0, Math.ceil(this.after - programClock.elapsed(this.mark)));
    if (left >= this.realDue - now - SLACK_MS) return;
    this.timer._idleTimeout = left;
    nodeRefresh(this.timer);
    this.realDue = now + left;
  }
}

type Callback = (...args: unknown[]) => unknown;

function programTimer(set: typeof realSetTimeout, repeat: boolean) {
  return function (callback: Callback, ms?: number, ...args: unknown[]): NodeJS.Timeout {
    if (typeof callback !== 'function') return set(callback, ms, ...args); // Node's own error
    let timer: ProgramTimer | undefined;
    const handle = set(function (this: unknown, ...given: unknown[]) {
      if (timer) timer.fire(callback, this, given); else callback.apply(this, given);
    }, ms, ...args) as NodeTimeout;
    if (typeof handle._idleTimeout !== 'number' || (repeat && typeof handle._repeat !== 'number')) return handle;
    prune();
    timer = new ProgramTimer(handle, handle._idleTimeout, repeat);
    return handle;
  };
}

/** Timers the program cleared stay watched until a look finds them gone: one look per doubling. */
let pruneAt = 64;
function prune(): void {
  if (programClock.watching < pruneAt) return;
  programClock.prune();
  pruneAt = Math.max(64, 2 * programClock.watching);
}

const programSetTimeout = programTimer(realSetTimeout, false);
const programSetInterval = programTimer(realSetInterval as typeof realSetTimeout, true);
/** `await setTimeout(10)` of node:timers/promises, on the program's timer. */
const programDelay = delayOn(programSetTimeout);
Object.defineProperty(programSetTimeout, promisify.custom, { value: programDelay, configurable: true });

let installed = false;

/** The program's timers from now on run on the program's clock (on the main thread of a run with workers). */
export function installProgramTimers(): void {
  if (installed) return;
  installed = true;
  const global = globalThis as unknown as Record<string, unknown>;
  global.setTimeout = programSetTimeout;
  global.setInterval = programSetInterval;
  (timers as unknown as Record<string, unknown>).setTimeout = programSetTimeout;
  (timers as unknown as Record<string, unknown>).setInterval = programSetInterval;
  installDelay(programDelay); // (syncs ES module importers' bindings, the globals' too)
}
