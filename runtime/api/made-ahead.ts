/**
 * Calls of the program's own code made ahead of their turn. A split loop or callback (transformer/rewrite/split-loops.ts,
 * split-callbacks.ts) submits every pass's calls before the first value is used. For a method forwarder
 * (transformer/rewrite/forwarders.ts) or a helper split in halves (transformer/rewrite/helper-halves.ts) that is sound
 * only when the function the call reaches is the one the plugin read: its class or file marks it (`mayRunAhead`,
 * `inHalves`). Any other function (an override, a look-alike object's method, a call before the declaration ran, no
 * function at all) is not run ahead: its call is postponed to the plain call's turn, and so is every later call of
 * the same pass, since what that function does may change what they read.
 */
import { forwardCall, methodOf, type Receiver } from './forwarding';

type Fn = (...args: unknown[]) => unknown;

/** Method forwarders that may run ahead of their turn: they read only their object's fields and their arguments. */
const runsAhead = new WeakSet<object>();

export function mayRunAhead(...methods: unknown[]): void {
  for (const method of methods) if (typeof method === 'function') runsAhead.add(method);
}

/**
 * Helpers split in halves: `analyse(name, xs)` returning `{ name, total: sum(xs) }` submits `sum(xs)` in its first
 * half and builds the record in its second. Registered as the helper is declared (a method's by its class).
 */
const halvesOf = new WeakMap<object, { submit: Fn; use: (submitted: unknown, ...args: unknown[]) => unknown }>();

export function inHalves(fn: Fn, submit: Fn, use: (submitted: unknown, ...args: unknown[]) => unknown): void {
  halvesOf.set(fn, { submit, use });
}

/** A call not made in the pass that submits ahead: made when the plain program reaches it (madeAtTurn). */
class Postponed {
  constructor(readonly make: () => unknown) {}
}

/** A helper's call made ahead in halves: its submissions are out; the use half builds its value at its turn. */
class Halved {
  constructor(readonly use: (submitted: unknown, ...args: unknown[]) => unknown, readonly self: unknown, readonly submitted: unknown,
    readonly args: unknown[]) {}
}

/** The passes submitting ahead now (nested when a pass runs code that splits a loop of its own): whether one postponed a call. */
const passes: { postponed: boolean }[] = [];

export function openAheadPass(): void { passes.push({ postponed: false }); }
export function closeAheadPass(): void { passes.pop(); }

/**
 * Made ahead, when the pass has postponed nothing yet and `ahead` is given; else postponed with every later call of
 * the pass. A call that throws is postponed too: it throws again at its turn, where the plain call threw (nothing ran
 * but reads: the submissions come last). Outside a pass (inline, where each use follows its call), made at once.
 */
function madeAhead(ahead: (() => unknown) | undefined, atTurn: () => unknown): unknown {
  const pass = passes[passes.length - 1];
  if (!pass) return atTurn();
  if (!pass.postponed && ahead) {
    try {
      return ahead();
    } catch {
      // (Made again at its turn.)
    }
  }
  pass.postponed = true;
  return new Postponed(atTurn);
}

/** A planned method forwarder's call (`s.mean()`): made now when the method it reaches may run ahead. */
export function forwardAhead(receiver: Receiver, name: string, args: unknown[], written: string): unknown {
  const call = () => forwardCall(receiver, name, args, written);
  return madeAhead(runsAhead.has(receiver[name]) ? call : undefined, call);
}

/** A helper's call (`analyse(name, xs)`): its submission half now when the function has halves. */
export function halfAhead(fn: Fn, args: unknown[]): unknown {
  return madeAhead(halvedCall(fn, undefined, args), () => fn(...args));
}

/** A method's call (`p.compute()`): its submission half now when the method it reaches has halves. */
export function halfAheadMethod(receiver: Receiver, name: string, args: unknown[], written: string): unknown {
  return madeAhead(halvedCall(receiver[name], receiver, args), () => methodOf(receiver, name, written).apply(receiver, args));
}

function halvedCall(fn: unknown, self: unknown, args: unknown[]): (() => Halved) | undefined {
  const halves = typeof fn === 'function' ? halvesOf.get(fn) : undefined;
  return halves && (() => new Halved(halves.use, self, halves.submit.apply(self, args), args));
}

/** Where the plain program makes a call a pass made ahead: a postponed call is made now, a halved one finished. */
export function madeAtTurn(result: unknown): unknown {
  if (result instanceof Postponed) return result.make();
  if (result instanceof Halved) return result.use.call(result.self, result.submitted, ...result.args);
  return result;
}
