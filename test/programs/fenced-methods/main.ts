// Methods of the program given to a task that writes what they return: a method that only hands out a tile
// (`tile(i) { return this.#t[i]; }`) looks at nothing the tasks write, so the calls run side by side; one reading a
// tile's contents, or an override that does, is a point where the program waits for them (a fence).
import { bump } from './kernels';

class Grid {
  readonly #t = Array.from({ length: 4 }, (_, i) => new Float64Array(1000).fill(i));
  tile(i: number): Float64Array { return this.#t[i]; }
  first(i: number): number { return this.#t[i][0]; }
}
/** Its subclass overrides tile with one that reads a tile: any Blocks's tile(i) may. */
class Blocks {
  readonly #t = Array.from({ length: 4 }, (_, i) => new Float64Array(1000).fill(-i));
  tile(i: number): Float64Array { return this.#t[i]; }
  first(i: number): number { return this.#t[i][0]; }
}
class Logged extends Blocks {
  override tile(i: number): Float64Array { console.log('tile', i, 'starts at', super.first(i)); return super.tile(i); }
}

const M = new Grid();
for (let i = 0; i < 4; i++) bump(M.tile(i), i + 1);
console.log('tiles', [0, 1, 2, 3].map((i) => M.tile(i)[7]).join(' '));
for (let i = 0; i < 4; i++) { bump(M.tile(i), 10); console.log('first', i, M.first(i)); }
const L: Blocks = new Logged();
for (let i = 0; i < 4; i++) bump(L.tile(i), 100);
console.log('logged', [0, 1, 2, 3].map((i) => L.first(i)).join(' '));
// A method handing out a view of a buffer (subarray reads none of it): the bands' calls run side by side too.
class Plate {
  readonly g = new Float64Array(4000);
  band(k: number): Float64Array { return this.g.subarray(k * 1000, (k + 1) * 1000); }
}
const P = new Plate();
for (let k = 0; k < 4; k++) bump(P.band(k), k + 1);
console.log('bands', P.g[500], P.g[3500]);
