/**
 * The master's side of a distributed run (TASKIFY_REDIS): ready tasks go as plain BullMQ jobs to the queue of one
 * machine (`taskify worker`), chosen like a pool thread is locally: a free one holding most of the task's input
 * bytes. Completions come back through one QueueEvents listener per machine queue. The engine keeps the graph; this
 * file only places tasks, moves versions' bytes (inline in the job when small, else Redis blobs) and notices
 * machines that join and die.
 *
 * Faults. A machine keeps a heartbeat key alive; when it expires, every task sent there is reported to the engine
 * as crashed, which runs it again elsewhere. Each attempt is its own job id and writes its outputs under its own
 * blob keys, and only the answer to the current job id is used, so a late answer from an attempt given up on
 * changes nothing. Losing Redis fails the run through `hooks.fatal`.
 */
import { existsSync, writeSync } from 'node:fs';
import type { Queue, QueueEvents } from 'bullmq';
import { checkedVersionKey, readKeys, type LandedVersion, type MachineInfo, type RemoteJob, type RemoteReply, type VersionSource, type WorkerArg, type WorkerReply, type WorkerTask } from '../protocol';
import { copyVersionFile, type Executor, type ExecutorHooks, type RunOptions } from '../engine/executor';
import * as graph from '../engine/graph';
import { machineJobFailed, machineLost, redisLost, redisStalled, shownUrl, TaskifyError } from '../errors';
import { versionPath, writeEncoded } from '../store/version-file';
import { bullmq, connect, onLost, seconds, watchAnswers, type Redis } from './redis';
import { sign, verified } from './signing';
import { deleteBlob, deleteRunKeys, fetchToFile, inlineBytes, publishFile, sourceProblem } from './blobs';
import { BlobLink } from './blob-link';
import { MainUploads } from './main-uploads';
import { checksumSeed } from './checksum';
import * as machines from './machines';
import { MACHINES, RUNS, RUN_ENDED, blobKey, jobId, machineKey, newRunId, runAlive } from './names';
import { removeMachines } from './redis-clean';

export interface RemoteSettings {
  readonly url: string;
  /** Expiry of the run's keys: a safety net for a master killed before it could delete them. */
  readonly ttlSeconds: number;
  /** The cluster secret (signing.ts); absent only with Redis on loopback. */
  readonly secret?: string;
}

const POLL_MS = 1000;
/**
 * Machines remove the keys of a run whose alive key is gone (its master was killed): longer than a stall the run
 * survives (STALL_FAIL_MS: a frozen Redis expires keys by the wall clock once it thaws), and than the poll's wait
 * behind large transfers on its connection.
 */
const RUN_ALIVE_MS = 30 * POLL_MS;
/** Completion events kept per machine queue: the master reads them as they come and a machine runs at most its slots. */
const EVENTS_PER_SLOT = 50;
/** What a Redis client's commands fail with once its connection went (ioredis, net). */
const CONNECTION_LOST = /Connection is closed|ECONNRESET|ECONNREFUSED|EPIPE|Stream isn't writeable/;
const NO_MACHINE_WARNING_MS = 5000;
const CLOSE_STEP_MS = 3000;
/** A Redis silent this long fails the run (it is said at 10 s: redis.ts STALL_REPORT_MS). */
const STALL_FAIL_MS = 25_000;

interface Waiting { readonly machine: machines.Machine; resolve(reply: RemoteReply): void; reject(error: Error): void }
interface Connection { readonly queue: Queue; readonly events: QueueEvents }

export function remoteExecutor(state: graph.GraphState, runDir: string, settings: RemoteSettings, hooks: ExecutorHooks): Executor {
  return new RemoteExecutor(state, runDir, settings, hooks);
}

