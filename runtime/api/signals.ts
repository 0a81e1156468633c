/**
 * SIGINT, SIGTERM and SIGHUP end a run cleanly: the run directory goes, statistics are written, and the process
 * then dies of the signal as it would have without taskify. While the main thread is blocked in a synchronous
 * wait, no listener can run, and a listener's mere presence disables Node's default action; so our listeners are
 * taken off for the duration of a blocking wait (a run killed then has its files removed by its watcher, store/watcher.ts).
 */
const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
const listeners = new Map<NodeJS.Signals, () => void>();
let suspended = 0;

export function installSignalHandlers(onSignal: (signal: NodeJS.Signals) => void): void {
  for (const signal of SIGNALS) {
    const listener = () => {
      onSignal(signal);
      // Only we were listening: die of the signal as the program would have without us.
      if (process.listenerCount(signal) === 1) {
        process.removeListener(signal, listener);
        listeners.delete(signal);
        process.kill(process.pid, signal);
      }
    };
    listeners.set(signal, listener);
    process.on(signal, listener);
  }
}

export function suspendSignalHandlers(): void {
  if (suspended++ > 0) return;
  for (const [signal, listener] of listeners) process.removeListener(signal, listener);
}

export function resumeSignalHandlers(): void {
  if (--suspended > 0) return;
  for (const [signal, listener] of listeners) process.on(signal, listener);
}
