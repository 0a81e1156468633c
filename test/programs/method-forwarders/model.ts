import { total } from './kernels';

/** Declared in another module: main's planned calls run through the runtime, and the method claims them. */
export class Ledger {
  constructor(readonly name: string, readonly amounts: Float64Array) {}
  balance() { return total(this.amounts); }
}
