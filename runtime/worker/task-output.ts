/**
 * A task's console output, held in its pool worker and sent with its reply, so that the main thread can print it
 * where the plain program printed it (output/program-order.ts). Without this a worker's writes travel to the main
 * thread on their own, whenever its event loop takes them: after main's later lines, and shuffled between tasks.
 *
 * console.* and process.stdout/stderr.write all end in the streams' `write`, which is replaced once per worker.
 * A write belongs to the task whose code is running:
 * - a synchronous task (the usual kind) is the only code running on its thread while it runs: `current` says which,
 *   and costs nothing;
 * - an `async function` task runs in an AsyncLocalStorage context, so that its writes after an `await` still name it.
 *   On Node 20 a live AsyncLocalStorage slows every promise of the thread 2-3x (measured: 3e6 awaits, 140 → 350-520
 *   ms), so it is enabled only while such a task is in flight;
 * - a plain function that returns a promise (an async function compiled for an older target) names itself for its
 *   synchronous part; later writes are its own when it is the only unfinished async task of the thread.
 * Writes that belong to no task while a worker imports a task's module are that module's top level run again: the
 * program's own import ran it and printed them once, so they are dropped. Other writes that belong to no task (a
 * timer a finished task left behind) go out as before, unordered.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { WriteStream } from 'node:tty';
import type { OutputChunk, StdioLook, TerminalLook } from '../protocol';
import { exitCodeSet } from './program-process';
import { countMark, countResetMark, type CountMark } from '../output/console-counts';
import { warningMark, type WarningMark } from '../output/task-warnings';
import { isPromise } from './settles-later';

type Fd = 1 | 2;
type Write = (chunk: unknown, encoding?: unknown, callback?: unknown) => boolean;

/** What one task printed, in order; consecutive text on one stream is kept as one chunk. */
export class TaskOutput {
  private chunks?: ({ fd: Fd; text?: string; base64?: string; raw?: true; exitCode?: number; warned?: WarningMark; group?: 1 | -1; later?: true } | ({ fd: Fd } & CountMark))[];
  private open = true;
  /** The task went async and printed nothing since: its next chunk follows a `later` mark. */
  private laterPending = false;
  /** It is an `async function`, run in the context (see above). */
  native = false;

  /** `raw`: not written by a console method (see consoleCalls). */
  add(fd: Fd, chunk: unknown, encoding: unknown, raw: boolean): void {
    const list = this.list();
    if (typeof chunk === 'string' && (encoding === undefined || encoding === 'utf8' || encoding === 'utf-8' || typeof encoding === 'function')) {
      const last = list.at(-1);
      if (last?.fd === fd && 'text' in last && last.text !== undefined && (last.raw === true) === raw) last.text += chunk;
      else list.push(raw ? { fd, text: chunk, raw } : { fd, text: chunk });
    } else {
      // Bytes (or text in another encoding) are copied now: the caller may reuse its buffer once write returns.
      const bytes = typeof chunk === 'string' ? Buffer.from(chunk, encoding as BufferEncoding)
        : ArrayBuffer.isView(chunk) ? Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength) : Buffer.from(String(chunk));
      list.push(raw ? { fd, base64: bytes.toString('base64'), raw } : { fd, base64: bytes.toString('base64') });
    }
  }

  /** console.count/countReset: a mark the main thread counts (output/console-counts.ts). */
  mark(mark: CountMark): void {
    this.list().push({ fd: 1, ...mark });
  }

  /** console.group/groupEnd: the main thread indents (output/program-order.ts); the thread's console never does. */
  group(change: 1 | -1): void {
    this.list().push({ fd: 1, group: change });
  }

  /** process.emitWarning: a mark the main thread emits (output/task-warnings.ts). */
  warn(warned: WarningMark): void {
    this.list().push({ fd: 2, warned });
  }

  /**
   * An async task's call returned its Promise (it reached its first `await`): the plain program went on beside it,
   * so what it prints from now on is marked `later` (protocol.ts OutputChunk).
   */
  wentAsync(): void { this.laterPending = true; }

  private list(): NonNullable<TaskOutput['chunks']> {
    const list = (this.chunks ??= []);
    if (this.laterPending) { this.laterPending = false; list.push({ fd: 1, later: true }); }
    return list;
  }

  get accepting(): boolean { return this.open; }

  /** The task is over: later writes from its leftovers go out unordered. Returns what it printed, if anything. */
  close(): readonly OutputChunk[] | undefined {
    this.open = false;
    const exitCode = exitCodeSet();
    if (exitCode !== undefined) this.list().push({ fd: 1, exitCode });
    return this.chunks as OutputChunk[] | undefined;
  }
}

let current: TaskOutput | undefined;
/** Task modules being imported by this worker (see above). */
let importing = 0;

/** Imports a task's module; what its top level prints (again, after the program's own import) is dropped. */
export async function importQuietly<T>(load: () => Promise<T>): Promise<T> {
  importing++;
  try { return await load(); } finally { importing--; }
}
/** Tasks whose function returned a promise that has not settled. */
const inFlight = new Set<TaskOutput>();
const context = new AsyncLocalStorage<TaskOutput>();
let contextUsers = 0;

