import { inspect } from 'node:util';

/** Settings the program changes before the tasks run; the classes read them only from methods no call names. */
export const CFG = { scale: 1, unit: 'm', limit: 2, jsonKey: 'v', symbol: '€', digits: 2 };

export class Qty {
  constructor(public n: number) {}
  toJSON() { return { [CFG.jsonKey]: this.n * CFG.scale }; }
  valueOf() { return this.n * CFG.scale; }
  [Symbol.toPrimitive](hint: string) { return hint === 'string' ? `${this.n * CFG.scale}${CFG.unit}` : this.n * CFG.scale; }
  *[Symbol.iterator]() { for (let i = 0; i < Math.min(this.n, CFG.limit); i++) yield i; }
}

export class Money {
  constructor(public cents: number) {}
  [inspect.custom]() { return `${CFG.symbol}${(this.cents / 100).toFixed(CFG.digits)}`; }
}
