// Methods of object literals held by a const: forwarders run ahead in split loops and callbacks, helpers split in
// halves, as a class's methods do (method-owners.ts); the runtime still checks which function a call reaches.
/** @task */
export function work(seed: number, n: number): number {
  let h = seed;
  for (let i = 0; i < n; i++) h = (h * 1103515245 + 12345) % 2147483648;
  return h % 1000;
}

const api = {
  scale: 3,
  run(x: number) { return work(x * this.scale, 20_000); },
  both(x: number) { return { x, v: work(x, 20_000) }; },
};

console.log([1, 2, 3, 4, 5].map((x) => api.run(x)).join(' '));
for (const x of [6, 7, 8]) { const r = api.both(x); console.log(r.x, r.v); }

// A look-alike object whose `run` is not the literal's: made at its turn, printing in order.
const other = { scale: 1, run(x: number) { console.log('other run', x); return x * 2; } };
for (const o of [api, other, api]) console.log('run', o.run(4));

// A getter the method reads prints: the method runs at its turn.
const noisy = {
  get scale() { console.log('scale read'); return 2; },
  run(x: number) { return work(x * this.scale, 20_000); },
};
for (const x of [1, 2]) console.log('noisy', noisy.run(x));

// Made by a factory: each literal's own method, named through the closure's const.
function makeApi(k: number) {
  const made = { run(x: number) { return work(x + k, 20_000); } };
  return made;
}
const apis = [makeApi(1), makeApi(2), makeApi(3)];
console.log(apis.map((a) => a.run(10)).join(','));

// A member replaced later: calls reach the new function, which is not marked, and print in order.
console.log([1, 2].map((x) => api.run(x)).join(' '));
api.run = (x: number) => { console.log('replaced', x); return -x; };
console.log([1, 2].map((x) => api.run(x)).join(' '));

// A literal with a spread may take its member from elsewhere: left as the plain program wrote it.
const base = { scale: 5 };
const spread = { run(x: number) { return work(x, 20_000); }, ...base };
console.log([3, 4].map((x) => spread.run(x)).join(' '));
