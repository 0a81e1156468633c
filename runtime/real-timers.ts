/**
 * Node's own setTimeout and setInterval, as they were when the runtime loaded. The program's timers run on the program's
 * clock (api/program-timers.ts replaces the globals on the main thread); the runtime's own housekeeping on the main
 * thread (lease refreshes, stall checks, progress lines) keeps real time, so it takes its timers from here.
 */
export const realSetTimeout = globalThis.setTimeout;
export const realSetInterval = globalThis.setInterval;
