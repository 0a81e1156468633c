/**
 * What a killed master or machine left in Redis, removed by the machines as they run (every few seconds) and by
 * `taskify clean --redis <url>`. A run's keys go once its alive key has expired (the master refreshes it while the
 * run lasts); a machine's queue goes once its heartbeat has expired. Live runs and machines are never touched: each
 * is judged by its own key's presence, not by time alone.
 */
import type { Redis } from './redis';
import { bullmq } from './redis';
import { deleteRunKeys } from './blobs';
import { MACHINES, RUNS, machineKey, machineQueue, runAlive } from './names';

const RUN_KEY = /^taskify:run:([^:]+):/;
const MACHINE_QUEUE = /^bull:taskify-machine-(.+):meta$/;

export interface RedisCleaning { readonly runs: string[]; readonly machines: string[]; readonly keys: number }

/** Runs registered in `taskify:runs` whose master stopped refreshing their alive key: their keys go. */
export async function removeAbandonedRuns(redis: Redis): Promise<{ runs: string[]; keys: number }> {
  return removeRuns(redis, await redis.smembers(RUNS));
}

/** Machines in `taskify:machines` whose heartbeat expired (killed, or their host died): their queues go. */
export async function removeDeadMachines(redis: Redis): Promise<string[]> {
  const ids = await redis.smembers(MACHINES);
  if (ids.length === 0) return [];
  const beats = await redis.mget(...ids.map(machineKey));
  return removeMachines(redis, ids.filter((_, i) => beats[i] === null));
}

/** Everything `removeAbandonedRuns` and `removeDeadMachines` find, and keys of runs and queues found by a scan. */
export async function cleanRedis(redis: Redis): Promise<RedisCleaning> {
  const runs = new Set<string>(await redis.smembers(RUNS));
  const queues = new Set<string>(await redis.smembers(MACHINES));
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', '*taskify*', 'COUNT', 1000);
    cursor = next;
    for (const key of keys) {
      const run = RUN_KEY.exec(key)?.[1];
      if (run) runs.add(run);
      const machine = MACHINE_QUEUE.exec(key)?.[1];
      if (machine) queues.add(machine);
    }
  } while (cursor !== '0');
  const removed = await removeRuns(redis, [...runs]);
  const dead: string[] = [];
  for (const machine of queues) if (!(await redis.exists(machineKey(machine)))) dead.push(machine);
  return { ...removed, machines: await removeMachines(redis, dead) };
}

async function removeRuns(redis: Redis, runs: readonly string[]): Promise<{ runs: string[]; keys: number }> {
  const removed: string[] = [];
  let keys = 0;
  for (const run of runs) {
    if (await redis.exists(runAlive(run))) continue;
    keys += await deleteRunKeys(redis, run);
    await redis.srem(RUNS, run);
    removed.push(run);
  }
  return { runs: removed, keys };
}

/** Removes these machines' queues and takes them out of the set (they must be known dead). */
export async function removeMachines(redis: Redis, ids: readonly string[]): Promise<string[]> {
  const { Queue } = bullmq();
  for (const id of ids) {
    const queue = new Queue(machineQueue(id), { connection: redis, skipMetasUpdate: true });
    queue.on('error', () => {});
    try {
      await queue.obliterate({ force: true });
    } finally {
      await queue.close();
    }
    await redis.srem(MACHINES, id);
  }
  return [...ids];
}
