/**
 * The main thread's link to the engine thread: starting it with its settings, sending messages in batches,
 * receiving its answers (from the port's 'message' event, or drained by a blocking wait), keeping the process alive
 * only while something is awaited, and stopping it. Apart from the Runtime because it is the one place that knows
 * the thread, its port and its wake-up signal; the Runtime decides what to say and what an answer means.
 */
import { MessageChannel, receiveMessageOnPort, SHARE_ENV, Worker, type MessagePort } from 'node:worker_threads';
import { join } from 'node:path';
import type { EngineToMain, MainToEngine, ProgramLook, SerializedError, StdioLook } from '../protocol';
import { deserializeError, engineDied } from '../errors';
import { Signal } from '../engine/signal';
import type { EngineData } from '../engine/engine-thread';

const BATCH_LIMIT = 64;

export interface LinkHooks {
  onMessage(message: EngineToMain): void;
  /** The engine thread failed or exited unasked: `error` says so. */
  onDeath(error: Error): void;
  /** Whether the engine may be short of work: then a message goes at once rather than in a batch. */
  shortOfWork(): boolean;
}

export class EngineLink {
  /** Bumped by the engine after every message to the main thread; a blocking wait sleeps on it. */
  readonly signal = new Signal();
  /** The engine was told to shut down, or abandoned: nothing more is sent. */
  closed = false;
  private exited = false;
  private readonly port: MessagePort;
  private readonly engine: Worker;
  private outgoing: MainToEngine[] = [];
  private flushQueued = false;
  private refed = false;

  constructor(settings: Omit<EngineData, 'port' | 'signalBuffer' | 'stdio' | 'program'>, private readonly hooks: LinkHooks) {
    const { port1, port2 } = new MessageChannel();
    this.port = port1;
    const data: EngineData = { ...settings, port: port2, signalBuffer: this.signal.buffer, stdio: stdioLook(), program: programLook() };
    // One process.env for the program and every thread (the task threads share the engine's): a task reads what the
    // program set before calling it, as the plain call did, not the copy a thread took when it started.
    this.engine = new Worker(join(__dirname, '..', 'engine', 'engine-thread.js'), { workerData: data, transferList: [port2], env: SHARE_ENV });
    this.engine.unref();
    this.engine.on('error', (error) => hooks.onDeath(engineDied(error.message)));
    this.engine.on('exit', (code) => {
      this.exited = true;
      if (!this.closed) hooks.onDeath(engineDied(`exit code ${code}`));
    });
    this.port.on('message', (message: EngineToMain) => hooks.onMessage(message));
    this.port.unref();
  }

  /** Queue a message; send at once while the engine may be short of work, else in batches. */
  enqueue(message: MainToEngine): void {
    this.outgoing.push(message);
    if (this.hooks.shortOfWork() || this.outgoing.length >= BATCH_LIMIT) {
      this.flush();
    } else if (!this.flushQueued) {
      this.flushQueued = true;
      queueMicrotask(() => { this.flushQueued = false; this.flush(); });
    }
  }

  flush(): void {
    if (this.outgoing.length === 0 || this.closed) return;
    this.port.postMessage({ type: 'batch', messages: this.outgoing });
    this.outgoing = [];
  }

  /** Handle every message already here (a blocked thread's event loop delivers none). */
  drain(): void {
    for (let m = receiveMessageOnPort(this.port); m; m = receiveMessageOnPort(this.port)) {
      this.hooks.onMessage(m.message as EngineToMain);
    }
  }

  /** Keep the process alive exactly while `want`: something unfinished is awaited from the engine. */
  keepAlive(want: boolean): void {
    if (want === this.refed) return;
    this.refed = want;
    if (want) this.port.ref(); else this.port.unref();
  }

  /** Ask the engine to stop its pool and wait until its thread has exited. */
  async close(): Promise<void> {
    if (!this.exited) {
      this.flush();
      this.port.postMessage({ type: 'batch', messages: [{ type: 'shutdown' }] });
      this.closed = true;
      const exited = new Promise<void>((resolve) => this.engine.once('exit', () => resolve()));
      this.engine.ref(); // the engine is unref'd so programs can exit; here we must wait for it
      await exited;
    }
    this.closed = true;
    this.port.close();
  }

  /** Synchronous last resort at process exit: stop the engine thread without waiting. */
  terminate(): void {
    this.closed = true;
    void this.engine.terminate();
  }
}

/** The program's terminals, which pool threads' stdout/stderr imitate (worker/task-output.ts). */
function stdioLook(): StdioLook {
  const look = (stream: NodeJS.WriteStream) => (stream.isTTY ? { columns: stream.columns || 80, rows: stream.rows || 24 } : undefined);
  return { stdout: look(process.stdout), stderr: look(process.stderr) };
}

/** What task code reads of the program's process (protocol.ts ProgramLook). */
function programLook(): ProgramLook {
  const main = require.main?.filename;
  return { argv: [...process.argv], ...(main !== undefined ? { mainFilename: main } : {}) };
}

/** A distributed run's settings; without a cluster secret it starts only with Redis on loopback (signing.ts). */
export function remoteSettings(url: string, ttlSeconds: number): { url: string; ttlSeconds: number; secret?: string } {
  const { checkSecretPolicy, clusterSecret } = require('../distributed/signing') as typeof import('../distributed/signing');
  const secret = clusterSecret();
  checkSecretPolicy(url, secret, 'taskify');
  return { url, ttlSeconds, ...(secret ? { secret } : {}) };
}

/** A fatal error of the engine: ours (a lost Redis, say) as it was raised; anything else as an engine failure. */
export function fatalError(error: SerializedError): Error {
  return error.name === 'TaskifyError' ? deserializeError(error, 'the taskify engine') : engineDied(`${error.name}: ${error.message}`);
}
