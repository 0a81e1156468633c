/**
 * runtime/api/forwarding.ts: a planned call lets the forwarder it reaches claim it, and only that one. An override
 * (also one calling `super`), a call made meanwhile by other code, or the function taken as a value claims nothing.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { claimForward, forwardCall, forwardFunction } from '../runtime/api/forwarding';

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

test.run();
