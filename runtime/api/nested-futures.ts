/**
 * Futures deeper than an argument's own slots: `A[i].push(rows)` where `rows = ks.map((k) => makeRow(k))`, then
 * `sumAll(A[0])` hands a task an array of rows whose slots hold Futures. The plain call's argument held the values
 * there, and the encoder carries no Future inside a value, so each is waited for and its value put in its slot, in
 * place, before the call (rv76's r-map-rows-nest crashed: "a Future at [0][0]"; inline the task met the Future). Only
 * arrays of arrays are walked, by their arrays: the grids a program builds; a flat array's own Futures are the
 * caller's (arguments.ts isFutureCollection), and a Future in a record is refused with the encoder's message; no
 * Proxy is looked into.
 */
import { isProxy } from 'node:util/types';
import { Future } from './future';
import { eachIndex } from '../store/own-properties';

export function settleNestedFutures(arg: unknown, wait: (future: Future<unknown>) => unknown): void {
  // (Not into a Proxy: its traps are the program's code, run only as often as the plain call ran them.)
  const isArray = (x: unknown): x is unknown[] => Array.isArray(x) && !isProxy(x);
  if (!isArray(arg) || arg.length === 0 || !isArray(arg[0])) return;
  const seen = new Set<unknown[]>();
  const walk = (array: unknown[]): void => {
    if (seen.has(array)) return;
    seen.add(array);
    eachIndex(array, (k) => {
      let item = array[k];
      if (item instanceof Future) item = array[k] = wait(item);
      if (isArray(item)) walk(item);
    });
  };
  eachIndex(arg, (k) => { const row = arg[k]; if (isArray(row)) walk(row); });
}
