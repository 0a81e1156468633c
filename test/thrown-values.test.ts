/**
 * What a task throws, on its way to the caller's catch (runtime/error-travel.ts): values a copy makes again arrive as
 * themselves; those it cannot make again arrive as an error naming the task and what was thrown, never a look-alike
 * (a symbol of its own came back as the string 'Symbol(x)', an instance of a class as a plain object).
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { deserializeError, serializeError } from '../runtime/errors';

const where = 'task fail (main.ts:3)';
const travelled = (value: unknown): unknown => deserializeError(structuredClone(serializeError(value)), where);

class Point { constructor(readonly x: number) {} norm(): number { return Math.abs(this.x); } }

test('thrown values a copy makes again come back as themselves: strings, numbers, plain objects, registered symbols', () => {
  for (const value of ['a string', 42, 10n, null, undefined, true]) assert.is(travelled(value), value);
  assert.equal(travelled({ code: 7, list: [1, 2] }), { code: 7, list: [1, 2] });
  assert.equal(travelled([1, 'two']), [1, 'two']);
  assert.is(travelled(Symbol.for('stop')), Symbol.for('stop'));
});

test('thrown values that cannot travel: an error naming the task and the value, not a look-alike', () => {
  const cases: [unknown, RegExp][] = [
    [Symbol('own'), /Symbol\(own\), a symbol of its own/],
    [new Point(2), /an instance of Point, which a copy would not keep/],
    [{ run: () => 1 }, /could not be cloned/],
    [() => 1, /a function/],
  ];
  for (const [value, what] of cases) {
    const back = travelled(value) as Error & { code?: string };
    assert.instance(back, Error);
    assert.is(back.code, 'TASKIFY_UNSUPPORTED_OUTPUT');
    assert.match(back.message, /^task fail \(main\.ts:3\) threw /);
    assert.match(back.message, what);
    assert.match(back.message, /throw an Error instead/);
  }
});

test('an error\'s own cause keeps its enumerability; an own name stays enumerable; a stackless error stays stackless', () => {
  const hidden = travelled(new Error('outer', { cause: new TypeError('inner') })) as Error;
  assert.equal(Object.keys(hidden), []);
  assert.instance(hidden.cause, TypeError);
  const shown = new Error('assigned');
  (shown as Error & { cause?: unknown }).cause = 'later';
  assert.equal(Object.keys(travelled(shown) as Error), ['cause']);
  const named = new RangeError('n');
  named.name = 'Mine';
  const back = travelled(named) as Error;
  assert.equal([Object.keys(back), back.name], [['name'], 'Mine']);
  const bare = new Error('no stack');
  delete bare.stack;
  assert.is((travelled(bare) as Error).stack, undefined);
});

test('a built-in error renamed by the program (`e.name = \'TokenError\'` of a SyntaxError) comes back of its class, with its name (np69\'s min-renamed-error-class came back an Error)', () => {
  const thrown = new SyntaxError('bad token');
  thrown.name = 'TokenError';
  const back = travelled(thrown) as Error;
  assert.ok(back instanceof SyntaxError, `${back.constructor.name}`);
  assert.is(back.name, 'TokenError');
  assert.is(back.message, 'bad token');
  const renamed = new AggregateError([new RangeError('r')], 'all');
  renamed.name = 'Many';
  assert.ok(travelled(renamed) instanceof AggregateError);
});

test.run();
