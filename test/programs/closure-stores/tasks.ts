// Nested functions of a task store the caller's objects into the task's own locals (np46's min-closure-push): the
// task follows them there, so only storing a local where it outlives the call lets the parameter out.
export interface Node { id: number; mark: number; kids: Node[] }

/** @task */
export function viaLoop(roots: Node[]): number {
  const order: Node[] = [];
  const visit = (n: Node): void => { n.kids.forEach(visit); order.push(n); };
  roots.forEach(visit);
  order.forEach((n, i) => { n.mark = i; });
  return order.length;
}

/** @task */
export function returnsOrder(roots: Node[]): Node[] {
  const order: Node[] = [];
  function visit(n: Node): void { order.push(n); for (const k of n.kids) visit(k); }
  for (const r of roots) visit(r);
  return order;
}

/** @task */
export function keepsInOther(roots: Node[], out: { list: Node[] }): number {
  const order: Node[] = [];
  const add = (n: Node) => { order.push(n); };
  roots.forEach(add);
  out.list = order;
  return order.length;
}

/** @task */
export function notFresh(roots: Node[], into: Node[]): number {
  const order = into;
  const add = (n: Node) => { order.push(n); };
  roots.forEach(add);
  order[0].mark = 77;
  return order.length;
}

/** @task */
export function viaCall(roots: Node[]): number {
  const order: Node[] = [];
  function add(n: Node) { order.push(n); }
  for (const r of roots) add.call(null, r);
  order[0].mark = 55;
  return order.length;
}

/** @task */
export function markLater(roots: Node[]): number {
  const order: Node[] = [];
  const add = (n: Node) => { order.push(n); };
  const mark = () => { for (const o of order) o.mark += 100; };
  roots.forEach(add);
  mark();
  return order.length;
}

/** @task */
export function objectHolder(roots: Node[]): number {
  const seen: Record<string, Node> = {};
  function note(n: Node) { seen['k' + n.id] = n; n.kids.forEach(note); }
  roots.forEach(note);
  for (const k of Object.keys(seen)) seen[k].mark = -seen[k].id;
  return Object.keys(seen).length;
}

/** @task */
export function mapHolder(roots: Node[]): number {
  const byId = new Map<number, Node>();
  const note = (n: Node) => { byId.set(n.id, n); };
  roots.forEach(note);
  byId.get(roots[0].id)!.mark = 9;
  return byId.size;
}

/** @task */
export function readsOnly(roots: Node[]): number {
  const order: Node[] = [];
  const visit = (n: Node): void => { order.push(n); n.kids.forEach(visit); };
  roots.forEach(visit);
  return order.reduce((s, n) => s + n.id, 0);
}

/** @task */
export function nestedTwice(roots: Node[]): number {
  const order: Node[] = [];
  const outer = (n: Node) => { const inner = (m: Node) => { order.push(m); }; inner(n); n.kids.forEach(inner); };
  roots.forEach(outer);
  for (const o of order) o.mark *= 2;
  return order.length;
}

/** @task */
export function storedThenKept(roots: Node[], sink: Node[][]): number {
  const order: Node[] = [];
  const add = (n: Node) => { order.push(n); };
  roots.forEach(add);
  sink.push(order);
  return order.length;
}