/** Replaces this worker's stdout/stderr `write` (once), and makes the streams look like the program's own. */
export function captureTaskOutput(look: StdioLook | undefined): void {
  hook(process.stdout, 1, look?.stdout);
  hook(process.stderr, 2, look?.stderr);
  markConsoleCalls();
  const emitWarning = process.emitWarning;
  process.emitWarning = function taskWarning(this: unknown, warning: unknown, ...rest: unknown[]): void {
    const owner = ownerOfWrite();
    if (owner) owner.warn(warningMark(warning, rest));
    else (emitWarning as (...a: unknown[]) => void).call(process, warning, ...rest);
  } as typeof process.emitWarning;
}

/**
 * Writes made inside a console method, counted per thread. The main thread indents a task's console lines by the
 * console.group open at its call, as the plain call's console indented them; a task's own process.stdout.write was
 * never indented by a group, so its chunks go as `raw`.
 */
let consoleCalls = 0;

function markConsoleCalls(): void {
  const methods = console as unknown as Record<string, unknown>;
  for (const name of Object.keys(methods)) {
    const method = methods[name];
    if (typeof method !== 'function' || name === 'Console') continue;
    const marks = name === 'count' ? countMark : name === 'countReset' ? countResetMark : undefined;
    // A task's groups are the program's console's (a group it leaves open indents main's later lines, as in plain
    // code): its label is a line, the indentation a mark the main thread applies where the output is placed.
    const group = name === 'group' || name === 'groupCollapsed' ? 1 : name === 'groupEnd' ? -1 : undefined;
    methods[name] = function consoleMethod(this: unknown, ...args: unknown[]): unknown {
      const owner = (marks || group) && ownerOfWrite();
      if (owner && marks) return owner.mark(marks(args[0]));
      if (owner && group) {
        if (args.length > 0) (methods.log as (...a: unknown[]) => void)(...args);
        return owner.group(group);
      }
      consoleCalls++;
      try { return method.apply(this, args); } finally { consoleCalls--; }
    };
  }
}

function hook(stream: NodeJS.WriteStream, fd: Fd, terminal: TerminalLook | undefined): void {
  const original = stream.write as Write;
  stream.write = function write(this: unknown, chunk: unknown, encoding?: unknown, callback?: unknown): boolean {
    const owner = ownerOfWrite();
    if (!owner && importing > 0) return true; // a module's top level, printed by the program's own import
    if (!owner) return original.call(this, chunk, encoding, callback);
    owner.add(fd, chunk, encoding, consoleCalls === 0);
    const done = typeof encoding === 'function' ? encoding : callback;
    if (typeof done === 'function') process.nextTick(done as () => void);
    return true;
  } as NodeJS.WriteStream['write'];
  if (terminal) lookLikeTerminal(stream, terminal);
}

function ownerOfWrite(): TaskOutput | undefined {
  if (current) return current;
  if (inFlight.size === 0) return undefined;
  const owner = (contextUsers > 0 ? context.getStore() : undefined) ?? (inFlight.size === 1 ? inFlight.values().next().value : undefined);
  return owner?.accepting ? owner : undefined;
}

/**
 * On a terminal the plain program's streams are tty.WriteStreams: console colours objects, and code may ask for the
 * size or move the cursor. The worker's streams get the same answers (size as at the start), and the cursor methods
 * write their escape sequences through `write`, into the task's output.
 */
function lookLikeTerminal(stream: NodeJS.WriteStream, terminal: TerminalLook): void {
  const tty = WriteStream.prototype;
  Object.assign(stream, {
    isTTY: true, columns: terminal.columns, rows: terminal.rows,
    getColorDepth: tty.getColorDepth, hasColors: tty.hasColors,
    cursorTo: tty.cursorTo, moveCursor: tty.moveCursor, clearLine: tty.clearLine, clearScreenDown: tty.clearScreenDown,
    getWindowSize: () => [terminal.columns, terminal.rows],
  });
}

/** Calls the task's function with its writes going to `output`. A promise it returns must be passed to `settled`. */
export function callWithOutput(fn: (...args: unknown[]) => unknown, args: unknown[], output: TaskOutput): unknown {
  const native = (output.native = fn instanceof AsyncFunction);
  const previous = current;
  current = output;
  let result: unknown;
  try {
    if (native) {
      contextUsers++;
      try {
        result = context.run(output, fn, ...args);
      } catch (error) {
        release();
        throw error;
      }
    } else {
      result = fn(...args);
    }
  } finally {
    current = previous;
  }
  if (isPromise(result)) inFlight.add(output);
  else if (native) release();
  return result;
}

/** The promise the task returned has settled. */
export function settled(output: TaskOutput): void {
  if (inFlight.delete(output) && output.native) release();
}

/** No async function task left in flight: the context (and its cost to every promise) goes. */
function release(): void {
  if (--contextUsers === 0) context.disable();
}

const AsyncFunction = (async () => {}).constructor;
