/**
 * The values of the reach analysis (reach.ts): which parameters a value is (part of) directly, and which it holds inside,
 * each at the least depth it may sit at; and the operations on them: a part of a value, a fresh container of a value
 * or of its elements, the union of alternatives.
 */
export type Params = ReadonlySet<number>;
export const none: Params = new Set();

/** Parameters a value holds inside it, each with the least depth (1: in one of its own slots) at which it may sit. */
export type Depths = ReadonlyMap<number, number>;
export const empty: Depths = new Map();

export interface Reach { readonly direct: Params; readonly contents: Depths }
export const NOTHING: Reach = { direct: none, contents: empty };
/** The value reaches no parameter (NOTHING, or a reach that came out empty). */
export const isEmpty = (reach: Reach): boolean => reach.direct.size === 0 && reach.contents.size === 0;

export function union(...sets: Params[]): Params {
  const nonEmpty = sets.filter((s) => s.size > 0);
  if (nonEmpty.length <= 1) return nonEmpty[0] ?? none;
  return new Set(nonEmpty.flatMap((s) => [...s]));
}

export function shallowest(...maps: Depths[]): Depths {
  const nonEmpty = maps.filter((m) => m.size > 0);
  if (nonEmpty.length <= 1) return nonEmpty[0] ?? empty;
  const merged = new Map<number, number>();
  for (const m of nonEmpty) for (const [p, d] of m) merged.set(p, Math.min(d, merged.get(p) ?? Infinity));
  return merged;
}

/** Everything the value may reach, as itself or inside. */
export const all = (reach: Reach): Params => (reach.contents.size === 0 ? reach.direct : union(reach.direct, new Set(reach.contents.keys())));
export const at = (params: Params, depth: number): Depths => (params.size === 0 ? empty : new Map([...params].map((p) => [p, depth])));
export const holding = (params: Params): Reach => ({ direct: none, contents: at(params, 1) });
/** A fresh object or array with `reach` in one of its slots: what it directly was sits at depth 1, the rest one deeper. */
export function nest(reach: Reach): Reach {
  if (isEmpty(reach)) return NOTHING;
  const contents = new Map<number, number>(at(reach.direct, 1));
  for (const [p, d] of reach.contents) contents.set(p, Math.min(d + 1, contents.get(p) ?? Infinity));
  return { direct: none, contents };
}
/** A fresh container of the elements of `reach` (a copy, a spread): they sit in its slots as they sat in reach's. */
export const elementsOf = (reach: Reach): Reach => nest(partOf(reach));
/**
 * A fresh container of everything `reaches` reach, at any depth, one level down: `grid.flat()`, `[].concat(...lists)`,
 * `Object.fromEntries(pairs)` lift nested parts into their own slots (np45's F2, F3: `grid.flat()[0]` is `b` of
 * `[[b]]`, which elementsOf would have left two levels down).
 */
export const flattened = (...reaches: Reach[]): Reach => {
  const reached = union(...reaches.map(all));
  return reached.size === 0 ? NOTHING : { direct: none, contents: at(reached, 1) };
};
/** A part of a value: what the value directly is, or what it holds at depth 1; deeper contents come one level up. */
export function partOf(reach: Reach): Reach {
  if (reach.contents.size === 0) return reach;
  const direct = new Set(reach.direct);
  const contents = new Map<number, number>();
  for (const [p, d] of reach.contents) if (d <= 1) direct.add(p); else contents.set(p, d - 1);
  return { direct, contents };
}
export const either = (...reaches: Reach[]): Reach => ({ direct: union(...reaches.map((r) => r.direct)), contents: shallowest(...reaches.map((r) => r.contents)) });

/** Where `reach` sits in a container it is stored into `depth` levels down: what it is at `depth`, what it holds deeper. */
export function sunk(reach: Reach, depth: number): Depths {
  const contents = new Map<number, number>(at(reach.direct, depth));
  for (const [p, d] of reach.contents) contents.set(p, Math.min(d + depth, contents.get(p) ?? Infinity));
  return contents;
}
