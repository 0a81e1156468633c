/**
 * The main thread's process.stdout and process.stderr, once a pool runtime starts: every write of the program goes
 * through ProgramOrder (held while an earlier task may still print) and then the Screen (around the status line).
 * One per process; installed at the first pool runtime and kept (a later runtime attaches to the same one).
 *
 * Held output is not lost when the program ends early: the runtime flushes it at exit (api/lifecycle.ts), and an
 * uncaught exception or unhandled rejection flushes it here before Node prints the error, so the error comes last, as
 * in the plain program. (A signal kills at once, as it kills the plain program, whose calls had not returned either.)
 */
import { ProgramOrder } from './program-order';
import { countMark, countResetMark } from './console-counts';
import { Screen, type Fd, type RawStreams } from './screen';

export interface ProgramOutput {
  readonly order: ProgramOrder;
  readonly screen: Screen;
  /** taskify's own message (a stall report, a warning): now, not in program order, around the status line. */
  say(text: string): void;
}

let installed: ProgramOutput | undefined;

export function programOutput(): ProgramOutput {
  installed ??= install();
  return installed;
}

/** Whether the streams are taken over (tests, and code that must write around the order). */
export function programOutputInstalled(): boolean { return installed !== undefined; }

type Write = (chunk: unknown, encoding?: unknown, callback?: unknown) => boolean;

/** The callback that marks a raw write of the program's own (`process.stdout.write(s)`) on its way through the order. */
function rawProgramWrite(): void {}

/**
 * A console write (the program's, or a task's printed here), made as Node's console makes it: a stream error (EPIPE
 * once `| head` has gone) is swallowed, not an uncaught 'error' event. Console adds its no-op listener only when the
 * stream has none, and a worker's piped stdout has one (Readable.pipe's, which rethrows when it is the last): so the
 * plain program exits quietly where the taskified one died. Taskify's own lines (the status line) are written so too.
 */
function writeAsConsole(stream: NodeJS.WriteStream, write: Write, chunk: unknown, encoding: unknown, callback: unknown): void {
  const done = typeof encoding === 'function' ? encoding : callback;
  const swallow = (): void => {};
  stream.once('error', swallow); // (an error the write raises at once)
  try {
    write.call(stream, chunk, typeof encoding === 'function' ? undefined : encoding, (error: Error | null | undefined) => {
      // (One raised later is emitted after this: listen until then.)
      if (error && !(stream as unknown as { _writableState?: { errorEmitted?: boolean } })._writableState?.errorEmitted) stream.once('error', swallow);
      if (typeof done === 'function') done(error);
    });
  } finally { stream.removeListener('error', swallow); }
}

function install(): ProgramOutput {
  const streams = { 1: process.stdout, 2: process.stderr } as const;
  const original = { 1: streams[1].write as Write, 2: streams[2].write as Write };
  const raw: RawStreams = {
    write: (fd, chunk, encoding, callback) => {
      // (The program's raw write carries a callback, its own or the mark; console's passes its handler as the encoding.)
      if (typeof callback === 'function' && typeof encoding !== 'function') original[fd].call(streams[fd], chunk, encoding, callback);
      else writeAsConsole(streams[fd], original[fd], chunk, encoding, callback);
    },
    isTTY: (fd) => streams[fd].isTTY === true,
    columns: () => streams[2].columns || 80, // a pseudo-terminal may say 0
  };
  const screen = new Screen(raw);
  const order = new ProgramOrder(screen);
  for (const fd of [1, 2] as const) {
    streams[fd].write = function write(chunk: unknown, encoding?: unknown, callback?: unknown): boolean {
      // (A write of the program's own, not console's, which passes its error handler where an encoding goes: marked, so
      // that a broken pipe is its error as in the plain program. Node calls the mark, a no-op, when the write is done.)
      return order.write(fd as Fd, chunk, encoding, typeof encoding === 'function' ? callback : callback ?? rawProgramWrite);
    } as NodeJS.WriteStream['write'];
  }
  // console.count counts where it prints: in program order, with the tasks' counts (console-counts.ts).
  const methods = console as unknown as Record<string, (label?: unknown) => void>;
  for (const [name, mark] of [['count', countMark], ['countReset', countResetMark]] as const) {
    const original = methods[name]!;
    methods[name] = function count(label?: unknown): void { order.count(mark(label), () => original.call(console, label)); };
  }
  // Before Node prints an uncaught error and exits. A program that handles uncaught exceptions goes on: keep the order.
  // The program's own error came after every call it had made had returned, their output printed: wait for those.
  process.on('uncaughtExceptionMonitor', () => { if (process.listenerCount('uncaughtException') === 0) order.flush({ settle: true }); });
  return { order, screen, say: (text) => screen.write(2, text) };
}
