/**
 * What calling a function value may hand back of what the analysed function can reach (reach.ts ofCall): the
 * callee's result may hold what the function value holds, but only where it returns it.
 *
 * A function whose body is known here (an arrow or function expression called where it is written, a `const` bound
 * to one, a function declared in the analysed one) hands back only what its own `return`s (and `yield`s) may be:
 * `const key = (v) => v.id; key(x)` holds nothing of what `key` captured, `const g = () => p; g()` may be p. Any
 * other function value (a parameter, a part of one, the result of a call) is unknown code: its result may be
 * anything it holds (`cb().k = 1` writes what the caller's `() => q` returns).
 */
import type * as ts from 'typescript';
import { alternatives, returnedExpressions } from './expressions';
import { all, none, union, type Params, type Reach } from './reach-values';
import { symbolOf, type AnalysisContext, type FunctionLike } from './context';

export class CalleeReturns {
  /** Functions whose returns are being followed (`const g = () => g()`: a call of itself adds nothing more). */
  private readonly following = new Set<ts.Node>();

  constructor(private readonly ctx: AnalysisContext, private readonly fn: FunctionLike, private readonly of: (expr: ts.Expression) => Reach) {}

  /** What the result of calling `callee` may hold of what the function value holds. */
  held(callee: ts.Expression): Params {
    return union(...alternatives(this.ctx.ts, callee).map((alternative) => {
      const body = this.knownFunction(alternative);
      return body ? this.returnsOf(body) : all(this.of(alternative));
    }));
  }

  /** What `fn`'s own returns and yields may be. */
  private returnsOf(fn: FunctionLike): Params {
    if (this.following.has(fn)) return none;
    this.following.add(fn);
    try {
      return union(...[...returnedExpressions(this.ctx.ts, fn), ...this.yielded(fn)].map((e) => all(this.of(e))));
    } finally { this.following.delete(fn); }
  }

  /** A generator's result hands out what it yields. */
  private yielded(fn: FunctionLike): ts.Expression[] {
    const { ts } = this.ctx;
    if (!('asteriskToken' in fn && fn.asteriskToken) || !fn.body) return [];
    const found: ts.Expression[] = [];
    const visit = (node: ts.Node): void => {
      if (ts.isFunctionLike(node)) return;
      if (ts.isYieldExpression(node) && node.expression) found.push(node.expression);
      ts.forEachChild(node, visit);
    };
    ts.forEachChild(fn.body, visit);
    return found;
  }

  /**
   * The function `expr` is sure to be, with its body here: the expression itself, a `const` initialized with one, or
   * a function declared inside the analysed function and never assigned another value (`function g() {}; g = h` may
   * not be). Not the analysed function itself: what its own recursive call returns is its summary's (resultOf).
   */
  private knownFunction(expr: ts.Expression): FunctionLike | undefined {
    const { ts } = this.ctx;
    if (ts.isArrowFunction(expr) || ts.isFunctionExpression(expr)) return expr;
    if (!ts.isIdentifier(expr)) return undefined;
    const declaration = symbolOf(this.ctx, expr)?.valueDeclaration;
    if (!declaration || declaration.getSourceFile() !== this.fn.getSourceFile()) return undefined;
    if (ts.isFunctionDeclaration(declaration) && declaration.body && (declaration as ts.Node) !== this.fn && declaration.pos >= this.fn.pos && declaration.end <= this.fn.end) {
      return this.reassigned(declaration) ? undefined : declaration;
    }
    if (ts.isVariableDeclaration(declaration) && ts.isIdentifier(declaration.name) && declaration.initializer &&
      (ts.getCombinedNodeFlags(declaration) & ts.NodeFlags.Const) !== 0) {
      const init = declaration.initializer;
      const bare = ts.isParenthesizedExpression(init) ? init.expression : init;
      if ((ts.isArrowFunction(bare) || ts.isFunctionExpression(bare)) && (bare as ts.Node) !== this.fn) return bare;
    }
    return undefined;
  }

  /** Whether the analysed function assigns to the name a function declaration binds. */
  private reassigned(declaration: ts.FunctionDeclaration): boolean {
    const { ts } = this.ctx;
    const name = declaration.name?.text;
    let found = false;
    const visit = (node: ts.Node): void => {
      if (found) return;
      if (ts.isBinaryExpression(node) && node.operatorToken.kind >= ts.SyntaxKind.FirstAssignment &&
        node.operatorToken.kind <= ts.SyntaxKind.LastAssignment && ts.isIdentifier(node.left) && node.left.text === name &&
        symbolOf(this.ctx, node.left)?.valueDeclaration === declaration) found = true;
      ts.forEachChild(node, visit);
    };
    visit(this.fn);
    return found;
  }
}
