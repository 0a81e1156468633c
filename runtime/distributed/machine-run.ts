/**
 * One master's run as a machine sees it: the version files this machine fetched or wrote (fetched once, whatever
 * number of tasks read them) in the machine's one directory, read by the machine's one pool of threads like in a
 * local run (@rro versions go into this machine's shared memory once), and the forgetting of versions that died.
 *
 * Runs share the directory, the pool (its threads and their caches of decoded versions) and the segment prefix, so
 * a machine starts its threads once, not once per run, and never runs more tasks at once than its slots. Two runs'
 * masters both name a version d1v1: a run's version numbers are shifted here by an offset of its own (d1v1 is
 * d1v3000000001 for the machine's third run) and shifted back in the answer. Data ids stay as the master made them:
 * a worker takes an @rro view's origin from its key's data id.
 */
import { unlink } from 'node:fs';
import { forEachLeaf, readKeys, type WorkerArg, type RemoteJob, type RemoteReply, type VersionSource, type WorkerReply, type Landed } from '../protocol';
import { LocalPool } from '../engine/local-pool';
import { TaskStopSignal } from '../engine/executor';
import { OwnedRun } from '../store/owned-run';
import { segmentFile } from '../store/segments';
import { versionPath, writeEncoded } from '../store/version-file';
import { fetchToFile, publishFile } from './blobs';
import { BlobLink } from './blob-link';
import { serializeError, TaskifyError } from '../errors';
import { blobKey } from './names';
import type { Redis } from './redis';

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
  /** The cluster secret: blobs' checksums are sealed with it (blob-link.ts). */
  readonly secret?: string;
}

/**
 * A version this machine holds: as a file in its directory, or (`blob`) as bytes handed to one task's thread, which
 * left no file: the blob, alive in Redis while the version lives, is fetched again into a file when a later task
 * reads the version.
 */
interface HeldFile { readonly bytes: number; readonly threads: Set<number>; readonly blob?: BlobSource }
type BlobSource = Extract<VersionSource, { blob: string }>;

/** Versions of one run are shifted by a multiple of this (version numbers below it: a run makes far fewer). */
const RUN_VERSIONS = 1_000_000_000;

/** What a machine keeps across runs: one directory, one pool of threads, one segment prefix. */
export class MachineStore {
  readonly dir: string;
  readonly prefix: string;
  readonly pool: LocalPool;
  /** Large version bytes to and from Redis (blob-link.ts). */
  readonly link: BlobLink;
  /** The directory and segments, guarded by a lease and a watcher like a program's (store/owned-run.ts). */
  private readonly owned: OwnedRun;
  private runs = 0;

  constructor(settings: MachineRunSettings, url: string, readonly redis: Redis) {
    this.link = new BlobLink(url, settings.secret);
    this.owned = new OwnedRun(settings.storeRoot, settings.storeFromEnv ?? false);
    this.dir = this.owned.dir;
    this.prefix = this.owned.segmentPrefix;
    this.pool = new LocalPool({
      workers: settings.threads, tasksPerWorker: settings.tasksPerThread, workerCacheBytes: settings.cacheBytes,
      shm: { enabled: settings.sharedMemory, prefix: this.prefix, limitBytes: settings.sharedMemoryLimitBytes },
    });
  }

  /** The version offset of a new run. */
  nextRunOffset(): number { return (this.runs++ % 999_999 + 1) * RUN_VERSIONS; } // keys stay within 15 digits

  async close(): Promise<void> {
    this.link.close();
    await this.pool.destroy();
    this.owned.close();
  }
}

export class MachineRun {
  private readonly dir: string;
  private readonly prefix: string;
  private readonly pool: LocalPool;
  private readonly link: BlobLink;
  private readonly redis: Redis;
  private readonly offset: number;
  /** By this machine's keys (shifted). */
  private readonly files = new Map<string, HeldFile>();
  /**
   * Fetches under way: two tasks reading one version wait for one fetch. `others` counts the tasks waiting besides the
   * one that started it: with any, the fetched bytes are written into a file here (their file is what they read).
   */
  private readonly fetching = new Map<string, { done: Promise<void>; others: number }>();
  /** The run ended: uploads of its outputs still under way stop (their blobs go). */
  private closed = false;
  active = 0;
  lastUsed = Date.now();

