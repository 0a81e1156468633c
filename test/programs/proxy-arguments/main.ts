/**
 * Arguments that are Proxies (a reactive store's arrays and records, a logging wrapper; tester np36's getter2,
 * proxyarg): their traps are the program's code, run as often as the plain call reads through them. So a call given
 * one runs in place (store/refusals.ts proxyRefused), and nothing else of the runtime reads through it; calls given
 * plain arrays still run in workers.
 */
import { scaled, total, type Settings } from './kernels';

const reads: string[] = [];
function watched<T extends object>(target: T, name: string): T {
  return new Proxy(target, {
    get(t, key, receiver) {
      if (typeof key === 'string') reads.push(`${name}.${key}`);
      return Reflect.get(t, key, receiver);
    },
    set(t, key, value, receiver) {
      console.log('set', name, String(key), value);
      return Reflect.set(t, key, value, receiver);
    },
  });
}

const plain = [1, 2, 3, 4];
const store = watched([5, 6, 7], 'store');
const settings = watched<Settings>({ scale: 2, offset: 1 }, 'settings');

console.log(total(plain), total(store));
console.log(reads.join(' '));
reads.length = 0;
scaled(plain, { scale: 3, offset: 0 });
scaled(store, settings);
console.log(plain, [...store], reads.length);
console.log(total(plain) + total([10, 20]));
