/**
 * The watcher: a small process beside each taskify program, so that whatever way the program ends — including
 * deaths no handler sees: kill -9, a crash, a signal (the runtime listens for none: api/lifecycle.ts) — the run
 * directories and shared-memory segments of its runs go at once.
 *
 * The program holds the write end of this process's stdin. It sends one JSON line per run it opens ({"watch":
 * WatchSpec}) and closes ({"release": dir}). The kernel closes the pipe when the program dies, of anything, so
 * end-of-file here means "the program is over": remove what its open runs owned, then exit. Meanwhile it refreshes
 * those runs' leases (lease.ts), so that clean-up elsewhere never takes a live run's files, even while the program's
 * own thread is blocked. It ignores SIGINT/SIGTERM/SIGHUP: a Ctrl-C sent to the terminal's process group must not
 * take it down before the program it watches (it also runs in a session of its own, see owned-run.ts).
 *
 * What it is told comes through the pipe, not the command line every user can read: segment prefixes are secrets.
 */
import { LEASE_REFRESH_MS, refreshLease } from './lease';
import { removeRunDir } from './run-dir';
import { removeRunSegments } from './segments';

export interface WatchSpec {
  readonly dir: string;
  readonly segmentPrefix: string;
  readonly leases: readonly string[];
}

export type WatcherMessage = { readonly watch: WatchSpec } | { readonly release: string };

function watch(): void {
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => {});
  const runs = new Map<string, WatchSpec>();
  const timer = setInterval(() => {
    for (const run of runs.values()) for (const lease of run.leases) refreshLease(lease);
  }, LEASE_REFRESH_MS);
  let pending = '';
  let done = false;
  const finish = () => {
    if (done) return;
    done = true;
    clearInterval(timer);
    for (const run of runs.values()) {
      removeRunSegments(run.segmentPrefix); // with their lease, which said they were someone's
      removeRunDir(run.dir);
    }
    process.exit(0);
  };
  process.stdin.setEncoding('utf8');
  process.stdin.on('data', (chunk: string) => {
    const lines = (pending + chunk).split('\n');
    pending = lines.pop()!;
    for (const line of lines) {
      const message = JSON.parse(line) as WatcherMessage;
      if ('watch' in message) runs.set(message.watch.dir, message.watch);
      else runs.delete(message.release);
    }
  });
  process.stdin.on('end', finish);
  process.stdin.on('close', finish);
  process.stdin.on('error', finish);
}

if (require.main === module) watch();
