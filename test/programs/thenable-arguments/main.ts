import { Query, countRows, describe, narrowed, grow, later } from './q';

async function main(): Promise<void> {
  const q = new Query('t', [1, 2, 3]);
  // An awaitable argument reaches the task as itself; awaiting it there runs its `then` on the caller's object.
  console.log(await countRows(q), q.runs);
  // Read only: no `then` runs anywhere.
  console.log(describe(q), q.runs);
  // A result with a `then`, used without await, then awaited.
  const small = narrowed(q, 2);
  console.log(small.table, small.rows, small.runs);
  console.log(await small, small.runs);
  grow(q, 4);
  console.log(describe(q), await countRows(q), q.runs);
  const all = await Promise.all([countRows(q), countRows(new Query('u', [5]))]);
  console.log(all, q.runs);
  // A synchronous task handing back an object with its own `then` (a promise-like wrapper): awaited where it ran.
  console.log(await later(4));
}
main().catch((e) => { console.error('failed', e); });
