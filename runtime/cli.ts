#!/usr/bin/env node
/** The `taskify` command. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { defaultStoreRoot, removeStaleRunDirs } from './store/run-dir';

const usage = `usage: taskify <command>

commands:
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

process.exitCode = main(process.argv.slice(2));
