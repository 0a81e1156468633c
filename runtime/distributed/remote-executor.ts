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
import { writeSync } from 'node:fs';
import type { LandedVersion, MachineInfo, RemoteJob, RemoteReply, WorkerReply, WorkerTask } from '../protocol';
import { copyVersionFile, type Executor, type ExecutorHooks, type RunOptions } from '../engine/executor';
import * as graph from '../engine/graph';
import { machineLost, redisLost, redisStalled, shownUrl, TaskifyError } from '../errors';
import { connect, onLost, seconds, watchAnswers, type Redis } from './redis';
import { sign, verified } from './signing';
import { deleteRunKeys } from './blobs';
import { BlobLink } from './blob-link';
import { checksumSeed } from './checksum';
import * as machines from './machines';
import { MACHINES, RUNS, RUN_ENDED, jobId, machineKey, newRunId, runAlive } from './names';
import { removeMachines } from './redis-clean';
import { RemoteVersions } from './remote-versions';
import { bounded, listenToMachine, parseJson, type Connection, type Waiting } from './machine-queues';

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
/** What a Redis client's commands fail with once its connection went (ioredis, net). */
const CONNECTION_LOST = /Connection is closed|ECONNRESET|ECONNREFUSED|EPIPE|Stream isn't writeable/;
const NO_MACHINE_WARNING_MS = 5000;
/** A Redis silent this long fails the run (it is said at 10 s: redis.ts STALL_REPORT_MS). */
const STALL_FAIL_MS = 25_000;

export function remoteExecutor(state: graph.GraphState, runDir: string, settings: RemoteSettings, hooks: ExecutorHooks): Executor {
  return new RemoteExecutor(state, runDir, settings, hooks);
}

class RemoteExecutor implements Executor {
  private readonly runId = newRunId();
  private readonly seed: bigint;
  /** Large version bytes to and from Redis (blob-link.ts). */
  private readonly link: BlobLink;
  /** Where each live version's bytes are, and their moves (remote-versions.ts). */
  private readonly versions: RemoteVersions;
  private redis?: Redis;
  private readonly machines = machines.emptyMachines();
  private readonly connections = new Map<string, Connection>();
  /** Jobs sent and not answered, by job id. */
  private readonly waiting = new Map<string, Waiting>();
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
    this.versions = new RemoteVersions(state, this.runId, runDir, this.seed, this.link, () => this.redis, settings.ttlSeconds, () => this.closed);
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
      const sources = await this.versions.sourcesFor(message.args, machine);
      if (!this.machines.byId.has(machine.info.id)) throw machineLost(machine.info.id, 'its heartbeat stopped');
      const job: RemoteJob = {
        run: this.runId, sources, forget: machine.forget.splice(0),
        task: { taskId: message.taskId, module: message.module, name: message.name, args: message.args, result: message.result,
          ...(message.inspect ? { inspect: message.inspect } : {}) },
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
      const remote = await Promise.race([answered, ...Object.keys(sources).map((key) => this.versions.uploads.failure(key))]);
      this.versions.commit(remote, machine.info.id, message.name);
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
    await this.versions.fetchFile(from);
    copyVersionFile(this.runDir, from, to);
  }

  released(key: string, holders: readonly number[]): void {
    this.versions.released(key);
    for (const number of holders) machines.byNumber(this.machines, number)?.forget.push(key);
  }

  fetch(key: string): Promise<LandedVersion | void> { return this.versions.fetch(key); }

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

  /** Open the machine's queue and listen for its answers (machine-queues.ts). */
  private async listen(info: MachineInfo): Promise<void> {
    const { queue, events } = await listenToMachine(this.redis!, info, this.settings.secret, this.waiting);
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
}

/**
 * A line on stderr now: this runs on the engine thread, whose process.stderr is relayed through the main thread's
 * event loop, which a blocking wait holds (a stall said that way would show only after the stall).
 */
function say(line: string): void {
  try { writeSync(2, line + '\n'); } catch { /* stderr closed: nothing to tell */ }
}
