export interface Conn { id: string; open: boolean; sent: number; log?: string[] }

/** @task */
export function closeOne(registry: Record<string, Conn>, id: string): void {
  registry[id].open = false;
  delete registry[id];
}

/** @task */
export function drainFirst(queue: Conn[]): number {
  const c = queue.shift()!;
  c.sent += 10;
  c.open = false;
  (c.log ??= []).push('drained');
  return c.sent;
}

/** @task */
export function retire(m: Map<string, Conn>, id: string): void {
  const c = m.get(id)!;
  c.open = false;
  m.delete(id);
}

/** @task */
export function pruneClosed(pool: { conns: Conn[] }): void {
  for (const c of pool.conns) c.sent *= 2;
  pool.conns = pool.conns.filter((c) => c.open);
}

/** @task */
export function moveLast(from: Conn[], to: Conn[]): void {
  const c = from.pop()!;
  c.sent = -1;
  to.push(c);
}

/** @task */
export function popBlock(blocks: Float64Array[]): number {
  const b = blocks.pop()!;
  b.fill(7);
  return blocks.length;
}

/** @task */
export function clearAll(items: { n: number }[]): void {
  for (const it of items) it.n += 100;
  items.length = 0;
}

/** @task */
export function dropFromSet(s: Set<{ tag: string }>): void {
  for (const item of s) { item.tag = item.tag.toUpperCase(); s.delete(item); break; }
}

/** @task */
export function spliceMiddle(xs: { v: number }[]): { v: number }[] {
  const cut = xs.splice(1, 2);
  for (const c of cut) c.v = 0;
  return cut;
}

/** @task */
export function detachThenFail(registry: Record<string, Conn>, id: string): void {
  const c = registry[id];
  delete registry[id];
  c.open = false;
  throw new Error(`could not close ${id}`);
}

/** @task */
export function addReading(reg: Record<string, Conn>, v: number): void {
  for (const c of Object.values(reg)) c.sent += v;
}

/** @task */
export function drainBelow(reg: Record<string, Conn>, limit: number): number {
  let n = 0;
  for (const id of Object.keys(reg)) {
    const c = reg[id];
    c.sent *= 10;
    if (c.sent < limit * 10 + 1) { c.open = false; delete reg[id]; n++; }
  }
  return n;
}

/** @task */
export function drainAll(items: { n: number }[]): number {
  let s = 0;
  for (const it of items) { it.n += 1; s += it.n; }
  items.length = 0;
  return s;
}
