/**
 * A pool thread's `process` as the program's own, where a task's code reads it: the plain call ran on the main thread,
 * so process.argv was the program's and `require.main` its entry module. A thread has its own of both (argv
 * [node, piscina's worker.js], require.main piscina's module); they are made the program's before any task module
 * loads (each module's `require.main` is taken from process.mainModule when it is made). process.env and cwd are the
 * program's already (SHARE_ENV, one process), but a thread re-reads the time zone only when it assigns TZ itself
 * (followTimeZone). A task's process.exitCode goes back with its output (exitCodeSet).
 */
import Module from 'node:module';
import { dirname } from 'node:path';
import type { ProgramLook } from '../protocol';

export function lookLikeProgram(program: ProgramLook | undefined): void {
  if (!program) return;
  process.argv.splice(0, process.argv.length, ...program.argv);
  const proc = process as { mainModule?: NodeJS.Module };
  if (program.mainFilename === undefined) { proc.mainModule = undefined; return; } // an ES module program has none
  // A module standing for the entry, never run here: `require.main.filename`, `.paths` and `.require` as the program's;
  // not `loaded`, as the program's entry is not while its top level runs.
  const Modules = Module as unknown as { new (id: string): NodeJS.Module; _nodeModulePaths(dir: string): string[] };
  const main = new Modules('.');
  main.filename = program.mainFilename;
  main.paths = Modules._nodeModulePaths(dirname(program.mainFilename));
  proc.mainModule = main;
}

/**
 * The process.exitCode a task set (the thread's own), taken back so that the next task starts without it: the main
 * thread sets it where the task's output is placed, in the plain program's order (output/program-order.ts).
 */
export function exitCodeSet(): number | undefined {
  const code = process.exitCode;
  if (code === undefined) return undefined;
  process.exitCode = undefined;
  return typeof code === 'number' ? code : Number(code);
}

let zone = process.env.TZ;

/**
 * Node re-reads the time zone only in the thread that assigns TZ: the program's thread set it (`process.env.TZ =
 * 'Asia/Tokyo'`), and this thread's dates would keep the old zone. Assigned again here, before the task runs.
 */
export function followTimeZone(): void {
  const now = process.env.TZ;
  if (now === zone) return;
  zone = now;
  if (now === undefined) delete process.env.TZ; else process.env.TZ = now;
}
