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

export type Receiver = Record<string, (...args: unknown[]) => unknown>;

/** `receiver[name]` as the plain call `receiver.name(…)` looks it up: its TypeError when it is no function. */
export function methodOf(receiver: Receiver, name: string, written: string): (...args: unknown[]) => unknown {
  const method = receiver[name];
  if (typeof method !== 'function') throw new TypeError(`${written} is not a function`);
  return method;
}

/**
 * A planned call `receiver.name(...args)`: run it, letting the method it reaches claim the call. `written`: the
 * callee as the program wrote it, for the plain call's TypeError when it is no function.
 */
export function forwardCall(receiver: Receiver, name: string, args: unknown[], written: string): unknown {
  const method = methodOf(receiver, name, written);
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
