// Objects of namespaces a task reads and the program changes (tester #23's r50): each call carries them, as a module's
// top-level objects (module-state.ts), reached as `Geom.ORIGIN` in the declaring file's registration.
import { Geom, Units } from './geom';
import { shift, scaled } from './tasks';
console.log(shift(5));
Geom.ORIGIN.x = 20;
console.log(shift(5), [1, 2].map((v) => shift(v)).join(' '));
Units.Metric.SCALE[2] = 1000;
console.log([0, 1, 2].map((u) => scaled(3, u)).join(' '));
