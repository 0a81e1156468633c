/**
 * Helpers written inside a task that keep the caller's objects in the task's own variables: by assigning a `let`
 * of the task, through a second name of the helper, into either of two of the task's lists. What they keep dies with
 * the call, so the task lets nothing out and runs in a worker; what the task then writes through those variables is
 * a write of its parameter (np48's min-nested-letout).
 */
export interface Order { id: number; amount: number; status: string }

/** @task a helper reassigns the task's `let` with a fresh array holding the orders */
export function flagTop(orders: Order[]): number {
  let top: Order[] = [];
  const consider = (o: Order) => { top = [...top, o].sort((a, b) => b.amount - a.amount).slice(0, 2); };
  orders.forEach(consider);
  top.forEach((o) => { o.status = 'VIP'; });
  return top.length;
}

/** @task a helper assigns an order itself to the task's `let`, written through it after */
export function markLargest(orders: Order[]): number {
  let best: Order | undefined;
  const consider = (o: Order) => { if (!best || o.amount > best.amount) best = o; };
  orders.forEach(consider);
  if (best) best.status = 'largest';
  return best ? best.id : -1;
}

/** @task a helper assigns the task's `let`, which the checker's flow still takes for `null` where it is written */
export function markThird(orders: Order[]): number {
  let target: Order | null = null;
  const choose = (o: Order) => { target = o; };
  choose(orders[2]);
  (target as Order | null)!.status = 'third';
  return 3;
}

/** @task a helper of a helper assigns the task's `let` */
export function markLast(orders: Order[]): number {
  let last: Order | null = null;
  const outer = (o: Order) => { const inner = (q: Order) => { last = q; }; inner(o); };
  orders.forEach(outer);
  if (last) (last as Order).status = 'last';
  return orders.length;
}

/** @task a helper pushes into either of two of the task's lists; written through one of them */
export function closeSmall(orders: Order[]): number {
  const small: Order[] = [], big: Order[] = [];
  function route(o: Order) { (o.amount < 30 ? small : big).push(o); }
  orders.forEach(route);
  big[0].status = 'big';
  small.forEach((o) => { o.amount = -o.amount; });
  return small.length * 10 + big.length;
}

/** @task the helper is called through a second name; the list is written after */
export function markFirst(orders: Order[]): number {
  const bag: Order[] = [];
  const add = (o: Order) => { bag.push(o); };
  const put = add;
  orders.forEach((o) => put(o));
  bag[0].status = 'first';
  return bag.length;
}

/** @task a helper keeps the largest amount and its order, read only */
export function largest(orders: Order[]): number {
  let most = -Infinity;
  let who: Order | undefined;
  const see = (o: Order) => { if (o.amount > most) { most = o.amount; who = o; } };
  orders.forEach(see);
  return who ? who.id * 1000 + most : most;
}

/** @task a helper stores into the caller's other list (`spare ?? mine`): that keeps the orders, so it stays direct */
export function intoSpare(orders: Order[], spare?: Order[]): number {
  const mine: Order[] = [];
  const put = (o: Order) => { (spare ?? mine).push(o); };
  orders.forEach(put);
  mine[0].status = 'mine';
  return mine.length;
}
