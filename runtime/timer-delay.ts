/**
 * `setTimeout` of node:timers/promises (also `scheduler.wait` and `util.promisify(setTimeout)`) made on a callback
 * `setTimeout` of the runtime's: the program's clock on the main thread (api/program-timers.ts), the timers' clock on
 * a pool thread (worker/timer-time.ts). Options it does not know, or a signal already aborted, go to Node's own, for
 * Node's errors.
 */
import timersPromises = require('node:timers/promises');
import { syncBuiltinESMExports } from 'node:module';

type Delay = <T = void>(ms?: number, value?: T, options?: { signal?: AbortSignal; ref?: boolean }) => Promise<T>;

const nodeDelay = timersPromises.setTimeout as Delay;

/** `await setTimeout(10)` of node:timers/promises, on `set`'s timer. */
export function delayOn(set: (callback: () => void, ms?: number) => NodeJS.Timeout): Delay {
  return <T = void>(ms?: number, value?: T, options?: { signal?: AbortSignal; ref?: boolean }): Promise<T> => {
    const usual = options === undefined || (typeof options === 'object' && options !== null &&
      (options.signal === undefined || options.signal instanceof AbortSignal) && (options.ref === undefined || typeof options.ref === 'boolean'));
    const signal = options?.signal;
    if (!usual || signal?.aborted) return nodeDelay(ms, value, options); // Node's errors, Node's AbortError
    return new Promise<T>((resolve, reject) => {
      const onAbort = (): void => {
        clearTimeout(timer);
        nodeDelay(0, undefined, { signal }).catch(reject); // rejects with Node's AbortError at once
      };
      const timer = set(() => { signal?.removeEventListener('abort', onAbort); resolve(value as T); }, ms);
      if (options?.ref === false) timer.unref();
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  };
}

/** node:timers/promises' `setTimeout` and `scheduler.wait` are `delay` from now on, for ES module importers too. */
export function installDelay(delay: Delay): void {
  (timersPromises as unknown as Record<string, unknown>).setTimeout = delay;
  const { scheduler } = timersPromises as unknown as { scheduler?: Record<string, unknown> };
  if (scheduler) scheduler.wait = (ms: number, options?: { signal?: AbortSignal }) => delay(ms, undefined, options);
  syncBuiltinESMExports();
}
