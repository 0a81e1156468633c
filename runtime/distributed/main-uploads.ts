/**
 * The master's uploads of versions its main thread wrote: each is published once, however many machines read it,
 * and a job is sent as soon as its inputs' upload began (the machine follows the blob while it is written:
 * blob-link.ts). So the master must also say when an upload fails (the attempts waiting on it fail at once instead
 * of leaving their machines waiting), forget a failed one (a retry publishes again), and stop one whose version
 * died (its blob is deleted once the upload stopped).
 */
import type { VersionSource } from '../protocol';
import type { Published } from './blobs';

/** Starts `key`'s upload; `cancelled()` turns true once nobody needs it. */
type Publish = (key: string, cancelled: () => boolean) => Promise<Published>;

export class MainUploads {
  private readonly uploads = new Map<string, Promise<boolean>>();
  private readonly publishing = new Map<string, Promise<VersionSource>>();
  /** Versions that died while their upload went on: it stops. */
  private readonly dead = new Set<string>();

  /** sources: the executor's map of where each live version's bytes are (published ones are added). */
  constructor(private readonly publish: Publish, private readonly sources: Map<string, VersionSource>, private readonly closed: () => boolean) {}

  /** `key`'s source, published now if it was not. */
  source(key: string): Promise<VersionSource> {
    const known = this.sources.get(key);
    if (known) return Promise.resolve(known);
    let publishing = this.publishing.get(key);
    if (!publishing) {
      publishing = (async () => {
        const { source, stored } = await this.publish(key, () => this.closed() || this.dead.has(key));
        this.sources.set(key, source);
        this.uploads.set(key, stored);
        stored.catch(() => {
          if (this.uploads.get(key) === stored) { this.sources.delete(key); this.uploads.delete(key); }
        });
        return source;
      })();
      this.publishing.set(key, publishing);
      void publishing.finally(() => this.publishing.delete(key)).catch(() => {});
    }
    return publishing;
  }

  /** Never resolves; rejects when `key`'s upload fails (one given up because the version died is nobody's failure). */
  failure(key: string): Promise<never> {
    const upload = this.uploads.get(key);
    return new Promise<never>((_, reject) => { upload?.catch(reject); });
  }

  /** The version died: its upload stops; resolves once it did (then its blob may go). */
  released(key: string): Promise<unknown> {
    const upload = this.uploads.get(key);
    this.uploads.delete(key);
    if (!upload) return Promise.resolve();
    this.dead.add(key);
    return upload.catch(() => {}).finally(() => this.dead.delete(key));
  }
}
