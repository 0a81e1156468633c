/**
 * A union-find over symbols: which names may denote the same object (aliases.ts fills it from one scan of a file).
 * Groups are listed once, when first asked for: the scan is complete by then. Each union also keeps its direction
 * ("a may take or hold b's object"), so that within a group the names that may share one particular name's object
 * can be told apart from those that only meet it through a third name (`for (const x of [a, e])` joins a and e):
 * "a may be b's object" and "a's object holds b's" kept apart (`sharing`).
 */
import type * as ts from 'typescript';

export class SymbolUnion {
  private readonly parent = new Map<ts.Symbol, ts.Symbol>();
  private groups?: Map<ts.Symbol, ts.Symbol[]>;
  /** a → the b's whose objects a may be (`const view = a`, `x = a`, a part `const inner = o.inner` counted as o). */
  private readonly mayBe = new Map<ts.Symbol, Set<ts.Symbol>>();
  /** a → the b's whose objects a's object holds (`a.push(b)`, `{ f: b }`): held by every object a may be. */
  private readonly holds = new Map<ts.Symbol, Set<ts.Symbol>>();

  /** Some union named the symbol. */
  has(symbol: ts.Symbol): boolean { return this.parent.has(symbol); }

  find(symbol: ts.Symbol): ts.Symbol {
    let root = symbol;
    while (this.parent.get(root) !== undefined && this.parent.get(root) !== root) root = this.parent.get(root)!;
    return root;
  }

  /**
   * One group from now on, `a` being (or, with `holding`, holding) what `b` is; returns the two roots before, and the
   * root after (the second's).
   */
  union(a: ts.Symbol, b: ts.Symbol, holding = false): { ra: ts.Symbol; rb: ts.Symbol } {
    const edges = holding ? this.holds : this.mayBe;
    edges.set(a, (edges.get(a) ?? new Set()).add(b));
    if (!this.parent.has(a)) this.parent.set(a, a);
    if (!this.parent.has(b)) this.parent.set(b, b);
    const ra = this.find(a), rb = this.find(b);
    if (ra !== rb) this.parent.set(ra, rb);
    return { ra, rb };
  }

  same(a: ts.Symbol, b: ts.Symbol): boolean { return this.parent.has(a) && this.find(a) === this.find(b); }

  /** Every symbol in the symbol's group (itself included). */
  groupOf(symbol: ts.Symbol): readonly ts.Symbol[] {
    if (!this.groups) {
      this.groups = new Map();
      for (const member of this.parent.keys()) {
        const root = this.find(member);
        const group = this.groups.get(root) ?? [];
        group.push(member);
        this.groups.set(root, group);
      }
    }
    return this.parent.has(symbol) ? this.groups.get(this.find(symbol))! : [symbol];
  }

  /**
   * The names that may denote the symbol's object (itself included): those joined to it by "may be" in either
   * direction (`const other = list`, `level = next`), not those that only hold it or are held by it.
   */
  sameObject(symbol: ts.Symbol): readonly ts.Symbol[] {
    const group = this.groupOf(symbol);
    // (Beyond a few dozen names, the whole group, as sharing does: a wait walks more, never less.)
    if (group.length === 1 || group.length > 64) return group;
    const near = new Map<ts.Symbol, ts.Symbol[]>();
    const join = (a: ts.Symbol, b: ts.Symbol) => { near.set(a, [...(near.get(a) ?? []), b]); };
    for (const a of group) for (const b of this.mayBe.get(a) ?? []) { join(a, b); join(b, a); }
    const seen = new Set([symbol]);
    for (const s of seen) for (const next of near.get(s) ?? []) seen.add(next);
    return [...seen];
  }

  /**
   * The members of the symbol's group that may reach an object it may reach: what its escape lets out of sight. Each
   * name stands for an object of its own as well; a name reaches the objects it may be, and what those hold, where a
   * store into a name is a store into every object it may be (`const y = list; y.push(e)`: list holds e). `x` of
   * `for (const x of [a, e])` reaches both, a and e only themselves. (Beyond a few dozen names, the whole group.)
   */
  sharing(symbol: ts.Symbol): readonly ts.Symbol[] {
    const group = this.groupOf(symbol);
    if (group.length <= 2 || group.length > 64) return group;
    const mayBe = new Map(group.map((m) => [m, closure([m], this.mayBe)]));
    const holds = group.filter((m) => this.holds.has(m)).map((m) => [m, this.holds.get(m)!] as const);
    const reach = (from: ts.Symbol): Set<ts.Symbol> => {
      const reached = new Set(mayBe.get(from));
      for (let grew = true; grew;) {
        grew = false;
        for (const [holder, held] of holds) {
          if (![...mayBe.get(holder)!].some((o) => reached.has(o))) continue;
          for (const h of held) for (const o of mayBe.get(h) ?? [h]) if (!reached.has(o)) { reached.add(o); grew = true; }
        }
      }
      return reached;
    };
    const out = reach(symbol);
    return group.filter((member) => [...reach(member)].some((o) => out.has(o)));
  }
}

/** `from` and every name reached from it along `edges`. */
function closure(from: readonly ts.Symbol[], edges: ReadonlyMap<ts.Symbol, ReadonlySet<ts.Symbol>>): Set<ts.Symbol> {
  const seen = new Set(from);
  for (const s of seen) for (const next of edges.get(s) ?? []) seen.add(next);
  return seen;
}
