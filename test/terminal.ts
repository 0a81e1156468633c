/** A program's output on a pseudo-terminal, and how to read it: the status line's drawings, the lines on screen. */
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';

/** The program on a pseudo-terminal (util-linux script(1)): the bytes the terminal received. */
export function onTerminal(main: string, env: Record<string, string>, cwd?: string): string {
  const command = `stty cols 120; ${JSON.stringify(process.execPath)} ${JSON.stringify(main)}`;
  const run = spawnSync('script', ['-qfec', command, '/dev/null'], { cwd, env: { ...process.env, TERM: 'xterm', ...env }, encoding: 'latin1', timeout: 60_000 });
  assert.is(run.status, 0, `script(1) ran the program: ${run.stderr || run.error}`);
  return run.stdout;
}

/** The status line's drawings: `\r<text>ESC[K` (the final one followed by its line end), and its erasure `\rESC[K`. */
export const STATUS = /\r(taskify [^\r\n]*)\x1b\[K(\r\n)?|\r\x1b\[K/g;

/** What a terminal shows, line by line: \r returns, ESC[K erases to the end, colours take no room. */
export function screenLines(bytes: string): string[] {
  const lines: string[] = [];
  let line = '';
  let column = 0;
  const text = bytes.replace(/\x1b\[[0-9;]*m/g, '');
  for (let i = 0; i < text.length; i++) {
    if (text.startsWith('\x1b[K', i)) { line = line.slice(0, column); i += 2; continue; }
    const c = text[i];
    if (c === '\r') column = 0;
    else if (c === '\n') { lines.push(line); line = ''; column = 0; }
    else { line = line.slice(0, column) + c + line.slice(column + 1); column++; }
  }
  if (line) lines.push(line);
  return lines;
}

