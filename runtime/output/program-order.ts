/**
 * The program's output in program order. In the plain program a task's lines come out at its call, so they follow
 * what main printed before the call and precede what main prints after it. Here the call returns at once and the
 * task prints later, in a worker: its output arrives with its outcome (worker/task-output.ts), and everything is
 * printed by position in the plain program's order:
 *
 *   task k's output          sits at the call that submitted task k;
 *   a main-thread write      sits after the last call the plain program had made before it (normally the last task
 *                            submitted; code the plugin moved after later submissions says where it is: reached()).
 *
 * A position is printed once every task before it has finished without a failure the program has not met. So main's
 * writes go straight out while no task is unfinished, and are held while one is (its output, when it comes, goes
 * first); task outputs that arrive out of order wait for the tasks before them. A failed task holds everything after
 * it until the program meets its failure, because the plain program stopped at that call:
 *
 *   met at a wait (discard)  the plain call threw there: what main printed after the call and what later tasks print
 *                            never happened, and is dropped; if the program catches it, it goes on from that call;
 *   never met (the end)      the plain program ended at that call: at exit, an uncaught error or a signal, what came
 *                            after it is dropped and the rest printed (flush).
 *
 * So whatever is printed is always a prefix of the plain program's output. Cost: a task that prints nothing sends
 * nothing here (no message); a main write while nothing is unfinished is one check, one while a task runs a copy.
 * Held output is released on the main thread as outcomes arrive (also during a blocking wait), and all of it at exit,
 * on a signal and before an uncaught error is printed (output/program-output.ts).
 */
import type { OutputChunk } from '../protocol';
import type { Fd, Screen } from './screen';
import { changeGroup, groupChanged, indentLines } from './group-indent';
import { countedLine, type CountMark } from './console-counts';
import { emitTaskWarning } from './task-warnings';
import type { Chain, ChainPosition } from '../api/async-chains';

/** The run whose tasks are being ordered: what it has submitted, and where output must wait. */
export interface TaskPositions {
  /** The lowest id of a task not finished, or failed with a failure the program has not met; undefined if none. */
  firstHolding(): number | undefined;
  /**
   * The program ends: the lowest id of a failed task whose failure it never met, where the plain program ended (the
   * calls after it become calls never made); undefined if none.
   */
  endAtFirstUnmetFailure(): number | undefined;
  /** Whether the task is a call the plain program never made (after a failure it met): its output is dropped. */
  neverMade(taskId: number): boolean;
  /** The id of the last task submitted (0 before the first). */
  lastSubmitted(): number;
  /** The last call the plain program had made at this point of the program: what a main write sits after. */
  position(): number;
  /** The run of an async function writing (api/async-chains.ts): a failure met drops only what came after it there. */
  chain?(): Chain | undefined;
  /** Block until every submitted task has finished (the program ends where the plain one had made every call). */
  settleAll(): void;
  /**
   * Whether no code of the program is running now (between its macrotasks, or waiting where it awaits): an async
   * task's later output that comes now is where the program is; one that comes in a blocking wait waits for that code.
   */
  programIdle(): boolean;
  /** Some turn of the program (an await, a call's Promise) waits for the call: it is handed on in plain order (settle-order.ts). */
  turnWaitsFor?(taskId: number): boolean;
}

