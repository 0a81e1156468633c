#!/usr/bin/env node
/** The `taskify` command. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { defaultStoreRoot, removeStaleRunDirs } from './store/run-dir';
import { listSegments, removeStaleSegments, SHM_DIR } from './store/segments';

const usage = `usage: taskify <command>

commands:
  run <file.ts> [args…]
             compile a program with the plugin (into node_modules/.cache/taskify-run) and run it
  explain [--all] [--json] <files…>
             what the compiler plugin concludes: each task's parameter directions with reasons,
             and why any task call stays a direct call (--all: every function; --json: machine-readable)
  clean      remove run directories and shared-memory segments left by taskify programs that were killed
  shm ls     list the shared-memory segments of taskify runs (@rro data in /dev/shm): owner, size
  shm clean  remove the segments whose process is gone
  version    print taskify's version
  help       print this text

environment of taskify programs:
  TASKIFY_WORKERS=<n>        worker threads (default: the number of cores; 0 runs tasks inline)
  TASKIFY_STATS=<file>       write run statistics as JSON at exit
  TASKIFY_STORE=<dir>        where run directories go (default: /dev/shm, else the temp dir)
  TASKIFY_WORKER_CACHE_MB    decoded versions each worker keeps (default 512)
  TASKIFY_SHM=0              read @rro arguments from files instead of shared memory
  TASKIFY_SHM_LIMIT_MB=<n>   most shared memory a run's @rro segments may take (default: what /dev/shm has)
`;

function main(argv: string[]): number {
  const [command] = argv;
  switch (command) {
    case 'explain': return explainCommand(argv.slice(1));
    case 'run': return runCommand(argv.slice(1));
    case 'clean': {
      const root = process.env.TASKIFY_STORE || defaultStoreRoot();
      const removed = [...removeStaleRunDirs(root).map((name) => join(root, name)), ...removeStaleSegments().map(segmentPath)];
      console.log(removed.length ? removed.map((path) => `removed ${path}`).join('\n') : `nothing to clean in ${root} or ${SHM_DIR}`);
      return 0;
    }
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

function shmCommand([sub, ...rest]: string[]): number {
  if (rest.length > 0 || (sub !== 'ls' && sub !== 'clean')) {
    process.stderr.write(`taskify shm: expected \`ls\` or \`clean\`, got ${JSON.stringify([sub, ...rest].join(' '))}\n`);
    return 2;
  }
  if (sub === 'clean') {
    const removed = removeStaleSegments();
    console.log(removed.length ? removed.map((s) => `removed ${segmentPath(s)} (${mib(s.bytes)} MiB, pid ${s.pid} is gone)`).join('\n')
      : `no segments of dead taskify runs in ${SHM_DIR}`);
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

const segmentPath = (segment: { name: string }): string => join(SHM_DIR, segment.name);
const mib = (bytes: number): string => (bytes / 1048576).toFixed(1);

/**
 * The one place the runtime's package reaches the compiler side: loaded only for this command, so programs
 * that run compiled code never load typescript.
 */
function loadTypeScript(command: string): typeof import('typescript') | undefined {
  try {
    return require(require.resolve('typescript', { paths: [process.cwd(), __dirname] })) as typeof import('typescript');
  } catch {
    process.stderr.write(`taskify ${command} needs the typescript package (npm install --save-dev typescript)\n`);
    return undefined;
  }
}

function explainCommand(args: string[]): number {
  const typescript = loadTypeScript('explain');
  if (!typescript) return 2;
  const { runExplain } = require(join(__dirname, '..', 'transformer', 'explain.js')) as typeof import('../transformer/explain');
  return runExplain(typescript, args, (text) => console.log(text));
}

function runCommand(args: string[]): number {
  const typescript = loadTypeScript('run');
  if (!typescript) return 2;
  const { runProgram } = require(join(__dirname, '..', 'transformer', 'run.js')) as typeof import('../transformer/run');
  return runProgram(typescript, args, join(__dirname, 'index.js'));
}

process.exitCode = main(process.argv.slice(2));
