/**
 * Reading a version that a distributed run keeps on the machines (in Redis): the engine fetches it into the run
 * directory first, while a blocking wait drains its messages or an async wait lets the event loop go on. A local
 * run's workers write into the run directory themselves, so there is nothing to do. Apart from the waits because
 * the loader needs it too (a Future's value read outside any wait), and it keeps answers of its own.
 */
import { existsSync } from 'node:fs';
import type { EngineToMain, SerializedError } from '../protocol';
import { versionKey, type LandedVersion } from '../protocol';
import { deserializeError } from '../errors';
import { versionPath } from '../store/version-file';
import type { DataEntry } from './records';
import type { EngineLink } from './engine-link';

export interface RemoteReadHost {
  /** A distributed run: versions live on the machines until read. */
  readonly remote: boolean;
  readonly runDir: string;
  readonly link: EngineLink;
  block(done: () => boolean): void;
  engineError(): Error | undefined;
  /** Whether the process must stay alive changed (an async fetch began or ended). */
  updateRef(): void;
}

export class RemoteReads {
  /** Answers to 'fetch', until the waiting read takes them (with the version's bytes, when it landed in memory). */
  private readonly fetched = new Map<string, { error?: SerializedError; landed?: LandedVersion }>();
  /** Async waits for a 'fetched' answer, by version key. */
  private readonly waiters = new Map<string, (() => void)[]>();

  constructor(private readonly host: RemoteReadHost) {}

  /** Async fetches are under way: the process must not exit. */
  get waiting(): boolean { return this.waiters.size > 0; }

  /** The engine's answer to a fetch. */
  received(message: Extract<EngineToMain, { type: 'fetched' }>): void {
    this.fetched.set(message.key, message);
    const waiters = this.waiters.get(message.key);
    this.waiters.delete(message.key);
    this.host.updateRef();
    for (const wake of waiters ?? []) wake();
  }

  /**
   * Bring the version `key` here, blocking until it is: into the run directory, or in memory (returned: read it
   * instead of its file, which does not exist; nothing keeps it, so the next read of the version fetches it again).
   */
  fetch(key: string): LandedVersion | undefined {
    const { host } = this;
    if (!host.remote) return undefined;
    const earlier = this.fetched.get(key); // an async wait fetched it already
    this.fetched.delete(key);
    if (earlier?.error) throw deserializeError(earlier.error, `reading ${key}`);
    if (earlier) return earlier.landed;
    if (existsSync(versionPath(host.runDir, key))) return undefined;
    host.link.enqueue({ type: 'fetch', key });
    host.block(() => this.fetched.has(key) || host.engineError() !== undefined);
    const answer = this.fetched.get(key);
    this.fetched.delete(key);
    const engineError = host.engineError();
    if (engineError) throw engineError;
    if (answer?.error) throw deserializeError(answer.error, `reading ${key}`);
    return answer?.landed;
  }

  /** The same for async waits: the event loop goes on while the engine brings the versions of these entries. */
  async fetchAsync(entries: readonly DataEntry[]): Promise<void> {
    const { host } = this;
    if (!host.remote) return;
    const keys = entries
      .filter((entry) => entry.producer?.state === 'ok' && !(entry.version === 1 && entry.producer.inline))
      .map((entry) => versionKey(entry.id, entry.version))
      .filter((key) => !this.fetched.has(key) && !existsSync(versionPath(host.runDir, key)));
    await Promise.all(keys.map((key) => new Promise<void>((resolve) => {
      const waiters = this.waiters.get(key);
      if (waiters) { waiters.push(resolve); return; }
      this.waiters.set(key, [resolve]);
      host.updateRef();
      host.link.enqueue({ type: 'fetch', key });
      host.link.flush();
    })));
  }
}