interface HeldWrite {
  /** The last task submitted before the write: it prints once that task and all before it are done. */
  readonly after: number;
  readonly fd: Fd;
  readonly chunk: unknown;
  readonly encoding: unknown;
  readonly callback: unknown;
  /** Main's console.count while output is held: counted when printed, after the counts of the tasks before it. */
  readonly mark?: CountMark;
  /** The groups placed tasks had opened (net) when main wrote it: see `regrouped`. */
  readonly groups?: number;
  readonly chain?: Chain;
  /** An async task's output from after it went async (see `finished`), printed as its own are. */
  readonly later?: { readonly output: readonly OutputChunk[]; readonly taskId: number };
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
  /** The console.group indentation at a task's call, where there was one (group-indent.ts). */
  private readonly indents = new Map<number, { readonly indent: string; readonly groups: number }>();
  /** Groups opened (net) by the task output placed so far: a held console line is indented by those placed after it was written. */
  private taskGroups = 0;
  /** Async tasks' output from after they went async, until the program's turn for their outcome comes (handedOn). */
  private readonly laterHeld = new Map<number, readonly OutputChunk[]>();

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
    if (!run || this.straightOut(run)) {
      this.screen.write(fd, chunk, encoding, callback);
      return true;
    }
    // The program may reuse its buffer once write returns.
    const copy = ArrayBuffer.isView(chunk) ? Buffer.from(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength)) : chunk;
    this.held.push({ after: run.position(), fd, chunk: copy, encoding, callback, groups: this.taskGroups, chain: run.chain?.() });
    return true;
  }

  /**
   * Main's console.count/countReset: counted now (`now`, Node's own) while nothing is held; else held in its place,
   * since the tasks before it, which count on the same counters, have not been placed yet (console-counts.ts).
   */
  count(mark: CountMark, now: () => void): void {
    const run = this.run;
    if (!run || this.straightOut(run)) return now();
    this.held.push({ after: run.position(), fd: 1, chunk: undefined, encoding: undefined, callback: undefined, mark, chain: run.chain?.() });
  }

  /**
   * A task was submitted inside console.group: its lines are indented as the plain call's were. With the groups the
   * tasks placed so far had opened: a task before it whose `console.group` is placed only after this call (its
   * output is still held) had opened it before the plain call (see regrouped).
   */
  submittedIn(taskId: number, indent: string): void {
    this.indents.set(taskId, { indent, groups: this.taskGroups });
  }

  /**
   * A task has finished (the run no longer counts it unfinished), with what it printed. An async task that went
   * async (awaited a timer or I/O) printed what follows its `later` mark beside the program: in the plain program
   * that came when its timer or I/O did, after the program's code then running (tester np36's asyncread: `const p =
   * lineCount(path); console.log('started'); await p` printed 'started' before the task's line after its readFile).
   */
  finished(taskId: number, output: readonly OutputChunk[] | undefined): void {
    const neverMade = this.run?.neverMade(taskId) ?? false;
    const mark = output?.findIndex((chunk) => 'later' in chunk) ?? -1;
    const later = mark >= 0 && !neverMade ? output!.slice(mark + 1) : [];
    if (mark >= 0) output = output!.slice(0, mark);
    const placed = output?.length && !neverMade;
    if (!placed) this.indents.delete(taskId);
    if (placed && output) {
      // Its place was passed over by a flush (it finished after all): late rather than lost.
      if (taskId < this.next) this.print(output, taskId);
      else this.tasks.set(taskId, output);
    }
    if (later.length > 0) {
      // Awaited, or its Promise used: printed when the plain program's turn for it comes, right before what its
      // settling wakes (np44's F7: three timers 15 ms apart printed in the order the workers finished).
      if (this.run?.turnWaitsFor?.(taskId)) this.laterHeld.set(taskId, later);
      else if (this.run?.programIdle() ?? true) this.beside(later, taskId);
      // In a blocking wait: after the code that waits, and before what the task's settling wakes (`await` of its Promise).
      else queueMicrotask(() => this.beside(later, taskId));
    }
    if (this.holding()) this.release(false);
  }

  /** The program's turn for the task's outcome is handed on (settle-order.ts): what it printed after it went async comes now. */
  handedOn(taskId: number): void {
    const later = this.laterHeld.get(taskId);
    if (!later) return;
    this.laterHeld.delete(taskId);
    this.beside(later, taskId);
  }

  /** An async task's output from after it went async, where the program is now: as a write of main's. */
  private beside(output: readonly OutputChunk[], taskId: number): void {
    const run = this.run;
    if (!run || this.straightOut(run)) return this.print(output, taskId);
    this.held.push({ after: run.position(), fd: 1, chunk: undefined, encoding: undefined, callback: undefined, later: { output, taskId }, chain: run.chain?.() });
  }

  /**
   * The program met task `failed`'s failure (a wait threw it): the plain call threw there, so main's writes after it
   * and the output of the calls after it (the run's calls never made) never happened. `inHistory` says which of
   * main's writes came after it in its own history (another async function's did happen: api/async-chains.ts).
   */
  discard(failed: number, inHistory: (write: ChainPosition) => boolean = () => true): void {
    // (A write sits after its `after` call: half a call on.)
    this.held = this.held.slice(this.head).filter((write) => write.after < failed || !inHistory({ chain: write.chain, id: write.after + 0.5 }));
    this.head = 0;
    for (const id of this.tasks.keys()) if (this.run?.neverMade(id)) { this.tasks.delete(id); this.indents.delete(id); }
    if (this.holding()) this.release(false);
  }

  /**
   * The end (exit, a signal, an uncaught error): everything held is printed, in order, passing over tasks that never
   * finished (with `settle`, where the program ended by itself, after waiting for them). But if a task failed and
   * nothing met its failure, the plain program ended at that call: what came after it is dropped first.
   */
  flush({ settle = false } = {}): void {
    if (settle) this.run?.settleAll();
    // (A turn the program never reached again: its output where the program is now, as before turns held it.)
    for (const taskId of [...this.laterHeld.keys()]) this.handedOn(taskId);
    const failed = this.run?.endAtFirstUnmetFailure();
    if (failed !== undefined) this.discard(failed);
    if (this.holding()) this.release(true);
  }

  /** Nothing is held and no task is unfinished: what main writes goes straight out. */
  private straightOut(run: TaskPositions): boolean {
    return !this.holding() && run.firstHolding() === undefined;
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
      end = Math.min(run.firstHolding() ?? Infinity, run.lastSubmitted() + 1);
    }
    while (true) {
      const write = this.held[this.head];
      if (write && write.after < this.next) {
        this.held[this.head++] = undefined as never;
        this.emit(write);
        continue;
      }
      if (this.next >= end) break;
      if (this.tasks.size === 0) { this.next = end; continue; } // no task output to place: jump
      const output = this.tasks.get(this.next);
      if (output) {
        this.tasks.delete(this.next);
        this.print(output, this.next);
      }
      this.next++;
    }
    if (all) {
      for (; this.head < this.held.length; this.head++) {
        this.emit(this.held[this.head]!);
      }
    }
    if (this.head === this.held.length) { this.held = []; this.head = 0; }
    else if (this.head > 1024 && this.head * 2 > this.held.length) { this.held = this.held.slice(this.head); this.head = 0; }
  }

  private emit(write: HeldWrite): void {
    if (write.later) return this.print(write.later.output, write.later.taskId);
    if (!write.mark) return this.screen.write(write.fd, this.regrouped(write), write.encoding, write.callback);
    const line = countedLine(write.mark);
    if (line !== '') this.screen.write(1, line);
  }

  /**
   * A console line main wrote while held, in the groups the tasks placed before it opened meanwhile: Node indented it
   * when main called console.log, by the groups then; a task before it whose `console.group` was placed only after
   * (its output came later) would have indented it in the plain program. Only console writes: Node's console passes
   * its error handler where a raw write passes an encoding, and raw writes are never indented.
   */
  private regrouped(write: HeldWrite): unknown {
    const shift = this.taskGroups - (write.groups ?? this.taskGroups);
    if (shift === 0 || typeof write.chunk !== 'string' || typeof write.encoding !== 'function') return write.chunk;
    const width = groupChanged('', 1).length;
    if (shift > 0) return indentLines(write.chunk, ' '.repeat(width * shift), true);
    const extra = new RegExp(`^ {0,${width * -shift}}`, 'gm');
    return write.chunk.replace(extra, '');
  }

  private print(output: readonly OutputChunk[], taskId: number): void {
    const at = this.indents.get(taskId);
    this.indents.delete(taskId);
    let indent = at?.indent ?? '';
    for (let shift = at ? this.taskGroups - at.groups : 0; shift !== 0; shift -= Math.sign(shift)) indent = groupChanged(indent, shift > 0 ? 1 : -1);
    // A console chunk starts with a console call, which Node indents wherever the line stands; raw writes are not
    // indented (protocol.ts OutputChunk).
    // (A distributed run's output comes from another machine: anything but stderr is stdout, anything but text is bytes.)
    for (const chunk of output) {
      const fd = chunk.fd === 2 ? 2 : 1;
      if ('text' in chunk && typeof chunk.text === 'string') {
        this.screen.write(fd, indent && chunk.raw !== true ? indentLines(chunk.text, indent, true) : chunk.text);
      } else if ('exitCode' in chunk && typeof chunk.exitCode === 'number') {
        process.exitCode = chunk.exitCode;
      } else if ('group' in chunk) {
        indent = groupChanged(indent, chunk.group);
        changeGroup(chunk.group);
        this.taskGroups += chunk.group;
      } else if ('warned' in chunk) {
        emitTaskWarning(chunk.warned);
      } else if ('count' in chunk || 'countReset' in chunk) {
        const line = countedLine(chunk);
        if (line !== '') this.screen.write(1, indent ? indentLines(line, indent, true) : line);
      } else {
        this.screen.write(fd, Buffer.from(String((chunk as { base64?: unknown }).base64 ?? ''), 'base64'));
      }
    }
  }
}
