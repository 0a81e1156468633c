/**
 * Objects with names of their own put in a container: `const all = [A, B, C]`, then `for (const m of all) scale(m)`
 * and `console.log(A[0])`. The container and the names reach the same objects by different paths, so the planner
 * follows both or neither (plan.ts, linkPlacements): a followed name makes the container's uses wait, a container
 * whose elements tasks take makes the names' uses wait. Waits are keyed by the object at run time, so a wait through
 * either path finds the tasks submitted through the other.
 *
 * Only leaves are placed (typed arrays, arrays of numbers, collections of primitives): a placed container would nest
 * one family in another. A declaration's initializer places, and so does a push into the container's own name
 * (`cols.push(c)`, as a statement); an assignment `all = [D]` is another value, which followability judges on its own.
 */
import type * as ts from 'typescript';
import { hasPrimitiveElements, isPrimitiveNode, symbolOf, type AnalysisContext } from '../analysis/context';
import { isFresh } from './fresh';
import { skipTransparent, withWrappers } from './syntax';
import type { Containers } from './containers';
import type { Use } from './uses';

export class Placements {
  private readonly placed = new Map<ts.Symbol, ts.Symbol[]>();
  private readonly holders = new Map<ts.Symbol, ts.Symbol[]>();
  private scanned = false;

  constructor(private readonly ctx: AnalysisContext, private readonly source: ts.SourceFile,
    private readonly isFileLocal: (id: ts.Identifier) => boolean,
    /** The file's declarations, `=` assignments and calls in source order, if known (file-facts.ts): no walk of its own. */
    private readonly nodes?: readonly ts.Node[]) {}

  /** The named objects a container's initializer and pushes place (`A`, `B`, `C` for `all`). */
  placedIn(container: ts.Symbol): readonly ts.Symbol[] { this.scan(); return this.placed.get(container) ?? []; }

  /** The containers that place this name's object. */
  holdersOf(symbol: ts.Symbol): readonly ts.Symbol[] { this.scan(); return this.holders.get(symbol) ?? []; }

  /** The names an array literal places (`[A, B, C]`), if it holds only primitives, fresh objects and named leaves. */
  placedNames(literal: ts.Expression): ts.Identifier[] | undefined {
    const value = skipTransparent(this.ctx.ts, literal);
    return this.ctx.ts.isArrayLiteralExpression(value) ? this.placedElements(value.elements) : undefined;
  }

  /** The same for the values a literal or a push puts in. */
  private placedElements(elements: readonly ts.Expression[]): ts.Identifier[] | undefined {
    const { ts } = this.ctx;
    // Only names are placed: `sink.push(k * n)` places none, whatever its elements' types (asking them is what costs).
    if (!elements.some((element) => ts.isIdentifier(skipTransparent(ts, element as ts.Expression)))) return undefined;
    const names: ts.Identifier[] = [];
    for (const element of elements) {
      const e = skipTransparent(ts, element as ts.Expression);
      if (ts.isIdentifier(e) && this.isFileLocal(e) && !isPrimitiveNode(this.ctx, e) && hasPrimitiveElements(this.ctx, e)) names.push(e);
      else if (!isPrimitiveNode(this.ctx, e) && (ts.isIdentifier(e) || !isFresh(this.ctx, e))) return undefined;
    }
    return names.length > 0 ? names : undefined;
  }

  /** The container a reference is placed into: by its initializer (`A` in `const all = [A, B]`) or a push (`cols.push(c)`). */
  holderAt(ref: ts.Identifier): ts.Symbol | undefined {
    const { ts } = this.ctx;
    const parent = withWrappers(ts, ref).parent;
    const declaration = ts.isArrayLiteralExpression(parent) ? withWrappers(ts, parent).parent : undefined;
    const name = this.pushedInto(parent) ?? (declaration && ts.isVariableDeclaration(declaration) && ts.isIdentifier(declaration.name) ? declaration.name : undefined);
    const holder = name && symbolOf(this.ctx, name);
    return holder && this.placedIn(holder).length > 0 ? holder : undefined;
  }

  /** How the planner sees a placing reference (`A` in `[A, B, C]`, see uses.ts), undefined for any other. */
  useAt(ref: ts.Identifier, containers: Containers): Use | undefined {
    const holder = this.holderAt(ref);
    if (!holder) return undefined;
    if (containers.rootOfSymbol(holder)) return { kind: 'none' };
    const why = containers.rejectionOfSymbol(holder);
    return { kind: 'escape', why: `put in \`${holder.name}\`, a container the plan cannot follow${why ? `: ${why.text} (line ${why.line})` : ''}` };
  }

  /**
   * Following one path follows the other: a followed name makes its containers relied on (their uses wait), a relied
   * or followed container makes the names it places followed (their uses wait), until neither grows.
   */
  link(followed: ReadonlySet<ts.Symbol>, containers: Containers, follow: (symbol: ts.Symbol) => void,
    groupOf: (symbol: ts.Symbol) => readonly ts.Symbol[]): void {
    for (let grew = true; grew;) {
      grew = false;
      for (const symbol of [...followed]) {
        // A container passed whole to a task reaches its placed objects too.
        for (const placed of this.placedIn(symbol)) if (!followed.has(placed)) { follow(placed); grew = true; }
        for (const holder of this.holdersOf(symbol)) {
          const root = containers.rootOfSymbol(holder);
          if (root && !containers.relied().includes(root)) { containers.rely(root); grew = true; }
        }
      }
      for (const root of containers.relied()) {
        for (const member of groupOf(root)) {
          for (const placed of this.placedIn(member)) if (!followed.has(placed)) { follow(placed); grew = true; }
        }
      }
    }
  }

  private scan(): void {
    if (this.scanned) return;
    this.scanned = true;
    const { ts } = this.ctx;
    const look = (node: ts.Node): void => {
      if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && node.initializer && this.isFileLocal(node.name)) {
        this.declare(node.name, this.placedNames(node.initializer));
      }
      const pushed = this.pushedInto(node);
      if (pushed) this.declare(pushed, this.placedElements((node as ts.CallExpression).arguments));
    };
    if (this.nodes) { this.nodes.forEach(look); return; }
    const visit = (node: ts.Node): void => { look(node); ts.forEachChild(node, visit); };
    visit(this.source);
  }

  /**
   * `cols.push(c)` as a statement, `c` a named leaf (and the other arguments primitives or fresh objects): the
   * container it pushes into.
   */
  private pushedInto(node: ts.Node): ts.Identifier | undefined {
    const { ts } = this.ctx;
    if (!ts.isCallExpression(node) || !ts.isExpressionStatement(node.parent) || !ts.isPropertyAccessExpression(node.expression) ||
      !['push', 'unshift'].includes(node.expression.name.text)) return undefined;
    const level = node.expression.expression;
    if (!ts.isIdentifier(level) || !this.isFileLocal(level) || node.arguments.some((arg) => ts.isSpreadElement(arg))) return undefined;
    return this.placedElements(node.arguments) ? level : undefined;
  }

  private declare(name: ts.Identifier, names: readonly ts.Identifier[] | undefined): void {
    const container = names && symbolOf(this.ctx, name);
    if (!names || !container) return;
    const symbols = names.map((id) => symbolOf(this.ctx, id)).filter((s): s is ts.Symbol => s !== undefined);
    this.placed.set(container, [...(this.placed.get(container) ?? []), ...symbols]);
    for (const symbol of symbols) this.holders.set(symbol, [...(this.holders.get(symbol) ?? []), container]);
  }
}
