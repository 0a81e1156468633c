#!/usr/bin/env node
/** The `taskify` command. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { defaultStoreRoot, removeStaleRunDirs } from './store/run-dir';

const usage = `usage: taskify <command>

commands:
  run <file.ts> [args…]
             compile a program with the plugin (into node_modules/.cache/taskify-run) and run it
  explain [--all] [--json] <files…>
             what the compiler plugin concludes: each task's parameter directions with reasons,
             and why any task call stays a direct call (--all: every function; --json: machine-readable)
  clean      remove run directories left by taskify programs that were killed (kill -9)
  version    print taskify's version
  help       print this text

environment of taskify programs:
  TASKIFY_WORKERS=<n>        worker threads (default: the number of cores; 0 runs tasks inline)
  TASKIFY_STATS=<file>       write run statistics as JSON at exit
  TASKIFY_STORE=<dir>        where run directories go (default: /dev/shm, else the temp dir)
  TASKIFY_WORKER_CACHE_MB    decoded versions each worker keeps (default 512)
`;

function main(argv: string[]): number {
  const [command] = argv;
  switch (command) {
    case 'explain': return explainCommand(argv.slice(1));
    case 'run': return runCommand(argv.slice(1));
    case 'clean': {
      const root = process.env.TASKIFY_STORE || defaultStoreRoot();
      const removed = removeStaleRunDirs(root);
      console.log(removed.length ? removed.map((name) => `removed ${join(root, name)}`).join('\n') : `nothing to clean in ${root}`);
      return 0;
    }
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
