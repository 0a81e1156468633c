/**
 * What tasks throw, as the caller's catch sees it: an Error's `cause` (hidden, as the constructor's option makes it),
 * a subclass naming itself in its constructor or on its prototype, AggregateError's errors, values that are not
 * Errors, errors without a stack or with a stack the program wrote.
 */

class Named extends Error {
  code = 42;
  constructor(message: string) { super(message); this.name = 'Named'; }
}
class ProtoNamed extends Error {}
ProtoNamed.prototype.name = 'ProtoNamed';

/** @task */
export function fail(kind: number): number {
  switch (kind) {
    case 0: throw new Error('outer', { cause: new TypeError('inner') });
    case 1: throw new Error('no cause', { cause: undefined });
    case 2: { const e = new Error('assigned'); (e as Error & { cause?: unknown }).cause = 'later'; throw e; }
    case 3: throw new Named('mine');
    case 4: throw new ProtoNamed('proto');
    case 5: throw new AggregateError([new Error('a'), new RangeError('b'), 'c'], 'many');
    case 6: { const e = new Error('no stack'); delete e.stack; throw e; }
    case 7: { const e = new Error('stack set'); e.stack = 'a stack of its own'; throw e; }
    case 8: throw 'a string';
    case 9: throw { code: 7, list: [1, 2] };
    case 10: throw undefined;
    case 11: throw Symbol.for('stop');
    default: return kind;
  }
}
