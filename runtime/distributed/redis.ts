/**
 * Connections to the Redis server that carries a distributed run. bullmq and ioredis are required here, and only
 * from runtime/distributed, so a local run never loads them (they are optional peer dependencies).
 *
 * A connection retries for a few seconds after it drops and then gives up: a run must fail with a clear error when
 * its server is gone, not hang reconnecting forever.
 */
import type { Redis, RedisOptions } from 'ioredis';
import { redisModulesMissing, redisUnreachable } from '../errors';
import { realSetTimeout, realSetInterval } from '../real-timers';

export type { Redis };
export type BullMQ = typeof import('bullmq');

/** A server silent this long (stopped, overloaded, a network stall) is said, naming it, on master and machines. */
export const STALL_REPORT_MS = 10_000;
/** Every command fails past this, whatever it is: BullMQ's blocking reads block at most 10 s. A backstop to the watch. */
const COMMAND_TIMEOUT_MS = 30_000;
const RECONNECT_ATTEMPTS = 12;
const RECONNECT_DELAY_MS = 250;
/** How long a server may take to answer the first PING. */
const START_ANSWER_MS = 5000;

function required<T>(name: string): T {
  try {
    return require(name) as T;
  } catch (error) {
    throw redisModulesMissing(error instanceof Error ? error.message.split('\n')[0] : String(error));
  }
}

export function bullmq(): BullMQ { return required<BullMQ>('bullmq'); }

/** Options every connection of a run uses; BullMQ duplicates them for its blocking connections. */
export function connectionOptions(): RedisOptions {
  return {
    lazyConnect: true,
    maxRetriesPerRequest: null, // BullMQ's blocking commands need it; the retry strategy below bounds the wait instead
    commandTimeout: COMMAND_TIMEOUT_MS,
    retryStrategy: (times) => (times > RECONNECT_ATTEMPTS ? null : RECONNECT_DELAY_MS),
  };
}

/** A connected client, or a clear error naming the address. */
export async function connect(url: string): Promise<Redis> {
  const IORedis = required<typeof import('ioredis')>('ioredis').default;
  // At start, one failed attempt is enough to say the server is not there.
  const client = new IORedis(url, { ...connectionOptions(), retryStrategy: () => null });
  let lastError = 'the connection closed';
  client.on('error', (error: Error) => { lastError = error.message; });
  // A server that accepts the connection but never answers (stopped, overloaded) must not hang the start.
  let timer: NodeJS.Timeout | undefined;
  const silent = new Promise<never>((_, reject) => {
    timer = realSetTimeout(() => reject(new Error(`it accepted the connection but did not answer within ${START_ANSWER_MS / 1000} s`)), START_ANSWER_MS);
  });
  try {
    await Promise.race([(async () => { await client.connect(); await client.ping(); })(), silent]);
  } catch (error) {
    client.disconnect();
    throw redisUnreachable(url, error instanceof Error && error.message !== 'Connection is closed.' ? error.message : lastError);
  } finally {
    clearTimeout(timer);
  }
  client.options.retryStrategy = connectionOptions().retryStrategy;
  return client;
}

/**
 * Call `lost` once when the client gives up reconnecting. Errors while it retries are expected and only
 * remembered, so that the message can say what went wrong.
 */
export function onLost(client: Redis, lost: (detail: string) => void): void {
  let lastError = 'the connection closed';
  client.on('error', (error: Error) => { lastError = error.message; });
  client.on('end', () => lost(lastError));
}

export interface StallHooks {
  /** Redis has not answered for `ms` (called at STALL_REPORT_MS, then every `repeatMs` while it lasts). */
  stalled(ms: number): void;
  /** Redis answered again after a stall that was reported; `ms`: how long it lasted. */
  answered(ms: number): void;
}

/**
 * Watch a connected client for a server that stops answering without closing the connection (SIGSTOP, DEBUG SLEEP,
 * an overloaded or half-dead host): a PING once a second on the client itself, so that a PING queued behind a large
 * transfer counts as the transfer's wait. Returns the function that stops watching.
 */
export function watchAnswers(client: Redis, hooks: StallHooks, repeatMs = 30_000): () => void {
  let since: number | undefined;
  let nextReport = STALL_REPORT_MS;
  const tick = realSetInterval(() => {
    const now = Date.now();
    if (since === undefined) {
      if (client.status !== 'ready') return;
      const sent = since = now;
      client.ping().then(() => {
        since = undefined;
        if (nextReport > STALL_REPORT_MS) hooks.answered(Date.now() - sent);
        nextReport = STALL_REPORT_MS;
      }, () => { since = undefined; }); // a failed PING: the connection's own errors say why
      return;
    }
    const waited = now - since;
    if (waited >= nextReport) {
      nextReport = waited + repeatMs;
      hooks.stalled(waited);
    }
  }, 500);
  tick.unref();
  return () => clearInterval(tick);
}

/** How long a stall lasted, for messages: `12 s`, `12.4 s` under a minute. */
export const seconds = (ms: number): string => `${ms < 60_000 ? (ms / 1000).toFixed(1) : Math.round(ms / 1000)} s`;