class RemoteExecutor implements Executor {
  private readonly runId = newRunId();
  private readonly seed: bigint;
  /** Large version bytes to and from Redis (blob-link.ts). */
  private readonly link: BlobLink;
  /** The task function that wrote each live version held in Redis, for errors about its data. */
  private readonly producers = new Map<string, string>();
  private redis?: Redis;
  private readonly machines = machines.emptyMachines();
  private readonly connections = new Map<string, Connection>();
  /** Jobs sent and not answered, by job id. */
  private readonly waiting = new Map<string, Waiting>();
  /** Where each live version's bytes are, once something outside this machine needed them. */
  private readonly sources = new Map<string, VersionSource>();
  /** Versions the main thread wrote, published for the machines. */
  private readonly uploads: MainUploads;
  /** Machines whose announcement was not signed with the secret (said once each). */
  private readonly strangers = new Set<string>();
  /** The machine each sent task went to, until it is answered. */
  private readonly placed = new Map<number, string>();
  private poll?: NodeJS.Timeout;
  private unwatch?: () => void;
  /** Queues of dead machines are being removed. */
  private removing = false;
  private closed = false;
  /** Redis was lost or stalled past STALL_FAIL_MS: the run failed (said once). */
  private failed = false;
  private waitingSince = Date.now();
  private readonly started: Promise<void>;

  constructor(private readonly state: graph.GraphState, private readonly runDir: string,
    private readonly settings: RemoteSettings, private readonly hooks: ExecutorHooks) {
    this.seed = checksumSeed(settings.secret);
    this.link = new BlobLink(settings.url, settings.secret);
    this.uploads = new MainUploads((key, cancelled) => publishFile(this.redis!, this.link, this.runId, blobKey(this.runId, key, 'm'),
      this.runDir, key, this.settings.ttlSeconds, this.seed, cancelled), this.sources, () => this.closed);
    this.started = this.start().catch((error: Error) => this.hooks.fatal(error));
  }

  capacity(): number { return machines.capacity(this.machines); }

  /**
   * An aborted task (timed out, cancelled) is given up here at once; its machine stops a timed one itself (the job
   * carries the timeout), and an answer that comes anyway is ignored like any given-up attempt's.
   */
  async run(node: graph.TaskNode, message: WorkerTask, options: RunOptions): Promise<WorkerReply> {
    const machine = machines.place(this.machines, (number) => graph.bytesHeldBy(this.state, node, number));
    if (!machine) throw new Error('no machine has a free slot'); // the engine stays within capacity(): not reached
    const id = jobId(this.runId, node.id, node.attempts);
    machine.running.add(node.id);
    try {
      const sources = await this.sourcesFor(message.args, machine);
      if (!this.machines.byId.has(machine.info.id)) throw machineLost(machine.info.id, 'its heartbeat stopped');
      const job: RemoteJob = {
        run: this.runId, sources, forget: machine.forget.splice(0),
        task: { taskId: message.taskId, module: message.module, name: message.name, args: message.args, result: message.result },
        ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
      };
      const answered = new Promise<RemoteReply>((resolve, reject) => {
        this.waiting.set(id, { machine, resolve, reject });
        if (options.signal.aborted) reject(options.signal.reason);
        options.signal.once('abort', () => reject(options.signal.reason));
      });
      const connection = this.connections.get(machine.info.id);
      if (!connection) throw machineLost(machine.info.id, 'its heartbeat stopped');
      await connection.queue.add('task', sign(this.settings.secret, job), { jobId: id, removeOnComplete: true, removeOnFail: true });
      this.placed.set(node.id, machine.info.id);
      options.onStart?.();
      // An input whose upload fails would leave the machine waiting for it: the attempt fails here at once.
      const remote = await Promise.race([answered, ...Object.keys(sources).map((key) => this.uploads.failure(key))]);
      this.commit(remote, machine.info.id, message.name);
      // The graph records holders per machine: what the machine keeps as files, not what one thread caches.
      return { ...remote.reply, worker: machine.number, cached: remote.held, evicted: [], fetchedBytes: remote.fetchedBytes };
    } finally {
      machine.running.delete(node.id);
      this.placed.delete(node.id);
      this.waiting.delete(id);
    }
  }

