/**
 * The main thread's stdout and stderr as the user sees them: the program's output, and taskify's status line (the
 * progress line, observe/progress.ts) below it. The status line lives on stderr, only on a terminal, and only on a line
 * of its own: it is erased before any output reaches a terminal, drawn again a moment later, and drawn at all only
 * when the program's last byte on the terminal ended a line. So removing the status line's drawings leaves exactly the
 * program's bytes, and no visible line ever holds both.
 */
import { realSetTimeout } from '../real-timers';
export type Fd = 1 | 2;

/** The real streams, under everything taskify puts in front of them. */
export interface RawStreams {
  write(fd: Fd, chunk: unknown, encoding?: unknown, callback?: unknown): void;
  isTTY(fd: Fd): boolean;
  /** The terminal's width (stderr's, where the status line is). */
  columns(): number;
}

/** Erase the current line: back to its start, clear to its end. Drawing is `\r` + text + ERASE_RIGHT. */
export const ERASE_LINE = '\r\x1b[K';
const ERASE_RIGHT = '\x1b[K';
/** After program output, the status line comes back once the output has paused this long. */
const REDRAW_AFTER_MS = 100;

export class Screen {
  /** What the status line says; undefined: no status line. */
  private status?: string;
  /** The text on screen now, if the status line is drawn. */
  private drawn?: string;
  /** The program's last byte on a terminal ended a line (or nothing was written yet). */
  private atLineStart = true;
  private redrawTimer?: NodeJS.Timeout;
  /** When output last reached a terminal: the status line waits for a pause, so that a burst is not interleaved with drawings. */
  private lastOutput = -Infinity;

  constructor(private readonly raw: RawStreams, private readonly now: () => number = () => performance.now()) {}

  /** Program output (or one of taskify's own messages), on its way to the real stream. */
  write(fd: Fd, chunk: unknown, encoding?: unknown, callback?: unknown): void {
    const terminal = this.raw.isTTY(fd);
    if (terminal && this.drawn !== undefined) this.erase();
    this.raw.write(fd, chunk, encoding, callback);
    if (!terminal) return;
    const last = lastByte(chunk);
    if (last !== undefined) this.atLineStart = last === 0x0a;
    this.lastOutput = this.now();
    if (this.status !== undefined) this.redrawLater();
  }

  /** The status line now says `text`. */
  showStatus(text: string): void {
    if (!this.raw.isTTY(2)) return;
    this.status = text;
    this.draw();
  }

  /** The status line's last state stays on screen, on a line of its own (unless the program left a line open); it is gone afterwards. */
  endStatus(text: string | undefined): void {
    if (this.status === undefined) return;
    clearTimeout(this.redrawTimer);
    this.status = undefined;
    if (text !== undefined && this.atLineStart) {
      this.raw.write(2, `\r${this.fit(text)}${ERASE_RIGHT}\n`);
      this.drawn = undefined;
    } else if (this.drawn !== undefined) {
      this.erase();
    }
  }

  private draw(): void {
    if (this.status === undefined || !this.atLineStart || this.now() - this.lastOutput < REDRAW_AFTER_MS) return;
    const text = this.fit(this.status);
    if (text === this.drawn) return;
    this.raw.write(2, `\r${text}${ERASE_RIGHT}`);
    this.drawn = text;
  }

  private erase(): void {
    this.raw.write(2, ERASE_LINE);
    this.drawn = undefined;
  }

  /** A burst of output is one erase and one redraw, not one per line. (No timer fires in a blocking wait: the next progress event draws.) */
  private redrawLater(): void {
    clearTimeout(this.redrawTimer);
    this.redrawTimer = realSetTimeout(() => this.draw(), REDRAW_AFTER_MS + 1).unref();
  }

  /** One character short of the width: a line exactly as wide as the terminal wraps on some terminals. */
  private fit(text: string): string {
    const width = Math.max(1, this.raw.columns() - 1);
    return text.length > width ? text.slice(0, width) : text;
  }
}

function lastByte(chunk: unknown): number | undefined {
  if (typeof chunk === 'string') return chunk.length === 0 ? undefined : chunk.charCodeAt(chunk.length - 1);
  if (ArrayBuffer.isView(chunk)) return chunk.byteLength === 0 ? undefined : new Uint8Array(chunk.buffer, chunk.byteOffset + chunk.byteLength - 1, 1)[0];
  return undefined;
}
