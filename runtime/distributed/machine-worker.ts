/**
 * `taskify worker --redis redis://host:port`: this machine joins distributed runs. It announces itself (a heartbeat
 * key the masters watch), takes jobs from a BullMQ queue of its own, and runs each task on a local piscina pool,
 * never on this process's event loop, which must stay free to renew the jobs' locks. Runs are kept apart, each with
 * its own directory and pool, and dropped when their master announces the end (or goes quiet for long).
 */
import { hostname } from 'node:os';
import type { Job } from 'bullmq';
import type { MachineInfo, RemoteJob, RemoteReply } from '../protocol';
import { bullmq, connect, onLost, seconds, watchAnswers } from './redis';
import { MachineRun, MachineStore, type MachineRunSettings } from './machine-run';
import { MACHINES, RUN_ENDED, machineKey, machineQueue, newAttemptId, newMachineId, runAlive } from './names';
import { redisStalled, shownUrl } from '../errors';
import { refusalOf } from './job-check';
import { removeAbandonedRuns, removeDeadMachines } from './redis-clean';
import { checksumSeed } from './checksum';
import { checkSecretPolicy, clusterSecret, sign, verified } from './signing';

const shownId = (id: unknown): string => JSON.stringify(id)?.slice(0, 60) ?? String(id);

export interface MachineOptions extends Omit<MachineRunSettings, 'tasksPerThread' | 'checksumSeed' | 'secret'> {
  readonly url: string;
  /** Programs' task modules must lie under it (`--root`, default the working directory): see job-check.ts. */
  readonly root: string;
  /** How often runs without running tasks are checked: one whose master is gone (killed, say) is dropped. */
  readonly idleRunMs: number;
}

const HEARTBEAT_MS = 1000;
/** A machine silent this long is taken for dead and its tasks run elsewhere. */
const HEARTBEAT_TTL_MS = 3000;
/** BullMQ's lock settings measured to recover a stalled job in about 4.5 s. */
const LOCK_DURATION_MS = 5000;
const STALLED_INTERVAL_MS = 2000;
const TASKS_PER_THREAD = 2;
/** How often a machine removes what killed masters and machines left in Redis. */
const CLEAN_MS = 5000;

export async function serveMachine(options: MachineOptions): Promise<void> {
  const secret = clusterSecret();
  checkSecretPolicy(options.url, secret, 'taskify worker');
  const redis = await connect(options.url);
  const id = newMachineId();
  const info: MachineInfo = { id, host: hostname(), pid: process.pid, queue: machineQueue(id), slots: options.threads * TASKS_PER_THREAD };
  const runs = new Map<string, MachineRun>();
  const settings: MachineRunSettings = { ...options, tasksPerThread: TASKS_PER_THREAD, checksumSeed: checksumSeed(secret), secret };
  let stopping = false;

  // One directory and one pool of threads for every run this machine serves (machine-run.ts).
  const store = new MachineStore(settings, options.url, redis);
  const runOf = (run: string): MachineRun => {
    let place = runs.get(run);
    if (!place) { place = new MachineRun(run, settings, store); runs.set(run, place); }
    return place;
  };
  const endRun = async (run: string): Promise<void> => {
    const place = runs.get(run);
    if (!place) return;
    runs.delete(run);
    place.close();
  };

  const { Worker } = bullmq();
  const worker = new Worker<RemoteJob, RemoteReply>(info.queue, async (job: Job<RemoteJob>) => {
    const data = verified<RemoteJob>(secret, job.data);
    const refusal = data ? refusalOf(data, options.root) : 'it is not signed with this cluster\'s secret';
    if (!data || refusal) {
      process.stderr.write(`taskify worker ${id}: refused job ${shownId(job.id)}: ${refusal}\n`);
      throw new Error(`machine ${id} refused the job: ${refusal}`);
    }
    const place = runOf(data.run);
    place.active++;
    try {
      return sign(secret, { ...await place.execute(data, newAttemptId()), job: job.id });
    } finally {
      place.active--;
      place.lastUsed = Date.now();
    }
  }, {
    connection: redis, concurrency: info.slots, lockDuration: LOCK_DURATION_MS, stalledInterval: STALLED_INTERVAL_MS,
    autorun: false,
  });
  worker.on('error', () => {}); // a lost connection is reported once, below

  const beat = async () => {
    await redis.multi().set(machineKey(id), JSON.stringify(sign(secret, info)), 'PX', HEARTBEAT_TTL_MS).sadd(MACHINES, id).exec();
  };
  const subscriber = redis.duplicate();
  subscriber.on('error', () => {});
  subscriber.on('message', (_channel: string, run: string) => { void endRun(run); });
  await subscriber.subscribe(RUN_ENDED);
  await worker.waitUntilReady();
  await beat();
  const heartbeat = setInterval(() => { beat().catch(() => {}); }, HEARTBEAT_MS);
  // What killed masters and machines left: removed by every machine, so nothing piles up while no one cleans.
  let cleaning = false;
  const clean = setInterval(() => {
    if (cleaning || stopping) return;
    cleaning = true;
    Promise.all([removeAbandonedRuns(redis), removeDeadMachines(redis)]).then(([{ runs: gone }]) => {
      for (const run of gone) if (runs.get(run)?.active === 0) void endRun(run);
    }, () => {}).finally(() => { cleaning = false; });
  }, CLEAN_MS);
  const sweep = setInterval(() => {
    for (const [run, place] of runs) {
      if (place.active > 0 || Date.now() - place.lastUsed < options.idleRunMs) continue;
      redis.exists(runAlive(run)).then((alive) => { if (!alive && place.active === 0) void endRun(run); }, () => {});
    }
  }, options.idleRunMs);
  const unwatch = watchAnswers(redis, {
    stalled: (ms) => process.stderr.write(`taskify worker ${id}: ${redisStalled(options.url, seconds(ms), 'waiting for it')}\n`),
    answered: (ms) => process.stderr.write(`taskify worker ${id}: Redis at ${shownUrl(options.url)} answers again, after ${seconds(ms)}\n`),
  });
  void worker.run();
  process.stderr.write(`taskify worker ${id}: ${options.threads} thread(s), ${info.slots} task slots, waiting for tasks at ${shownUrl(options.url)}\n`);

  const stop = async (code: number, message?: string) => {
    if (stopping) return;
    stopping = true;
    if (message) process.stderr.write(message + '\n');
    clearInterval(sweep);
    clearInterval(clean);
    unwatch();
    // Running tasks finish first (boundedly); the masters then see the heartbeat go and send queued ones elsewhere.
    await Promise.race([worker.close(), delay(LOCK_DURATION_MS)]);
    clearInterval(heartbeat);
    if (redis.status === 'ready') {
      await redis.multi().del(machineKey(id)).srem(MACHINES, id).exec().catch(() => {});
      // The queue is this machine's alone: a clean exit leaves no key behind (the masters send what it held elsewhere).
      const { Queue } = bullmq();
      const queue = new Queue(info.queue, { connection: redis });
      queue.on('error', () => {});
      await Promise.race([queue.obliterate({ force: true }).then(() => queue.close()), delay(LOCK_DURATION_MS)]).catch(() => {});
    }
    for (const run of [...runs.keys()]) await endRun(run);
    await store.close();
    subscriber.disconnect();
    redis.disconnect();
    process.exit(code);
  };
  process.on('SIGINT', () => void stop(0));
  process.on('SIGTERM', () => void stop(0));
  onLost(redis, (detail) => void stop(1, `taskify worker ${id}: lost the connection to Redis at ${shownUrl(options.url)} (${detail}); stopping`));
}

const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref());
