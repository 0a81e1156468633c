// The plain call fails at the top level and ends the program; a function reading the result inside its own try must
// not catch that failure (tester #23's y20): the name is settled before its try.
import { risky } from './kernels';
const fine = risky(2);
const v = risky(3);
function use(): void {
  try { console.log('value', fine, v); } catch (e) { console.log('use caught', (e as Error).message); }
}
use();
console.log('end');
