#!/usr/bin/env node
/** The `taskify` command. */
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { availableParallelism } from 'node:os';
import { parseArgs } from 'node:util';
import { readConfig, redisUrl, storeSetting } from './config';
import { TaskifyError, shownUrl } from './errors';
import { defaultStoreRoot, removeStaleRunDirs } from './store/run-dir';
import { listSegments, removeStaleSegments, SHM_DIR } from './store/segments';
import { readTrace } from './observe/trace';
import { reportHtml } from './observe/report';
import { GRAPH_TASK_LIMIT, toDot } from './observe/task-graph';
import { renderSvg } from './observe/render-svg';
import { followParent, rerunWithHugePages } from './hugepages';

const usage = `usage: taskify <command>

commands:
  run <file.ts> [args…]
             compile a program with the plugin (into node_modules/.cache/taskify-run) and run it; the
             next run reuses that build while none of the files it was built from changed
  explain [--all] [--waits] [--json] [-p tsconfig.json | <files or directories…>]
             what the compiler plugin concludes: each task's parameter directions with reasons, why any
             task call stays a direct call, notes on calls that are costly or serial (with the fix), and
             warnings for tags it does not read (--all: every function and every call; --waits: the waits
             it placed; --json: all of it, machine-readable; no argument: ./tsconfig.json)
  report <trace.json> [-o <file.html>]
             one self-contained HTML page from a TASKIFY_TRACE file: timeline, statistics by function,
             task graph (default output: the trace's name with .html)
  worker [--redis <url>] [--threads <n>] [--root <dir>]
             join distributed runs as one machine: take tasks from Redis (BullMQ) and run them on this
             machine's cores (default address: TASKIFY_REDIS; threads: the number of cores); it runs only
             tasks of modules under --root (default: the working directory), and refuses other jobs;
             --redis @<file> reads the address from that file (a password then shows in no process list)
  clean [--redis <url>]
             remove run directories and shared-memory segments that no live run holds (their run's
             lease was not refreshed for 30 s: the program and its watcher were both killed); with --redis,
             also the Redis keys of runs whose master is gone and the queues of machines that stopped
  shm ls     list the shared-memory segments of taskify runs (@rro data in /dev/shm): owner, size, state
  shm clean  remove the segments that no live run holds
  version    print taskify's version
  help       print this text

environment of taskify programs (checked as the program starts: a value that cannot work stops it in one line):
  TASKIFY_WORKERS=<n>        worker threads (default: the number of cores; 0 runs tasks inline)
  TASKIFY_TASKS_PER_WORKER   tasks posted to a worker at once (default 2)
  TASKIFY_WORKER_HEAP_MB     each worker thread's JavaScript heap limit (default: Node's; at least 16)
  TASKIFY_STATS=<file>       write run statistics as JSON at exit
  TASKIFY_STORE=<dir>        where run directories go (default: /dev/shm, else the temp dir)
  TASKIFY_WORKER_CACHE_MB    decoded versions each worker keeps (default 512)
  TASKIFY_SHM=0              read @rro arguments from files instead of shared memory
  TASKIFY_SHM_LIMIT_MB=<n>   most shared memory a run's @rro segments may take (default: what /dev/shm has)
  TASKIFY_TRACE=<file.json>  write a Chrome trace (ui.perfetto.dev, chrome://tracing) of the run at exit
  TASKIFY_GRAPH=<file>       write the task graph at exit: Graphviz .dot, or rendered .svg
  TASKIFY_PROGRESS=0|1       the live progress line on stderr (default: on when stderr is a terminal)
  TASKIFY_PROGRESS_AFTER_MS=<ms>  how long a run lasts before that line appears (default 1000)
  TASKIFY_SUMMARY=0|1        a table of where the time went at exit (default: after 10 s on a terminal)
  TASKIFY_REDIS=<url>        run tasks on the machines that joined with \`taskify worker\` at this Redis
                             (redis://host:port, or @<file> holding it) instead of this machine's pool
  TASKIFY_REDIS_TTL_S=<s>    expiry of a distributed run's Redis keys, should it die before deleting them (default 86400)
  TASKIFY_SECRET, TASKIFY_SECRET_FILE
                             the cluster secret of a distributed run (or a file holding it)
  TASKIFY_TASK_TIMEOUT=<s>   seconds a task may run when it sets no @timeout (default: no limit)
  TASKIFY_STALL_REPORT=<s>   say what runs and waits after this long without progress (default 60; 0: never)
  TASKIFY_HUGEPAGES=0        \`taskify run\` and \`taskify worker\` leave GLIBC_TUNABLES alone (by default, when it is
                             unset and glibc is 2.35 or later, they start the program or the worker with
                             GLIBC_TUNABLES=glibc.malloc.hugetlb=1: large buffers in huge pages, far fewer page faults)
`;

