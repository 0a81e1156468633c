import { counter, fmt, lib, units } from './state';
import { applyAll, render, tally, total } from './kernels';

// Read by tasks, data changed by the program between calls.
console.log(render([1.2345, 2]));
fmt.digits = 4;
console.log(render([1.2345, 2]));
console.log(total([1000, 2000]));
units.scale = 10;
console.log(total([1000, 2000]));

// Changed by tasks through their methods, and by the program through the same methods.
console.log(tally([1, 2]), tally([3]));
console.log(counter.bump(10), counter.n);
console.log(tally([4]), counter.n);

// A method of a nested object; the tasks' pushes come home.
console.log(applyAll([1, 2, 3]).join(' '));
lib.opts.k = 5;
console.log(applyAll([1]).join(' '), lib.seen.join(' '));

// The program's objects keep their methods after the tasks' changes came home.
console.log(fmt.show(1), counter.bump(0), lib.opts.apply(1), JSON.stringify(counter), JSON.stringify(lib));
