// Containers of objects made by a factory of the program (`make(w)` returning a literal it makes there), changed by
// tasks in `.map` callbacks and `for…of` loops: each call's object is fresh, so the container can be followed and the
// calls run as tasks (tester np33's recmap-min ran 0 of 3 in workers). A factory that also keeps what it makes
// (`registry.push(n)`) hands out objects another name reaches: those calls must still print what plain prints.

export interface Node { w: number; kids: Node[] }

/** @task */
export function bump(t: Node): number { t.w++; for (const k of t.kids) k.w += 10; return t.w; }

function make(w: number): Node { return { w, kids: [] }; }
const makeLeaf = (w: number): Node => ({ w, kids: [{ w: w * 100, kids: [] }] });

const registry: Node[] = [];
function makeKept(w: number): Node { const n = { w, kids: [] }; registry.push(n); return n; }

const ts = [make(1), make(2), make(3)];
const rs = ts.map((t) => bump(t));
console.log(rs, JSON.stringify(ts));

const leaves = [makeLeaf(4), makeLeaf(5)];
for (const leaf of leaves) bump(leaf);
console.log(JSON.stringify(leaves));

const kept = [makeKept(6), makeKept(7)];
const ks = kept.map((k) => bump(k));
registry[0]!.w = 60;
console.log(ks, JSON.stringify(kept), registry.length);