  /** A property, not a method: the engine hands it on unbound (engine.ts 'status'). */
  readonly placeOf = (taskId: number): string | undefined => {
    const machine = this.placed.get(taskId);
    return machine && `machine ${machine}`;
  };

  /** The bytes of `from` come here (the master's run directory), and `to` is published from there when needed. */
  async copyVersion(from: string, to: string): Promise<void> {
    await this.fetchFile(from);
    copyVersionFile(this.runDir, from, to);
  }

  released(key: string, holders: readonly number[]): void {
    const source = this.sources.get(key);
    const stopped = this.uploads.released(key);
    this.sources.delete(key);
    this.producers.delete(key);
    // Once its upload stopped (it stops early: it sees the version released); the key's expiry is the safety net.
    const redis = this.redis;
    if (source && redis) void stopped.then(() => deleteBlob(redis, source)).catch(() => {});
    for (const number of holders) machines.byNumber(this.machines, number)?.forget.push(key);
  }

  /**
   * For the main thread: a blob lands in memory, moved to it with the answer (no file written here and read back there:
   * each was a copy into fresh pages, which dominated a result's transfer); the main thread reads it in place, and a
   * later read of the same version fetches it again (its blob lives as long as the version). Small ones as files.
   */
  async fetch(key: string): Promise<LandedVersion | void> {
    if (existsSync(versionPath(this.runDir, key))) return;
    const source = this.sourceOf(key);
    if ('blob' in source) return this.link.getLanded(source, this.describe(key));
    await fetchToFile(this.link, source, this.seed, this.describe(key), this.runDir, key);
  }

  /** The version as a file in the run directory. */
  private async fetchFile(key: string): Promise<void> {
    if (existsSync(versionPath(this.runDir, key))) return;
    await fetchToFile(this.link, this.sourceOf(key), this.seed, this.describe(key), this.runDir, key);
  }

