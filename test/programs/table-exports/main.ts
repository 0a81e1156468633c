import Ops, { Stats } from './ops';
import * as O from './ops';
import { Tools } from './tools';
import { Frozen, Spare, Typed } from './ops';
import { tune } from './tune';
import Shapes from './shapes';
import Switching from './switching';
import Patched from './patched';
import Swapping from './swapping';

const x = new Float64Array(400_000).fill(0.5);
const y = new Float64Array(400_000).fill(-0.25);
console.log('default', Ops.dot(x, y), Ops.norm1(y));
console.log('named', Stats.norm(x), Stats.dot(y, y));
console.log('namespace', O.default.dot(x, x), O.Stats.norm(y));
console.log('frozen', Frozen.dot(y, y), 'typed', Typed.norm1(x));

Tools.measure = (a: Float64Array) => a.length;
console.log('replaced', Tools.measure(x));

tune();
console.log('renamed re-export', Spare.norm(x));
console.log('default literal', Shapes.dot(x, y), Shapes.area(x));
console.log('switching', Switching.measure(x));
Switching.useLength();
console.log('switched', Switching.measure(x));
console.log('patched default', Patched.measure(y));
console.log('swapping', Swapping.measure(x));
Swapping.useLength();
console.log('swapped', Swapping.measure(x));
