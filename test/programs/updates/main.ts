/** Task results updated from their own value (`+=`, `++`, `??=`, destructuring) and arrays a task returned, extended. */
import { compute, label, mkArr, partialSum } from './kernels';

const blocks = [new Float64Array([1, 2]), new Float64Array([3, 4]), new Float64Array([5, 6])];
let total = partialSum(blocks[0]);
for (let i = 1; i < blocks.length; i++) total += partialSum(blocks[i]);
console.log('total', total);

let count = compute(1);
count++;
let name = label(7);
name += '!';
let maybe: number | undefined = compute(2);
maybe ??= 0;
let [a, b] = [compute(3), compute(4)];
[a, b] = [b, a];
console.log('updates', count, name, maybe, a, b);

const nums = mkArr(3);
nums.push(compute(1));
const more = mkArr(3);
more[1] = compute(2);
more[more.length] = compute(3);
console.log('arrays', nums.join(','), more.join(','));
