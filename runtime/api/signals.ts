/**
 * SIGINT, SIGTERM and SIGHUP end a run cleanly: the run directory goes, statistics are written, and the process
 * then dies of the signal as it would have without taskify. While the main thread is blocked in a synchronous
 * wait, no listener can run, and a listener's mere presence disables Node's default action; so our listeners are
 * taken off for the duration of a blocking wait (a run killed then has its files removed by its watcher, store/watcher.ts).
 */
const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
/** Per signal: a first listener that counts the program's, and ours, which ends the run. */
const listeners = new Map<NodeJS.Signals, { readonly count: () => void; readonly end: () => void }>();
let suspended = 0;

export function installSignalHandlers(onSignal: (signal: NodeJS.Signals) => void): void {
  for (const signal of SIGNALS) {
    // Whether the program listens, counted as the signal comes: a `process.once` listener of the program's has taken
    // itself off by the time ours runs (tester np37's sig-v2: the program handled SIGINT and went on; we killed it).
    let programListens = false;
    const count = (): void => { programListens = process.listenerCount(signal) > 2; };
    const end = (): void => {
      onSignal(signal);
      // Only we were listening: die of the signal as the program would have without us.
      if (!programListens) {
        process.removeListener(signal, count);
        process.removeListener(signal, end);
        listeners.delete(signal);
        process.kill(process.pid, signal);
      }
    };
    listeners.set(signal, { count, end });
    process.prependListener(signal, count);
    process.on(signal, end);
  }
}

export function suspendSignalHandlers(): void {
  if (suspended++ > 0) return;
  for (const [signal, { count, end }] of listeners) {
    process.removeListener(signal, count);
    process.removeListener(signal, end);
  }
}

export function resumeSignalHandlers(): void {
  if (--suspended > 0) return;
  for (const [signal, { count, end }] of listeners) {
    process.prependListener(signal, count);
    process.on(signal, end);
  }
}
