/**
 * Which run of an async function a task call belongs to. The plain program's async functions interleave at their
 * awaits: in `Promise.all([worker('A', [1, 7]), worker('B', [14])])` A's calls and B's calls take turns, and each
 * meets only its own calls' failures (A's try catches A's `bad 7`, never B's `bad 14`). Submissions are numbered in
 * one order for the whole program, so a mark (the next id) cannot tell them apart. So the plugin runs each async
 * function and promise callback that runs tasks in a chain of its own (`inChain`, carried across its awaits by
 * AsyncLocalStorage), each task remembers the chain it was submitted in, and checks, take-backs and dropped output
 * keep to a chain's own history:
 * - a check (`checkpoint(mark)`) waits for the calls its chain made since the mark, and throws their first failure;
 * - a failure met at a wait comes after an earlier failure only if that call came before it in its own history: made
 *   by its chain, or by an enclosing chain before it started this one (`precedes`);
 * - the calls the plain program never made after a failure it met are those its chain made after it, and those of
 *   chains it started after it (`follows`); a chain started before went on, as the async function had returned its
 *   promise to its caller.
 * Code outside every chain (the top level, or everything when the plugin made no chain) is one chain, the root
 * (undefined), and these rules are then the global order's. A failure nobody meets still ends the whole program at
 * that call (plain-order.ts endAtFirstUnmetFailure): an unhandled rejection ends every chain.
 */
import { AsyncLocalStorage } from 'node:async_hooks';

export interface Chain {
  /** The chain that started this one (undefined: the root). */
  readonly parent: Chain | undefined;
  /** The id of the next submission when it started: the calls of its parent below this came before it. */
  readonly startedAt: number;
}

/** (Async hooks are enabled only once a chain is entered: a program without one pays nothing.) */
const storage = new AsyncLocalStorage<Chain>();

/** The chain the running code belongs to. */
export function currentChain(): Chain | undefined {
  return storage.getStore();
}

/** Runs `body` (an async function's body, a promise callback) in a new chain, started when `nextId` is the next id. */
export function runInChain<T>(nextId: number, body: () => T): T {
  return storage.run({ parent: storage.getStore(), startedAt: nextId }, body);
}

/** A task call or a write of the program: where it happened. */
export interface ChainPosition {
  readonly chain?: Chain;
  /** A task's id; for a write, the last id submitted before it plus a half. */
  readonly id: number;
}

/** Whether `earlier` came before `later` in `later`'s own history: its chain's calls, or an enclosing chain's before. */
export function precedes(earlier: ChainPosition, later: ChainPosition): boolean {
  let limit = later.id;
  for (let chain = later.chain; ; chain = chain.parent) {
    if (earlier.chain === chain) return earlier.id < limit;
    if (chain === undefined) return false;
    limit = Math.min(limit, chain.startedAt);
  }
}

/** Whether `position` comes after the call `failed` in that call's history: its chain's, or a chain it started later. */
export function follows(failed: ChainPosition, position: ChainPosition): boolean {
  let at = position.id;
  for (let chain = position.chain; ; chain = chain.parent) {
    if (chain === failed.chain) return at > failed.id;
    if (chain === undefined) return false;
    at = chain.startedAt;
  }
}
