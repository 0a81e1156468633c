/**
 * node dist/bench/redis-memory.js — what distributed runs leave in Redis (issue 18): INFO memory's used_memory and
 * the key count before any run, after 10 runs of 5000 tiny tasks, and around a run stopped with Ctrl-C (SIGINT)
 * while 16 MiB arguments travel: right after, and once the machines' check removed what it left.
 * The cluster is test/cluster.ts (2 `taskify worker` machines of 1 thread, a redis-server of its own).
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { task } from '../runtime';
import { CLUSTER_SECRET, startCluster } from '../test/cluster';
import type * as K from './kernels';

export function total(values: Float64Array): number {
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += values[i];
  return sum;
}

const RUNS = Number(process.env.RUNS || 10);
const TASKS = Number(process.env.TASKS || 5000);

async function child(mode: string): Promise<void> {
  if (mode === 'tiny') {
    const add = task<typeof K.add>(join(__dirname, 'kernels.js'), 'add', ['in', 'in']);
    const results = await Promise.all(Array.from({ length: TASKS }, (_, i) => add(i, 1)));
    if (results[TASKS - 1] !== TASKS) throw new Error('wrong sum');
  } else {
    const sum = task<typeof total>(__filename, 'total', ['in']);
    // Fresh 16 MiB arrays, one after another, until the driver interrupts.
    for (let i = 0; ; i++) sum(new Float64Array(2 * 1024 * 1024).fill(i)).wait();
  }
}

function info(port: number): { usedMemory: number; keys: number } {
  const cli = (...args: string[]) => spawnSync('redis-cli', ['-p', String(port), ...args], { encoding: 'utf8' }).stdout;
  const usedMemory = Number(/used_memory:(\d+)/.exec(cli('INFO', 'memory'))![1]);
  const keys = Number(cli('DBSIZE').trim());
  return { usedMemory, keys };
}

function program(url: string, mode: string, interruptAfterMs?: number): Promise<number | null> {
  const env = { ...process.env, TASKIFY_REDIS: url, TASKIFY_SECRET: CLUSTER_SECRET, TASKIFY_PROGRESS: '0', TASKIFY_SUMMARY: '0' };
  return new Promise((resolve) => {
    const run = spawn(process.execPath, [__filename, '--child', mode], { env, stdio: ['ignore', 'inherit', 'inherit'] });
    if (interruptAfterMs !== undefined) setTimeout(() => run.kill('SIGINT'), interruptAfterMs);
    const started = Date.now();
    const hung = setTimeout(() => { process.stderr.write(`a ${mode} run took over 120 s: killed\n`); run.kill('SIGKILL'); }, 120_000);
    run.on('exit', (code) => {
      clearTimeout(hung);
      process.stderr.write(`${mode} run: ${((Date.now() - started) / 1000).toFixed(1)} s, exit ${code}\n`);
      resolve(code);
    });
  });
}

async function main(): Promise<void> {
  const cluster = await startCluster({ workers: 2, threads: 1 });
  const rows: string[] = [];
  const row = (what: string) => {
    const { usedMemory, keys } = info(cluster.port);
    rows.push(`| ${what} | ${(usedMemory / 1e6).toFixed(2)} MB | ${keys} |`);
    process.stderr.write(rows[rows.length - 1] + '\n');
  };
  try {
    row('machines joined, no run yet');
    for (let i = 0; i < RUNS; i++) {
      const code = await program(cluster.url, 'tiny');
      if (code !== 0) throw new Error(`run ${i + 1} failed (${code})`);
      if (i === 0) row(`after 1 run of ${TASKS} tiny tasks`);
    }
    row(`after ${RUNS} runs of ${TASKS} tiny tasks`);
    await program(cluster.url, 'big', 3000);
    row('right after a master stopped with Ctrl-C while moving 16 MiB arguments');
    const started = Date.now();
    while (cluster.keys('taskify:run:*').length > 0 && Date.now() - started < 60_000) await new Promise((r) => setTimeout(r, 500));
    row(`${((Date.now() - started) / 1000).toFixed(0)} s later (the machines removed its keys)`);
  } finally {
    await cluster.stop();
  }
  console.log(['| when | used_memory | keys |', '|---|---|---|', ...rows].join('\n'));
}

if (require.main === module) {
  const at = process.argv.indexOf('--child');
  (at >= 0 ? child(process.argv[at + 1]) : main()).catch((error) => { console.error(error); process.exitCode = 1; });
}
