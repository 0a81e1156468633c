/**
 * The engine thread: owns the task graph and the worker pool, so that scheduling goes on while the main
 * thread is blocked in a synchronous wait. It hears from the main thread in batches, tells it about finished
 * tasks, and bumps a shared counter after each message so that a blocked main thread wakes (Atomics.wait).
 */
import { workerData, type MessagePort } from 'node:worker_threads';
import type {
  EngineBatch, EngineToMain, MainToEngine, RroCounts, RunEvent, SerializedError, ShmSettings, TaskDef, TaskOutcome, WireArg,
  WorkerArg, WorkerReply, WorkerRun, WorkerTask,
} from '../protocol';
import { versionKey } from '../protocol';
import { serializeError, workerDied } from '../errors';
import { removeVersion } from '../store/version-file';
import { removeSegment } from '../store/segments';
import { Stats } from '../stats';
import { epochNow } from '../observe/hooks';
import * as graph from './graph';
import { Signal } from './signal';
import { localExecutor, type Executor, type ExecutorHooks } from './executor';
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
  /** Set when TASKIFY_REDIS is: tasks run on `taskify worker` machines instead of a local pool. */
  readonly remote?: RemoteSettings;
}

const MAX_ATTEMPTS = 2;

const data = workerData as EngineData;
const { port, runDir } = data;
const stats = new Stats(data.statsBuffer);
const signal = new Signal(data.signalBuffer);
const state = graph.emptyGraph();
const defs = new Map<number, TaskDef>();
const outbox: TaskOutcome[] = [];
/** RunEvents for the main thread's observers; filled only while `observing`, so that watching costs nothing when off. */
const events: RunEvent[] = [];
let observing = data.observe;
/** Versions some task read as @rro: they may have a shared-memory segment to remove when they die. */
const rroVersions = new Set<string>();
let warnedAboutShm = false;
let inFlight = 0;
let closing = false;

const hooks: ExecutorHooks = {
  capacityChanged: () => guarded(() => { dispatch(); flush(); }),
  fatal: (error) => guarded(() => { throw error; }),
};
const executor: Executor = data.remote
  // Loaded only here, so that a local run never loads BullMQ or ioredis.
  ? (require('../distributed/remote-executor') as typeof import('../distributed/remote-executor')).remoteExecutor(state, runDir, data.remote, hooks)
  : localExecutor(state, data);

port.on('message', (batch: EngineBatch) => guarded(() => {
  for (const message of batch.messages) handle(message);
  dispatch();
  flush();
}));

function handle(message: MainToEngine): void {
  switch (message.type) {
    case 'define': defs.set(message.def.id, message.def); return;
    case 'submit': apply(graph.addTask(state, message)); return;
    case 'delete': apply(graph.deleteData(state, message.data)); return;
    case 'observe': observing = message.enabled; return;
    case 'fetch': fetch(message.key); return;
    case 'shutdown': void close(); return;
  }
}

function dispatch(freedWorker?: number): void {
  while (!closing && inFlight < executor.capacity()) {
    const node = graph.takeReady(state, freedWorker);
    if (!node) return;
    freedWorker = undefined;
    run(node);
  }
}

function run(node: graph.TaskNode): void {
  graph.startTask(state, node.id);
  const def = defs.get(node.def)!;
  let args: WorkerArg[];
  try {
    args = node.args.map((arg, i) => toWorkerArg(arg, def.rro[i] ?? false, def.ownBuffer[i] ?? false));
  } catch (error) {
    fail(node, serializeError(error), 'threw');
    return;
  }
  const message: WorkerTask = { taskId: node.id, module: def.module, name: def.name, runDir, args, result: node.result };
  inFlight++;
  if (observing) events.push({ kind: 'start', time: epochNow(), taskId: node.id, queued: state.ready.length, running: inFlight });
  executor.run(node, message).then(
    (reply: WorkerReply) => guarded(() => onReply(node, reply)),
    (error: unknown) => guarded(() => onCrash(node, error)),
  );
}

/** Arguments as a worker reads them; a primitive result of an earlier task is passed by value. */
function toWorkerArg(arg: WireArg, rro: boolean, own: boolean): WorkerArg {
  if ('value' in arg) return arg;
  if ('collection' in arg) return { collection: arg.collection.map((item) => toWorkerArg(item, false, false)) };
  const read = arg.read !== undefined ? versionKey(arg.data, arg.read) : undefined;
  const inline = read !== undefined ? state.versions.get(read)?.inline : undefined;
  if (inline) {
    if (arg.write !== undefined) {
      throw new TypeError(`a Future whose value is a primitive (${typeof inline.value}) cannot be passed as inout/out: ` +
        'primitives are always passed by value; pass the value as an in argument and return the new one');
    }
    return { value: inline.value };
  }
  if (rro && read !== undefined) rroVersions.add(read);
  return {
    read, write: arg.write !== undefined ? versionKey(arg.data, arg.write) : undefined, shape: arg.shape, rro: rro || undefined,
    own: own || undefined, root: arg.root, view: arg.view, ref: arg.ref,
  };
}

