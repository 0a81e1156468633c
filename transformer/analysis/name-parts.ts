/**
 * Which names hold a part of another name's object, for reach-flow.ts: `const list = holder.list`, `for (const g of
 * groups)`, `b = a`, with how deep in it. Kept apart from the bindings reach-flow.ts grows because it is a relation
 * between names (what is stored through the part is in the whole too), asked of by its store, not a value a name gets.
 */
import type * as ts from 'typescript';
import { alternatives } from './expressions';
import { entryRootAndDepth } from './collection-entries';
import { boundNames, symbolOf, type AnalysisContext } from './context';

export class NameParts {
  /**
   * Names given a part of another name's object (`const list = holder.list`, `const { list } = holder`, `const g =
   * groups.get(k)!`, `for (const g of groups)`), with how deep in it: what is stored through the part is in that
   * object too (rev60's F1: `list.push(it)` then `holder.list[0].v = 1` was not a write of `it`).
   */
  private readonly partsOf = new Map<ts.Symbol, Map<ts.Symbol, number>>();

  /** `changed`: called when a part is newly known (or nearer), for reach-flow.ts's fixpoint. */
  constructor(private readonly ctx: AnalysisContext, private readonly changed: () => void) {}

  /** `name` (every name a pattern binds) gets a part `extra` levels below what `source` is (see partsOf). */
  notePart(name: ts.BindingName, source: ts.Expression, extra: number): void {
    // (Each object it may be: `const target = hot ? hi : lo`.)
    const choices = alternatives(this.ctx.ts, source);
    if (choices.length > 1) { for (const choice of choices) this.notePart(name, choice, extra); return; }
    const { root, depth } = entryRootAndDepth(this.ctx, source);
    const whole = root && symbolOf(this.ctx, root);
    if (!whole) return;
    for (const bound of boundNames(this.ctx, name)) {
      const part = symbolOf(this.ctx, bound);
      if (!part || part === whole) continue;
      let wholes = this.partsOf.get(part);
      if (!wholes) { wholes = new Map(); this.partsOf.set(part, wholes); }
      const below = depth + extra;
      if (below < (wholes.get(whole) ?? Infinity)) { wholes.set(whole, below); this.changed(); }
    }
  }

  /** The objects `part` is (a part of), transitively, with how deep: see partsOf. */
  wholesOf(part: ts.Symbol): Map<ts.Symbol, number> {
    const found = new Map<ts.Symbol, number>();
    const queue: [ts.Symbol, number][] = [[part, 0]];
    while (queue.length > 0) {
      const [at, below] = queue.pop()!;
      for (const [whole, d] of this.partsOf.get(at) ?? []) {
        if (whole === part || (found.get(whole) ?? Infinity) <= below + d) continue;
        found.set(whole, below + d);
        queue.push([whole, below + d]);
      }
    }
    return found;
  }
}
