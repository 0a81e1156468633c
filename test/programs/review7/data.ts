import { negate } from './kernels';

const shared = new Float64Array([1, 2]);
negate(shared);
// Exported by name, after the declaration: other modules read it.
export { shared };
