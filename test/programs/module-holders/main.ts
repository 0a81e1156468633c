/**
 * Module objects a task reaches through other module values: a holder (`registry = { current: CONFIG }`), a Map, a
 * closure a factory or an immediately called function made over them, a bound function, an object's method reading
 * `this.cfg`. Changes the program makes reach the tasks (the held object travels with each call and is filled in place
 * in the worker, where its holders see it), and changes tasks make through them come home (tester np31's modalias,
 * modclosure, modhidden: stale values before, and lost writes).
 */
import { CONFIG, COUNTS, LINES, TALLY, WEIGHTS, api, bound, countCall, counters, log, lookup, registry, scaler, weigh } from './state';

/** @task */
export function viaHolder(x: number): number { return x * registry.current.scale; }
/** @task */
export function viaMap(x: number): number { return x * lookup.get('main')!.scale; }
/** @task */
export function viaClosure(x: number): number { return scaler(x) + weigh(x); }
/** @task */
export function viaBind(x: number): number { return bound(x) + api.run(x); }

/** @task */
export function hit(n: number): number { counters.current.hits += n; return n; }
/** @task */
export function counted(n: number): number { countCall(); return n * 2; }
/** @task */
export function logged(word: string): number { log(word.toUpperCase()); return word.length; }

const before = [viaHolder(3), viaMap(3), viaClosure(3), viaBind(3)];
CONFIG.scale = 10;
WEIGHTS[1] = 100;
const after = [viaHolder(3), viaMap(3), viaClosure(3), viaBind(3)];
console.log(before.join(','), after.join(','));

console.log(hit(2), hit(3), counted(1), counted(2), counted(3), logged('ab'), logged('cde'));
console.log(COUNTS.hits, TALLY.calls, LINES.join('|'));
