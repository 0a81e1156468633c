// A class whose methods a mixin module adds.
export class Invoice {
  constructor(public customer: string, public lines: number[], public vat: number) {}
  net(): number { return this.lines.total(); }
}
export interface Invoice { gross(): number }
