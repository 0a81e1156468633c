/**
 * One runtime per process, started by the first submission. Whatever way the process ends — its work done,
 * process.exit(), an uncaught error — the run directory and the run's shared-memory segments go, and the statistics
 * are written. Ends no handler sees (a signal, which kills at once as it kills the plain program; kill -9) are the
 * run's watcher's to clean up (store/watcher.ts).
 */
import { inspect } from 'node:util';
import { isMainThread } from 'node:worker_threads';
import { writeFileSync } from 'node:fs';
import { readConfig, type RuntimeConfig } from '../config';
import { Stats } from '../stats';
import { Runtime } from './runtime';
import { InlineRuntime } from './inline';
import { inWorker } from '../worker-flag';
import { ConfiguredObservers } from '../observe/configured';
import { startWatcher } from '../store/owned-run';
import { settingsAtLoad } from './settings-at-load';
import { installProgramTimers } from './program-timers';
import { programClock } from './program-clock';

type Active =
  | { kind: 'pool'; runtime: Runtime; config: RuntimeConfig; observed: ConfiguredObservers }
  | { kind: 'inline'; runtime: InlineRuntime; config: RuntimeConfig; stats: Stats };

let active: Active | undefined;

/** The runtime's own `exit` listeners: any other is the program's. */
const ownExitListeners = new Set<Function>();
function own<F extends Function>(listener: F): F { ownExitListeners.add(listener); return listener; }
/** Whether the program listens for `exit`: its listeners read what the tasks left, after the run has ended. */
const programListensForExit = (): boolean => process.listeners('exit').some((listener) => !ownExitListeners.has(listener));
let hooksInstalled = false;
/** A run started in this process (its end writes TASKIFY_STATS). */
let started = false;
/** The counts of the runs of this process that have ended. */
const earlierRuns = new Stats();

// In the program's own thread, settings are checked now (a bad one stops the program before it starts), and the
// watcher is started now, while the program is loading and small, rather than at its first task (owned-run.ts says
// why); only where a pool may run: not in pool workers, not with TASKIFY_WORKERS=0.
if (isMainThread && !inWorker() && settingsAtLoad().workers !== 0) {
  startWatcher();
  // The program's timers keep the plain program's time, which the runtime's waits are no part of (program-timers.ts).
  installProgramTimers();
}

// A program whose task calls all stayed direct loads the runtime but never starts a run: TASKIFY_STATS still gets
// its file, with zero tasks, so that "no file" never has to be told apart from "no tasks".
if (isMainThread && !inWorker() && process.env.TASKIFY_STATS) {
  process.on('exit', own(() => { if (!started) writeStats(process.env.TASKIFY_STATS!, new Stats()); }));
}

export function current(): Active {
  if (!active) {
    started = true;
    const config = readConfig();
    // Inside a pool worker, a task that calls a task runs it inline: workers never start pools of their own.
    if (config.workers === 0 || inWorker()) {
      active = { kind: 'inline', runtime: new InlineRuntime(), config, stats: new Stats() };
      if (!inWorker() && (config.traceFile || config.graphFile)) {
        process.stderr.write('taskify: TASKIFY_TRACE and TASKIFY_GRAPH are not written when TASKIFY_WORKERS=0 runs tasks inline\n');
      }
    } else {
      const observed = new ConfiguredObservers(config);
      programClock.enter(); // starting the run is no time of the plain program's
      try {
        active = { kind: 'pool', runtime: new Runtime(config, (observers) => observed.attach(observers)), config, observed };
      } finally {
        programClock.leave();
      }
    }
    installHooks();
  }
  return active;
}

export function peek(): Active | undefined { return active; }



export function statsOf(a: Active): Stats {
  if (a.kind === 'pool') return a.runtime.stats;
  a.stats.values.fill(0);
  a.stats.add('submitted', a.runtime.submitted);
  a.stats.add('inline', a.runtime.submitted);
  return a.stats;
}

/** Finish pending work and release everything; the next submission starts a fresh runtime. */
export async function shutdown(end: 'natural' | 'exit' = 'exit'): Promise<void> {
  const a = active;
  if (!a) return;
  // The program's `exit` listeners read what its objects hold then (a summary of what the tasks collected, tester
  // np37's exitarg and lintexit2): the tasks' writes come home first, while the run can still load them.
  if (a.kind === 'pool') await a.runtime.shutdown(end === 'natural' && programListensForExit());
  finish(a, end);
}

/**
 * The run is over. `end`: 'natural' when the program ran out of work (the event loop emptied), 'exit' at
 * process.exit() or the exit of an uncaught error. (A signal kills the process: its watcher removes what is left.)
 */
function finish(a: Active, end: 'natural' | 'exit'): void {
  if (active === a) active = undefined;
  if (a.kind === 'pool') {
    a.runtime.releaseOutput(); // what the program printed and is held comes first, in its order
    a.observed.finish(); // then the progress line ends, before any message below
  }
  // A failure no wait reported: the plain program ended at that call (the first such: the calls after it never
  // happened), dying of its error. Ending by itself, it dies of it now, as Node prints an uncaught error; ended
  // otherwise (process.exit: nothing can be thrown any more), it is printed as Node prints an uncaught
  // error, and the exit code is that death's, whatever the program set or called after that call.
  const [lost] = a.runtime.unobservedFailures();
  if (lost !== undefined && end === 'natural') {
    setImmediate(() => { throw lost; });
  } else if (lost !== undefined) {
    printAsUncaught(lost);
    process.exitCode = 1;
  }
  // Let go by the task's own policy: said, but the run succeeded as the program asked.
  for (const error of a.kind === 'pool' ? a.runtime.ignoredFailures() : a.runtime.ignored) {
    process.stderr.write(`taskify: a task failed and its policy (onFailure 'ignore') let the run go on:\n${error.stack ?? error.message}\n`);
  }
  // (The file holds every run of the process: a `beforeExit` listener's calls start another after the first ended.)
  if (a.config.statsFile) { earlierRuns.addAll(statsOf(a)); writeStats(a.config.statsFile, earlierRuns); }
  if (a.kind === 'pool') a.runtime.owned.close();
}

