/**
 * `await task(…)` as the program wrote it. The plain call's value (or its own Promise, for an async task) is awaited
 * at once: one microtask, where awaiting the Future as a thenable took several, and another chain of the program's
 * microtasks (a `.catch` on an earlier call's Promise) ran first. So a task that has finished gives its value, or
 * a rejected Promise of its failure; inline (TASKIFY_WORKERS=0) the call's own value; a task still running gives a
 * promise of its value, whose wait holds the program's macrotasks (macrotask-hold.ts).
 *
 * Awaits resume in the order they were reached, as the plain program's did (each awaited a value: one microtask,
 * first come first resumed): an await of a task still running holds every later one, even of a finished task,
 * until it has resumed. Without this, `Promise.all([worker(1, long), worker(2, short)])` printed worker 2's end
 * first (np22's r02, a Go worker pool's port). An await of an async task's call that went async (it awaited a timer
 * or I/O) is different: the plain await resumed when that came, so such awaits resume in their plain time
 * (settle-order.ts), and hold no others meanwhile.
 *
 * But a plain call that throws never reaches its await: the catch around it runs at the call, before the awaits
 * reached earlier in the same synchronous run resume. So an await inside a try block with a catch (`caught`) that
 * fails resumes first, and an await reached before it in the same run waits until it knows: in
 * `Promise.all([3, 4, 2].map(async (n) => { try { out.push(await work(n)) } catch { out.push(-1) } }))` with
 * work(4) failing, the plain program pushed -1 first. Awaits outside such a try do not wait for
 * each other's outcome: a pipeline of stages keeps going as its first calls finish.
 */
import { Future } from './future';
import { PlainTurns, type Turn } from './settle-order';
import { turnClock } from './turn-clock';
import { resumeCheck } from './checkpoints';

/** An await reached while others were running, not resumed yet. */
interface Reached extends Turn {
  /** Resumes the await (with the value, or its failure). */
  readonly resume: () => void;
  /** Inside a try block with a catch: its failure resumes before the awaits reached earlier in its run. */
  readonly caught: boolean;
  /** The synchronous run that reached it. */
  readonly run: number;
  /**
   * Its value comes at a time of its own, not at once: an async task's call (whose awaits took microtasks of their own
   * in the plain program too), or a promise the program awaits (inTurn). Awaits of values reached after it do not
   * wait for it; a promise's await, still pending, holds no later await.
   */
  readonly ownTime?: 'asyncCall' | 'promise';
  /**
   * An await of anything after the function's own task calls (checkedAwait): it resumes once they have finished, with
   * their failure if one failed. Until then it holds the awaits reached after it, as an await of a task does.
   */
  readonly checks?: true;
}

/** Per run, its caught awaits not resumed that have not come back ok: while none, its awaits resume without a look. */
const unsettledCaught = new Map<number, number>();
let run = 0;
let runOpen = false;

/** Awaits resume in the order reached, or in the plain time of async tasks' calls (settle-order.ts). */
const reachedAwaits = new PlainTurns<Reached>((reached) => {
  if (reached.caught && reached.state === 'failed') countUnsettled(reached.run, -1);
  reached.resume();
}, nextInOrder);

/**
 * The synchronous run going on. It ends where code resumes after `await task(…)` (`landed`), or else once the
 * microtasks queued before it have run (close enough: those may be other runs' continuations).
 */
function currentRun(): number {
  if (!runOpen) {
    runOpen = true;
    const mine = ++run;
    queueMicrotask(() => { if (run === mine) runOpen = false; });
  }
  return run;
}

/** `__taskify.landed(await __taskify.awaited(…))`: the code after an await of a task is a synchronous run of its own. */
export function landed<T>(value: T): T {
  runOpen = false;
  return value;
}

export function awaited<T>(future: Future<T> | T, caught = false, asyncCall = false): unknown {
  if (!(future instanceof Future)) return future; // a forwarder's call, or a value the plugin did not submit
  const producer = future.entry.producer;
  if (producer?.state !== 'pending' && !holdsTurns()) {
    try {
      return future.wait();
    } catch (error) {
      return Promise.reject(error);
    }
  }
  // (Asked for now: the wait holds the program's macrotasks from here on.)
  const value = future.then();
  let resume!: () => void;
  const inOrder = new Promise<unknown>((resolve) => { resume = () => resolve(value); });
  const reached: Reached = { record: producer, at: turnClock.stamp(), resume, state: 'pending', caught, run: currentRun(), ...(asyncCall ? { ownTime: 'asyncCall' as const } : {}) };
  reachedAwaits.push(reached);
  if (caught) countUnsettled(reached.run, 1);
  value.then(() => { reached.state = 'ok'; if (caught) countUnsettled(reached.run, -1); reachedAwaits.ready(); },
    () => { reached.state = 'failed'; reachedAwaits.ready(); });
  return inOrder;
}