  constructor(readonly run: string, private readonly settings: MachineRunSettings, store: MachineStore) {
    this.dir = store.dir;
    this.prefix = store.prefix;
    this.pool = store.pool;
    this.link = store.link;
    this.redis = store.redis;
    this.offset = store.nextRunOffset();
  }

  /** The master's key as this machine names it, and back. */
  private here(key: string): string {
    const at = key.indexOf('v');
    const version = Number(key.slice(at + 1));
    if (!(version < RUN_VERSIONS)) throw new Error(`taskify: version ${key} is past the versions a machine takes per run`);
    return `${key.slice(0, at)}v${version + this.offset}`;
  }

  private there(key: string): string {
    const at = key.indexOf('v');
    return `${key.slice(0, at)}v${Number(key.slice(at + 1)) - this.offset}`;
  }

  /**
   * Run one job: fetch what is missing, run it on a pool thread, publish what it wrote under this attempt's keys.
   * A version fetched for this task goes to its pool thread as the bytes that arrived (moved, not copied: handed),
   * not through a file written here and read again there: on this 2-core machine each of those costs as much as the
   * download (a 64 MiB tmpfs write 20-30 ms, its read into fresh memory 44 ms). A later task here reading the same
   * version fetches it again, into a file then, which every task after it reads.
   */
  async execute(job: RemoteJob, attempt: string): Promise<RemoteReply> {
    this.forget(job.forget.map((key) => this.here(key)));
    const reads = readKeys(job.task.args);
    const shared = rroKeys(job.task.args); // read through shared memory, which is made from the file: not handed
    const handed: Record<string, Landed> = {};
    let fetched: number[];
    try {
      fetched = await Promise.all([...reads].map((key) => this.ensure(this.here(key), job.sources[key], readerOf(job, key), shared.has(key) ? undefined : handed)));
    } catch (error) {
      // Damaged data fails the task as its own error would (not retried: the same bytes would come again).
      if (error instanceof TaskifyError && error.code === 'TASKIFY_CORRUPT_DATA') return failed(error, [...reads].filter((key) => this.files.has(this.here(key))));
      throw error;
    }
    const task = { ...job.task, args: shifted(job.task.args, (key) => this.here(key)), result: this.here(job.task.result),
      ...(Object.keys(handed).length > 0 ? { landed: handed } : {}) };
    const readsHere = new Set([...reads].map((key) => this.here(key)));
    const reply = await this.runTimed(task, job.timeoutMs, (thread) => this.bytesHeldBy(readsHere, thread));
    const outputs: RemoteReply['outputs'][number][] = [];
    for (const { key, bytes } of reply.written) {
      this.files.set(key, { bytes, threads: new Set() });
      // The answer goes as soon as the upload began: the master follows the blob while it is written.
      const { source } = await publishFile(this.redis, this.link, this.run, blobKey(this.run, this.there(key), attempt), this.dir, key,
        this.settings.ttlSeconds, this.settings.checksumSeed, () => this.closed);
      outputs.push({ key: this.there(key), source });
    }
    for (const key of reply.evicted) this.files.get(key)?.threads.delete(reply.worker);
    for (const key of reply.cached) this.files.get(key)?.threads.add(reply.worker);
    const written = reply.written.map(({ key, bytes }) => ({ key: this.there(key), bytes }));
    return {
      reply: { ...reply, written, cached: [], evicted: [] }, outputs, held: [...reads, ...written.map((w) => w.key)],
      fetchedBytes: fetched.reduce((a, b) => a + b, 0),
    };
  }

  /** A task with a timeout is stopped here too when it runs longer (the master gave up on it already). */
  private async runTimed(task: RemoteJob['task'], timeoutMs: number | undefined, held: (thread: number) => number): Promise<WorkerReply> {
    if (timeoutMs === undefined) return this.pool.run({ ...task, runDir: this.dir }, held);
    const signal = new TaskStopSignal();
    let timer: NodeJS.Timeout | undefined;
    const onStart = () => { timer = setTimeout(() => signal.abort(new Error(`timed out after ${timeoutMs / 1000} s`)), timeoutMs); };
    try {
      return await this.pool.run({ ...task, runDir: this.dir }, held, { signal, timeoutMs, onStart });
    } finally {
      clearTimeout(timer);
    }
  }

