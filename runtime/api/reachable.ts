/**
 * Which arguments of one call share parts: an object reachable from two of them, typed arrays (anywhere in them)
 * whose bytes overlap, or two the caller links (one is held by the other's datum). Only what a task could see is walked: array elements, own enumerable properties,
 * Map keys and values, Set items. An argument whose contents are still being produced by a task is not walked
 * (the main thread's copy is out of date): it shares only by its own identity.
 */
import { isTypedArray, pushChildren } from '../worker/shapes';

export const reachable = { sharing };

/**
 * Groups (two or more distinct arguments each) that share parts, in argument order. `extent(arg)`: where the
 * argument's datum reaches from (a group's other roots travel with it, so what they hold is shared too).
 */
function sharing(args: readonly object[], walkable: (arg: object) => boolean, extent: (arg: object) => readonly object[] = (arg) => [arg],
  linked: (a: object, b: object) => boolean = () => false): object[][] {
  const distinct = [...new Set(args)];
  const parent = distinct.map((_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i]!)));
  const union = (a: number, b: number) => { parent[find(a)] = find(b); };

  const owner = new Map<object, number>();
  const spans = new Map<ArrayBufferLike, { start: number; end: number; arg: number }[]>();
  const visit = (object: object, arg: number) => {
    const seen = owner.get(object);
    if (seen !== undefined) { if (seen !== arg) union(seen, arg); return false; }
    owner.set(object, arg);
    if (isTypedArray(object)) {
      const list = spans.get(object.buffer) ?? [];
      const start = object.byteOffset;
      const end = start + object.byteLength;
      for (const span of list) if (span.arg !== arg && span.start < end && start < span.end) union(span.arg, arg);
      list.push({ start, end, arg });
      spans.set(object.buffer, list);
      return false;
    }
    return true;
  };

  distinct.forEach((object, i) => visit(object, i));
  distinct.forEach((a, i) => distinct.forEach((b, j) => { if (i !== j && linked(a, b)) union(i, j); }));
  distinct.forEach((object, i) => {
    if (!walkable(object)) return;
    const stack: object[] = [];
    for (const start of extent(object)) {
      if (start !== object && !visit(start, i)) continue;
      if (!isTypedArray(start)) stack.push(...children(start));
    }
    while (stack.length > 0) {
      const next = stack.pop()!;
      if (visit(next, i)) stack.push(...children(next));
    }
  });

  const groups = new Map<number, object[]>();
  distinct.forEach((object, i) => {
    const root = find(i);
    const group = groups.get(root);
    if (group) group.push(object); else groups.set(root, [object]);
  });
  return [...groups.values()].filter((group) => group.length > 1);
}

function children(object: object): object[] {
  const out: object[] = [];
  pushChildren(object, out);
  return out;
}
