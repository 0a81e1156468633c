import { fail } from './kernels';

for (const kind of [0, 1, 2]) {
  try {
    console.log('returned', fail(kind));
  } catch (e) {
    const x = e as Error & { code?: unknown; status?: number; self?: unknown; me?: unknown };
    console.log(kind, x instanceof DOMException, x instanceof RangeError, x.name, x.message, x.code, x.status, x.self === x, x.me === x,
      Object.keys(x).join(','), Object.getOwnPropertyDescriptor(x, 'status')?.enumerable);
  }
}
