import { drawnAtLoad, report, sign } from './kernels';
import { SEED, STARTED } from './config';

process.env.LOAD_TIME_MODE = 'changed';
process.env.LOAD_TIME_LABEL = 'changed';
process.env.LOAD_TIME_VERBOSE = '1';
const lines = [1, 2, 3].map((n) => report(n));
// The clock and chance differ from run to run: what must hold is that the tasks saw the program's own values.
for (const line of lines) console.log(line.replace(String(STARTED), 'STARTED').replace(String(SEED), 'SEED'));
const signatures = ['a', 'a', 'a', 'a'].map((m) => sign(m));
console.log(new Set(signatures).size, signatures[0].endsWith(' buffer'));
const drawn = [1, 2, 3, 4].map((n) => drawnAtLoad(n));
console.log(new Set(drawn).size, JSON.parse(drawn[0])[4]);
