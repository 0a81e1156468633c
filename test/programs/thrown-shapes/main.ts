import { inspect } from 'node:util';
import { fail } from './kernels';

/** Printed without the stack's frames, which name each build's own files. */
function shown(e: unknown): string {
  return inspect(e).split('\n').filter((line) => !/^\s+(at |\.\.\. )/.test(line)).join('\n');
}

for (let kind = 0; kind <= 12; kind++) {
  try {
    console.log('returned', fail(kind));
  } catch (e) {
    const x = e as Error & { cause?: unknown };
    const own = e instanceof Error ? [Object.keys(x), x.name, x.constructor.name, Object.hasOwn(x, 'name'), Object.getOwnPropertyDescriptor(x, 'cause')?.enumerable, x.stack === undefined] : [];
    console.log(kind, typeof e, shown(e), ...own);
    if (e instanceof AggregateError) console.log(e.errors.map((inner) => shown(inner)));
  }
}
