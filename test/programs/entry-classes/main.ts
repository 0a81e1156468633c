// Instances of a class the entry module declares and exports, passed to and returned by its own task (tester #24's F10).
export class Money {
  constructor(public cents: number) {}
  toJSON() { return `${this.cents}c`; }
}
/** @task */
export function double(m: Money): Money { return new Money(m.cents * 2); }
const d = double(new Money(5));
console.log(JSON.stringify(d), d instanceof Money);
