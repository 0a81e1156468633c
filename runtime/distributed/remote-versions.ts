/**
 * The master's view of where each live version's bytes are in a distributed run (remote-executor.ts places the tasks):
 * the sources a job names for the inputs its machine does not hold, the outputs an answer reports (small ones land
 * here inline), the main thread's fetches, and the end of a version (its blob deleted once its upload stopped).
 */
import { existsSync } from 'node:fs';
import { checkedVersionKey, readKeys, type LandedVersion, type RemoteReply, type VersionSource, type WorkerArg } from '../protocol';
import type * as graph from '../engine/graph';
import { machineJobFailed } from '../errors';
import { versionPath, writeEncoded } from '../store/version-file';
import type { Redis } from './redis';
import { deleteBlob, fetchToFile, inlineBytes, publishFile, sourceProblem } from './blobs';
import type { BlobLink } from './blob-link';
import { MainUploads } from './main-uploads';
import type * as machines from './machines';
import { blobKey } from './names';

export class RemoteVersions {
  /** The task function that wrote each live version held in Redis, for errors about its data. */
  private readonly producers = new Map<string, string>();
  /** Where each live version's bytes are, once something outside this machine needed them. */
  private readonly sources = new Map<string, VersionSource>();
  /** Versions the main thread wrote, published for the machines. */
  readonly uploads: MainUploads;

  /** redis: the run's client once connected; closed: the run is closing (uploads stop). */
  constructor(private readonly state: graph.GraphState, private readonly runId: string, private readonly runDir: string,
    private readonly seed: bigint, private readonly link: BlobLink, private readonly redis: () => Redis | undefined, ttlSeconds: number, closed: () => boolean) {
    this.uploads = new MainUploads((key, cancelled) => publishFile(this.redis()!, this.link, this.runId, blobKey(this.runId, key, 'm'),
      this.runDir, key, ttlSeconds, this.seed, cancelled), this.sources, closed);
  }

  /** The version is gone: its upload stops, and its blob is deleted once it did. */
  released(key: string): void {
    const source = this.sources.get(key);
    const stopped = this.uploads.released(key);
    this.sources.delete(key);
    this.producers.delete(key);
    // Once its upload stopped (it stops early: it sees the version released); the key's expiry is the safety net.
    const redis = this.redis();
    if (source && redis) void stopped.then(() => deleteBlob(redis, source)).catch(() => {});
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
  async fetchFile(key: string): Promise<void> {
    if (existsSync(versionPath(this.runDir, key))) return;
    await fetchToFile(this.link, this.sourceOf(key), this.seed, this.describe(key), this.runDir, key);
  }

  private sourceOf(key: string): VersionSource {
    const source = this.sources.get(key);
    if (!source || !this.redis()) throw new Error(`taskify: version ${key} is neither in the run directory nor known to be in Redis`);
    return source;
  }

  /** Sources of the versions the task reads that the machine does not hold. */
  async sourcesFor(args: readonly WorkerArg[], machine: machines.Machine): Promise<Record<string, VersionSource>> {
    const sources: Record<string, VersionSource> = {};
    for (const key of readKeys(args)) {
      if (this.state.versions.get(key)?.holders.includes(machine.number)) continue;
      sources[key] = await this.uploads.source(key);
    }
    return sources;
  }

  /** The answered attempt's outputs become the versions' sources; small ones also land here, for the main thread. */
  commit(remote: RemoteReply, machine: string, task: string): void {
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
  describe(key: string): string {
    const name = this.producers.get(key);
    return `version ${key}${name ? `, written by task ${name}` : ''}`;
  }
}
