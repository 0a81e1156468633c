import { bumpHidden, check, dropKey, move, readHidden, roundDown, run, several, slots, stamp } from './kernels';

// An error returned: printed, compared, asked for its parts.
const e = check(-1);
console.log(String(e), e instanceof RangeError, e instanceof Error, e?.name, e?.message, e?.stack?.split('\n')[0]);
console.log(String(check(1)));

// An error stored in an inout argument, with a cause and a code.
const job: { ok: boolean; error?: Error } = { ok: true };
run(job);
// A field the task set, taken into a name right after the call: the part is read there, after the task.
const stored = job.error;
console.log('stored', stored instanceof TypeError, stored?.message);
type Coded = TypeError & { code?: string };
console.log(job.ok, String(job.error), job.error instanceof TypeError, (job.error as Coded).code, String(job.error?.cause), job.error?.name);

// An AggregateError with its errors.
const all = several(3);
console.log(String(all), all instanceof AggregateError, all.errors.map(String).join(' | '), all.errors[1] instanceof URIError);

// Arrays keep their length, trailing holes included.
const a = slots(3);
console.log(a.length, 0 in a, 2 in a, JSON.stringify(a));

// Instances of a class this module does not export, passed in an array where the task takes an interface: the call
// stays direct (a worker could not rebuild them), and prints as in plain code.
class P { constructor(public x: number) {} }
const ps = [new P(1), new P(2)];
move(ps);
move([new P(10)]);
console.log(ps.map((p) => p.x).join(','), ps[0] instanceof P);

// Own keys named like Object.prototype's (`constructor`, `toString`), deleted by a task; -0 and NaN written by one.
const parsed: Record<string, unknown> = JSON.parse('{"constructor":1,"toString":2,"x":3}');
dropKey(parsed, 'constructor');
dropKey(parsed, 'toString');
const zero = { v: 0, w: 1, xs: [0, 1] };
roundDown(zero);
console.log(Object.keys(parsed).join(','), Object.is(zero.v, -0), 1 / zero.v, Number.isNaN(zero.w), 1 / zero.xs[0]);

// Properties that are not enumerable, defined by a task (it comes back with its attributes) or by the program (the
// task sees it).
const stamped = { n: 1 };
stamp(stamped);
const secret = { n: 2 };
Object.defineProperty(secret, 'secret', { value: 42, enumerable: false, writable: true, configurable: true });
console.log((stamped as { version?: number }).version, Object.keys(stamped).join(','), JSON.stringify(stamped), readHidden(secret));
try { (stamped as { n: number; version?: number }).version = 8; console.log('assigned'); } catch (e) { console.log((e as Error).name, 'read-only'); }
// A hidden property holding another object of the program, defined by the program: the plugin cannot follow the
// object through the descriptor, so the task writing it is fenced, the fence before the read (helper-54's m03).
const shared = { n: 1 };
const holder = { a: 1 };
Object.defineProperty(holder, 'hid', { value: shared, enumerable: false });
bumpHidden(holder);
console.log('hidden holder', shared.n);
