/**
 * Writing a call's snapshots (the arguments' data as the main thread encoded them: arguments.ts) into the run
 * directory before the engine hears of the call, and what the engine is told of each.
 */
import { versionKey, type MainToEngine } from '../protocol';
import { storeWriteFailed } from '../errors';
import type { Stats } from '../stats';
import { removeVersion, writeEncoded } from '../store/version-file';
import type { Prepared } from './arguments';

/** What the engine hears of a snapshot the main thread wrote. */
export type SnapshotNote = Extract<MainToEngine, { type: 'submit' }>['snapshots'][number];

/**
 * The call's snapshots, as files. A write that fails (a full store) takes back the files this call wrote, so the call
 * leaves nothing behind and its data stay the main thread's, and says which parameter and version it was writing.
 */
export function writeSnapshots(runDir: string, stats: Stats, snapshots: Prepared['snapshots'], where: () => string): SnapshotNote[] {
  const written: SnapshotNote[] = [];
  for (const { entry, encoded, param, hash } of snapshots) {
    const key = versionKey(entry.id, entry.version);
    try {
      writeEncoded(runDir, key, encoded);
    } catch (error) {
      for (const done of snapshots.slice(0, written.length)) {
        removeVersion(runDir, versionKey(done.entry.id, done.entry.version));
        done.entry.stored = false;
        done.entry.fingerprint = undefined; // its file is gone
      }
      throw storeWriteFailed(`${where()}: parameter ${param}`, runDir, key, encoded.byteLength, error);
    }
    entry.stored = true;
    if (hash !== undefined) entry.fingerprint = { version: entry.version, hash };
    stats.add('snapshotsWritten');
    stats.add('mainBytesWritten', encoded.byteLength);
    written.push({ data: entry.id, version: entry.version, bytes: encoded.byteLength });
  }
  return written;
}
