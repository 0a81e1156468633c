/**
 * One master's run as a machine sees it: a run directory of its own holding the version files this machine fetched
 * or wrote (fetched once, whatever number of tasks read them), a local pool whose threads read them like in a local
 * run (@rro versions go into this machine's shared memory once), and the forgetting of versions that died.
 */
import { forEachLeaf, readKeys, type RemoteJob, type RemoteReply, type VersionSource, type WorkerReply } from '../protocol';
import { LocalPool } from '../engine/local-pool';
import { TaskStopSignal } from '../engine/executor';
import { OwnedRun } from '../store/owned-run';
import { removeSegment } from '../store/segments';
import { readVersionBytes, removeVersion, writeEncoded } from '../store/version-file';
import type { Redis } from './redis';
import { fetchSource, publish } from './blobs';
import { serializeError, TaskifyError } from '../errors';
import { blobKey } from './names';

export interface MachineRunSettings {
  readonly storeRoot: string;
  /** TASKIFY_STORE chose storeRoot (an unusable store is then said naming it). */
  readonly storeFromEnv?: boolean;
  readonly threads: number;
  readonly tasksPerThread: number;
  readonly cacheBytes: number;
  readonly sharedMemory: boolean;
  readonly sharedMemoryLimitBytes: number;
  readonly ttlSeconds: number;
  /** Of the checksums of version bytes (checksum.ts). */
  readonly checksumSeed: bigint;
}

interface HeldFile { readonly bytes: number; readonly threads: Set<number> }

export class MachineRun {
  readonly dir: string;
  private readonly prefix: string;
  /** The run directory and segments, guarded by a lease and a watcher like a program's (store/owned-run.ts). */
  private readonly owned: OwnedRun;
  private readonly pool: LocalPool;
  private readonly files = new Map<string, HeldFile>();
  /** Fetches under way: two tasks reading one version wait for one fetch. */
  private readonly fetching = new Map<string, Promise<void>>();
  active = 0;
  lastUsed = Date.now();

  constructor(readonly run: string, private readonly redis: Redis, private readonly settings: MachineRunSettings) {
    this.owned = new OwnedRun(settings.storeRoot, settings.storeFromEnv ?? false);
    this.dir = this.owned.dir;
    this.prefix = this.owned.segmentPrefix;
    this.pool = new LocalPool({
      workers: settings.threads, tasksPerWorker: settings.tasksPerThread, workerCacheBytes: settings.cacheBytes,
      shm: { enabled: settings.sharedMemory, prefix: this.prefix, limitBytes: settings.sharedMemoryLimitBytes },
    });
  }

  /** Run one job: fetch what is missing, run it on a pool thread, publish what it wrote under this attempt's keys. */
  async execute(job: RemoteJob, attempt: string): Promise<RemoteReply> {
    this.forget(job.forget);
    const reads = readKeys(job.task.args);
    let fetched: number[];
    try {
      fetched = await Promise.all([...reads].map((key) => this.ensure(key, job.sources[key], readerOf(job, key))));
    } catch (error) {
      // Damaged data fails the task as its own error would (not retried: the same bytes would come again).
      if (error instanceof TaskifyError && error.code === 'TASKIFY_CORRUPT_DATA') return failed(error, [...reads].filter((key) => this.files.has(key)));
      throw error;
    }
    const reply = await this.runTimed(job, (thread) => this.bytesHeldBy(reads, thread));
    const outputs: RemoteReply['outputs'][number][] = [];
    for (const { key, bytes } of reply.written) {
      this.files.set(key, { bytes, threads: new Set() });
      const source = await publish(this.redis, blobKey(this.run, key, attempt), readVersionBytes(this.dir, key), this.settings.ttlSeconds,
        this.settings.checksumSeed);
      outputs.push({ key, source });
    }
    for (const key of reply.evicted) this.files.get(key)?.threads.delete(reply.worker);
    for (const key of reply.cached) this.files.get(key)?.threads.add(reply.worker);
    return {
      reply, outputs, held: [...reads, ...reply.written.map((w) => w.key)], fetchedBytes: fetched.reduce((a, b) => a + b, 0),
    };
  }

  /** A task with a timeout is stopped here too when it runs longer (the master gave up on it already). */
  private async runTimed(job: RemoteJob, held: (thread: number) => number): Promise<WorkerReply> {
    const { timeoutMs } = job;
    if (timeoutMs === undefined) return this.pool.run({ ...job.task, runDir: this.dir }, held);
    const signal = new TaskStopSignal();
    let timer: NodeJS.Timeout | undefined;
    const onStart = () => { timer = setTimeout(() => signal.abort(new Error(`timed out after ${timeoutMs / 1000} s`)), timeoutMs); };
    try {
      return await this.pool.run({ ...job.task, runDir: this.dir }, held, { signal, timeoutMs, onStart });
    } finally {
      clearTimeout(timer);
    }
  }

  /** The versions died: their files, segments and threads' cached copies go. */
  forget(keys: readonly string[]): void {
    for (const key of keys) {
      const file = this.files.get(key);
      this.files.delete(key);
      removeVersion(this.dir, key);
      removeSegment(this.prefix, key);
      if (file) this.pool.forget(key, [...file.threads]);
    }
  }

  async close(): Promise<void> {
    await this.pool.destroy();
    this.owned.close();
  }

  /** Bytes fetched for this task (0 when the machine held the version already). */
  private async ensure(key: string, source: VersionSource | undefined, what: string): Promise<number> {
    if (this.files.has(key)) return 0;
    const underWay = this.fetching.get(key);
    if (underWay) { await underWay; return 0; }
    if (!source) throw new Error(`taskify: the master sent no source for version ${key}, and this machine does not hold it`);
    let bytes = 0;
    const fetching = (async () => {
      const data = await fetchSource(this.redis, source, this.settings.checksumSeed, what);
      writeEncoded(this.dir, key, { parts: [data], byteLength: data.byteLength });
      this.files.set(key, { bytes: data.byteLength, threads: new Set() });
      bytes = data.byteLength;
    })();
    this.fetching.set(key, fetching);
    try { await fetching; } finally { this.fetching.delete(key); }
    return bytes;
  }

  private bytesHeldBy(reads: ReadonlySet<string>, thread: number): number {
    let held = 0;
    for (const key of reads) {
      const file = this.files.get(key);
      if (file?.threads.has(thread)) held += file.bytes;
    }
    return held;
  }
}

/** Names a version by what reads it, for errors: `version d3v1, argument 2 of task sum`. */
function readerOf(job: RemoteJob, key: string): string {
  let position = 0;
  job.task.args.forEach((arg, i) => {
    if (position === 0) forEachLeaf([arg], (leaf) => { if ('read' in leaf && leaf.read === key) position = i + 1; });
  });
  return `version ${key}, ${position > 0 ? `argument ${position}` : 'an input'} of task ${job.task.name}`;
}

/** A reply saying the task failed before it ran, with `error` as its exception. */
function failed(error: Error, held: string[]): RemoteReply {
  const reply: WorkerReply = {
    worker: 0, startedAt: Date.now(), bytesRead: 0, bytesWritten: 0, times: { queued: 0, load: 0, run: 0, store: 0 },
    cached: [], evicted: [], written: [], ok: false, error: serializeError(error),
  };
  return { reply, outputs: [], held, fetchedBytes: 0 };
}
