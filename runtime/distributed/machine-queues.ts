/**
 * The master's link to one machine's job queue (a BullMQ Queue to send its jobs, a QueueEvents listener for their
 * answers), and the answers' checks: an answer counts only when signed with the cluster's secret for its very job.
 */
import type { Queue, QueueEvents } from 'bullmq';
import type { MachineInfo, RemoteReply } from '../protocol';
import { machineJobFailed } from '../errors';
import { bullmq, type Redis } from './redis';
import { verified } from './signing';
import type * as machines from './machines';

/** Completion events kept per machine queue: the master reads them as they come and a machine runs at most its slots. */
const EVENTS_PER_SLOT = 50;
const CLOSE_STEP_MS = 3000;

/** A job sent and not answered. */
export interface Waiting { readonly machine: machines.Machine; resolve(reply: RemoteReply): void; reject(error: Error): void }
export interface Connection { readonly queue: Queue; readonly events: QueueEvents }

/** Opens `info`'s queue and listens for its answers, settling the jobs `waiting` holds (by job id). */
export async function listenToMachine(redis: Redis, info: MachineInfo, secret: string | undefined, waiting: ReadonlyMap<string, Waiting>): Promise<Connection> {
  const { Queue, QueueEvents } = bullmq();
  // A short events stream: the master sends a machine at most its slots' jobs before it reads their completions.
  const queue = new Queue(info.queue, { connection: redis, streams: { events: { maxLen: Math.max(1000, info.slots * EVENTS_PER_SLOT) } } });
  // Read the events stream from its current end, fixed now: QueueEvents' own '$' is taken at its first read,
  // which may come after the completion of a job added meanwhile.
  const [last] = await redis.xrevrange(`${queue.opts.prefix ?? 'bull'}:${info.queue}:events`, '+', '-', 'COUNT', 1);
  const events = new QueueEvents(info.queue, { connection: redis, lastEventId: last?.[0] ?? '0-0' });
  queue.on('error', () => {});
  events.on('error', () => {}); // a lost connection is reported once, by onLost on the main client
  events.on('completed', ({ jobId: id, returnvalue }) => {
    const job = waiting.get(id);
    if (!job) return;
    // An answer counts only when signed with the cluster's secret for this very job (no replay of another's).
    const answer = verified<RemoteReply>(secret, typeof returnvalue === 'string' ? parseJson(returnvalue) : returnvalue);
    if (answer && (!secret || answer.job === id)) job.resolve(answer);
    else job.reject(machineJobFailed(info.id, 'its answer is not signed with this cluster\'s secret for this job: refused'));
  });
  events.on('failed', ({ jobId: id, failedReason }) => {
    waiting.get(id)?.reject(machineJobFailed(info.id, failedReason));
  });
  await events.waitUntilReady();
  return { queue, events };
}

/** A machine's JSON (an announcement, an answer); unreadable is undefined, which the signature check refuses. */
export function parseJson(text: string): unknown {
  try { return JSON.parse(text); } catch { return undefined; }
}

/** Closing must not hang on a server that is gone. */
export function bounded<T>(work: Promise<T>): Promise<T | undefined> {
  return Promise.race([work.catch(() => undefined), new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), CLOSE_STEP_MS).unref())]);
}
