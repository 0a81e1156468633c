/**
 * Summaries of every function the analysis meets, computed on demand and cached for the whole program.
 * Recursion is solved by iteration: a function on a cycle is analysed again, starting from what is known so far,
 * until its summary stops growing (effects only ever grow, so this ends).
 *
 * A function with callback parameters has two summaries: the general one, where a callback is code of unknown
 * effect, and the one for call sites whose callbacks only read what they are given (`each(p, (x) => log(x))`: an
 * inline callback is analysed in its caller's own body, a named one by its summary, a missing one does nothing).
 */
import type * as ts from 'typescript';
import type { AnalysisContext, FunctionLike } from './context';
import { analyzeFunction } from './function-effects';
import { contextOf } from './code-behind';
import type { ParamEffects, Summary } from './param-effects';
import type { FactoryCall } from './function-of-symbol';
import { bindingsOf, hasBoundKeys, type Bindings } from './bound-factory';

export class Summaries {
  private readonly variants = [new Variant(this, false), new Variant(this, true)];
  /** Summaries of made closures with their factories' parameters bound (bound-factory.ts), per factory call. */
  private readonly madeVariants = [new Variant(this, false, true), new Variant(this, true, true)];
  /**
   * Bumped whenever a provisional summary that some analysis has read (a function on a cycle) grows: a summary
   * computed from provisional ones is still what a new analysis would give while this has not moved.
   */
  version = 0;
  /**
   * Shared by every variant (plain, reading-callbacks, made closures'): an analysis in one reads provisional summaries
   * of another (a bound summary of `toString` inside `_toString` inside that bound summary), and a summary resting on
   * one still being solved anywhere below must not be final.
   */
  usedProvisional = false;
  /** Analyses under way, in every variant. */
  depth = 0;

  constructor(readonly ctx: AnalysisContext) {}

  /** `readingCallbacks`: the summary for a call site whose callbacks only read their arguments. */
  get(fn: FunctionLike, readingCallbacks = false): Summary {
    // A function of the JavaScript behind a declaration (code-behind.ts) is analysed in its own program.
    const owner = contextOf(this.ctx, fn);
    if (owner !== this.ctx) return summariesOf(owner).get(fn, readingCallbacks);
    return this.variants[readingCallbacks ? 1 : 0].get(fn);
  }

  /**
   * The summary of a closure made by the factory calls `via` (outermost first), the factories' parameters bound to
   * what those calls passed: bound-factory.ts. The plain summary when nothing could be bound.
   */
  made(fn: FunctionLike, readingCallbacks: boolean, via: readonly FactoryCall[] | undefined): Summary {
    const owner = contextOf(this.ctx, fn);
    if (owner !== this.ctx) return summariesOf(owner).made(fn, readingCallbacks, via);
    const bindings = via && via.length > 0 ? bindingsOf(owner, via) : undefined;
    if (!bindings || (bindings.size === 0 && !hasBoundKeys(bindings))) return this.get(fn, readingCallbacks);
    return this.madeVariants[readingCallbacks ? 1 : 0].get(fn, madeKey(fn, via!), bindings);
  }
}

interface KeyNode { key?: object; readonly next: Map<ts.Node, KeyNode> }
const madeKeys = new WeakMap<ts.Node, KeyNode>();

/**
 * One key per (made closure, chain of calls binding it): the factory calls it comes out of, and the call binding
 * the function's own parameters when there is one (call-bound.ts), which tells apart two calls in one made closure.
 */
function madeKey(fn: FunctionLike, via: readonly FactoryCall[]): object {
  let node: KeyNode | undefined = madeKeys.get(fn);
  if (!node) { node = { next: new Map() }; madeKeys.set(fn, node); }
  for (const made of via) {
    let next: KeyNode | undefined = node.next.get(made.call);
    if (!next) { next = { next: new Map() }; node.next.set(made.call, next); }
    node = next;
  }
  return node.key ??= { fn, via };
}

/** One cache per side program, for the whole process (like the side programs themselves). */
const sideSummaries = new WeakMap<ts.Program, Summaries>();

function summariesOf(ctx: AnalysisContext): Summaries {
  let summaries = sideSummaries.get(ctx.program);
  if (!summaries) { summaries = new Summaries(ctx); sideSummaries.set(ctx.program, summaries); }
  return summaries;
}

/** Summaries are cached by function, or by (function, factory call) for a made closure's bound summary. */
type Key = object;

