import { randomBytes } from 'node:crypto';
import { isMainThread, threadId } from 'node:worker_threads';

// Module constants computed from the process when the module loads: the program's imports run before its first
// statement, so a variable main sets afterwards is not in them, nor in the workers' (which load the module later).
export const MODE = process.env.LOAD_TIME_MODE ?? 'dev';
export const [, , FIRST_ARG = 'none'] = process.argv;
export const STARTED = Date.now();
export const SEED = Math.random();
// Bytes of chance: a key made once (np42's F7: each worker made its own, and signed with it), and a typed array.
export const KEY = randomBytes(8);
export const NOISE = Float64Array.from([Math.random(), Math.random()]);
export const SETTINGS = { verbose: process.env.LOAD_TIME_VERBOSE === '1', tags: (process.env.LOAD_TIME_TAGS ?? 'a,b').split(',') };
// A function made at load reads the variable when it is called: after main set it, in either thread.
export const modeNow = () => process.env.LOAD_TIME_MODE ?? 'unset';
// Chance drawn by code the initializer runs (np43's F1): a helper of the module, a callback an array method runs at
// once, a `let` a helper hands back, and the thread the module loads in.
function pick(): number { return Math.floor(Math.random() * 1e9); }
export const PICKED = pick();
export const JITTER = [1, 2, 3].map(() => Math.floor(Math.random() * 1e9));
let drawn = Math.random();
function lastDrawn(): number { return drawn; }
export const DRAWN = lastDrawn();
export const THREAD = `t${threadId}/${isMainThread}`;