/** As Node prints an uncaught error (less where it was thrown, which was in a worker). */
function printAsUncaught(error: unknown): void {
  const shown = error instanceof Error && error.stack ? error.stack : `Uncaught ${inspect(error)}`;
  process.stderr.write(`${shown}\n\nNode.js ${process.version}\n`);
}

function writeStats(file: string, stats: Stats): void {
  try { writeFileSync(file, JSON.stringify(stats.report(), null, 2) + '\n'); } catch (error) {
    process.stderr.write(`taskify: could not write TASKIFY_STATS file ${file}: ${(error as Error).message}\n`);
  }
}

/** The synchronous end (`exit`): nothing asynchronous can run any more. */
function finishNow(reason: string): void {
  const a = active;
  if (!a) return;
  if (a.kind === 'pool') {
    // process.exit() came after every call the program had made had returned in the plain program: their output
    // comes first.
    a.runtime.settleAll();
    const left = a.runtime.abandon();
    if (left > 0) process.stderr.write(`taskify: ${left} task(s) had not finished at ${reason} and were abandoned\n`);
  }
  finish(a, 'exit');
}

/** Whether `after` lists a kind of resource more often than `before` did. */
function armedSince(before: readonly string[], after: readonly string[]): boolean {
  const counts = new Map<string, number>();
  for (const kind of before) counts.set(kind, (counts.get(kind) ?? 0) + 1);
  for (const kind of after) {
    const left = counts.get(kind) ?? 0;
    if (left === 0) return true;
    counts.set(kind, left - 1);
  }
  return false;
}

/** The run shut down when the loop emptied: the next `beforeExit` comes of the shutdown's own work. */
let ownBeforeExit = false;

function installHooks(): void {
  if (hooksInstalled) return;
  hooksInstalled = true;
  // The event loop is empty: all tasks are done (an unfinished task keeps the loop alive). Stop the pool gently.
  // What keeps the loop alive before the program's own `beforeExit` listeners run, and after (stdio handles are listed
  // though they keep nothing alive: a baseline, not an empty list).
  let before: string[] = [];
  process.prependListener('beforeExit', () => { before = process.getActiveResourcesInfo(); });
  const ending = (): void => {
    if (active?.kind !== 'pool') return;
    // The program's own `beforeExit` listeners (which ran first) armed more work (a timer, a task call): the loop goes
    // on, and empties again later; the run must still be there then (tester np37's exit-v4, runner-v7).
    if (armedSince(before, process.getActiveResourcesInfo())) return;
    // A failure nothing met ends the program as its plain call did: thrown while the run is up, so that the program's
    // handlers find the objects as the calls before it left them (the next time the loop empties, the run stops).
    const lost = active.runtime.meetLostFailure();
    if (lost !== undefined) setImmediate(() => { throw lost; });
    else { programClock.ended = true; ownBeforeExit = true; void shutdown('natural'); }
  };
  process.on('beforeExit', ending);
  // The shutdown keeps the loop going (workers stop, files go) until it empties again: that `beforeExit` is the
  // runtime's, and the plain program, whose loop had emptied once, never saw it (tester np39's beforeexit-v1 printed
  // its listener's line twice; beforeexit-min, calling a task there, ran for ever). Node emits it through process.emit.
  const emit = process.emit;
  process.emit = function (this: NodeJS.Process, event: string | symbol, ...args: unknown[]): boolean {
    if (event === 'beforeExit' && ownBeforeExit) {
      ownBeforeExit = false;
      return false;
    }
    return Reflect.apply(emit, this, [event, ...args]) as boolean;
  } as typeof process.emit;
  // It stays the last: a listener the program adds after the first call (`process.on('beforeExit', flush)` below the
  // code that calls tasks) runs before it, as all the program's do.
  process.on('newListener', (event, listener) => {
    if (event !== 'beforeExit' || listener === ending) return;
    process.removeListener('beforeExit', ending);
    queueMicrotask(() => { process.removeListener('beforeExit', ending); process.on('beforeExit', ending); });
  });
  process.on('exit', own((code: number) => finishNow(`exit (code ${code})`)));
  // The program's own uncaught error, after a task call whose failure nothing met (a fenced call carried to the top
  // level, `prep(r)`, then `bad.length = -1`): the plain program never got there, it died of that call's failure.
  // It dies of it now, that failure met as a wait would meet it (what was printed after the call dropped), printed as
  // Node prints an uncaught error, and not the later error too; the program's `exit` listeners still run. A program
  // that handles uncaught errors (a listener, a capture callback, a domain) gets the task's failure at the end of
  // the run instead (ending, finish), after its own error, as before.
  process.on('uncaughtExceptionMonitor', () => {
    if (active?.kind !== 'pool' || process.listenerCount('uncaughtException') > 0 || process.hasUncaughtExceptionCaptureCallback()) return;
    active.runtime.settleAll();
    const lost = active.runtime.meetLostFailure();
    if (lost === undefined) return;
    printAsUncaught(lost);
    process.exit(1);
  });
  // (No signal listener: one would keep SIGINT/SIGTERM/SIGHUP from ending the process until the main thread is free,
  // while the program's own code runs (np71's min-signal-deferred went on printing for 18 s). The process dies of
  // the signal at once, as the plain program does, and its watcher removes what its runs owned: store/watcher.ts.)
}