/**
 * `await x` of anything but a task call (`await null`, `await cache.get(k)`, `await Promise.resolve()`): the plain
 * await resumed after every await reached before it, those of synchronous task calls included (their values were
 * there at once). While such an await is still unresumed here, this one waits its turn behind it (np63's
 * min-await-order: `await heavy()` in one function and `x = 1; await null; x = 2` in another printed x = 2 where the
 * plain program, its task's await resumed first, printed 1). A promise still pending holds no later await (the plain
 * one resumed when it settled); settled, it resumes in its turn. Not behind an async task's call, whose own awaits
 * took microtasks in the plain program too (rv69's r5). With nothing to wait behind, the value itself: the plain
 * program's microtasks.
 */
export function inTurn<T>(value: T): T | Promise<T> {
  return behindTaskAwait() ? waitTurn(value, isThenable(value)) : value;
}

/**
 * `await x` in an async function (or a try block of one) after task calls of its own since `mark`: a plain call among
 * them that threw had ended the function there, before the await (np64's min-await-checkpoint: `const a = work(id);
 * await null; return a` in jobs run by `Promise.all`). Instead of blocking until they have finished (a checkpoint,
 * which ran the jobs' calls one at a time), the await waits for them: with their first failure, thrown where it
 * resumes, or with `x` in its turn. Meanwhile the program goes on (the other jobs submit their calls), and awaits and
 * promise callbacks reached after this one wait behind it, as they did behind the plain call that ran here. With
 * nothing unfinished, a failure already met is thrown now and `x` is awaited as `inTurn(x)`. `caught`: inside a try
 * block with a catch or a finally, where the plain call's failure went at once, before awaits reached earlier in its
 * run resumed.
 */
export function checkedAwait<T>(mark: number, value: T, caught = false): T | Promise<T> {
  const unfinished = resumeCheck(mark);
  if (!unfinished) return inTurn(value);
  let failure: { error: unknown } | undefined;
  let resume!: () => void;
  // (Through a promise either way: the code after a failed turn and after an ok one reached next runs the same
  // microtasks later, in the order the turns were handed on, as an await of a task's value does.)
  const inOrder = new Promise<T>((resolve) => {
    resume = () => resolve(failure ? Promise.reject(failure.error) : Promise.resolve(value));
  });
  const turn: Reached = { record: undefined, at: turnClock.stamp(), resume, state: 'pending', caught, run: currentRun(), checks: true };
  reachedAwaits.push(turn);
  if (caught) countUnsettled(turn.run, 1);
  unfinished.then(() => { turn.state = 'ok'; if (caught) countUnsettled(turn.run, -1); reachedAwaits.ready(); },
    (error: unknown) => { failure = { error }; turn.state = 'failed'; reachedAwaits.ready(); });
  return inOrder;
}

/**
 * `p.then(f)`, `p.catch(f)`, `p.finally(f)`, `queueMicrotask(f)` of the program: when `f` is called while an await of a
 * synchronous task's call is unresumed, the plain program had resumed that await first, so `f` waits its turn behind
 * it, as an await of a value does (rv69's a01: `Promise.resolve().then(log)` ran before an `await null` that waited).
 */
export function inTurnCallback<F>(f: F, given?: 'microtask' | 'settled'): F {
  if (typeof f !== 'function') return f;
  const fn = f as unknown as (...args: unknown[]) => unknown;
  const microtask = given === 'microtask';
  // (f given to `queueMicrotask`, or to a promise settled when made, `Promise.resolve(v).then(f)`, behind such an
  // await: f's turn is where it was given, before awaits reached after it (np64's min-a10-micro-order,
  // min-a10-then), and it comes once f is called. A microtask's f is called a microtask later, so its turn holds those
  // behind it until then; a promise's may never be (`.catch` of one that fulfils), so its turn holds none while it
  // waits. Any other promise's f takes its turn when called: its promise settles at a time of its own, and a `.then`
  // chained to another runs after the awaits its first callback's microtasks let by: np64's a10.)
  const queued = given && behindTaskAwait() ? reserveTurn(microtask ? undefined : 'promise') : undefined;
  return ((...args: unknown[]) => {
    // (A microtask, or a callback of a promise settled when it was given, given with no such await unresumed came
    // before every await reached after it: it runs when called. `Promise.resolve().then(log)` and then `await work(1)`:
    // the plain program logged first, then resumed the await.)
    if (!queued && (given !== undefined || !behindTaskAwait())) return fn(...args);
    const ran = (queued ? queued.come() : waitTurn(undefined, false)).then(() => fn(...args));
    // (`queueMicrotask(f)`: what f throws is uncaught, as it was, not a promise's rejection.)
    if (microtask) ran.catch((error: unknown) => process.nextTick(() => { throw error; }));
    return ran;
  }) as unknown as F;
}

