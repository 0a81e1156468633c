// A task's value that holds module state tasks keep (`{ items: STATE.items }`): the program's own module object, as
// in the plain program (tester #14's F30), waited for at each use while later tasks change it.
import { add, snapshot, parts, direct } from './kernels';

add('a');
const s = snapshot();
add('b');
console.log('wrapped', s.items, s.at);
add('c');
console.log('later', s.items.join(','), s.at);

const p = parts();
add('d');
console.log('tuple', p[0].length, p[1].runs);

const d = direct();
console.log('direct', d.length);
add('e');
console.log('direct later', d.join(''), d === s.items, p[0] === d);
