/**
 * What a run owns on this machine, and how it keeps owning it: its run directory, its segment prefix, the leases
 * that guard both (lease.ts), and the process-wide watcher that removes them if the program dies (watcher.ts). Both
 * the program's runtime and a `taskify worker` machine's runs open one; close() at the end of the run.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { setPriority } from 'node:os';
import { writeFileSync } from 'node:fs';
import { LEASE_REFRESH_MS, refreshLease } from './lease';
import { createRunDir, leaseOf, removeRunDir, runIdOf } from './run-dir';
import { createSegmentLease, newSegmentPrefix, removeRunSegments, removeStaleSegments, segmentLease } from './segments';
import type { WatcherMessage } from './watcher';
import { realSetInterval } from '../real-timers';

export class OwnedRun {
  readonly dir: string;
  /** Names of this run's shared-memory segments start with it; it holds the run's secret (see segments.ts). */
  readonly segmentPrefix: string;
  private readonly leases: string[];
  private readonly refresher: NodeJS.Timeout;
  private closed = false;

  /** `fromEnv`: TASKIFY_STORE chose `root` (an unusable store is said naming it). */
  constructor(root: string, fromEnv = false) {
    removeStaleSegments();
    this.dir = createRunDir(root, fromEnv); // removes abandoned run directories first
    const runId = runIdOf(this.dir);
    this.segmentPrefix = newSegmentPrefix(runId);
    this.leases = [leaseOf(this.dir)];
    if (createSegmentLease(runId)) this.leases.push(segmentLease(runId));
    tellWatcher({ watch: { dir: this.dir, segmentPrefix: this.segmentPrefix, leases: this.leases } });
    // The program refreshes its leases too whenever its event loop runs, so that a watcher killed on its own does
    // not make a live run look abandoned (it cannot while blocked in a wait: the watcher does then).
    this.refresher = realSetInterval(() => this.refresh(), LEASE_REFRESH_MS).unref();
  }

  /** Removes everything of the run; the watcher forgets it. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.refresher);
    removeRunSegments(this.segmentPrefix);
    removeRunDir(this.dir);
    tellWatcher({ release: this.dir });
  }

  private refresh(): void { for (const lease of this.leases) refreshLease(lease); }
}

let watcher: ChildProcess | undefined;

/** The watcher's pid (tests kill it to leave a run's files behind). */
export const watcherPid = (): number | undefined => watcher?.pid;

/**
 * Starts this process's watcher if it is not running yet. The runtime calls it when it is loaded, not at the first
 * task: spawning forks this process, which costs time in proportion to its memory (and write faults on every page
 * afterwards: 29 ms and then 145 ms for a 512 MiB array here), so it is done while the program is still small.
 *
 * Spawned detached (a session of its own: no terminal signal reaches it), with its stdin a pipe from us and no other
 * stdio; the child and the pipe are unref'd, so the watcher never keeps the program alive. NODE_OPTIONS is cleared:
 * the program's --require hooks or inspector have no business in it. A watcher that cannot start is not fatal: the
 * run works, only a crash would leave files behind for clean-up.
 */
export function startWatcher(): void {
  if (watcher) return;
  try {
    watcher = spawn(process.execPath, [join(__dirname, 'watcher.js')], {
      detached: true, stdio: ['pipe', 'ignore', 'ignore'], env: { ...process.env, NODE_OPTIONS: '' },
    });
  } catch {
    return;
  }
  if (watcher.pid !== undefined) lowestPriority(watcher.pid);
  watcher.on('error', () => { /* reported by its absence: see above */ });
  watcher.stdin?.on('error', () => { /* the watcher is gone; nothing to tell it */ });
  watcher.unref();
  (watcher.stdin as unknown as { unref?: () => void } | null)?.unref?.();
}

/**
 * The watcher's start-up (a node process: some 40 ms of CPU) must not slow the program's pool, which starts beside it,
 * and its work (a lease refreshed every 2 s, a clean-up at the end) is never urgent. Nice 19; and since it runs in a
 * session of its own, which Linux schedules as a group of its own (autogroup) sharing the CPU equally with the
 * program's, that group's nice too. Either may be refused; the watcher then just runs at normal priority.
 */
function lowestPriority(pid: number): void {
  try { setPriority(pid, 19); } catch { /* refused */ }
  try { writeFileSync(`/proc/${pid}/autogroup`, '19'); } catch { /* no autogroup here, or refused */ }
}

/** A short line on a pipe: written at once (libuv tries the write before queueing it), even from an exit handler. */
function tellWatcher(message: WatcherMessage): void {
  startWatcher();
  watcher?.stdin?.write(JSON.stringify(message) + '\n');
}
