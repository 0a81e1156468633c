/**
 * Run statistics as counters in one SharedArrayBuffer: the engine thread adds to them as tasks finish,
 * and the main thread can read them synchronously at any moment, even inside process.on('exit'),
 * where no message can be received any more. Each counter has a single writer thread.
 */
export const counters = [
  // written by the main thread
  'submitted', 'mostPending', 'inline', 'snapshotsWritten', 'snapshotsKept', 'mainBytesWritten', 'mainBytesRead', 'mainEncodeMs', 'mainDecodeMs', 'mainWaitMs',
  // written by the engine thread
  'inWorkers', 'failed', 'cancelled', 'retried', 'workerBytesWritten', 'workerBytesRead', 'loadMs', 'runMs', 'storeMs',
  'versionsReleased', 'machineBytesFetched', 'rroHits', 'rroAttaches', 'rroCreations', 'rroFallbacks', 'rroBytesMapped', 'queuedMs',
] as const;
export type Counter = (typeof counters)[number];

const index = Object.fromEntries(counters.map((name, i) => [name, i])) as Record<Counter, number>;
/** Counters that keep the largest value seen, not a sum. */
const peaks: ReadonlySet<number> = new Set([index.mostPending]);

export class Stats {
  readonly values: Float64Array;
  constructor(readonly buffer: SharedArrayBuffer = new SharedArrayBuffer(counters.length * 8)) {
    this.values = new Float64Array(buffer);
  }
  add(name: Counter, amount = 1): void { this.values[index[name]] += amount; }
  /** A peak counter: the value if it is the largest yet. */
  raise(name: Counter, value: number): void { this.values[index[name]] = Math.max(this.values[index[name]]!, value); }
  get(name: Counter): number { return this.values[index[name]]; }
  /** Another run's counts added to these (a process's runs: one ends when the loop empties, the next call starts one). */
  addAll(other: Stats): void {
    for (let i = 0; i < this.values.length; i++) this.values[i] = peaks.has(i) ? Math.max(this.values[i]!, other.values[i]!) : this.values[i]! + other.values[i]!;
  }

  /** The TASKIFY_STATS document. */
  report(): StatsReport {
    const g = (name: Counter) => this.get(name);
    const ms = (name: Counter) => Math.round(g(name) * 1000) / 1000;
    return {
      tasks: {
        submitted: g('submitted'), inWorkers: g('inWorkers'), inline: g('inline'), failed: g('failed'), cancelled: g('cancelled'), retried: g('retried'),
        mostPending: g('mostPending'),
      },
      bytes: {
        written: g('mainBytesWritten') + g('workerBytesWritten'), read: g('mainBytesRead') + g('workerBytesRead'),
        fetchedByMachines: g('machineBytesFetched'),
      },
      versionsReleased: g('versionsReleased'),
      snapshots: { written: g('snapshotsWritten'), kept: g('snapshotsKept') },
      rro: {
        hits: g('rroHits'), attaches: g('rroAttaches'), creations: g('rroCreations'), fallbacks: g('rroFallbacks'),
        bytesMapped: g('rroBytesMapped'),
      },
      phasesMs: {
        workerQueued: ms('queuedMs'), workerLoad: ms('loadMs'), workerRun: ms('runMs'), workerStore: ms('storeMs'),
        mainEncode: ms('mainEncodeMs'), mainDecode: ms('mainDecodeMs'), mainWait: ms('mainWaitMs'),
      },
    };
  }
}

export interface StatsReport {
  /**
   * `cancelled`: calls the program stopped before they finished, not failures: a loop that submitted its passes ahead
   * and left at a `break` dismisses the rest (np44's F6 counted them as failed).
   * `mostPending`: the most tasks the program had submitted and not yet seen finish at one time (counted as it submits;
   * it learns of finished tasks only as it waits or its event loop turns): 1 when every call waited for its task
   * before the next was made, so a test can tell calls that ran one at a time from calls submitted together. (Kept by
   * the pool's runtime: 0 when tasks run inline, TASKIFY_WORKERS=0.)
   */
  tasks: { submitted: number; inWorkers: number; inline: number; failed: number; cancelled: number; retried: number; mostPending: number };
  /** fetchedByMachines: bytes machines of a distributed run fetched from Redis or their jobs (0 on the local pool). */
  bytes: { written: number; read: number; fetchedByMachines: number };
  versionsReleased: number;
  /**
   * Snapshots of the program's objects for `in`/`inout` arguments: written as new versions, and kept (marked "may have
   * changed", found unchanged: no file, the same version read again).
   */
  snapshots: { written: number; kept: number };
  /** @rro lookups in workers: table hits, segments attached, segments created, reads from files instead. */
  rro: { hits: number; attaches: number; creations: number; fallbacks: number; bytesMapped: number };
  phasesMs: Record<string, number>;
}
