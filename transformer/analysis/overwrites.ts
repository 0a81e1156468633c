/**
 * Evidence that a parameter may be `out`: the first statement of the body that touches it replaces all of its
 * contents (`p.fill(v)`, or `for (let i = 0; i < p.length; i++) p[i] = …` reading nothing of p), and no statement
 * before it may leave the function. Anything less keeps old contents a caller would see, so it stays inout.
 */
import type * as ts from 'typescript';
import type { ParamEffects } from './param-effects';
import type { Params } from './reach-values';
import { reasonAt, snippet } from './reason';

/** What the overwrite search needs of the function's analysis. */
export interface OverwriteView {
  /** Parameters a write into the value writes. */
  written(expr: ts.Expression): Params;
  /** Parameters the value reaches at all. */
  reached(expr: ts.Expression): Params;
}

export class Overwrites {
  private readonly ts: typeof ts;

  constructor(tsModule: typeof ts, private readonly view: OverwriteView, private readonly effects: ParamEffects[]) {
    this.ts = tsModule;
  }

  private visit(root: ts.Node, action: (node: ts.Node) => void): void {
    const { ts } = this;
    // (One visitor for the whole walk, not a closure made at every node.)
    const visitNode = (node: ts.Node): void => { action(node); ts.forEachChild(node, visitNode); };
    visitNode(root);
  }

  /** Evidence for `out`: the first statement of the body that touches the parameter replaces all of its contents. */
  find(body: ts.ConciseBody): void {
    const { ts } = this;
    if (!ts.isBlock(body)) return;
    const pending = new Set(this.effects.map((_, i) => i));
    for (const statement of body.statements) {
      // From a statement that may leave the function on, a later overwrite is not certain to happen.
      if (this.mayExit(statement)) return;
      const touched = new Set<number>();
      this.visit(statement, (n) => { if (ts.isIdentifier(n)) for (const p of this.view.reached(n)) touched.add(p); });
      for (const p of touched) {
        if (!pending.has(p)) continue;
        pending.delete(p);
        const evidence = this.overwriteEvidence(statement, p);
        if (evidence) this.effects[p].overwritten = reasonAt(statement, evidence);
      }
      if (pending.size === 0) return;
    }
  }

  private mayExit(statement: ts.Statement): boolean {
    const { ts } = this;
    let exits = false;
    const look = (n: ts.Node): void => {
      if (exits || (n !== statement && (ts.isFunctionLike(n) || ts.isClassLike(n)))) return;
      if (ts.isReturnStatement(n) || ts.isThrowStatement(n)) { exits = true; return; }
      ts.forEachChild(n, look);
    };
    look(statement);
    return exits;
  }

  private overwriteEvidence(statement: ts.Statement, p: number): string | undefined {
    const { ts } = this;
    // p.fill(v)
    if (ts.isExpressionStatement(statement) && ts.isCallExpression(statement.expression)) {
      const call = statement.expression;
      if (ts.isPropertyAccessExpression(call.expression) && call.expression.name.text === 'fill' && call.arguments.length === 1 &&
        this.view.written(call.expression.expression).has(p) && this.view.reached(call.arguments[0]).size === 0) {
        return `\`${snippet(statement)}\` replaces every element`;
      }
    }
    // for (let i = 0; i < p.length; i++) p[i] = <expression not reading p>;
    if (ts.isForStatement(statement) && statement.initializer && ts.isVariableDeclarationList(statement.initializer) &&
      statement.initializer.declarations.length === 1 && statement.condition && statement.incrementor) {
      const decl = statement.initializer.declarations[0];
      const index = ts.isIdentifier(decl.name) ? decl.name.text : undefined;
      const cond = statement.condition;
      const first = ts.isBlock(statement.statement) ? statement.statement.statements[0] : statement.statement;
      if (index && decl.initializer?.getText() === '0' && ts.isBinaryExpression(cond) && cond.operatorToken.kind === ts.SyntaxKind.LessThanToken &&
        cond.left.getText() === index && ts.isPropertyAccessExpression(cond.right) && cond.right.name.text === 'length' &&
        this.view.written(cond.right.expression).has(p) && /^(\+\+\w+|\w+\+\+|\w+ \+= 1)$/.test(statement.incrementor.getText().replace(index, 'i')) &&
        first && ts.isExpressionStatement(first) && ts.isBinaryExpression(first.expression) &&
        first.expression.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isElementAccessExpression(first.expression.left) &&
        first.expression.left.argumentExpression.getText() === index && this.view.written(first.expression.left.expression).has(p) &&
        !this.mentions(first.expression.right, p) && !this.assignsTo(statement.statement, index) && !this.mayExit(statement.statement)) {
        return `\`for (… ${snippet(first)} …)\` writes every element before any read`;
      }
    }
    return undefined;
  }

  private assignsTo(node: ts.Node, name: string): boolean {
    const { ts } = this;
    let found = false;
    this.visit(node, (n) => {
      if ((ts.isBinaryExpression(n) && n.operatorToken.kind >= ts.SyntaxKind.FirstAssignment && n.operatorToken.kind <= ts.SyntaxKind.LastAssignment &&
        ts.isIdentifier(n.left) && n.left.text === name) ||
        ((ts.isPrefixUnaryExpression(n) || ts.isPostfixUnaryExpression(n)) && ts.isIdentifier(n.operand) && n.operand.text === name)) found = true;
    });
    return found;
  }

  private mentions(node: ts.Node, p: number): boolean {
    let found = false;
    this.visit(node, (n) => { if (this.ts.isIdentifier(n) && this.view.reached(n).has(p)) found = true; });
    return found;
  }
}
