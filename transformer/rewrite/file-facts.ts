/**
 * What one file is, before anything is decided about it: every reference to every symbol, the task calls in source
 * order, where calls sit (inside a task, inside a try block, inside a loop), which variables are the file's own.
 * Built once per file; the planner and its parts read it and never change it.
 */
import type * as ts from 'typescript';
import { calledFunction, isFunctionLike, symbolOf, type AnalysisContext, type FunctionLike } from '../analysis/context';
import type { TaskInfo } from '../analysis/discover';
import { isReference } from './syntax';

export class FileFacts {
  readonly ts: typeof ts;
  /** Every reference of each symbol in the file, in source order. */
  private readonly refs = new Map<ts.Symbol, ts.Identifier[]>();

  constructor(readonly ctx: AnalysisContext, readonly tasks: ReadonlyMap<FunctionLike, TaskInfo>, readonly source: ts.SourceFile) {
    this.ts = ctx.ts;
    this.indexReferences(source);
  }

  references(symbol: ts.Symbol): readonly ts.Identifier[] { return this.refs.get(symbol) ?? []; }

  /** Every symbol referenced in the file, with its references. */
  allReferences(): IterableIterator<[ts.Symbol, ts.Identifier[]]> { return this.refs.entries(); }

  /** The task a call reaches, if any. */
  taskOf(call: ts.CallExpression): TaskInfo | undefined {
    const fn = calledFunction(this.ctx, call);
    return fn && this.tasks.get(fn);
  }

  /** Every call in the file that reaches a task, in source order. */
  taskCalls(): [ts.CallExpression, TaskInfo][] {
    const found: [ts.CallExpression, TaskInfo][] = [];
    const visit = (node: ts.Node): void => {
      if (this.ts.isCallExpression(node)) {
        const task = this.taskOf(node);
        if (task) found.push([node, task]);
      }
      this.ts.forEachChild(node, visit);
    };
    visit(this.source);
    return found;
  }

  enclosingTask(node: ts.Node): TaskInfo | undefined {
    for (let n = node.parent; n; n = n.parent) {
      if (isFunctionLike(this.ctx, n)) { const task = this.tasks.get(n); if (task) return task; }
    }
    return undefined;
  }

  /** The try statements whose try block holds the node, up to its function. */
  enclosingTries(node: ts.Node): ts.TryStatement[] {
    const tries: ts.TryStatement[] = [];
    for (let n: ts.Node = node; n.parent && !isFunctionLike(this.ctx, n); n = n.parent) {
      if (this.ts.isBlock(n) && this.ts.isTryStatement(n.parent) && n.parent.tryBlock === n) tries.push(n.parent);
    }
    return tries;
  }

  inLoopOf(node: ts.Node, fn: FunctionLike): boolean {
    for (let n = node.parent; n && n !== fn; n = n.parent) if (this.ts.isIterationStatement(n, false)) return true;
    return false;
  }

  /** Declared in this file as a local, a non-exported module variable: every use is visible here. */
  isFileLocal(id: ts.Identifier): boolean {
    const symbol = symbolOf(this.ctx, id);
    const declaration = symbol?.valueDeclaration;
    if (!declaration || declaration.getSourceFile() !== this.source || !this.ts.isVariableDeclaration(declaration)) return false;
    const statement = declaration.parent.parent;
    const exported = this.ts.isVariableStatement(statement) &&
      statement.modifiers?.some((m) => m.kind === this.ts.SyntaxKind.ExportKeyword);
    return !exported;
  }

  /** The call's value is used (not a statement of its own). */
  resultUsed(call: ts.CallExpression): boolean {
    let node: ts.Node = call;
    while (this.ts.isParenthesizedExpression(node.parent) || this.ts.isVoidExpression(node.parent)) {
      if (this.ts.isVoidExpression(node.parent)) return false;
      node = node.parent;
    }
    return !this.ts.isExpressionStatement(node.parent);
  }

  /** `x = f(x, …)` as a statement, where f returns that very argument on every path: x stays the same object. */
  reassignsItsArgument(call: ts.CallExpression, task: TaskInfo): boolean {
    const { ts } = this;
    const i = task.returnsArgument;
    const arg = i === undefined ? undefined : call.arguments[i];
    const parent = call.parent;
    if (!arg || !ts.isIdentifier(arg) || !ts.isBinaryExpression(parent) || parent.right !== call ||
      parent.operatorToken.kind !== ts.SyntaxKind.EqualsToken || !ts.isIdentifier(parent.left) || !ts.isExpressionStatement(parent.parent)) return false;
    return symbolOf(this.ctx, parent.left) === symbolOf(this.ctx, arg);
  }

  private indexReferences(node: ts.Node): void {
    const { ts } = this;
    if (ts.isIdentifier(node) && isReference(ts, node)) {
      const symbol = symbolOf(this.ctx, node);
      if (symbol) {
        const list = this.refs.get(symbol) ?? [];
        list.push(node);
        this.refs.set(symbol, list);
      }
    }
    ts.forEachChild(node, (child) => this.indexReferences(child));
  }
}
