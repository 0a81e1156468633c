/**
 * Direction inference with a callee's callback parameter bound to the function the call names (analysis/call-bound.ts,
 * issue 16 item 6): lodash's aggregators call `setter(accumulator, value, key)`, where the setter writes only the
 * fresh accumulator it is given. Each case asserts the precise direction when the named function leaves the caller's
 * data alone, and the write when it does not (soundness).
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { taskDirections as directions, withTask as task } from './task-directions';

// Hand-written ES module without types: an aggregator handing each element to a setter with a fresh accumulator.
const LIB = `
function aggregate(array, setter, acc) {
  for (var i = 0; i < array.length; i++) setter(acc, array[i]);
  return acc;
}
function count(result, value) { result[value.k] = (result[value.k] || 0) + 1; }
function mark(result, value) { value.seen = true; }
export function countAll(xs) { return aggregate(xs, count, {}); }
export function markAll(xs) { return aggregate(xs, mark, {}); }
export function both(xs, ys) { aggregate(xs, count, {}); aggregate(ys, mark, {}); }
function createAggregator(setter) { return function (xs) { return aggregate(xs, setter, {}); }; }
export var countBy = createAggregator(count);
export var markBy = createAggregator(mark);
function replaced(array, setter) {
  if (array.length > 2) setter = mark;
  for (var i = 0; i < array.length; i++) setter({}, array[i]);
}
export function countReplaced(xs) { replaced(xs, count); }
export function capture(xs, q) {
  function set(acc, v) { q.k = v.k; }
  aggregate(xs, set, {});
}
`;

const PARAM = 'p: { k: string; seen?: boolean }[]';

test('a callee calling a function the call names by name has that function\'s effects, parameter by parameter', () => {
  const reads = directions({ 'lib.js': LIB, ...task(PARAM, 'return countAll(p);', "import { countAll } from './lib.js';") });
  assert.match(reads.p, /^in:/, reads.p);
  const writes = directions({ 'lib.js': LIB, ...task(PARAM, 'markAll(p);', "import { markAll } from './lib.js';") });
  assert.match(writes.p, /^inout:.*value\.seen = true/, writes.p);
});

test('two calls of one callee in one function are bound apart', () => {
  const d = directions({ 'lib.js': LIB, ...task(`${PARAM}, q: { k: string; seen?: boolean }[]`, 'both(p, q);', "import { both } from './lib.js';") });
  assert.match(d.p, /^in:/, d.p);
  assert.match(d.q, /^inout:/, d.q);
});

test('a factory parameter bound to a function and handed on to a callee binds the callee\'s parameter', () => {
  const reads = directions({ 'lib.js': LIB, ...task(PARAM, 'return countBy(p);', "import { countBy } from './lib.js';") });
  assert.match(reads.p, /^in:/, reads.p);
  const writes = directions({ 'lib.js': LIB, ...task(PARAM, 'markBy(p);', "import { markBy } from './lib.js';") });
  assert.match(writes.p, /^inout:/, writes.p);
});

test('a parameter the callee may replace is not bound to what the call passed', () => {
  const d = directions({ 'lib.js': LIB, ...task(PARAM, 'countReplaced(p);', "import { countReplaced } from './lib.js';") });
  assert.match(d.p, /^inout:/, d.p);
});

test('a named function capturing the caller\'s parameter still writes it', () => {
  const d = directions({ 'lib.js': LIB, ...task(`${PARAM}, q: { k: string }`, 'capture(p, q);', "import { capture } from './lib.js';") });
  assert.match(d.p, /^in:/, d.p);
  assert.match(d.q, /^inout:/, d.q);
});

test.run();
