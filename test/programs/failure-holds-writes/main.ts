// A task that changes its argument and then throws an error holding it: the catch reads the argument through the
// error as the plain call left it, changed (tester np35's q22/q23: it read the contents from before the call).

export class BadInput extends Error { constructor(public input: number[]) { super('bad input'); } }
export class Failed extends Error { constructor(public obj: { tries: number }) { super('failed'); } }

/** @task */
export function double(xs: number[]): void { for (let i = 0; i < xs.length; i++) xs[i] *= 2; throw new BadInput(xs); }

/** @task */
export function attempt(o: { tries: number }): void { o.tries++; if (o.tries < 5) throw new Failed(o); }

const xs = [4, 1];
try { double(xs); } catch (e) { if (e instanceof BadInput) console.log(e.input.join(','), e.input === xs); }
console.log(xs.join(','));

const o = { tries: 0 };
for (let k = 0; k < 3; k++) {
  try { attempt(o); } catch (e) { if (e instanceof Failed) console.log('attempt', k, e.obj.tries, e.obj === o); }
}
console.log(o.tries);