  /**
   * The versions died (this machine's keys): their files, segments and threads' cached copies go. The files are
   * unlinked on libuv's threads, not here: freeing a 64 MiB file's pages took 10-50 ms, and the forget list comes with
   * a job, whose inputs' fetch waited behind it. A dead version's key is never used again, so nothing waits for it.
   */
  private forget(keys: readonly string[]): void {
    for (const key of keys) {
      const file = this.files.get(key);
      this.files.delete(key);
      unlink(versionPath(this.dir, key), ignore);
      unlink(segmentFile(this.prefix, key), ignore);
      if (file) this.pool.forget(key, [...file.threads]);
    }
  }

  /** The run ended: everything it left on this machine goes (the pool and directory stay for other runs). */
  close(): void {
    this.closed = true;
    this.forget([...this.files.keys()]);
  }

  /**
   * Bytes fetched for this task (0 when the machine held the version's file already). With `handed`, a blob fetched
   * for this task alone lands in memory and is put there for its thread, with no file; when other tasks waited for
   * the fetch, its file is written here too, for their threads.
   */
  private async ensure(key: string, source: VersionSource | undefined, what: string, handed?: Record<string, Landed>): Promise<number> {
    const held = this.files.get(key);
    if (held && !held.blob) return 0;
    const underWay = this.fetching.get(key);
    if (underWay) {
      underWay.others++;
      await underWay.done;
      // Handed to the thread of the task that started the fetch, with no file: this task fetches it into one.
      return this.files.get(key)?.blob ? this.ensure(key, source, what) : 0;
    }
    const from = held?.blob ?? source;
    if (!from) throw new Error(`taskify: the master sent no source for version ${key}, and this machine does not hold it`);
    let bytes = 0;
    const fetching = { others: 0, done: Promise.resolve() };
    fetching.done = (async () => {
      if (held || !handed || !('blob' in from)) {
        bytes = await fetchToFile(this.link, from, this.settings.checksumSeed, what, this.dir, key);
        this.files.set(key, { bytes, threads: held?.threads ?? new Set() });
        return;
      }
      const landed = await this.link.getBytes(from, what);
      bytes = landed.byteLength;
      if (fetching.others > 0) writeEncoded(this.dir, key, { parts: [landed], byteLength: bytes });
      this.files.set(key, { bytes, threads: new Set(), ...(fetching.others > 0 ? {} : { blob: from }) });
      handed[key] = { bytes: landed };
    })();
    this.fetching.set(key, fetching);
    try { await fetching.done; } finally { this.fetching.delete(key); }
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

/**
 * A file already gone (a segment never made) is what forgetting wants; one that cannot be removed goes with the
 * machine's directory when it stops (segments: with the run's lease, store/owned-run.ts).
 */
const ignore = (): void => {};

/** Names a version by what reads it, for errors: `version d3v1, argument 2 of task sum`. */
function readerOf(job: RemoteJob, key: string): string {
  let position = 0;
  job.task.args.forEach((arg, i) => {
    if (position === 0) forEachLeaf([arg], (leaf) => { if ('read' in leaf && leaf.read === key) position = i + 1; });
  });
  return `version ${key}, ${position > 0 ? `argument ${position}` : 'an input'} of task ${job.task.name}`;
}

/** The keys that some argument of the task reads as @rro (shared memory). */
function rroKeys(args: readonly WorkerArg[]): Set<string> {
  const keys = new Set<string>();
  forEachLeaf(args, (leaf) => { if ('read' in leaf && leaf.read !== undefined && leaf.rro) keys.add(leaf.read); });
  return keys;
}

/** A reply saying the task failed before it ran, with `error` as its exception. */
function failed(error: Error, held: string[]): RemoteReply {
  const reply: WorkerReply = {
    worker: 0, startedAt: Date.now(), bytesRead: 0, bytesWritten: 0, times: { queued: 0, load: 0, run: 0, store: 0 },
    cached: [], evicted: [], written: [], ok: false, error: serializeError(error),
  };
  return { reply, outputs: [], held, fetchedBytes: 0 };
}

/** The arguments with every version key changed by `key`. */
function shifted(args: readonly WorkerArg[], key: (key: string) => string): WorkerArg[] {
  return args.map((arg) => {
    if ('collection' in arg) return { ...arg, collection: shifted(arg.collection, key) };
    if (!('read' in arg) && !('write' in arg)) return arg;
    const leaf = arg as Extract<WorkerArg, { read?: string }>;
    return { ...leaf, ...(leaf.read !== undefined ? { read: key(leaf.read) } : {}), ...(leaf.write !== undefined ? { write: key(leaf.write) } : {}) };
  });
}
