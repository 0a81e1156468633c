/**
 * The program's output in program order. In the plain program a task's lines come out at its call, so they follow
 * what main printed before the call and precede what main prints after it. Here the call returns at once and the
 * task prints later, in a worker: its output arrives with its outcome (worker/task-output.ts), and everything is
 * printed by position in the plain program's order:
 *
 *   task k's output          sits at the call that submitted task k;
 *   a main-thread write      sits after the last call submitted before it.
 *
 * A position is printed once every task before it that may print has finished. So main's writes go straight out
 * while no such task is unfinished, and are held while one is (its output, when it comes, goes first); task outputs
 * that arrive out of order wait for the tasks before them. Whatever is printed is always a prefix of the plain
 * program's output. A task declared `prints: false` (proved silent by the plugin, transformer/analysis/prints.ts)
 * has no position: main's lines after it come out at once.
 *
 * Cost: a task that prints nothing adds nothing here (no slot, no message); a main write while nothing is unfinished
 * is one check. Held output is released on the main thread as outcomes arrive (also during a blocking wait), and all
 * of it at exit, on a signal and before an uncaught error is printed (output/program-output.ts).
 */
import type { OutputChunk } from '../protocol';
import type { Fd, Screen } from './screen';

/** The run whose tasks are being ordered: what it has submitted, and which is the first it has not heard back from. */
export interface TaskPositions {
  /** The lowest id of a task not finished that may print; undefined when there is none (tasks declared never to print do not count). */
  firstMayPrint(): number | undefined;
  /** The id of the last task submitted (0 before the first). */
  lastSubmitted(): number;
}

interface HeldWrite {
  /** The last task submitted before the write: it prints once that task and all before it are done. */
  readonly after: number;
  readonly fd: Fd;
  readonly chunk: unknown;
  readonly encoding: unknown;
  readonly callback: unknown;
}

export class ProgramOrder {
  private run?: TaskPositions;
  /** Main's writes not yet printed, in order (`after` never decreases); `head` is the first. */
  private held: HeldWrite[] = [];
  private head = 0;
  /** Output of finished tasks not yet printed, by task id. */
  private readonly tasks = new Map<number, readonly OutputChunk[]>();
  /** Every task before this id has been passed: its output, if any, was printed. */
  private next = 1;

  constructor(private readonly screen: Screen) {}

  /** A run starts ordering its tasks (task ids start again at 1). */
  attach(run: TaskPositions): void {
    this.flush();
    this.run = run;
    this.next = 1;
  }

  /** The run is over: what it still holds is printed, and writes go straight out again. */
  detach(run: TaskPositions): void {
    if (this.run !== run) return;
    this.flush();
    this.run = undefined;
  }

  /** A write of the main thread (console.log, process.stdout.write…). */
  write(fd: Fd, chunk: unknown, encoding?: unknown, callback?: unknown): boolean {
    const run = this.run;
    if (!run || (!this.holding() && run.firstMayPrint() === undefined)) {
      this.screen.write(fd, chunk, encoding, callback);
      return true;
    }
    // The program may reuse its buffer once write returns.
    const copy = ArrayBuffer.isView(chunk) ? Buffer.from(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength)) : chunk;
    this.held.push({ after: run.lastSubmitted(), fd, chunk: copy, encoding, callback });
    return true;
  }

  /** A task has finished (the run no longer counts it unfinished), with what it printed. */
  finished(taskId: number, output: readonly OutputChunk[] | undefined): void {
    if (output?.length) {
      // Its place was passed over by a flush (it finished after all): late rather than lost.
      if (taskId < this.next) this.print(output);
      else this.tasks.set(taskId, output);
    }
    if (this.holding()) this.release(false);
  }

  /** Print everything held, in order, passing over tasks that never finished (exit, a signal, an uncaught error). */
  flush(): void {
    if (this.holding()) this.release(true);
  }

  private holding(): boolean {
    return this.head < this.held.length || this.tasks.size > 0;
  }

  /** Print what every earlier position allows: up to the first unfinished task, or (`all`) everything. */
  private release(all: boolean): void {
    const run = this.run;
    let end: number; // every task before `end` is finished (or, for `all`, passed over)
    if (all || !run) {
      end = Math.max(this.next, run ? run.lastSubmitted() + 1 : 0);
      for (const id of this.tasks.keys()) end = Math.max(end, id + 1);
    } else {
      end = Math.min(run.firstMayPrint() ?? Infinity, run.lastSubmitted() + 1);
    }
    while (true) {
      const write = this.held[this.head];
      if (write && write.after < this.next) {
        this.held[this.head++] = undefined as never;
        this.screen.write(write.fd, write.chunk, write.encoding, write.callback);
        continue;
      }
      if (this.next >= end) break;
      if (this.tasks.size === 0) { this.next = end; continue; } // no task output to place: jump
      const output = this.tasks.get(this.next);
      if (output) {
        this.tasks.delete(this.next);
        this.print(output);
      }
      this.next++;
    }
    if (all) {
      for (; this.head < this.held.length; this.head++) {
        const write = this.held[this.head];
        this.screen.write(write.fd, write.chunk, write.encoding, write.callback);
      }
    }
    if (this.head === this.held.length) { this.held = []; this.head = 0; }
    else if (this.head > 1024 && this.head * 2 > this.held.length) { this.held = this.held.slice(this.head); this.head = 0; }
  }

  private print(output: readonly OutputChunk[]): void {
    // (A distributed run's output comes from another machine: anything but stderr is stdout, anything but text is bytes.)
    for (const chunk of output) {
      this.screen.write(chunk.fd === 2 ? 2 : 1, 'text' in chunk && typeof chunk.text === 'string' ? chunk.text : Buffer.from(String((chunk as { base64?: unknown }).base64 ?? ''), 'base64'));
    }
  }
}
