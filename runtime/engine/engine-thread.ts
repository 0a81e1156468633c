/**
 * The engine thread: runs the engine (engine.ts) on its own thread, so that scheduling goes on while the main thread
 * is blocked in a synchronous wait. This file only wires it: message batches from a port in, a piscina pool (or the
 * distributed executor) as its executor, messages out through the port, each followed by a bump of a shared counter
 * so that a blocked main thread wakes (Atomics.wait).
 */
import { workerData, type MessagePort } from 'node:worker_threads';
import type { EngineBatch, EngineToMain, ProgramLook, ShmSettings, StdioLook } from '../protocol';
import { Stats } from '../stats';
import { Signal } from './signal';
import { createEngine } from './engine';
import { localExecutor } from './executor';
import type { RemoteSettings } from '../distributed/remote-executor';

export interface EngineData {
  readonly port: MessagePort;
  readonly runDir: string;
  readonly workers: number;
  readonly tasksPerWorker: number;
  readonly workerCacheBytes: number;
  readonly statsBuffer: SharedArrayBuffer;
  readonly signalBuffer: SharedArrayBuffer;
  readonly shm: ShmSettings;
  /** Observers are attached from the start: send RunEvents. */
  readonly observe: boolean;
  /** TASKIFY_TASK_TIMEOUT in milliseconds: the timeout of tasks that set none. */
  readonly defaultTimeoutMs?: number;
  /** Set when TASKIFY_REDIS is: tasks run on `taskify worker` machines instead of a local pool. */
  readonly remote?: RemoteSettings;
  /** The program's terminal, if it has one: pool threads' stdout/stderr look like it. */
  readonly stdio?: StdioLook;
  readonly program?: ProgramLook;
}

const data = workerData as EngineData;
const { port, runDir, remote } = data;
const signal = new Signal(data.signalBuffer);

const engine = createEngine({
  runDir, stats: new Stats(data.statsBuffer), shmPrefix: data.shm.prefix, observe: data.observe, defaultTimeoutMs: data.defaultTimeoutMs,
  executor: (state, hooks) => remote
    // Loaded only here, so that a local run never loads BullMQ or ioredis.
    ? (require('../distributed/remote-executor') as typeof import('../distributed/remote-executor')).remoteExecutor(state, runDir, remote, hooks)
    : localExecutor(state, data),
  send,
});

port.on('message', (batch: EngineBatch) => engine.receive(batch.messages));

function send(message: EngineToMain): void {
  // A version landed in memory moves to the main thread (its buffers are each its own: blob-link.ts getLanded).
  const landed = message.type === 'fetched' ? message.landed : undefined;
  port.postMessage(message, landed ? [landed.head.buffer, landed.body.buffer, landed.tail.buffer] as ArrayBuffer[] : undefined);
  if (message.type === 'fatal') signal.markDead(); // a main thread that sees the flag finds the reason in its port
  else signal.bump(); // after the post: a main thread woken by it must find the message
  if (message.type === 'closed') {
    port.close();
    // Ends this thread now: a client library may keep a socket or timer alive for a while after it closed.
    process.exit(0);
  }
}
