// A task's value holding its argument (`{ config: cfg }`), reached other than by its own const name, then given to a
// task after the program or another task changed cfg: the task reads cfg as it is now (np62's W2 read it as it was
// when the value was made).
import { bind, apply, applyAll, tweak, type Cfg, type Bound } from './kernels';

// (a) chosen by a condition.
const cfg: Cfg = { scale: 1 };
const b = cfg.scale > 0 ? bind(cfg, 0) : bind(cfg, 1);
cfg.scale = 4;
console.log('a', apply(b), b.config.scale);

// (b) made in a map's callback, then a task changes cfg; applied one by one, and the array whole.
const cfg2: Cfg = { scale: 1 };
const bs = [0, 1, 2].map((i) => bind(cfg2, i));
tweak(cfg2);
console.log('b', bs.map((x) => apply(x)).join(), applyAll(bs), bs[2].config === cfg2);

// (c) the program changes cfg; the values reached through a Map.
const cfg3: Cfg = { scale: 2 };
const byId = new Map<number, Bound>();
for (const i of [5, 6]) byId.set(i, bind(cfg3, i));
cfg3.scale = 7;
console.log('c', apply(byId.get(5)!), apply(byId.get(6)!));

// (d) pushed, then the array given whole after a change.
const cfg4: Cfg = { scale: 3 };
const pushed: Bound[] = [];
for (let i = 0; i < 3; i++) pushed.push(bind(cfg4, i));
cfg4.scale = 9;
console.log('d', applyAll(pushed));
