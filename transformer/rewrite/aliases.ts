/**
 * Second names for a followed object, made in plain sight: `const view = a`, a typed array's view
 * `const w = a.subarray(0, n)`, and the loop variable of `for (const m of [A, B, C])`.
 *
 * Such a name does not hide the object from the planner: it is one more set of references to wait at. Names that
 * may denote the same object (or, for views, the same memory) form a group, a union-find over symbols; the planner
 * follows a group as one object and gives up on it as one (any member's escape). Waits are dynamic and keyed by the
 * object the name holds at run time, and the runtime finds a view's pending writes by the buffer bytes it covers, so a
 * wait on any member is exact.
 */
import type * as ts from 'typescript';
import { VIEW_METHODS } from '../analysis/builtins';
import { isReassigned, isTypedArrayType, symbolOf, type AnalysisContext } from '../analysis/context';
import { skipTransparent } from './syntax';

export class AliasGroups {
  private readonly parent = new Map<ts.Symbol, ts.Symbol>();
  /** References that only make an alias (`a` in `const view = a`): the alias's own uses are what matter. */
  private readonly sources = new Set<ts.Identifier>();
  private readonly aliases = new Set<ts.Symbol>();

  constructor(private readonly ctx: AnalysisContext, source: ts.SourceFile, isFileLocal: (id: ts.Identifier) => boolean) {
    const { ts } = ctx;
    const visit = (node: ts.Node): void => {
      if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && isFileLocal(node.name)) this.declare(node, node.name);
      ts.forEachChild(node, visit);
    };
    visit(source);
  }

  /** Every symbol that may denote the same object as this one (itself included). */
  groupOf(symbol: ts.Symbol): ts.Symbol[] {
    const root = this.find(symbol);
    const group = [...this.parent.keys()].filter((s) => this.find(s) === root);
    return group.length > 0 ? group : [symbol];
  }

  /** The symbol names another variable's object (it holds no object of its own making). */
  isAlias(symbol: ts.Symbol): boolean { return this.aliases.has(symbol); }

  /** The reference only hands its object to an alias. */
  isAliasSource(ref: ts.Identifier): boolean { return this.sources.has(ref); }

  /** A view of a typed array `base.subarray(…)`: the base identifier, else undefined. */
  viewBase(expr: ts.Expression): ts.Identifier | undefined {
    const { ts } = this.ctx;
    expr = skipTransparent(ts, expr);
    if (!ts.isCallExpression(expr) || !ts.isPropertyAccessExpression(expr.expression) || !VIEW_METHODS.has(expr.expression.name.text)) return undefined;
    const base = skipTransparent(ts, expr.expression.expression);
    return ts.isIdentifier(base) && isTypedArrayType(this.ctx, this.ctx.checker.getTypeAtLocation(base)) ? base : undefined;
  }

  private declare(declaration: ts.VariableDeclaration, name: ts.Identifier): void {
    const { ts } = this.ctx;
    const symbol = symbolOf(this.ctx, name);
    if (!symbol) return;
    const constant = (ts.getCombinedNodeFlags(declaration) & ts.NodeFlags.Const) !== 0 || !isReassigned(this.ctx, declaration);
    const bases = this.basesOf(declaration);
    if (!constant || !bases || bases.length === 0) return;
    this.aliases.add(symbol);
    for (const base of bases) {
      const target = symbolOf(this.ctx, base);
      if (!target) continue;
      this.sources.add(base);
      this.union(symbol, target);
    }
  }

  /** The identifiers whose objects the declared name may hold, if it is an alias. */
  private basesOf(declaration: ts.VariableDeclaration): ts.Identifier[] | undefined {
    const { ts } = this.ctx;
    const list = declaration.parent;
    // for (const m of [A, B, C]): m is each of them in turn.
    if (ts.isVariableDeclarationList(list) && ts.isForOfStatement(list.parent) && list.declarations.length === 1) {
      const iterated = skipTransparent(ts, list.parent.expression);
      if (!ts.isArrayLiteralExpression(iterated)) return undefined;
      const elements = iterated.elements.map((e) => skipTransparent(ts, e as ts.Expression));
      return elements.every((e): e is ts.Identifier => ts.isIdentifier(e)) ? elements : undefined;
    }
    if (!declaration.initializer) return undefined;
    const value = skipTransparent(ts, declaration.initializer);
    if (ts.isIdentifier(value)) return symbolOf(this.ctx, value)?.valueDeclaration && ts.isVariableDeclaration(symbolOf(this.ctx, value)!.valueDeclaration!) ? [value] : undefined;
    const base = this.viewBase(value);
    return base ? [base] : undefined;
  }

  private find(symbol: ts.Symbol): ts.Symbol {
    let root = symbol;
    while (this.parent.get(root) !== undefined && this.parent.get(root) !== root) root = this.parent.get(root)!;
    return root;
  }

  private union(a: ts.Symbol, b: ts.Symbol): void {
    if (!this.parent.has(a)) this.parent.set(a, a);
    if (!this.parent.has(b)) this.parent.set(b, b);
    const ra = this.find(a), rb = this.find(b);
    if (ra !== rb) this.parent.set(ra, rb);
  }
}