class Variant {
  private readonly final = new Map<Key, Summary>();
  private readonly provisional = new Map<Key, Summary>();
  /** Functions whose provisional summary an analysis was given (they were on the stack). */
  private readonly readProvisional = new Set<Key>();
  /**
   * A summary left provisional (it rested on a cycle still being solved above it), with the version it was computed
   * at: asked again at the same version, it is returned as it is instead of analysed again. Without this, each
   * function of a large recursive group (es-toolkit's isEqualWith, cloneDeepWith) was analysed again for every call
   * reaching it during each round of the cycle's root, and the analysis did not end in minutes.
   */
  private readonly settled = new Map<Key, number>();
  private readonly stack: Key[] = [];

  /** `made`: the cache of bound summaries of made closures, where other functions' summaries are asked of `all`. */
  constructor(private readonly all: Summaries, private readonly readingCallbacks: boolean, private readonly made = false) {}

  get(fn: FunctionLike, key: Key = fn, bindings?: Bindings): Summary {
    const known = this.final.get(key);
    if (known) return known;
    if (this.stack.includes(key)) {
      this.all.usedProvisional = true;
      this.readProvisional.add(key);
      return this.provisional.get(key) ?? { params: fn.parameters.map(() => ({})) };
    }
    if (this.settled.get(key) === this.all.version) {
      this.all.usedProvisional = true;
      return this.provisional.get(key)!;
    }
    const outerUsed = this.all.usedProvisional;
    let sawCycle = false;
    this.stack.push(key);
    this.all.depth++;
    let summary: Summary;
    for (let round = 0; ; round++) {
      this.all.usedProvisional = false;
      summary = analyzeFunction(this.all.ctx, fn, (callee, readingCallbacks, via) =>
        (via && via.length > 0 ? this.all.made(callee, readingCallbacks, via)
          : !this.made && readingCallbacks === this.readingCallbacks && contextOf(this.all.ctx, callee) === this.all.ctx ? this.get(callee)
            : this.all.get(callee, readingCallbacks)), this.readingCallbacks, bindings);
      const grew = !sameEffects(summary, this.provisional.get(key));
      if (grew && this.readProvisional.has(key)) this.all.version++;
      this.provisional.set(key, summary);
      sawCycle ||= this.all.usedProvisional;
      if (!this.all.usedProvisional || !grew || round > 20) break;
    }
    this.stack.pop();
    this.all.depth--;
    // Final only if nothing below us on the stack was still provisional when we looked.
    if (!sawCycle || this.all.depth === 0) this.final.set(key, summary);
    else this.settled.set(key, this.all.version);
    this.all.usedProvisional = outerUsed || (sawCycle && this.all.depth > 0);
    return summary;
  }
}

/**
 * Outer variables holding a parameter, counted so a variable's holding turning into its container's counts too (entries
 * are only added or strengthened: param-effects.ts holdInOuter).
 */
const heldInOuter = (p: ParamEffects): number => [...p.storedInOuter?.values() ?? []].reduce((n, as) => n + (as === 'contents' ? 2 : 1), 0);

function sameEffects(a: Summary, b: Summary | undefined): boolean {
  if (!b) return false;
  const same = (x: unknown, y: unknown) => Boolean(x) === Boolean(y);
  if (assumptionCount(a) !== assumptionCount(b)) return false;
  return a.params.every((p, i) => {
    const q = b.params[i] ?? {};
    return same(p.written, q.written) && same(p.writtenDeep, q.writtenDeep) && same(p.writtenLater, q.writtenLater) &&
      same(p.writtenLaterDeep, q.writtenLaterDeep) && same(p.read, q.read) && same(p.writtenKnown, q.writtenKnown) && same(p.escaped, q.escaped) &&
      same(p.escapedOtherwise, q.escapedOtherwise) && same(p.escapedKnown, q.escapedKnown) && same(p.kept, q.kept) && same(p.inFunction, q.inFunction) && same(p.toCallback, q.toCallback) && p.returnedAt === q.returnedAt &&
      same(p.escapedBeyondOuter, q.escapedBeyondOuter) && same(p.escapedWhole, q.escapedWhole) && heldInOuter(p) === heldInOuter(q);
  });
}

/** Assumptions only grow from round to round: their number tells whether they changed. */
function assumptionCount(summary: Summary): number {
  let n = 0;
  for (const fields of summary.assumes?.values() ?? []) n += fields.size;
  // (One made first in a closure handed back, then also during the call, grows only this.)
  for (const fields of summary.assumesDuringCall?.values() ?? []) n += fields.size;
  return n;
}
