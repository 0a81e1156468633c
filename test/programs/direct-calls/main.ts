// Arguments that cannot travel to a worker although their types do not show it (instances of a class no module
// exports, behind an interface): the call runs in place, as the plain call did, on the caller's own objects.
import { centroid, norm, shift, type Pt } from './kernels';

class Point implements Pt {
  constructor(public x: number, public y: number) {}
  toString(): string { return `(${this.x}, ${this.y})`; }
}

function makePoints(n: number): Pt[] {
  return Array.from({ length: n }, (_, i) => new Point(i, 2 * i));
}

const plain: Pt[] = [{ x: 1, y: 1 }, { x: 3, y: 5 }];
const hidden = makePoints(4);
shift(plain, 1);
shift(hidden, 10);
const c1 = centroid(plain);
const c2 = centroid(hidden);
console.log(String(hidden[0]), hidden[3] instanceof Point);
console.log(norm(c1).toFixed(3), norm(c2).toFixed(3));
console.log(JSON.stringify(c1), JSON.stringify(c2));
