import { later, makeFn, makePoint, makeRec, makeSym, Point } from './kernels';

async function main(): Promise<void> {
  console.log(makeFn(1)());
  console.log(makeSym(3).toString(), makeSym(3) === Symbol.for('s3'));
  const r = makeRec(4);
  console.log(r.f(1), r.v);
  const { h } = await later(5);
  console.log(h, h.twice());
  const p = makePoint(-2);
  console.log(p, p.norm(), p instanceof Point);
}
void main();
