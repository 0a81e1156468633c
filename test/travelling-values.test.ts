/**
 * Fixtures of values in transit (runtime/store): RegExps, data nested deeper than the stack, views of one buffer in
 * results, arrays with named properties in results, thrown errors with all their detail. Each prints as the plain
 * build, with its calls in workers.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { printsAsPlain } from './program-build';

test('RegExps travel: module state, arguments (a global one\'s lastIndex comes back), parts of arguments, results', () => {
  const tasks = printsAsPlain('regexps');
  assert.is(tasks.inWorkers, 10, 'every call ran in a worker (tester #13\'s s01: they ran in place)');
  assert.is(tasks.inline, 0);
});

test('linked lists and trees deeper than the stack pass to tasks, come back, and are changed in place', () => {
  const tasks = printsAsPlain('deep-data');
  assert.is(tasks.inWorkers, 5, 'every call ran in a worker (tester #13\'s m34: the encoder overflowed the stack)');
});

test('arrays a task returns keep their named properties: a RegExp match\'s index, input, groups and indices; numbers too', () => {
  const tasks = printsAsPlain('named-arrays');
  assert.is(tasks.inWorkers, 8, 'every call ran in a worker (tester #13\'s m15: index and groups came back undefined)');
  // An array of numbers with a label, as an argument, runs in place (short and long); before, it went to a worker
  // without its label, and one returned lost its unit: the numbers-only path wrote the elements alone.
  assert.is(tasks.inline, 2);
});

test('views of one buffer a task returns, or leaves in an inout argument, still share memory', () => {
  const tasks = printsAsPlain('result-views');
  assert.is(tasks.inWorkers, 6, 'every call ran in a worker (tester #13\'s m36: each view came back on a buffer of its own)');
});

test('errors tasks throw keep a DOMException\'s code, hidden own properties and references to themselves', () => {
  const tasks = printsAsPlain('thrown-detail');
  assert.is(tasks.inWorkers, 3, 'every call ran in a worker');
  assert.is(tasks.failed, 3, 'and threw (tester #13\'s m28: code and status came back undefined, e.self was another object)');
});

test('what tasks throw prints and answers as the plain throw: a hidden cause, a subclass\'s own or prototype name, AggregateError, values that are not Errors, no stack', () => {
  const tasks = printsAsPlain('thrown-shapes');
  assert.is(tasks.inWorkers, 13, 'every call ran in a worker');
  // Before: a cause became an own enumerable property, `this.name` a hidden one, a prototype's name was lost in the
  // worker (its module's `ProtoNamed.prototype.name = …` ran only in main), a stackless error got one, Symbol.for became a string.
  assert.is(tasks.failed, 12);
});

test('tasks whose declared results cannot come back (a function, a symbol, a private class) run in place; an exported class\'s instance comes back', () => {
  const tasks = printsAsPlain('unreturnable');
  // Before: each ran in a worker and failed after it ran ('its return value cannot be stored'), ending the program.
  assert.is(tasks.inWorkers, 3, 'makePoint only, also handed to map');
  assert.is(tasks.failed, 0);
});

test.run();
