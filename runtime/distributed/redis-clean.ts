/**
 * `taskify clean --redis <url>`: what a killed master or machine left in Redis. A run's keys go once its alive key has
 * expired (the master refreshes it while the run lasts); a machine's queue goes once its heartbeat has expired. Live
 * runs and machines are never touched: each is judged by its own key's presence, not by time alone.
 */
import type { Redis } from './redis';
import { bullmq } from './redis';
import { deleteRunKeys } from './blobs';
import { MACHINES, machineKey, runAlive } from './names';

const RUN_KEY = /^taskify:run:([^:]+):/;
const MACHINE_QUEUE = /^bull:taskify-machine-(.+):meta$/;

export interface RedisCleaning { readonly runs: string[]; readonly machines: string[]; readonly keys: number }

export async function cleanRedis(redis: Redis): Promise<RedisCleaning> {
  const runs = new Set<string>();
  const queues = new Set<string>();
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
  for (const machine of await redis.smembers(MACHINES)) queues.add(machine);

  const removedRuns: string[] = [];
  let keys = 0;
  for (const run of runs) {
    if (await redis.exists(runAlive(run))) continue;
    keys += await deleteRunKeys(redis, run);
    removedRuns.push(run);
  }
  const removedMachines: string[] = [];
  const { Queue } = bullmq();
  for (const machine of queues) {
    if (await redis.exists(machineKey(machine))) continue;
    const queue = new Queue(`taskify-machine-${machine}`, { connection: redis });
    queue.on('error', () => {});
    await queue.obliterate({ force: true });
    await queue.close();
    await redis.srem(MACHINES, machine);
    removedMachines.push(machine);
  }
  return { runs: removedRuns, machines: removedMachines, keys };
}
