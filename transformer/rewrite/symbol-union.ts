/**
 * A union-find over symbols: which names may denote the same object (aliases.ts fills it from one scan of a file).
 * Groups are listed once, when first asked for: the scan is complete by then.
 */
import type * as ts from 'typescript';

export class SymbolUnion {
  private readonly parent = new Map<ts.Symbol, ts.Symbol>();
  private groups?: Map<ts.Symbol, ts.Symbol[]>;

  /** Some union named the symbol. */
  has(symbol: ts.Symbol): boolean { return this.parent.has(symbol); }

  find(symbol: ts.Symbol): ts.Symbol {
    let root = symbol;
    while (this.parent.get(root) !== undefined && this.parent.get(root) !== root) root = this.parent.get(root)!;
    return root;
  }

  /** One group from now on; returns the two roots before, and the root after (the second's). */
  union(a: ts.Symbol, b: ts.Symbol): { ra: ts.Symbol; rb: ts.Symbol } {
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
}
