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
import { rootWrites } from './function-effects';
import type { ModuleState } from './module-state';
import type { SummaryLookup } from './param-effects';
import { isReference } from '../rewrite/syntax';

const perProgram = new WeakMap<ts.Program, Map<FunctionLike, Map<ts.Symbol, ts.Node>>>();

export class ModuleWrites {
  private readonly known: Map<FunctionLike, Map<ts.Symbol, ts.Node>>;

  constructor(private readonly ctx: AnalysisContext, private readonly state: ModuleState, private readonly lookup: SummaryLookup) {
    let known = perProgram.get(ctx.program);
    if (!known) { known = new Map(); perProgram.set(ctx.program, known); }
    this.known = known;
  }

  /** The first write `owner` makes, under any name, to the module object `symbol` names; undefined if none. */
  writeIn(owner: FunctionLike, symbol: ts.Symbol): ts.Node | undefined {
    let writes = this.known.get(owner);
    if (!writes) {
      const roots = this.moduleObjectsNamedIn(owner);
      writes = new Map();
      for (const [root, found] of roots.length === 0 ? [] : rootWrites(this.ctx, owner, this.lookup, roots)) {
        // (A write the analysis records at an argument, `Array.prototype.push.call(LIST, s)`, is the call's.)
        const write = found.map((node) => this.ctx.ts.isCallExpression(node.parent) && node.parent.arguments.includes(node as ts.Expression) ? node.parent : node)
          .find((node) => !this.spelledOnItsName(node, root));
        if (write) writes.set(root, write);
      }
      this.known.set(owner, writes);
    }
    return writes.get(symbol);
  }

  /**
   * A write spelled on the object's own name (`S.n++`, `WORD.test(s)`): module-state.ts writeAt has judged that one
   * already, knowing what only looks like a write (a RegExp without `g` or `y` keeps no lastIndex).
   */
  private spelledOnItsName(write: ts.Node, symbol: ts.Symbol): boolean {
    const { ts } = this.ctx;
    const target = ts.isCallExpression(write) ? (ts.isPropertyAccessExpression(write.expression) ? write.expression.expression : undefined)
      : ts.isBinaryExpression(write) ? write.left
        : ts.isPrefixUnaryExpression(write) || ts.isPostfixUnaryExpression(write) ? write.operand
          : ts.isDeleteExpression(write) ? write.expression : undefined;
    const root = target && rootIdentifier(ts, target);
    return root !== undefined && symbolOf(this.ctx, root) === symbol;
  }

  /** Module objects the function names, or gets from a helper that returns one (`const s = state()`). */
  private moduleObjectsNamedIn(owner: FunctionLike): ts.Symbol[] {
    const { ts } = this.ctx;
    const found = new Set<ts.Symbol>();
    const note = (id: ts.Identifier | undefined): void => {
      const symbol = id && symbolOf(this.ctx, id);
      if (symbol && this.state.isModuleObject(symbol)) found.add(symbol);
    };
    const visit = (node: ts.Node): void => {
      if (ts.isIdentifier(node) && isReference(ts, node)) note(node);
      const callee = ts.isCallExpression(node) ? calledFunction(this.ctx, node) : undefined;
      for (const returned of callee ? returnedExpressions(ts, callee) : []) note(rootIdentifier(ts, returned));
      ts.forEachChild(node, visit);
    };
    if (owner.body) visit(owner.body);
    for (const param of owner.parameters) visit(param);
    return [...found];
  }
}
