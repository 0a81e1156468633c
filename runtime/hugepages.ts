/**
 * Huge pages for taskify's own processes. Moving a version's bytes is mostly page faults on fresh memory: a 64 MiB
 * buffer touched page by page costs 220-500 ms here in 4 KiB pages, 9-45 ms in 2 MiB ones (README, distributed
 * speed). Linux gives a process transparent huge pages only where it asks for them (madvise) unless the machine
 * set them for everyone, and glibc (2.35 or later) asks for them for its large allocations, which hold Node's
 * buffers, when the environment says GLIBC_TUNABLES=glibc.malloc.hugetlb=1. glibc reads that once as the process
 * starts, and worker threads share their process's malloc: so `taskify worker` starts itself again, once, with it
 * set, and `taskify run` starts the program with it. A program started some other way decides for itself (README).
 * TASKIFY_HUGEPAGES=0 keeps every process as it is.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { Socket } from 'node:net';

export const HUGE_PAGES = 'glibc.malloc.hugetlb=1';
/** The first glibc to read glibc.malloc.hugetlb. */
const FIRST_GLIBC = [2, 35];

/** What the machine offers, read only when asked (a report costs milliseconds). */
export interface System {
  /** glibc's version (process.report's glibcVersionRuntime), undefined where there is no glibc (musl, macOS). */
  glibc(): string | undefined;
  /** /sys/kernel/mm/transparent_hugepage/enabled: `always [madvise] never`, undefined without it. */
  transparentHugePages(): string | undefined;
}

export const thisSystem: System = {
  glibc: () => (process.report?.getReport() as { header?: { glibcVersionRuntime?: string } } | undefined)?.header?.glibcVersionRuntime,
  transparentHugePages: () => {
    try { return readFileSync('/sys/kernel/mm/transparent_hugepage/enabled', 'utf8'); } catch { return undefined; }
  },
};

/**
 * The environment to start a taskify process with so that its large buffers get huge pages, or undefined when
 * it would change nothing: asked not to (TASKIFY_HUGEPAGES=0), GLIBC_TUNABLES already set (its owner chose; and the
 * process started with it is never started again), no glibc or one too old to read the tunable, or a kernel whose
 * transparent huge pages are `never` (none to get) or `always` (every process has them already).
 */
export function hugePagesEnv(env: NodeJS.ProcessEnv = process.env, system: System = thisSystem): NodeJS.ProcessEnv | undefined {
  const wanted = env.TASKIFY_HUGEPAGES;
  if (wanted !== undefined && wanted !== '' && !['0', '1', 'false', 'true'].includes(wanted)) {
    // Loaded only here: `taskify run` of an unchanged program loads as little as it can (run-cache.ts).
    const { badSetting } = require('./errors') as typeof import('./errors');
    throw badSetting('TASKIFY_HUGEPAGES', wanted, 'be 0 or 1');
  }
  if (wanted === '0' || wanted === 'false' || env.GLIBC_TUNABLES !== undefined || process.platform !== 'linux') return undefined;
  if (!/\[madvise\]/.test(system.transparentHugePages() ?? '')) return undefined;
  const [major, minor] = (system.glibc() ?? '').split('.').map(Number);
  if (!(major > FIRST_GLIBC[0] || (major === FIRST_GLIBC[0] && minor >= FIRST_GLIBC[1]))) return undefined;
  return { ...env, GLIBC_TUNABLES: HUGE_PAGES };
}

/** Signals a terminal or a supervisor sends to stop or reload a process: the one started again gets them too. */
const FORWARDED: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGQUIT', 'SIGUSR2'];

/**
 * This very command (same Node options, script and arguments, same standard streams) started again with huge pages,
 * when hugePagesEnv says that changes something; undefined otherwise, and this process goes on. The promise gives
 * the exit code of the one started; if a signal ended it, this process ends by the same signal. Signals this process
 * gets are passed on (a Ctrl-C reaching both is harmless: a worker stops once), and the one started holds a pipe from
 * this process (fd 3, said by TASKIFY_HUGEPAGES_PARENT), so that a SIGKILL here kills it at once too: a machine
 * killed is gone, and its tasks run elsewhere, whichever of its two pids was killed.
 */
export function rerunWithHugePages(env: NodeJS.ProcessEnv = process.env, system: System = thisSystem): Promise<number> | undefined {
  const changed = hugePagesEnv(env, system);
  if (!changed) return undefined;
  const child = spawn(process.execPath, [...process.execArgv, ...process.argv.slice(1)],
    { env: { ...changed, TASKIFY_HUGEPAGES_PARENT: String(process.pid) }, stdio: ['inherit', 'inherit', 'inherit', 'pipe'] });
  (child.stdio[3] as Socket).unref(); // held open, never written: it closes when this process ends, however it ends
  const pass = (signal: NodeJS.Signals) => { child.kill(signal); };
  for (const signal of FORWARDED) process.on(signal, pass);
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code, signal) => {
      for (const s of FORWARDED) process.off(s, pass);
      if (signal) process.kill(process.pid, signal); // no handler left: this process ends as its child did
      resolve(code ?? 1);
    });
  });
}

/**
 * In the process started by rerunWithHugePages: die with the process that started it. Its pipe (fd 3) ends when it
 * ends; it ended by a signal it could not pass on (SIGKILL: any other it passes on and waits), so this process ends as
 * killed too, at once, leaving its tasks to other machines as a killed machine does.
 */
export function followParent(env: NodeJS.ProcessEnv = process.env): void {
  const parent = Number(env.TASKIFY_HUGEPAGES_PARENT);
  delete env.TASKIFY_HUGEPAGES_PARENT; // not passed on to what this process starts
  if (!Number.isInteger(parent) || parent <= 0 || process.ppid !== parent) return;
  let pipe: Socket;
  try { pipe = new Socket({ fd: 3, readable: true, writable: false }); } catch { return; }
  const gone = () => process.kill(process.pid, 'SIGKILL');
  pipe.on('end', gone).on('close', gone).on('error', gone).resume();
  pipe.unref();
}
