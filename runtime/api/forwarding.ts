/**
 * Forwarders that claim their calls (transformer/rewrite/forwarders.ts): a method of the program that only returns a
 * task's result (`total() { return sum(this.xs) }`), or such a function other modules call, hands its caller the
 * task's Future, but only at a call the plugin planned for it. Which function a call runs is known only when it runs
 * (a subclass may override a method, another module may call it, an object of another class may stand where the
 * type says this one), so the planned call names the function it runs and the function claims the call when it is
 * that one: claimed, it returns the Future; called any other way, it waits and returns the value, as the plain one did.
 *
 * The claim is taken as the method starts (before it evaluates anything that could call other code) and is the
 * function object itself, so an override calling `super.total()`, or any other call made meanwhile, never takes it.
 * (`handOn`, in runtime/index.ts beside waitOn: the Future for a claimed call, the value for any other.)
 */
/** The function a planned call is running, until that function claims it. */
let expected: unknown;

/**
 * A planned call `receiver.name(...args)`: run it, letting the method it reaches claim the call. `written`: the
 * callee as the program wrote it, for the plain call's TypeError when it is no function.
 */
export function forwardCall(receiver: Record<string, (...args: unknown[]) => unknown>, name: string, args: unknown[], written: string): unknown {
  const method = receiver[name];
  if (typeof method !== 'function') throw new TypeError(`${written} is not a function`);
  expected = method;
  try {
    return method.apply(receiver, args);
  } finally {
    expected = undefined;
  }
}

/** A planned call `fn(...args)` of a function forwarder: run it, letting the function claim the call. */
export function forwardFunction(fn: (...args: unknown[]) => unknown, args: unknown[], written: string): unknown {
  if (typeof fn !== 'function') throw new TypeError(`${written} is not a function`);
  expected = fn;
  try {
    return fn(...args);
  } finally {
    expected = undefined;
  }
}

/** At a forwarder method's start: whether this call of `self` is a planned one (its result may be a Future). */
export function claimForward(self: unknown): boolean {
  const claimed = expected === self;
  expected = undefined;
  return claimed;
}

/**
 * Running a method forwarder ahead of its turn. A split loop or callback (transformer/rewrite/split-loops.ts,
 * split-callbacks.ts) submits every pass's calls before the first value is used; for a method that is sound only when
 * the function the call reaches is the forwarder the plugin read: it reads nothing but its object's fields and its
 * arguments, and its tasks only read, so running it earlier changes nothing anyone can see. Its class marks it
 * (`static { __taskify.mayRunAhead(this.prototype.total) }`). Any other function (an override, a look-alike object's
 * method, no function at all) is not run ahead: its call is postponed to the plain call's turn, and so is every later
 * call of the same pass, since what that function does may change what they read.
 */
const runsAhead = new WeakSet<object>();

/** Methods that may run ahead of their turn (see above). */
export function mayRunAhead(...methods: unknown[]): void {
  for (const method of methods) if (typeof method === 'function') runsAhead.add(method);
}

/** A planned call not made in the pass that submits ahead: made when the plain program reaches it (madeAtTurn). */
class Postponed {
  constructor(readonly make: () => unknown) {}
}

/** A helper's call made ahead in halves: its submissions are out; the use half builds its value at its turn. */
class Halved {
  constructor(readonly use: (submitted: unknown, ...args: unknown[]) => unknown, readonly submitted: unknown, readonly args: unknown[]) {}
}

/** The passes submitting ahead now (nested when a pass runs code that splits a loop of its own): whether one postponed a call. */
const passes: { postponed: boolean }[] = [];

export function openAheadPass(): void { passes.push({ postponed: false }); }
export function closeAheadPass(): void { passes.pop(); }

/**
 * Made ahead, when the pass has postponed nothing yet and `ahead` succeeds; else postponed with every later call of
 * the pass. A call that throws is postponed too: it throws again at its turn, where the plain call threw (nothing ran
 * but reads: the submissions come last). Outside a pass (inline, where each use follows its call), made at once.
 */
function madeAhead(may: boolean, ahead: () => unknown, atTurn: () => unknown): unknown {
  const pass = passes[passes.length - 1];
  if (!pass) return atTurn();
  if (!pass.postponed && may) {
    try {
      return ahead();
    } catch {
      // (Made again at its turn.)
    }
  }
  pass.postponed = true;
  return new Postponed(atTurn);
}

/** A planned method call in a pass that submits ahead: made now when its method may run ahead (see above). */
export function forwardAhead(receiver: Record<string, (...args: unknown[]) => unknown>, name: string, args: unknown[], written: string): unknown {
  const call = () => forwardCall(receiver, name, args, written);
  return madeAhead(runsAhead.has(receiver[name]), call, call);
}

/**
 * Helpers split in halves by the plugin (transformer/rewrite/helper-halves.ts): `analyse(name, xs)` returning
 * `{ name, total: sum(xs) }` submits `sum(xs)` in its first half, builds the record in its second. Registered as the
 * helper is declared; a binding reaching another function has none.
 */
const halvesOf = new WeakMap<object, { submit: (...args: unknown[]) => unknown; use: (submitted: unknown, ...args: unknown[]) => unknown }>();

export function inHalves(fn: (...args: unknown[]) => unknown, submit: (...args: unknown[]) => unknown,
  use: (submitted: unknown, ...args: unknown[]) => unknown): void {
  halvesOf.set(fn, { submit, use });
}

/** A helper's call in a pass that submits ahead: its submission half now when it has halves (see madeAhead). */
export function halfAhead(fn: (...args: unknown[]) => unknown, args: unknown[]): unknown {
  const halves = typeof fn === 'function' ? halvesOf.get(fn) : undefined;
  return madeAhead(halves !== undefined, () => new Halved(halves!.use, halves!.submit(...args), args), () => fn(...args));
}

/**
 * A method's call in a pass that submits ahead (`p.compute()`): its submission half now when the method it reaches has
 * halves (registered by its class), else at its turn, looked up again as the plain call does.
 */
export function halfAheadMethod(receiver: Record<string, (...args: unknown[]) => unknown>, name: string, args: unknown[], written: string): unknown {
  const method = receiver[name];
  const halves = typeof method === 'function' ? halvesOf.get(method) : undefined;
  return madeAhead(halves !== undefined,
    () => new Halved((submitted, ...rest) => halves!.use.call(receiver, submitted, ...rest), halves!.submit.apply(receiver, args), args),
    () => {
      const atTurn = receiver[name];
      if (typeof atTurn !== 'function') throw new TypeError(`${written} is not a function`);
      return atTurn.apply(receiver, args);
    });
}

/** Where the plain program makes a call a pass made ahead: a postponed call is made now, a halved one finished. */
export function madeAtTurn(result: unknown): unknown {
  if (result instanceof Postponed) return result.make();
  if (result instanceof Halved) return result.use(result.submitted, ...result.args);
  return result;
}
