import { careful, tally } from './kernels';

// Warnings heard by the program (the default printer, which names the process id, is replaced).
process.removeAllListeners('warning');
process.on('warning', (w) => console.log('warning:', w.name, w.message, (w as Error & { code?: string }).code));

console.count('rows');
console.group('Counting');
const squares = [1, 2, 3].map((n) => tally('rows', n));
console.count('rows');
console.count();
console.groupEnd();
console.log(squares.join(','), tally('rows', 4));
console.count('rows');
console.log('careful', careful(1));
console.log('after');
