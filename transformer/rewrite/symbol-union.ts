/**
 * A union-find over symbols: which names may denote the same object (aliases.ts fills it from one scan of a file).
 * Groups are listed once, when first asked for: the scan is complete by then. Each union also keeps its direction
 * ("a may take or hold b's object"), so that within a group the names that may share one particular name's object
 * can be told apart from those that only meet it through a third name (`for (const x of [a, e])` joins a and e).
 */
import type * as ts from 'typescript';

export class SymbolUnion {
  private readonly parent = new Map<ts.Symbol, ts.Symbol>();
  private groups?: Map<ts.Symbol, ts.Symbol[]>;
  /** a → the b's whose objects a may take or hold. */
  private readonly takes = new Map<ts.Symbol, Set<ts.Symbol>>();
  /** The same edges reversed, made when first asked for (as groups are). */
  private takenBy?: Map<ts.Symbol, Set<ts.Symbol>>;

  /** Some union named the symbol. */
  has(symbol: ts.Symbol): boolean { return this.parent.has(symbol); }

  find(symbol: ts.Symbol): ts.Symbol {
    let root = symbol;
    while (this.parent.get(root) !== undefined && this.parent.get(root) !== root) root = this.parent.get(root)!;
    return root;
  }

  /** One group from now on, `a` taking or holding `b`'s object; returns the two roots before, and the root after (the second's). */
  union(a: ts.Symbol, b: ts.Symbol): { ra: ts.Symbol; rb: ts.Symbol } {
    const taken = this.takes.get(a) ?? new Set();
    this.takes.set(a, taken.add(b));
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
   * The members of the symbol's group that may denote or hold an object it may denote or hold: those whose values
   * reach a common name following `takes` (each name counted as an object of its own as well). `x` of
   * `for (const x of [a, e])` shares with both, a and e with x only.
   */
  sharing(symbol: ts.Symbol): readonly ts.Symbol[] {
    const group = this.groupOf(symbol);
    if (group.length <= 2) return group;
    if (!this.takenBy) {
      this.takenBy = new Map();
      for (const [a, bs] of this.takes) for (const b of bs) this.takenBy.set(b, (this.takenBy.get(b) ?? new Set()).add(a));
    }
    // What it may reach, then every name reaching any of that: one walk each way.
    const walk = (from: Iterable<ts.Symbol>, edges: Map<ts.Symbol, Set<ts.Symbol>>): Set<ts.Symbol> => {
      const seen = new Set(from);
      for (const s of seen) for (const next of edges.get(s) ?? []) seen.add(next);
      return seen;
    };
    const shared = walk(walk([symbol], this.takes), this.takenBy);
    return group.filter((member) => shared.has(member));
  }
}
