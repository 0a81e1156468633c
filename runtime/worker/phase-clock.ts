/**
 * A task's phase times on a worker thread it may share: piscina posts TASKIFY_TASKS_PER_WORKER tasks (2) to a thread
 * at once, and the second starts as soon as the first awaits (its module import, an async task). From then on, while
 * one runs its code the other waits, and that wait used to count as the other's "load" (716-914 ms of load reported
 * for 3.2 KB of input, behind a neighbour's long run). The thread keeps the total time tasks spent in their own
 * synchronous code (the user function's synchronous part, storing outputs); each phase of a task is its wall time less
 * what the others took of it meanwhile, and that difference is the task's `queued` time.
 */
import { performance } from 'node:perf_hooks';
import type { PhaseTimes } from '../protocol';

/** This thread's time in tasks' own synchronous code, all tasks together. */
let threadBusyMs = 0;

export class PhaseClock {
  readonly times: PhaseTimes = { queued: 0, load: 0, run: 0, store: 0 };
  /** Epoch ms, on the clock every thread shares. */
  readonly startedAt: number;
  private lapStart: number;
  private busyAtLapStart = threadBusyMs;
  /** This task's own share of threadBusyMs since the lap started. */
  private ownSinceLap = 0;

  constructor() {
    this.lapStart = performance.now();
    this.startedAt = performance.timeOrigin + this.lapStart;
  }

  /** Ends a phase. `synchronous`: nothing else ran during it (storing outputs), so all of it was this task's own work. */
  lap(phase: Exclude<keyof PhaseTimes, 'queued'>, synchronous = false): void {
    const now = performance.now();
    const wall = now - this.lapStart;
    if (synchronous) {
      threadBusyMs += wall - this.ownSinceLap;
      this.ownSinceLap = wall;
    }
    const others = Math.min(wall, Math.max(0, threadBusyMs - this.busyAtLapStart - this.ownSinceLap));
    this.times[phase] += wall - others;
    this.times.queued += others;
    this.lapStart = now;
    this.busyAtLapStart = threadBusyMs;
    this.ownSinceLap = 0;
  }

  /** Runs `work` (the user function's synchronous part) as this task's own time on the thread. */
  own<T>(work: () => T): T {
    const started = performance.now();
    try {
      return work();
    } finally {
      const ms = performance.now() - started;
      threadBusyMs += ms;
      this.ownSinceLap += ms;
    }
  }
}
