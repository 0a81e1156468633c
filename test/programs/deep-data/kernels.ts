/** Linked lists and trees deeper than the JavaScript stack, passed to tasks, returned and changed in place (tester #13's m34). */
export interface LNode { v: number; next: LNode | null }

/** @task */
export function walk(head: LNode | null): number {
  let s = 0;
  for (let n = head; n; n = n.next) s += n.v;
  return s;
}

/** @task */
export function build(n: number): LNode | null {
  let head: LNode | null = null;
  for (let i = 0; i < n; i++) head = { v: i, next: head };
  return head;
}

/** @task */
export function bump(head: LNode | null, by: number): void {
  for (let n = head; n; n = n.next) n.v += by;
}

export interface Tree { depth: number; kids: Tree[]; tag?: Map<string, Tree> }

/** @task */
export function deepest(t: Tree): number {
  let d = 0;
  const stack: Tree[] = [t];
  while (stack.length > 0) {
    const x = stack.pop()!;
    d = Math.max(d, x.depth);
    stack.push(...x.kids);
    if (x.tag) stack.push(...x.tag.values());
  }
  return d;
}
