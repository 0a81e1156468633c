/**
 * The plain program's time, as async calls' turns (settle-order.ts) and calls are stamped with it: real time less the
 * runtime's own (submitting, waiting, decoding: program-clock.ts), plus the run time of the tasks the plain program
 * ran at once (a call made after `await crunch(300)` is 300 ms later, though the main thread only waited), and less
 * the time the program sat waiting for an async call that the plain program did not: once a turn is handed on at its
 * plain time, the program goes on from that time. A worker that started late (its thread was starting) ended 150 ms
 * past its plain time, and the call its continuation made was stamped that much late and came after a longer call
 * made before (np38's asyncorder-v1).
 */
import { performance } from 'node:perf_hooks';
import { programClock } from './program-clock';

class TurnClock {
  private behind = 0;
  /** The latest time a turn or call was stamped with: the clock does not go back past it. */
  private latestStamp = -Infinity;

  /** Now: real time less the runtime's, plus the run time of the calls the plain program made at once. */
  now(): number { return performance.now() - programClock.spent() + programClock.plainCallsMs - this.behind; }

  /** The time to stamp a call or a turn reached now with. */
  stamp(): number {
    const now = this.now();
    this.latestStamp = Math.max(this.latestStamp, now);
    return now;
  }

  /**
   * A turn of plain time `time` is handed on: the program goes on from then, not before a time already stamped. Also
   * forward: the runtime's time on the main thread (submitting, starting workers) is none of the plain program's, but
   * the worker's timers went on meanwhile (a 10 ms sleep's turn came 6 ms early on this clock, and the next step
   * called from it was stamped before the sleep's end).
   */
  handedOn(time: number): void {
    this.behind += this.now() - Math.max(time, this.latestStamp);
  }
}

export const turnClock = new TurnClock();
