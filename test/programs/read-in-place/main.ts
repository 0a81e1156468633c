// Whole values read where they stand (`console.log([...m])`, `JSON.stringify({ t })`, `${a.history}`,
// `Object.values(t).reduce(…)`) and parts handed to the next task (`mean(g.cells)`): one wait, no escape, so the
// calls before them run in workers. Parts kept in a variable or a callback that lets them out stay escapes.
import { add, bump, mean, put, regrid, reset, scale, smooth, train, withdraw, type Account, type Layer, type Tally } from './kernels';

function wholeValues(): void {
  const t: Tally = {};
  add(t, 'a', 1); add(t, 'b', 2);
  console.log(Object.values(t).map((v) => v.n).join(','), Object.values(t)[0].tags.join('|'));
  add(t, 'a', 5);
  console.log(Object.values(t).find((b) => b.n > 5)!.n, JSON.stringify({ t }), JSON.stringify([t, t]));
  add(t, 'b', 7);
  console.log(Object.entries(t).filter(([, b]) => b.n > 3).length, `${Object.keys(t)}`);
  console.log(Object.values(t).reduce((s, b) => s + b.n, 0), Object.values(t).filter((b) => b.n > 0));
  const m = new Map<string, number[]>();
  put(m, 'x', 1); put(m, 'y', 2);
  console.log(JSON.stringify([...m]));
  put(m, 'x', 3);
  console.log([...m.values()][0].join(','), `${[...m.keys()]}`, [...m].map(([k, l]) => k + l.length).join());
  console.log([...m]);
  // Two calls on one object in one statement: each submitted, in order.
  const both = [add(t, 'x', 1), add(t, 'x', 2)];
  console.log(both.length, JSON.stringify(t.x));
}

function keptParts(): void {
  const t: Tally = {};
  add(t, 'a', 1); add(t, 'b', 2);
  const vals = Object.values(t);
  add(t, 'a', 5);
  console.log(vals.map((v) => v.n).join(','), vals[0].tags.join('|'));
  const keep: { n: number }[] = [];
  Object.values(t).forEach((b) => keep.push(b));
  add(t, 'b', 7);
  console.log(keep.map((b) => b.n).join(','));
  Object.values(t)[0].n = 100;
  add(t, 'a', 1);
  console.log(JSON.stringify(t));
  const m = new Map<string, number[]>();
  put(m, 'x', 1);
  const arr = [...m];
  put(m, 'x', 3);
  const firstList = [...m.values()][0];
  put(m, 'x', 4);
  console.log(JSON.stringify(arr), firstList.join(','));
  const lists: number[][] = [];
  const n = new Map<string, number[]>();
  put(n, 'x', 1);
  console.log(n.forEach((l) => lists.push(l)), [...n.values()].map((l) => lists.push(l)).length);
  put(n, 'x', 2);
  console.log(JSON.stringify(lists));
}

function partsToTasks(): void {
  const g = { cells: Float64Array.from([0, 10, 0, 10]), steps: 0 };
  smooth(g); smooth(g);
  console.log(g.steps, mean(g.cells));
  regrid(g);
  const m2 = mean(g.cells);
  console.log(m2, g.cells[0]);
  scale(g.cells, 2);
  console.log(g.cells[0], g.steps);
  smooth(g);
  scale(g.cells, 3);
  console.log(Array.from(g.cells).join(','), mean(g.cells));
  // A task put a new array in g (regrid); a later task writes that array on its own: g's next call must see it.
  regrid(g);
  scale(g.cells, 0.5);
  smooth(g);
  console.log(Array.from(g.cells).join(','));
  const net: Layer[] = [0, 1, 2].map((i) => ({ name: `L${i}`, w: new Float64Array(4).fill(i), inner: { cells: [i] } }));
  const first = net[0];
  train(first);
  scale(first.w, 3);
  bump(first.inner.cells);
  console.log(first.w.join(','), first.inner.cells.join(','), mean(first.w));
  const w = first.w;
  reset(first);
  scale(first.w, 2);
  console.log(w.join(','), first.w.join(','), first.inner.cells.length);
  const tiles = [0, 1, 2].map((i) => ({ i, px: new Float64Array([i, i + 1]) }));
  tiles.forEach((tile) => scale(tile.px, -1));
  console.log(tiles.map((tile) => tile.px.join('/')).join(' '));
}

function accounts(): void {
  const accts: Account[] = [{ balance: 100, history: [] }, { balance: 10, history: [] }];
  const ops: [number, number][] = [[0, 30], [1, 20], [0, 50]];
  for (const [i, amount] of ops) withdraw(accts[i], amount);
  console.log(accts.map((a) => `${a.balance}:[${a.history}]`).join(' '));
  // A map handing out a part of each account, used up by JSON.stringify where it stands: a read of every account.
  for (const [i, amount] of ops) withdraw(accts[i], amount / 10);
  console.log(JSON.stringify(accts.map((a) => a.history)));
  for (const a of accts) withdraw(a, 1);
  console.log(accts.map((a) => a.balance));
  // A part's numbers spread into a call's arguments (np21's r31): copied out where they stand.
  for (const a of accts) withdraw(a, 2);
  for (const a of accts) console.log(Math.min(...a.history), Math.max(...a.history));
}

wholeValues();
keptParts();
partsToTasks();
accounts();
