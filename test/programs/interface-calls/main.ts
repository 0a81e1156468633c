/**
 * Interface method calls inside tasks run any implementation the program declares (transformer/analysis/
 * interface-methods.ts), and a program method that only reads its object is a read where the statement calls it
 * beside a task (`c.label()` next to `encodedSum(c, …)`: tester #17's r05 and r09).
 */
import { Circle, Double, Negate, Square, encodedSum, totalArea, type Codec, type Shape } from './kernels';

const data = [1, 2, 3, 4];
const codecs: Codec[] = [new Double(), new Negate(), new Negate()];
for (const c of codecs) console.log(c.label(), encodedSum(c, data));
for (const c of codecs) console.log(c.label(), encodedSum(c, data));

const shapes: Shape[][] = [[new Square(2), new Circle(1)], [new Circle(2)], [new Square(3), new Square(1)]];
const areas = shapes.map((group) => totalArea(group, 1000));
console.log(areas.map((a) => a.toFixed(3)).join(' '), shapes[0][0].name());