function main(argv: string[]): number | Promise<number> {
  const [command] = argv;
  switch (command) {
    case 'report': return reportCommand(argv.slice(1));
    case 'explain': return explainCommand(argv.slice(1));
    case 'run': return runCommand(argv.slice(1));
    // Before anything else, so that nothing is done twice: the process started again does it all.
    case 'worker': return rerunWithHugePages() ?? workerCommand(argv.slice(1));
    case 'clean': return cleanCommand(argv.slice(1));
    case 'shm': return shmCommand(argv.slice(1));
    case 'version': case '--version': case '-v':
      console.log((JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8')) as { version: string }).version);
      return 0;
    case undefined: case 'help': case '--help': case '-h':
      process.stdout.write(usage);
      return 0;
    default:
      process.stderr.write(`taskify: unknown command ${JSON.stringify(command)}\n\n${usage}`);
      return 2;
  }
}

async function cleanCommand(args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { redis: { type: 'string' } }, strict: true });
  const root = storeSetting() ?? defaultStoreRoot();
  const removed = [...removeStaleRunDirs(root).map((name) => join(root, name)), ...removeStaleSegments().map(segmentPath)];
  // TASKIFY_STORE=/dev/shm/ is /dev/shm: said once.
  const places = resolve(root) === resolve(SHM_DIR) ? SHM_DIR : `${root} or ${SHM_DIR}`;
  console.log(removed.length ? removed.map((path) => `removed ${path}`).join('\n') : `nothing to clean in ${places}`);
  const url = redisUrl(values.redis, '--redis');
  if (!url) return 0;
  const { connect } = require('./distributed/redis') as typeof import('./distributed/redis');
  const { cleanRedis } = require('./distributed/redis-clean') as typeof import('./distributed/redis-clean');
  const redis = await connect(url);
  try {
    const done = await cleanRedis(redis);
    for (const run of done.runs) console.log(`removed the keys of ended run ${run}`);
    for (const machine of done.machines) console.log(`removed the queue of stopped machine ${machine}`);
    if (done.runs.length === 0 && done.machines.length === 0) console.log(`nothing to clean in Redis at ${shownUrl(url)}`);
  } finally {
    redis.disconnect();
  }
  return 0;
}

async function workerCommand(args: string[]): Promise<number> {
  followParent();
  const { values } = parseArgs({ args, options: { redis: { type: 'string' }, threads: { type: 'string' }, root: { type: 'string' } }, strict: true });
  const config = readConfig();
  const url = redisUrl(values.redis, '--redis') ?? config.redis;
  if (!url) {
    process.stderr.write('taskify worker: say which Redis to join: --redis redis://host:port (or set TASKIFY_REDIS)\n');
    return 2;
  }
  const threads = values.threads === undefined ? availableParallelism() : Number(values.threads);
  if (!Number.isInteger(threads) || threads < 1) {
    process.stderr.write(`taskify worker: --threads must be a positive integer, got ${JSON.stringify(values.threads)}\n`);
    return 2;
  }
  // Loaded here only: nothing about Redis is required by the other commands or by programs that run locally.
  const { serveMachine } = require('./distributed/machine-worker') as typeof import('./distributed/machine-worker');
  await serveMachine({
    url, threads, root: resolve(values.root ?? process.cwd()), storeRoot: config.storeRoot ?? defaultStoreRoot(),
    storeFromEnv: config.storeRoot !== undefined, cacheBytes: config.workerCacheBytes,
    sharedMemory: config.sharedMemory, sharedMemoryLimitBytes: config.sharedMemoryLimitBytes, ttlSeconds: config.redisTtlSeconds,
    idleRunMs: 30_000,
  });
  return new Promise<number>(() => {}); // serves until a signal stops it
}

