/**
 * console.count in tasks counts with the program's counters. In the plain program every call counted on the one
 * console of the main thread: `calls: 1` in main, `calls: 2` in the task, `calls: 3` in main again. A pool thread has
 * a console of its own, starting from nothing; so a task's count(label) and countReset(label) travel as marks in its
 * output, and the main thread counts them where the output is placed, in the plain program's order, on its own
 * console's counters (Node keeps them under a symbol, `counts` in Node 20; where it is not found, a map of this module's).
 */
import { isMap } from 'node:util/types';
import { groupIndent, indentLines } from './group-indent';

const COUNTS = Object.getOwnPropertySymbols(console).find((symbol) => symbol.description === 'counts' || symbol.description === 'kCounts');
const fallback = new Map<string, number>();

function counters(): Map<string, number> {
  const counts = COUNTS === undefined ? undefined : (console as unknown as Record<symbol, unknown>)[COUNTS];
  // Node's is a SafeMap of its own realm's primordials: a Map, though not `instanceof` this one's.
  return isMap(counts) ? counts as Map<string, number> : fallback;
}

/** A mark in a task's output: count `label` (printed with the task's own group indentation), or reset it. */
export type CountMark = { readonly count: string; readonly indent?: string } | { readonly countReset: string };

/** The task's console.count(label): its mark, with the indentation of the task's own open groups. */
export function countMark(label: unknown = 'default'): CountMark {
  const indent = groupIndent();
  return indent === '' ? { count: `${label}` } : { count: `${label}`, indent };
}

export function countResetMark(label: unknown = 'default'): CountMark {
  return { countReset: `${label}` };
}

/** On the main thread, where the task's output is placed: the line console.count printed there, or '' for a reset. */
export function countedLine(mark: CountMark): string {
  const counts = counters();
  if ('countReset' in mark) {
    if (!counts.has(mark.countReset)) process.emitWarning(`Count for '${mark.countReset}' does not exist`);
    counts.delete(mark.countReset);
    return '';
  }
  const count = (counts.get(mark.count) ?? 0) + 1;
  counts.set(mark.count, count);
  return `${indentLines(`${mark.count}: ${count}`, mark.indent ?? '', true)}\n`;
}
