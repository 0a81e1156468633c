/**
 * What the benchmark drivers that run whole programs share: running one and taking the time it reports, the
 * machine and commit a table was measured on, and where tables go.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';

/** The repository (this file runs from dist/bench). */
const root = join(__dirname, '..', '..');
/** dist/, where the programs to measure were built. */
export const dist = join(__dirname, '..');

export interface ProgramRun {
  /** What the program reports on its own `time X s` line: process start-up is not in it. */
  readonly seconds: number;
  /** Everything else it printed: the result, identical for every variant of a computation. */
  readonly result: string;
}

export function runProgram(file: string, args: readonly string[], env: Record<string, string> = {}): ProgramRun {
  const output = execFileSync(process.execPath, [file, ...args], { encoding: 'utf8', env: { ...process.env, ...env }, maxBuffer: 1 << 26 });
  const time = /^time ([\d.]+) s$/m.exec(output);
  if (!time) throw new Error(`no "time X s" line in the output of ${file} ${args.join(' ')}:\n${output}`);
  return { seconds: Number(time[1]), result: output.split('\n').filter((line) => !line.startsWith('time ')).join('\n') };
}

function git(...args: string[]): string {
  try { return execFileSync('git', args, { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim(); } catch { return ''; }
}

/** One line for a table's header: a number only means something next to the machine and code that produced it. */
export function machineLine(): string {
  const commit = git('rev-parse', '--short', 'HEAD') || 'unknown commit';
  const dirty = git('status', '--porcelain', '--untracked-files=no') ? ' with uncommitted changes' : '';
  return `${cpus().length} × ${cpus()[0]?.model.trim() ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}, ` +
    `commit ${commit}${dirty}, ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** Writes bench/results/<name> (or into `dir`), returning its path. */
export function writeResult(name: string, content: string | Buffer, dir = join(root, 'bench', 'results')): string {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, name);
  writeFileSync(file, content);
  return file;
}
