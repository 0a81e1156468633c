/**
 * Summaries of every function the analysis meets, computed on demand and cached for the whole program.
 * Recursion is solved by iteration: a function on a cycle is analysed again, starting from what is known so far,
 * until its summary stops growing (effects only ever grow, so this ends).
 */
import type { AnalysisContext, FunctionLike } from './context';
import { analyzeFunction, type Summary } from './function-effects';

export class Summaries {
  private readonly final = new Map<FunctionLike, Summary>();
  private readonly provisional = new Map<FunctionLike, Summary>();
  private readonly stack: FunctionLike[] = [];
  private usedProvisional = false;

  constructor(private readonly ctx: AnalysisContext) {}

  get(fn: FunctionLike): Summary {
    const known = this.final.get(fn);
    if (known) return known;
    if (this.stack.includes(fn)) {
      this.usedProvisional = true;
      return this.provisional.get(fn) ?? { params: fn.parameters.map(() => ({})) };
    }
    const outerUsed = this.usedProvisional;
    let sawCycle = false;
    this.stack.push(fn);
    let summary: Summary;
    for (let round = 0; ; round++) {
      this.usedProvisional = false;
      summary = analyzeFunction(this.ctx, fn, (callee) => this.get(callee));
      const grew = !sameEffects(summary, this.provisional.get(fn));
      this.provisional.set(fn, summary);
      sawCycle ||= this.usedProvisional;
      if (!this.usedProvisional || !grew || round > 20) break;
    }
    this.stack.pop();
    // Final only if nothing below us on the stack was still provisional when we looked.
    if (!sawCycle || this.stack.length === 0) this.final.set(fn, summary);
    this.usedProvisional = outerUsed || (sawCycle && this.stack.length > 0);
    return summary;
  }
}

function sameEffects(a: Summary, b: Summary | undefined): boolean {
  if (!b) return false;
  return a.params.every((p, i) => Boolean(p.written) === Boolean(b.params[i]?.written) && Boolean(p.read) === Boolean(b.params[i]?.read) &&
    Boolean(p.escaped) === Boolean(b.params[i]?.escaped));
}
