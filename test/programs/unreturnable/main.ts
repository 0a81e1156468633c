import { later, makeFn, makePoint, makeRec, makeSym, Point, tally } from './kernels';

async function main(): Promise<void> {
  console.log(makeFn(1)());
  console.log(makeSym(3).toString(), makeSym(3) === Symbol.for('s3'));
  const r = makeRec(4);
  console.log(r.f(1), r.v);
  const { h } = await later(5);
  console.log(h, h.twice());
  const p = makePoint(-2);
  console.log(p, p.norm(), p instanceof Point);
  // Handed to an array's map as a function value: run in place too (np56's F1: each ran in a worker, then failed).
  console.log(['abca', 'bb'].map(tally));
  console.log([1, 2].map(makeRec).map((rec) => rec.f(10)));
  console.log([6, 7].map(makePoint).map((q) => q.norm()));
}
void main();
