/**
 * console.count and process.emitWarning in tasks: the plain calls counted on the program's one console and warned
 * through its process; the counts go on from main's, in the program's order, and its warning listener hears them.
 */

/** @task */
export function tally(name: string, n: number): number {
  console.count(name);
  console.group('inner');
  console.count();
  console.groupEnd();
  if (n > 2) console.countReset(name);
  return n * n;
}

/** @task */
export function careful(n: number): number {
  process.emitWarning(`careful ${n}`, 'CustomWarning', 'C01');
  process.emitWarning(new RangeError(`range ${n}`));
  return n + 1;
}