function onReply(node: graph.TaskNode, reply: WorkerReply): void {
  inFlight--;
  stats.add('inWorkers');
  stats.add('workerBytesRead', reply.bytesRead);
  stats.add('workerBytesWritten', reply.bytesWritten);
  stats.add('loadMs', reply.times.load);
  stats.add('runMs', reply.times.run);
  stats.add('storeMs', reply.times.store);
  if (reply.fetchedBytes) stats.add('machineBytesFetched', reply.fetchedBytes);
  if (reply.rro) countRro(reply.rro);
  graph.recordHolding(state, reply.worker, reply.cached, reply.evicted);
  if (reply.ok) {
    if (observing) events.push({ kind: 'end', time: epochNow(), taskId: node.id, run: workerRun(reply) });
    apply(graph.finishTask(state, node.id, reply.written, reply.inline ? { value: reply.value } : undefined));
    outbox.push({ taskId: node.id, ok: true, value: reply.value, inline: reply.inline });
  } else {
    fail(node, reply.error, 'threw', reply);
  }
  dispatch(reply.worker);
  flush();
}

function workerRun(reply: WorkerReply): WorkerRun {
  return {
    worker: reply.worker, startedAt: reply.startedAt, phases: reply.times, bytesRead: reply.bytesRead,
    bytesWritten: reply.bytesWritten, rro: reply.rro,
  };
}

function countRro(counts: RroCounts): void {
  stats.add('rroHits', counts.hits);
  stats.add('rroAttaches', counts.attaches);
  stats.add('rroCreations', counts.creations);
  stats.add('rroFallbacks', counts.fallbacks);
  stats.add('rroBytesMapped', counts.bytesMapped);
  if (counts.fallbackReason !== undefined && !warnedAboutShm) {
    warnedAboutShm = true;
    process.stderr.write(`taskify: warning: @rro arguments are read from their files instead of shared memory: ` +
      `${counts.fallbackReason}. Results are the same; only the sharing is lost.\n`);
  }
}

/** The worker died under the task (process.exit, a crash): piscina replaced it; run the task once more. */
function onCrash(node: graph.TaskNode, error: unknown): void {
  inFlight--;
  if (closing) return;
  const detail = error instanceof Error ? error.message : String(error);
  if (node.attempts < MAX_ATTEMPTS) {
    stats.add('retried');
    graph.requeueTask(state, node.id);
  } else {
    fail(node, workerDied(node.attempts, detail), 'worker died');
  }
  dispatch();
  flush();
}

/** The task failed: its waiter hears why, and everything downstream of it is cancelled. */
function fail(node: graph.TaskNode, error: SerializedError, cause: 'threw' | 'worker died', reply?: WorkerReply): void {
  stats.add('failed');
  if (observing) {
    events.push({ kind: 'error', time: epochNow(), taskId: node.id, message: error.message, cause, run: reply && workerRun(reply) });
  }
  outbox.push({ taskId: node.id, ok: false, error });
  apply(graph.failTask(state, node.id, reply?.written.map((w) => w.key)));
}

function apply(effects: graph.Effects): void {
  if (observing) {
    const time = epochNow();
    for (const taskId of effects.ready) events.push({ kind: 'ready', time, taskId, queued: state.ready.length });
    for (const { key, bytes } of effects.released) events.push({ kind: 'release', time, key, bytes });
  }
  for (const version of effects.released) {
    removeVersion(runDir, version.key); // also a failed writer's partial output; a missing file is fine
    if (rroVersions.delete(version.key)) removeSegment(data.shm.prefix, version.key);
    executor.released(version.key, version.holders);
    stats.add('versionsReleased');
  }
  for (const { taskId, key, failedTask } of effects.cancelled) {
    stats.add('failed');
    if (observing) {
      events.push({ kind: 'error', time: epochNow(), taskId, message: `depends on ${key}, produced downstream of failed task #${failedTask}`, cause: 'dependency' });
    }
    outbox.push({
      taskId, ok: false, failedDependency: { taskId: failedTask, key },
      error: { name: 'TaskifyError', message: `depends on ${key}, produced downstream of failed task #${failedTask}`, props: {} },
    });
  }
}

function flush(): void {
  if (outbox.length === 0 && events.length === 0) return;
  send(events.length === 0 ? { type: 'done', outcomes: outbox.splice(0) } : { type: 'done', outcomes: outbox.splice(0), events: events.splice(0) });
}

function send(message: EngineToMain): void {
  port.postMessage(message);
  signal.bump(); // after the post: a main thread woken by it must find the message
}

/** The main thread is about to read a version from the run directory: bring it there first (remote runs). */
function fetch(key: string): void {
  executor.fetch(key).then(
    () => guarded(() => send({ type: 'fetched', key })),
    (error: unknown) => guarded(() => send({ type: 'fetched', key, error: serializeError(error) })),
  );
}

async function close(): Promise<void> {
  closing = true;
  await executor.close();
  send({ type: 'closed' });
  port.close();
  // Ends this thread now: a client library may keep a socket or timer alive for a while after it closed.
  process.exit(0);
}

function guarded(body: () => void): void {
  try {
    body();
  } catch (error) {
    send({ type: 'fatal', error: serializeError(error) });
    signal.markDead(); // after the message: a main thread that sees the flag finds the reason in its port
    throw error;
  }
}
