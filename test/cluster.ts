/**
 * A throw-away cluster on this machine for the distributed suites and benchmark: a redis-server of its own on a free
 * loopback port, and `taskify worker` processes standing in for machines. As root, each worker gets its own IPC and
 * mount namespaces with a private /dev/shm (unshare), so that workers share no run directory and no shared-memory
 * segment, as on separate machines: every byte goes through Redis.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';

const cli = join(__dirname, '..', 'runtime', 'cli.js');

/** The suite's cluster secret: machines and masters sign and check every job, answer and announcement with it. */
export const CLUSTER_SECRET = 'taskify-test-cluster-secret';

export interface Cluster {
  readonly url: string;
  readonly port: number;
  readonly workers: ChildProcess[];
  /** Each worker is in namespaces of its own (root with unshare), not merely a process of its own. */
  readonly isolated: boolean;
  addWorker(): Promise<ChildProcess>;
  /** Stop Redis now, as a crash would (SHUTDOWN NOSAVE). */
  stopRedis(): void;
  /** Freeze the redis-server process (SIGSTOP: connections stay open, nothing answers), and thaw it (SIGCONT). */
  pauseRedis(): void;
  resumeRedis(): void;
  /** Redis keys matching the pattern (empty once Redis is stopped). */
  keys(pattern: string): string[];
  stop(): Promise<void>;
}

/** redis-server's path, or undefined (`npm test` installs it: test/system-packages.js). */
export function redisServer(): string | undefined {
  const found = spawnSync('sh', ['-c', 'command -v redis-server'], { encoding: 'utf8' });
  return found.status === 0 ? found.stdout.trim() : undefined;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/**
 * Redis started as README's how-to starts it for large data: with transparent huge pages. redis-server turns them off
 * for itself by default (`disable-thp yes`: a fork for a snapshot would copy 2 MiB pages), which matters only with
 * persistence, off here; and its jemalloc asks for them only when told (`MALLOC_CONF=thp:always`). A 64 MiB blob
 * streamed through it then costs redis-server about half the CPU (about 230 against 110 ms here) and its 4 KiB page
 * faults stop being the floor under every transfer. `REDIS_HUGEPAGES=0` starts it as it ships (a benchmark's other
 * side).
 */
const redisHugePages = process.env.REDIS_HUGEPAGES === '0'
  ? { args: [], env: {} }
  : { args: ['--disable-thp', 'no'], env: { MALLOC_CONF: 'thp:always' } };

const canIsolate = (): boolean =>
  process.getuid?.() === 0 && spawnSync('unshare', ['--ipc', '--mount', 'true']).status === 0;

/**
 * `env`: added to the workers' environment (a benchmark comparing settings); `cli`: another build's taskify command
 * (a benchmark comparing builds), with `root` the directory its workers serve (--root).
 */
export async function startCluster(options: { workers: number; threads: number; env?: NodeJS.ProcessEnv; cli?: string; root?: string }): Promise<Cluster> {
  const server = redisServer();
  if (!server) throw new Error('redis-server not found: `npm test` installs it (test/system-packages.js)');
  const port = await freePort();
  const redis = spawn(server, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', ...redisHugePages.args], { stdio: 'ignore', env: { ...process.env, ...redisHugePages.env } });
  const url = `redis://127.0.0.1:${port}`;
  await until(() => redisCli(port, 'PING') === 'PONG', 5000, `redis-server on port ${port} did not answer`);
  const isolated = canIsolate();
  const workers: ChildProcess[] = [];

  const addWorker = async (): Promise<ChildProcess> => {
    const args = [options.cli ?? cli, 'worker', '--redis', url, '--threads', String(options.threads), ...(options.root ? ['--root', options.root] : [])];
    const env = { ...process.env, ...options.env, TASKIFY_REDIS: '', TASKIFY_SECRET: CLUSTER_SECRET };
    const child = isolated
      ? spawn('unshare', ['--ipc', '--mount', 'sh', '-c', 'mount -t tmpfs tmpfs /dev/shm && exec "$0" "$@"', process.execPath, ...args], { env })
      : spawn(process.execPath, args, { env });
    workers.push(child);
    let stderr = '';
    child.stderr!.on('data', (chunk) => { stderr += chunk; });
    child.stdout!.resume();
    await until(() => stderr.includes('waiting for tasks') || child.exitCode !== null, 10_000, 'a taskify worker did not start');
    if (child.exitCode !== null) throw new Error(`taskify worker exited at start (code ${child.exitCode}): ${stderr}`);
    return child;
  };
  for (let i = 0; i < options.workers; i++) await addWorker();

  return {
    url, port, workers, isolated, addWorker,
    stopRedis: () => { redisCli(port, 'SHUTDOWN', 'NOSAVE'); },
    pauseRedis: () => { redis.kill('SIGSTOP'); },
    resumeRedis: () => { redis.kill('SIGCONT'); },
    keys: (pattern) => (redisCli(port, '--raw', 'KEYS', pattern) ?? '').split('\n').filter(Boolean),
    stop: async () => {
      if (redis.exitCode === null && redis.signalCode === null) redis.kill('SIGCONT'); // a test that froze it may have failed
      await Promise.all(workers.filter((w) => w.exitCode === null && w.signalCode === null).map((w) => {
        const exited = new Promise((resolve) => w.once('exit', resolve));
        w.kill('SIGTERM');
        return exited;
      }));
      if (redis.exitCode !== null || redis.signalCode !== null) return;
      const exited = new Promise((resolve) => redis.once('exit', resolve));
      redis.kill('SIGKILL');
      await exited;
    },
  };
}

function redisCli(port: number, ...args: string[]): string | undefined {
  const run = spawnSync('redis-cli', ['-p', String(port), ...args], { encoding: 'utf8' });
  return run.status === 0 ? run.stdout.trim() : undefined;
}

async function until(done: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const start = Date.now();
  while (!done()) {
    if (Date.now() - start > timeoutMs) throw new Error(what);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
