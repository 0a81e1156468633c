/**
 * A task that returns its argument and sometimes throws: its value is the caller's object at once, but a use of it
 * still comes after the call, which may throw first. `ok.push(validate(o))` pushes nothing for a failed call, as in
 * plain code; so do `m.set`, an index assignment and a variable (tester np32's orders and retfail2 counted rejected
 * orders).
 */
export interface Order { id: number; q: number }

/** @task */
export function validate(o: Order): Order { if (o.q <= 0) throw new Error('bad ' + o.id); return o; }

const input: Order[] = [{ id: 0, q: 1 }, { id: 1, q: 0 }, { id: 2, q: 2 }, { id: 3, q: 3 }];
const ok: Order[] = [];
const byId = new Map<number, Order>();
const slots: Order[] = [];
let last: Order | undefined;
for (const o of input) {
  try { ok.push(validate(o)); } catch (e) { console.log('caught', (e as Error).message); }
  try { byId.set(o.id, validate(o)); } catch { /* counted below */ }
  try { slots[o.id] = validate(o); } catch { /* counted below */ }
  try { last = validate(o); } catch { /* counted below */ }
}
console.log(ok.length, ok.map((o) => o.id).join(','), [...byId.keys()].join(','), Object.keys(slots).join(','), last?.id);
const kept = validate(input[3]);
console.log(kept === input[3], kept.q);