  private sourceOf(key: string): VersionSource {
    const source = this.sources.get(key);
    if (!source || !this.redis) throw new Error(`taskify: version ${key} is neither in the run directory nor known to be in Redis`);
    return source;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.poll);
    this.unwatch?.();
    this.link.close();
    await this.started;
    const redis = this.redis;
    if (!redis || redis.status === 'end') return;
    for (const waiting of this.waiting.values()) waiting.reject(new Error('the run is closing'));
    await bounded(redis.publish(RUN_ENDED, this.runId));
    await bounded(deleteRunKeys(redis, this.runId).then(() => redis.srem(RUNS, this.runId)));
    await Promise.all([...this.connections.values()].map(({ queue, events }) => bounded(Promise.all([events.close(), queue.close()]))));
    await bounded(redis.quit());
  }

  // ── machines ──────────────────────────────────────────────────────────────────

  private async start(): Promise<void> {
    this.redis = await connect(this.settings.url);
    onLost(this.redis, (detail) => this.lost(detail));
    this.unwatch = watchAnswers(this.redis, {
      stalled: (ms) => {
        if (ms >= STALL_FAIL_MS) { this.lost(`it has not answered for ${seconds(ms)}`); return; }
        say(`taskify: ${redisStalled(this.settings.url, seconds(ms), `the run fails if it does not answer within ${STALL_FAIL_MS / 1000} s`)}`);
      },
      answered: (ms) => { if (!this.closed) say(`taskify: Redis at ${shownUrl(this.settings.url)} answers again, after ${seconds(ms)}`); },
    }, STALL_FAIL_MS - 10_000);
    await this.refresh();
    this.poll = setInterval(() => { this.refresh().catch(() => {}); }, POLL_MS); // a failed poll is retried; loss is seen by onLost
  }

  /** Learn which machines joined and which stopped their heartbeat. */
  private async refresh(): Promise<void> {
    const redis = this.redis!;
    await redis.multi().set(runAlive(this.runId), '1', 'PX', RUN_ALIVE_MS).sadd(RUNS, this.runId).exec();
    const ids = await redis.smembers(MACHINES);
    const beats = ids.length > 0 ? await redis.mget(...ids.map(machineKey)) : [];
    const alive = new Map<string, MachineInfo>();
    /** Machines killed before they could leave the set (no heartbeat any more): nobody else will remove them. */
    const dead: string[] = [];
    ids.forEach((id, i) => {
      if (!beats[i]) { dead.push(id); return; }
      const info = verified<MachineInfo>(this.settings.secret, parseJson(beats[i]!));
      if (info) alive.set(id, info);
      else if (!this.strangers.has(id)) {
        this.strangers.add(id); // said once: a machine without the cluster's secret gets no task and no data
        say(`taskify: ignoring machine ${JSON.stringify(id).slice(0, 80)}: its announcement is not signed with this cluster's secret`);
      }
    });
    for (const id of [...this.machines.byId.keys()]) if (!alive.has(id)) this.machineDied(id);
    if (dead.length > 0 && !this.removing) {
      // Their queues go too (else nothing would find them again), in the background: a poll must stay short.
      this.removing = true;
      void removeMachines(redis, dead).catch(() => {}).finally(() => { this.removing = false; });
    }
    let joined = false;
    for (const info of alive.values()) {
      if (this.machines.byId.has(info.id) || this.closed) continue;
      await this.listen(info);
      if (this.closed) return;
      machines.join(this.machines, info);
      joined = true;
    }
    if (joined) this.hooks.capacityChanged();
    this.warnIfNoMachine();
  }

  private async listen(info: MachineInfo): Promise<void> {
    const { Queue, QueueEvents } = bullmq();
    // A short events stream: the master sends a machine at most its slots' jobs before it reads their completions.
    const queue = new Queue(info.queue, { connection: this.redis!, streams: { events: { maxLen: Math.max(1000, info.slots * EVENTS_PER_SLOT) } } });
    // Read the events stream from its current end, fixed now: QueueEvents' own '$' is taken at its first read,
    // which may come after the completion of a job added meanwhile.
    const [last] = await this.redis!.xrevrange(`${queue.opts.prefix ?? 'bull'}:${info.queue}:events`, '+', '-', 'COUNT', 1);
    const events = new QueueEvents(info.queue, { connection: this.redis!, lastEventId: last?.[0] ?? '0-0' });
    queue.on('error', () => {});
    events.on('error', () => {}); // a lost connection is reported once, by onLost on the main client
    events.on('completed', ({ jobId: id, returnvalue }) => {
      const waiting = this.waiting.get(id);
      if (!waiting) return;
      // An answer counts only when signed with the cluster's secret for this very job (no replay of another's).
      const answer = verified<RemoteReply>(this.settings.secret, typeof returnvalue === 'string' ? parseJson(returnvalue) : returnvalue);
      if (answer && (!this.settings.secret || answer.job === id)) waiting.resolve(answer);
      else waiting.reject(machineJobFailed(info.id, 'its answer is not signed with this cluster\'s secret for this job: refused'));
    });
    events.on('failed', ({ jobId: id, failedReason }) => {
      this.waiting.get(id)?.reject(machineJobFailed(info.id, failedReason));
    });
    await events.waitUntilReady();
    if (this.closed) { await bounded(Promise.all([events.close(), queue.close()])); return; }
    this.connections.set(info.id, { queue, events });
  }

  private machineDied(id: string): void {
    const machine = machines.leave(this.machines, id);
    for (const waiting of this.waiting.values()) {
      if (waiting.machine === machine) waiting.reject(machineLost(id, 'its heartbeat stopped'));
    }
    const connection = this.connections.get(id);
    this.connections.delete(id);
    if (connection) {
      // Jobs still queued there would never run: the engine sends them again elsewhere.
      void bounded(connection.queue.obliterate({ force: true })).then(() => bounded(Promise.all([connection.events.close(), connection.queue.close()])));
    }
  }

  private warnIfNoMachine(): void {
    if (this.machines.byId.size > 0 || this.state.ready.length === 0) { this.waitingSince = Date.now(); return; }
    if (Date.now() - this.waitingSince < NO_MACHINE_WARNING_MS) return;
    this.waitingSince = Date.now() + 25_000; // again in half a minute
    say(`taskify: ${this.state.ready.length} task(s) are ready but no machine has joined at ${shownUrl(this.settings.url)}; ` +
      `start one with: taskify worker --redis ${shownUrl(this.settings.url)}`);
  }

  /**
   * A failure while the connection is down (not `ready`: the client is reconnecting or gave up) is the connection's
   * loss, whichever of the two the engine hears of first: an upload's or a queue's "Connection is closed." raced the
   * client's 'end' and failed the run as an engine crash.
   */
  explainFailure(error: unknown): Error | undefined {
    if (error instanceof TaskifyError || !this.redis) return undefined;
    const message = error instanceof Error ? error.message : String(error);
    // (Another of the run's connections, a blob's or a queue's, may hear of it before this one.)
    if (this.redis.status === 'ready' && !CONNECTION_LOST.test(message)) return undefined;
    const lost = redisLost(this.settings.url, message);
    this.giveUp(lost); // the engine is failing the run with it already
    return lost;
  }

  private lost(detail: string): void {
    const error = redisLost(this.settings.url, detail);
    if (this.giveUp(error)) this.hooks.fatal(error);
  }

  /** Stop waiting for answers, once: true the first time. */
  private giveUp(error: Error): boolean {
    if (this.closed || this.failed) return false;
    this.failed = true;
    for (const waiting of this.waiting.values()) waiting.reject(error);
    return true;
  }

  // ── data ─────────────────────────────────────────────────────────────────────

  /** Sources of the versions the task reads that the machine does not hold. */
  private async sourcesFor(args: readonly WorkerArg[], machine: machines.Machine): Promise<Record<string, VersionSource>> {
    const sources: Record<string, VersionSource> = {};
    for (const key of readKeys(args)) {
      if (this.state.versions.get(key)?.holders.includes(machine.number)) continue;
      sources[key] = await this.uploads.source(key);
    }
    return sources;
  }

  /** The answered attempt's outputs become the versions' sources; small ones also land here, for the main thread. */
  private commit(remote: RemoteReply, machine: string, task: string): void {
    for (const { key, source } of remote.outputs) {
      checkedVersionKey(key);
      const problem = sourceProblem(source, this.runId);
      if (problem) throw machineJobFailed(machine, `its answer is malformed: ${problem} (version ${key})`);
    }
    for (const { key, source } of remote.outputs) {
      this.sources.set(key, source);
      this.producers.set(key, task);
      if ('inline' in source) {
        const bytes = inlineBytes(source, this.seed, this.describe(key));
        writeEncoded(this.runDir, key, { parts: [bytes], byteLength: bytes.byteLength });
      }
    }
  }

  /** A version for errors: `version d4v1, the result of task produce` (the main thread adds the data's name). */
  private describe(key: string): string {
    const name = this.producers.get(key);
    return `version ${key}${name ? `, written by task ${name}` : ''}`;
  }
}

/**
 * A line on stderr now: this runs on the engine thread, whose process.stderr is relayed through the main thread's
 * event loop, which a blocking wait holds (a stall said that way would show only after the stall).
 */
function say(line: string): void {
  try { writeSync(2, line + '\n'); } catch { /* stderr closed: nothing to tell */ }
}

function parseJson(text: string): unknown {
  try { return JSON.parse(text); } catch { return undefined; }
}

/** Closing must not hang on a server that is gone. */
function bounded<T>(work: Promise<T>): Promise<T | undefined> {
  return Promise.race([work.catch(() => undefined), new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), CLOSE_STEP_MS).unref())]);
}

