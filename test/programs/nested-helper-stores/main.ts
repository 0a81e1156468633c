import * as T from './tasks';

const make = (): T.Order[] => [10, 50, 20, 70].map((amount, id) => ({ id, amount, status: 'open' }));
const a = make(), b = make(), c = make(), d = make(), e = make(), f = make(), g = make(), h = make();
const results = [T.flagTop(a), T.markLargest(b), T.markLast(c), T.closeSmall(d), T.markFirst(e), T.largest(f), T.intoSpare(g), T.markThird(h)];
console.log(results.join(' '));
for (const orders of [a, b, c, d, e, f, g, h]) console.log(orders.map((o) => `${o.id}:${o.amount}:${o.status}`).join(' '));
