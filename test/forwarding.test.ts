/**
 * runtime/api/forwarding.ts: a planned call lets the forwarder it reaches claim it, and only that one. An override
 * (also one calling `super`), a call made meanwhile by other code, or the function taken as a value claims nothing.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { claimForward, forwardCall, forwardFunction } from '../runtime/api/forwarding';
import { closeAheadPass, forwardAhead, madeAtTurn, mayRunAhead, openAheadPass } from '../runtime/api/made-ahead';

class Base {
  claimed: boolean[] = [];
  total(): string { this.claimed.push(claimForward(Base.prototype.total)); return 'base'; }
}
class Override extends Base {
  override total(): string { return `override(${super.total()})`; }
}
class Other {
  total(): string { return 'other'; }
}

test('the method a planned call reaches claims it; an override and its super call do not', () => {
  const base = new Base();
  assert.is(forwardCall(base as never, 'total', [], 'base.total'), 'base');
  assert.equal(base.claimed, [true]);
  const over = new Override();
  assert.is(forwardCall(over as never, 'total', [], 'over.total'), 'override(base)');
  assert.equal(over.claimed, [false], 'super.total() is no planned call');
  assert.is(forwardCall(new Other() as never, 'total', [], 'o.total'), 'other');
  // Called directly afterwards, nothing is left to claim.
  base.total();
  assert.equal(base.claimed, [true, false]);
});

test('a claim is taken once, at the start: a call the forwarder makes meanwhile claims nothing', () => {
  const seen: boolean[] = [];
  function inner(): number { seen.push(claimForward(inner)); return 1; }
  function outer(): number { const claimed = claimForward(outer); seen.push(claimed); return inner() + 1; }
  assert.is(forwardFunction(outer as never, [], 'outer'), 2);
  assert.equal(seen, [true, false]);
  // A planned call of inner reaching another function first: that one does not take inner's claim.
  seen.length = 0;
  const wrapper = (): number => inner();
  assert.is(forwardFunction(wrapper as never, [], 'wrapper'), 1);
  assert.equal(seen, [false]);
});

test('no function where the program called one: the plain call\'s TypeError', () => {
  assert.throws(() => forwardCall({ total: 5 } as never, 'total', [], 'p.total'), (e: Error) => e instanceof TypeError && e.message === 'p.total is not a function');
  assert.throws(() => forwardFunction(undefined as never, [], 'meanOf'), (e: Error) => e instanceof TypeError && e.message === 'meanOf is not a function');
});


test('in a pass submitting ahead, a marked method runs at once; an unmarked one, and every later call of the pass, at its turn', () => {
  const ran: string[] = [];
  class Marked { constructor(readonly id: string) {} total(): string { ran.push(this.id); return this.id; } }
  class Unmarked { constructor(readonly id: string) {} total(): string { ran.push(`unmarked ${this.id}`); return this.id; } }
  mayRunAhead(Marked.prototype.total);
  openAheadPass();
  let results: unknown[];
  try {
    results = [new Marked('a'), new Unmarked('b'), new Marked('c'), { total: 4 }].map((o) => forwardAhead(o as never, 'total', [], 'o.total'));
  } finally {
    closeAheadPass();
  }
  assert.equal(ran, ['a'], 'only the marked method before the first unmarked one ran ahead');
  assert.is(madeAtTurn(results[0]), 'a');
  assert.is(madeAtTurn(results[1]), 'b');
  assert.is(madeAtTurn(results[2]), 'c');
  assert.equal(ran, ['a', 'unmarked b', 'c'], 'the postponed calls run at their turn, in order');
  assert.throws(() => madeAtTurn(results[3]), /o\.total is not a function/, 'no function: the plain TypeError at its turn');
  // Outside a pass (inline: each use follows its call), a call is made at once.
  assert.is(forwardAhead(new Unmarked('d') as never, 'total', [], 'o.total'), 'd');
});

test('a marked method that throws ahead is made again at its turn, where the plain call threw', () => {
  let calls = 0;
  class Failing { total(): never { calls++; throw new RangeError('no data'); } }
  mayRunAhead(Failing.prototype.total);
  openAheadPass();
  const result = forwardAhead(new Failing() as never, 'total', [], 'f.total');
  closeAheadPass();
  assert.is(calls, 1);
  assert.throws(() => madeAtTurn(result), /no data/);
  assert.is(calls, 2);
});

test.run();
