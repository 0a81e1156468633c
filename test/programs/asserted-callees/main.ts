// A call through a wrapped callee (`j.check!(xs)`, `(j.check)(xs)`, `(j.check as F)(xs)`) that resolves to a known
// function, given an object a task writes: the analysis asked its candidates of the unwrapped callee in one place and
// of the wrapped one in another, and the build crashed (np60's min-crash-nonnull-call).
import { scale } from './kernels';
type F = (xs: number[]) => boolean;
interface Judge { check?: F }
const judge: Judge = { check: (xs) => xs.length > 0 && xs[0] > 1 };
function viaAssertion(j: Judge, xs: number[]): boolean { return j.check!(xs); }
function viaParens(j: Required<Judge>, xs: number[]): boolean { return (j.check)(xs); }
function viaCast(j: Judge, xs: number[]): boolean { return (j.check as F)(xs); }
const data = [1, 2];
scale(data, 2);
console.log(viaAssertion(judge, data), viaParens({ check: judge.check! }, data), viaCast(judge, data), data.join(','));
