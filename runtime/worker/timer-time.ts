/**
 * How long an async task took on its timers' clock, not the worker's: the time the plain program's Promise would have
 * settled after the call (api/settle-order.ts orders the main thread's awaits by it).
 *
 * A worker thread's timers fire late whenever the thread was busy at their due time: decoding the next task's inputs,
 * loading its module, a neighbour task's synchronous code. Two `await sleep(20)` tasks measured 20 and 31 ms, so the
 * main thread could not tell which ended first in the plain program. So each timer set through `setTimeout` keeps its
 * due time on a clock of its own: set at `now()`, due `delay` later (at least 1 ms, as Node has it). While its callback
 * runs, and the microtasks after it until the loop's check phase, `now()` is that due time plus the time since the
 * callback began; elsewhere it is real time. A chain of sleeps adds up their delays, and a call's end in a timer's
 * continuation is on time however late the timer fired. node:timers/promises' `setTimeout` and `scheduler.wait`, and
 * `util.promisify(setTimeout)`, are made on it (timer-delay.ts); `setInterval` keeps real time.
 */
import timers = require('node:timers');
import { performance } from 'node:perf_hooks';
import { promisify } from 'node:util';
import { delayOn, installDelay } from '../timer-delay';

/** The timer whose callback (or its microtasks) is running: its due time and when (real) it began. */
let firing: { readonly due: number; readonly began: number } | undefined;

/** Now, on the timers' clock. */
export function timerNow(): number {
  const now = performance.now();
  return firing ? firing.due + (now - firing.began) : now;
}

/** Every `setTimeout` of this thread from now on keeps its due time (a pool thread's, once, at load). */
export function keepTimerTime(): void {
  const nodeSetTimeout = globalThis.setTimeout;
  const setTimeoutOnTime = function (this: unknown, callback: unknown, delay?: number, ...args: unknown[]) {
    if (typeof callback !== 'function') return Reflect.apply(nodeSetTimeout, this, [callback, delay, ...args]);
    const ms = Number(delay);
    const period = ms >= 1 && ms <= 2 ** 31 - 1 ? ms : 1;
    let due = timerNow() + period;
    const onTime = function (this: unknown, ...callArgs: unknown[]) {
      const mine = { due, began: performance.now() };
      firing = mine;
      // The check phase comes after the timers phase and its microtasks: the timer's time ends there.
      setImmediate(() => { if (firing === mine) firing = undefined; });
      return Reflect.apply(callback, this, callArgs);
    };
    const timeout = Reflect.apply(nodeSetTimeout, this, [onTime, delay, ...args]) as NodeJS.Timeout;
    // refresh() starts its time again (a debounce): due a period from then.
    const nodeRefresh = timeout.refresh;
    Object.defineProperty(timeout, 'refresh', {
      configurable: true, writable: true, enumerable: false,
      value: function (this: NodeJS.Timeout) { due = timerNow() + period; return Reflect.apply(nodeRefresh, this, []); },
    });
    return timeout;
  } as typeof setTimeout;
  const delay = delayOn(setTimeoutOnTime);
  Object.defineProperty(setTimeoutOnTime, 'name', { value: 'setTimeout' });
  Object.defineProperty(setTimeoutOnTime, promisify.custom, { value: delay, configurable: true });
  globalThis.setTimeout = setTimeoutOnTime;
  (timers as unknown as Record<string, unknown>).setTimeout = setTimeoutOnTime;
  installDelay(delay); // (syncs ES module importers' bindings, node:timers' too)
}