/**
 * A turn behind the unresumed awaits: resolved with `value` when handed on, through a promise of it, as a task's
 * await is with its value's promise, so that code run after either (an await's continuation, a `then` callback) runs
 * the same microtasks after its turn, in the order the turns were handed on. `pending`: a promise, whose turn comes
 * when it settles and holds none behind it meanwhile (nextInOrder).
 */
function waitTurn<T>(value: T, pending: boolean): Promise<T> {
  let resume!: () => void;
  const inOrder = new Promise<T>((resolve) => { resume = () => resolve(Promise.resolve(value)); });
  const turn: Reached = { record: undefined, at: turnClock.stamp(), resume, state: pending ? 'pending' : 'ok', caught: false, run: currentRun(),
    ...(pending ? { ownTime: 'promise' as const } : {}) };
  reachedAwaits.push(turn);
  if (pending) Promise.resolve(value).then(() => { turn.state = 'ok'; reachedAwaits.ready(); }, () => { turn.state = 'failed'; reachedAwaits.ready(); });
  else reachedAwaits.ready();
  return inOrder;
}

/** A turn taken now that comes when `come()` is called; until then it holds the turns behind it, unless a promise's. */
function reserveTurn(ownTime?: 'promise'): { come: () => Promise<void> } {
  let resume!: () => void;
  const inOrder = new Promise<void>((resolve) => { resume = () => resolve(Promise.resolve()); });
  const turn: Reached = { record: undefined, at: turnClock.stamp(), resume, state: 'pending', caught: false, run: currentRun(), ...(ownTime ? { ownTime } : {}) };
  reachedAwaits.push(turn);
  return { come: () => { turn.state = 'ok'; reachedAwaits.ready(); return inOrder; } };
}

/** Some turn waiting to be handed on is one `which` says. */
function waitingTurn(which: (turn: Reached) => boolean): boolean {
  if (reachedAwaits.empty) return false;
  for (const turn of reachedAwaits.waiting()) if (which(turn)) return true;
  return false;
}

/** Some turn is waiting to be handed on, other than a promise's still pending (which holds none behind it). */
const holdsTurns = (): boolean => waitingTurn((turn) => !(turn.state === 'pending' && turn.ownTime === 'promise'));

/** An await of a synchronous task's call (or one checking such calls) is unresumed: later awaits resume after it. */
const behindTaskAwait = (): boolean => waitingTurn((turn) => (turn.record !== undefined && turn.ownTime !== 'asyncCall') || turn.checks === true);

const isThenable = (x: unknown): boolean =>
  (typeof x === 'object' || typeof x === 'function') && x !== null && typeof (x as { then?: unknown }).then === 'function';

function countUnsettled(run: number, by: number): void {
  const n = (unsettledCaught.get(run) ?? 0) + by;
  if (n === 0) unsettledCaught.delete(run); else unsettledCaught.set(run, n);
}

/** The await to resume next of those reached from `head` on, in the order reached; undefined: wait for one to settle. */
function nextInOrder(queue: readonly Reached[], from: number): number | undefined {
  // (An await of a promise still pending holds none behind it: the plain await resumed when the promise settled.)
  let head = from;
  while (head < queue.length && queue[head]!.state === 'pending' && queue[head]!.ownTime === 'promise') head++;
  if (head === queue.length) return undefined;
  const first = queue[head]!;
  if (first.state === 'pending') return undefined;
  if (first.state === 'ok' && unsettledCaught.has(first.run)) {
    // A caught await reached later in its run that failed resumes first; one still running may yet fail.
    let i = head + 1;
    while (i < queue.length && queue[i]!.run === first.run && (!queue[i]!.caught || queue[i]!.state === 'ok')) i++;
    const later = i < queue.length && queue[i]!.run === first.run ? queue[i]! : undefined;
    if (later?.state === 'pending') return undefined;
    if (later) return i;
  }
  return head;
}

/**
 * `await Promise.allSettled([t(2), t(3)])` (or `any`, `race`) with synchronous tasks' calls in the list (their
 * indexes: `calls`): the plain program built the list first, so a call that failed threw there, and the combinator
 * never saw it (tester np35's q69/q70). Their outcomes come first: the first failure in the list's order rejects,
 * as that throw; else the combinator gets their values in their places.
 */
export function builtFirst(combinator: 'allSettled' | 'any' | 'race', items: readonly unknown[], calls: readonly number[]): Promise<unknown> {
  return Promise.allSettled(calls.map((i) => items[i])).then((outcomes) => {
    const failed = outcomes.find((outcome): outcome is PromiseRejectedResult => outcome.status === 'rejected');
    if (failed) throw failed.reason;
    const values = [...items];
    outcomes.forEach((outcome, k) => { values[calls[k]!] = (outcome as PromiseFulfilledResult<unknown>).value; });
    return (Promise[combinator] as (values: unknown[]) => Promise<unknown>).call(Promise, values);
  });
}
