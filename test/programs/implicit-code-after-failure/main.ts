// After a task call that fails, code the language runs with no call in the text does not run (np40's F8): a
// conversion to text (`${money}`, `'m ' + money`, String(money), a Symbol.toPrimitive), a toJSON, a generator's body
// run by for…of, a spread or a destructuring, a class's own iterator; nor do built-ins that change their first
// argument (Object.assign into a setter, Array.prototype.push.call); nor a loop's header (`for (let i = c.n++; …)`).
import { fail } from './kernels';

const trail: number[] = [];
function* walk(xs: number[]) { for (const x of xs) { trail.push(x); yield x; } }
class Money {
  constructor(readonly v: number) {}
  toString() { trail.push(100 + this.v); return '$' + this.v; }
}
class Bag {
  constructor(readonly n: number) {}
  *[Symbol.iterator]() { trail.push(200 + this.n); yield this.n; }
}
class Sink { set v(x: number) { trail.push(300 + x); } }
const price = { v: 3, [Symbol.toPrimitive]() { trail.push(400 + this.v); return this.v; } };
const sink = new Sink();
const seen: number[] = [];
const counter = { n: 0 };

for (const n of [1, -2, 3]) {
  try {
    const r = fail(n);
    outer: for (const x of walk([n])) { for (const y of walk([x])) { if (y > 2) continue outer; console.log('y', y, r); } }
    if (n > 0) for (const x of walk([n * 10])) console.log('x', x);
    for (let i = counter.n++; i < 1; i++) console.log('i', i);
    console.log('m ' + new Money(n), `p ${price}`);
    const [first] = walk([n * 7]);
    console.log(String(new Money(first)), JSON.stringify({ m: { toJSON() { trail.push(999); return 1; } } }));
    console.log('bag', [...new Bag(n)].length);
    Object.assign(sink, { v: n });
    Array.prototype.push.call(seen, n);
  } catch (e) { console.log('caught', (e as Error).message); }
}
console.log(trail.join(','), seen.join(','), counter.n);

// A loop over a plain array still submits every call before waiting.
const sizes: number[] = [];
for (const n of [4, 5, 6]) sizes.push(fail(n));
console.log('sizes', sizes.join(','));

// A generator's later steps come after the body's calls: the loop stops at the failed call, and closes the generator.
const steps: string[] = [];
function* stepsOf(xs: number[]) { try { for (const x of xs) { steps.push('at ' + x); yield x; } } finally { steps.push('closed'); } }
try { for (const x of stepsOf([1, -2, 3])) fail(x); } catch (e) { console.log('caught', (e as Error).message); }
console.log('steps', steps.join(','));

// A subclass's toString behind its base type, and arrays whose text and JSON run their elements' methods (rev56's F3).
abstract class Shape { abstract area(): number; }
class Sq extends Shape {
  constructor(readonly s: number) { super(); }
  area() { return this.s * this.s; }
  toString() { trail.push(500 + this.s); return 'Sq' + this.s; }
}
class Coin { constructor(readonly v: number) {} toJSON() { trail.push(600 + this.v); return this.v; } }
const shapes: Shape[] = [new Sq(1), new Sq(2), new Sq(3)];
for (const n of [1, -2, 3]) {
  try {
    const r = fail(n);
    const coins = [new Coin(n)];
    console.log('shape ' + shapes[(n + 3) % 3], `coins ${JSON.stringify(coins)}`, r);
  } catch (e) { console.log('caught', (e as Error).message); }
}
console.log('trail', trail.join(','));

// More ways the iteration protocol runs a class's iterator (rev56's F9): an array pattern assigned, a Set made of it,
// a for…of taking each element apart, a call's spread, a `yield*`, Object.fromEntries.
class Pairs {
  constructor(readonly n: number) {}
  *[Symbol.iterator](): Iterator<[string, number]> { trail.push(700 + this.n); yield ['k', this.n]; }
}
function count(...xs: number[]): number { return xs.length; }
function* again(bag: Bag) { yield* bag; }
const iterated: number[] = [];
for (const n of [1, -2, 3]) {
  try {
    const r = fail(n);
    let b = 0;
    [b] = new Bag(n);
    const set = new Set(new Bag(n + 10));
    for (const [x] of [new Bag(n + 20)]) iterated.push(x);
    iterated.push(b, set.size, count(...new Bag(n + 30)), r);
    for (const x of again(new Bag(n + 40))) iterated.push(x);
    iterated.push(Object.keys(Object.fromEntries(new Pairs(n))).length);
  } catch (e) { console.log('caught', (e as Error).message); }
}
console.log('iterated', iterated.join(','), 'trail', trail.join(','));

// Conversions by other operators (rev56's F8): a comparison in an `if`'s condition, arithmetic through a cast, a
// property key, `++` of an object, a `while` condition.
class Amount {
  constructor(readonly v: number) {}
  valueOf() { trail.push(800 + this.v); return this.v; }
  toString() { trail.push(900 + this.v); return 'a' + this.v; }
}
const amounts = [new Amount(1), new Amount(2), new Amount(3)];
const keyed: Record<string, number> = {};
for (const n of [1, -2, 3]) {
  try {
    const r = fail(n);
    const a = amounts[(n + 3) % 3];
    if (a > amounts[0]) console.log('bigger', r);
    console.log('double', (a as unknown as number) * 2);
    keyed[a as unknown as string] = r;
    let w = 0;
    while (w < (a as unknown as number)) w++;
    console.log('w', w);
  } catch (e) { console.log('caught', (e as Error).message); }
}
console.log('converted', Object.keys(keyed).join(','), 'trail', trail.join(','));
