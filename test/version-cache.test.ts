/** The worker's version cache, without threads: what `take` may hand to a task that will modify a version. */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { VersionCache } from '../runtime/worker/version-cache';

const free = () => true;

test('take hands over an exclusive version once, and reports it gone', () => {
  const cache = new VersionCache(1000);
  const value = new Float64Array(4);
  cache.put('d1v1', value, 32, true);
  assert.is(cache.take('d1v1', free), value);
  assert.is(cache.get('d1v1'), undefined);
  assert.equal(cache.takeEvicted(), ['d1v1'], 'the engine learns the worker no longer holds it');
  assert.is(cache.take('d1v1', free), undefined);
});

test('take refuses what something else may see', () => {
  const cache = new VersionCache(1000);
  const shared = new Float64Array(4);
  cache.put('d1v1', shared, 32, false);
  assert.is(cache.take('d1v1', free), undefined, 'put as not exclusive');
  const twice = new Float64Array(4);
  cache.put('d2v1', twice, 32, true);
  cache.put('d3v1', twice, 32, true); // a task returned its argument: two versions, one object
  assert.is(cache.take('d2v1', free), undefined, 'the same object stands for another version');
  const held = new Float64Array(4);
  cache.put('d4v1', held, 32, true);
  assert.is(cache.take('d4v1', (v) => v !== held), undefined, 'a running task holds it');
  const later = new Float64Array(4);
  cache.put('d5v1', later, 32, true);
  cache.markShared(later);
  assert.is(cache.take('d5v1', free), undefined, 'marked shared after a task put part of it into an output');
  assert.is(cache.get('d5v1'), later, 'refusing leaves the version cached');
});

test.run();
