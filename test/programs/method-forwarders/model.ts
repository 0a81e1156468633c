import { total } from './kernels';

/** Declared in another module: its calls from main are the program's plain calls (the method waits and returns the value). */
export class Ledger {
  constructor(readonly name: string, readonly amounts: Float64Array) {}
  balance() { return total(this.amounts); }
}
