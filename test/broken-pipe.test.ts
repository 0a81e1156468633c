/**
 * A program whose reader goes away (`| head -1`) ends as the plain build ends: console writes to the broken pipe are
 * swallowed as Node's console swallows them (the workers' piped stdout must not turn them into an uncaught 'error'
 * event), and a raw `process.stdout.write` still fails the program with EPIPE, as it does in plain Node.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawn } from 'node:child_process';
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildProgram, programsWork } from './program-build';

interface Ending { first: string; status: number | null; stderr: string[] }

/** Runs the build, closes its stdout after the first line, then tells it so; how it ended. */
function endWithReaderGone(outDir: string, env: Record<string, string>): Promise<Ending> {
  const signal = join(programsWork, `reader-gone-${process.hrtime.bigint()}`);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(outDir, 'main.js')], { env: { ...process.env, FORCE_COLOR: '0', READER_GONE: signal, ...env } });
    let first = '';
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => { stderr += d.toString(); });
    child.stdout.on('data', (d: Buffer) => {
      if (first !== '') return;
      first = d.toString().split('\n')[0]!;
      child.stdout.destroy(); // the reader is gone
      writeFileSync(signal, '');
    });
    const timer = setTimeout(() => { child.kill('SIGKILL'); reject(new Error('the program did not end')); }, 60_000);
    child.on('exit', (status) => {
      clearTimeout(timer);
      if (existsSync(signal)) rmSync(signal);
      // (What Node reports, not where: an uncaught error's stack differs between the builds.)
      resolve({ first, status, stderr: stderr.split('\n').filter((l) => /^(done|Error: .*|.*EPIPE.*)$/.test(l.trim())).map((l) => l.trim()) });
    });
  });
}

test('console writes after the reader has gone are swallowed as in the plain program; a raw write fails it as in plain', async () => {
  const plain = buildProgram('broken-pipe', false, 'commonjs');
  const taskified = buildProgram('broken-pipe', true, 'commonjs');
  for (const env of [{}, { RAW_WRITE: "1" }] as Record<string, string>[]) {
    const expected = await endWithReaderGone(plain, env);
    assert.equal(expected.first, 'first');
    assert.equal(await endWithReaderGone(taskified, env), expected, `in workers ${JSON.stringify(env)}`);
    assert.equal(await endWithReaderGone(taskified, { ...env, TASKIFY_WORKERS: '0' }), expected, `inline ${JSON.stringify(env)}`);
  }
});

test.run();
