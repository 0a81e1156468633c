/**
 * shm-typed-array, loaded on first use. taskify runs it with a patch (patches/shm-typed-array+0.1.1.patch)
 * that makes the addon load in worker threads and keeps its segment table per thread; an unpatched build
 * fails in a worker with "Module did not self-register". Either way the caller gets a reason it can print,
 * never an exception from deep inside a task.
 */
import type * as ShmTypedArray from 'shm-typed-array';

export type ShmAddon = typeof ShmTypedArray;

let loaded: { addon: ShmAddon } | { reason: string } | undefined;

/** The addon, or why it cannot be used in this thread. */
export function shmAddon(): { addon: ShmAddon } | { reason: string } {
  loaded ??= load();
  return loaded;
}

function load(): { addon: ShmAddon } | { reason: string } {
  try {
    return { addon: require('shm-typed-array') as ShmAddon };
  } catch (error) {
    const message = (error as Error).message;
    return {
      reason: /self-register/.test(message)
        ? 'the installed shm-typed-array is not the build patched for worker threads (reinstall taskify, ' +
          'or run `npm rebuild taskify`, which re-applies the patch and rebuilds the addon)'
        // Most often npm 11 skipped its install script (not approved, or --ignore-scripts): the addon was never built.
        : `shm-typed-array could not be loaded: ${message.split('\n')[0]} (if npm skipped its install scripts, run ` +
          '`npm install-scripts approve taskify shm-typed-array && npm rebuild taskify`)',
    };
  }
}
