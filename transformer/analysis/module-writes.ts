/**
 * Writes of module objects a function makes under other names: `const { list } = STATE; list.push(x)`,
 * `pushTo(STATE.list, x)` with a helper that pushes, `for (const o of ITEMS) o.n += 1`. module-state.ts's writeAt sees
 * only a write spelled on the object's own name; these are found by the same analysis that infers a task's parameter
 * directions (function-effects.ts), with each module object the function names followed as one more parameter. So a
 * task's module state is judged by one notion of "what this code writes", aliases, callees and loops included.
 *
 * Asked per reference by outer-reads.ts: the write, if any, that the function around the reference makes to its
 * object. One analysis per function, kept per program.
 */
import type * as ts from 'typescript';
import { calledFunction, symbolOf, type AnalysisContext, type FunctionLike } from './context';
import { returnedExpressions, rootIdentifier } from './expressions';
import { rootEffects } from './function-effects';
import { namesChangedPlace } from './state-updates';
import type { ModuleState } from './module-state';
import type { SummaryLookup } from './param-effects';
import { isReference } from '../rewrite/syntax';
import { isPrimitiveLookup } from './read-only-mentions';

/** What one function does to one module object under any name: its first write, and where it stores a parameter in it. */
interface RootUse { readonly write?: ts.Node; readonly storesParameter?: ts.Node }

const perProgram = new WeakMap<ts.Program, Map<FunctionLike, Map<ts.Symbol, RootUse>>>();

export class ModuleWrites {
  private readonly known: Map<FunctionLike, Map<ts.Symbol, RootUse>>;

  constructor(private readonly ctx: AnalysisContext, private readonly state: ModuleState, readonly lookup: SummaryLookup) {
    let known = perProgram.get(ctx.program);
    if (!known) { known = new Map(); perProgram.set(ctx.program, known); }
    this.known = known;
  }

  /** The first write `owner` makes, under any name, to the module object `symbol` names; undefined if none. */
  writeIn(owner: FunctionLike, symbol: ts.Symbol): ts.Node | undefined { return this.usesIn(owner).get(symbol)?.write; }

  /**
   * Where `owner` stores one of its object parameters, or a part of one, in the module object (`REG.push(o)`, also
   * `const l = REG; l.push(o)`): the caller's object becomes part of the state.
   */
  parameterStoredIn(owner: FunctionLike, symbol: ts.Symbol): ts.Node | undefined { return this.usesIn(owner).get(symbol)?.storesParameter; }

  private usesIn(owner: FunctionLike): Map<ts.Symbol, RootUse> {
    let uses = this.known.get(owner);
    if (uses) return uses;
    uses = new Map();
    const roots = this.moduleObjectsNamedIn(owner);
    const { ts } = this.ctx;
    for (const [root, { writes, storesParameter }] of roots.length === 0 ? [] : rootEffects(this.ctx, owner, this.lookup, roots)) {
      // (A write the analysis records at an argument, `Array.prototype.push.call(LIST, s)`, is the call's. One spelled
      // on the object's own name, `S.n++`, `WORD.test(s)`, module-state.ts writeAt has judged already, knowing what
      // only looks like a write: a RegExp without `g` or `y` keeps no lastIndex.)
      const write = writes.map((node) => ts.isCallExpression(node.parent) && node.parent.arguments.includes(node as ts.Expression) ? node.parent : node)
        .find((node) => !namesChangedPlace(this.ctx, node, root));
      uses.set(root, { ...(write ? { write } : {}), ...(storesParameter ? { storesParameter } : {}) });
    }
    this.known.set(owner, uses);
    return uses;
  }

  /**
   * Module objects the function names, or gets from a helper that returns one (`const s = state()`); not one it only
   * looks primitives up in (read-only-mentions.ts), which it cannot write.
   */
  private moduleObjectsNamedIn(owner: FunctionLike): ts.Symbol[] {
    const { ts } = this.ctx;
    /** Per module object named: whether every mention so far only looks a primitive up in it. */
    const found = new Map<ts.Symbol, boolean>();
    const note = (id: ts.Identifier | undefined, lookup: boolean): void => {
      const symbol = id && symbolOf(this.ctx, id);
      if (symbol && this.state.isModuleObject(symbol)) found.set(symbol, (found.get(symbol) ?? true) && lookup && isPrimitiveLookup(this.ctx, id!));
    };
    const visit = (node: ts.Node): void => {
      if (ts.isIdentifier(node) && isReference(ts, node)) note(node, true);
      const callee = ts.isCallExpression(node) ? calledFunction(this.ctx, node) : undefined;
      for (const returned of callee ? returnedExpressions(ts, callee) : []) note(rootIdentifier(ts, returned), false);
      ts.forEachChild(node, visit);
    };
    if (owner.body) visit(owner.body);
    for (const param of owner.parameters) visit(param);
    return [...found].filter(([, onlyLookups]) => !onlyLookups).map(([symbol]) => symbol);
  }
}
