/**
 * Fenced calls (an element of a parameter) followed by library code given an object literal made right there:
 * `JSON.stringify({ cells })` reads every cell, as `JSON.stringify(cells)` does, so the fence goes before it.
 * Before, the literal was taken as plain data and the fence went after: stale values (tester #29's F0). A cast does
 * not hide an object an operator converts: `(holder as unknown as number) > 5` runs its valueOf (np30's implicitcalls).
 */
import { inspect } from 'node:util';

export interface Cell { v: number }

/** @task */
export function inc(c: Cell, by: number): void { c.v += by; }

class Holder {
  constructor(private readonly cells: Cell[]) {}
  toJSON() { return this.cells.map((c) => c.v); }
  valueOf() { return this.cells.reduce((s, c) => s + c.v, 0); }
}

function run(cells: Cell[], holder: Holder): string[] {
  const out: string[] = [];
  inc(cells[0], 1); out.push(JSON.stringify({ cells }));
  inc(cells[1], 2); out.push(JSON.stringify({ nested: { deeper: cells } }));
  inc(cells[0], 3); out.push(JSON.stringify({ holder }));
  inc(cells[1], 4); out.push(JSON.stringify({ first: cells[0], n: cells.length }, null, 0));
  inc(cells[0], 5); out.push(inspect({ c: cells }, { depth: 4 }));
  inc(cells[1], 6); out.push(String(structuredClone({ c: cells }).c[1].v));
  inc(cells[0], 7); out.push(JSON.stringify({ label: 'plain data only', n: 3 }));
  inc(cells[1], 8); out.push(String((holder as unknown as number) > 40));
  return out;
}

const cells: Cell[] = [{ v: 0 }, { v: 10 }];
console.log(run(cells, new Holder(cells)).join('\n'));
console.log(cells.map((c) => c.v).join(' '));