function shmCommand([sub, ...rest]: string[]): number {
  if (rest.length > 0 || (sub !== 'ls' && sub !== 'clean')) {
    process.stderr.write(`taskify shm: expected \`ls\` or \`clean\`, got ${JSON.stringify([sub, ...rest].join(' '))}\n`);
    return 2;
  }
  if (sub === 'clean') {
    const removed = removeStaleSegments();
    console.log(removed.length ? removed.map((s) => `removed ${segmentPath(s)} (${mib(s.bytes)} MiB, its run's lease is stale)`).join('\n')
      : `no segments of abandoned taskify runs in ${SHM_DIR}`);
    return 0;
  }
  const segments = listSegments();
  if (segments.length === 0) {
    console.log(`no taskify segments in ${SHM_DIR}`);
    return 0;
  }
  console.log(['size (MiB)'.padStart(10), 'pid'.padStart(8), 'state'.padEnd(6), 'segment'].join('  '));
  for (const s of segments) {
    console.log([mib(s.bytes).padStart(10), String(s.pid).padStart(8), (s.alive ? 'live' : 'stale').padEnd(6), s.name].join('  '));
  }
  const stale = segments.filter((s) => !s.alive).length;
  if (stale > 0) console.log(`${stale} stale segment(s): \`taskify shm clean\` removes them`);
  return 0;
}

async function reportCommand(args: string[]): Promise<number> {
  const output = args.indexOf('-o');
  const out = output >= 0 ? args[output + 1] : undefined;
  const inputs = args.filter((_, i) => output < 0 || (i !== output && i !== output + 1));
  if (inputs.length !== 1 || (output >= 0 && !out)) {
    process.stderr.write('usage: taskify report <trace.json> [-o <file.html>]\n');
    return 2;
  }
  const [trace] = inputs;
  try {
    const log = readTrace(JSON.parse(readFileSync(trace, 'utf8')), trace);
    const graph = log.tasks.size <= GRAPH_TASK_LIMIT ? await renderSvg(toDot(log)) : undefined;
    const file = out ?? trace.replace(/(\.json)?$/i, '.html');
    writeFileSync(file, reportHtml(log, trace, graph));
    console.log(`wrote ${file}`);
    return 0;
  } catch (error) {
    process.stderr.write(`taskify report: ${(error as Error).message}\n`);
    return 1;
  }
}

const segmentPath = (segment: { name: string }): string => join(SHM_DIR, segment.name);
const mib = (bytes: number): string => (bytes / 1048576).toFixed(1);

/**
 * The one place the runtime's package reaches the compiler side: loaded only for these commands, so programs
 * that run compiled code never load typescript. A missing or unusable compiler is one line (load-typescript.ts).
 */
function loadTypeScript(command: string): typeof import('typescript') | undefined {
  const { loadTypeScript: load } = require(join(__dirname, '..', 'transformer', 'load-typescript.js')) as typeof import('../transformer/load-typescript');
  const loaded = load();
  if ('ts' in loaded) return loaded.ts;
  process.stderr.write(`taskify ${command}: ${loaded.error}\n`);
  return undefined;
}

function explainCommand(args: string[]): number {
  const typescript = loadTypeScript('explain');
  if (!typescript) return 2;
  const { runExplain } = require(join(__dirname, '..', 'transformer', 'explain.js')) as typeof import('../transformer/explain');
  return runExplain(typescript, args, (text) => console.log(text), (line) => process.stderr.write(`${line}\n`));
}

function runCommand(args: string[]): number {
  // An unchanged program runs from its last build without loading the compiler (run-cache.ts).
  const { runCached } = require(join(__dirname, '..', 'transformer', 'run-cache.js')) as typeof import('../transformer/run-cache');
  const cached = runCached(args, join(__dirname, 'index.js'));
  if (cached !== undefined) return cached;
  const typescript = loadTypeScript('run');
  if (!typescript) return 2;
  const { runProgram } = require(join(__dirname, '..', 'transformer', 'run.js')) as typeof import('../transformer/run');
  return runProgram(typescript, args, join(__dirname, 'index.js'));
}

// A setting or argument that cannot work is one line, not a stack trace.
void new Promise<number>((done) => done(main(process.argv.slice(2)))).then((code) => { process.exitCode = code; }, (error: unknown) => {
  if (!(error instanceof TaskifyError)) throw error;
  process.stderr.write(`taskify: ${error.message}\n`);
  process.exitCode = 1;
});
