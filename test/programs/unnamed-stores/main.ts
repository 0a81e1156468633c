// A container given an object that another path of the program reaches and no name of this file stands for (an
// element of another array, a callback's parameter, a part of a record, what a helper hands back), then written by a
// task: the program's reads through the other path see the task's writes (np50's F3: they printed the old values).
import { bumpAll, bumpWrapped, double, type P } from './tasks';

const make = (): P[] => [{ name: 'a', score: 1 }, { name: 'b', score: 2 }];
const show = (ps: P[]) => ps.map((p) => p.score).join(',');

function elementPushed() { const src = [make(), make()]; const all: P[][] = []; all.push(src[1]); bumpAll(all); console.log('element pushed', src.map(show).join(' | ')); }
function slotAssigned() { const src = [make(), make()]; const all: P[][] = [[], []]; all[0] = src[0]; bumpAll(all); console.log('slot assigned', src.map(show).join(' | ')); }
function partPushed() { const cfg = { items: make() }; const all: P[][] = []; all.push(cfg.items); bumpAll(all); console.log('part pushed', show(cfg.items)); }
function resultPushed() { const cfg = { items: make() }; const get = () => cfg.items; const all: P[][] = []; all.push(get()); bumpAll(all); console.log('result pushed', show(cfg.items)); }
function forEachPushed() { const src = make(); const team: P[] = []; src.forEach((p) => team.push(p)); double(team); console.log('forEach pushed', show(src)); }
function indexPushed() { const src = make(); const team: P[] = []; for (let i = 0; i < src.length; i++) team.push(src[i]); double(team); console.log('index pushed', show(src)); }
function twoLists() {
  const objs = make();
  const evens: P[] = [], all: P[] = [];
  for (let i = 0; i < objs.length; i++) { all.push(objs[i]); if (i % 2 === 0) evens.push(objs[i]); }
  double(evens);
  console.log('two lists', show(all));
}
function forOfPushed() { const src = [make(), make()]; const all: P[][] = []; for (const x of src) all.push(x); bumpAll(all); console.log('for of pushed', src.map(show).join(' | ')); }
// A spread stores the elements, not the array (rv63's R1); a literal's field of a callback's parameter is no name (R3).
function spreadPushed() { const src = make(); const team: P[] = []; team.push(...src); double(team); console.log('spread pushed', show(src)); }
function spreadUnshifted() { const src = make(); const team: P[] = []; team.unshift(...src); double(team); console.log('spread unshifted', show(src)); }
function spreadSpliced() { const src = make(); const team: P[] = []; team.splice(0, 0, ...src); double(team); console.log('spread spliced', show(src)); }
function literalOfParameter() { const src = make(); const all: { p: P }[] = []; src.forEach((p) => all.push({ p })); bumpWrapped(all); console.log('literal of parameter', show(src)); }
// Into whichever of two containers a choice picks, or into slots a destructuring assignment fills (np52's F2).
function chosenReceiver() { const src = make(); const odd: P[] = [], even: P[] = []; for (const p of src) (p.score % 2 ? odd : even).push(p); double(odd); console.log('chosen receiver', show(src)); }
function nullishReceiver() { const src = make(); const none: P[] | null = null; const team: P[] = []; (none ?? team).push(src[0]); double(team); console.log('nullish receiver', show(src)); }
function chosenSlot() { const src = make(); const a: P[] = [], b: P[] = []; let flip = true; for (const p of src) { (flip ? a : b)[flip ? a.length : b.length] = p; flip = !flip; } double(b); console.log('chosen slot', show(src)); }
function destructuredSlots() { const src = make(); const team: P[] = []; [team[0]] = [src[1]]; double(team); console.log('destructured slots', show(src)); }
function destructuredField() { const src = make(); const rec: Record<string, P[]> = {}; [rec.first] = [src]; bumpAll(Object.values(rec)); console.log('destructured field', show(src)); }
// Objects made right there, or copies of numbers, are nobody else's: the container is followed.
function fresh() { const team: P[] = []; for (let i = 0; i < 3; i++) team.push({ name: `n${i}`, score: i }); double(team); console.log('fresh', show(team)); }

elementPushed(); slotAssigned(); partPushed(); resultPushed(); forEachPushed(); indexPushed(); twoLists(); forOfPushed(); spreadPushed(); spreadUnshifted(); spreadSpliced(); literalOfParameter(); chosenReceiver(); nullishReceiver(); chosenSlot(); destructuredSlots(); destructuredField(); fresh();
