import { checksum, convert } from './kernels';

const inputs = [[1, 2, 3], [4, 5, 6, 7], [8, 9]];
console.log(inputs.map((xs) => checksum(xs)));
console.log(convert(5, 'km', 'mi'), convert(1, 'mi', 'm'));
