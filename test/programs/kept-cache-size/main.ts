import { square, cacheSize, cachedKeys } from './kernels';

console.log(square(3), square(4));
console.log('cached entries:', cacheSize());
console.log([5, 3, 6, 4].map((n) => square(n)).join(' '));
console.log('cached entries:', cacheSize(), cachedKeys());
