/**
 * What one file is, before anything is decided about it: every reference to every symbol, the task calls in source
 * order, where calls sit (inside a task, inside a try block, inside a loop), which variables are the file's own.
 * Built once per file; the planner and its parts read it and never change it.
 */
import type * as ts from 'typescript';
import { calledFunction, isFunctionLike, symbolOf, type AnalysisContext, type FunctionLike } from '../analysis/context';
import type { TaskInfo } from '../analysis/discover';
import { isArgumentOf, isReference, isSynchronousCallback, runningFunction, skipTransparent, withWrappers } from './syntax';
import { isLibrary } from './library-uses';
import { Forwarders } from './forwarders';
import type { Summaries } from '../analysis/summaries';
import { censusOf } from '../analysis/syntax-census';
import { handlersSeeFailures } from './ending-functions';
import { catchingCallers } from './task-runners';

export class FileFacts {
  readonly ts: typeof ts;
  /**
   * Every reference in the file by the name it is written with, in source order. Symbols are resolved only for the
   * names a question is asked about: most identifiers of a file never are, and resolving one is the costly part.
   */
  private readonly byText = new Map<string, ts.Identifier[]>();
  /** Names an import gives here to another file's declaration (`import { scale as s }`): the only other spelling. */
  private readonly importedAs = new Map<ts.Symbol, string[]>();
  private readonly importedNames = new Set<string>();
  /** Variables exported by name (`export { a }`, `export { a as b }`): other modules see them. */
  private readonly exportedByName = new Set<ts.Symbol>();
  private readonly refs = new Map<ts.Symbol, ts.Identifier[]>();
  /** `xs.map(K.sum)`, `run(ops.total)`: members handed to a call as values (tasksPassedAsValues looks for tasks there). */
  readonly memberArguments: ts.PropertyAccessExpression[] = [];
  /**
   * The file's variable declarations, `=` (and `??=`, `||=`, `&&=`) assignments and calls, in source order: what the task calls, the alias groups
   * and the placements look at, found by this one walk instead of one walk each.
   */
  readonly declarationsAssignmentsAndCalls: ts.Node[] = [];

  /** Functions that hand on a task's Future (forwarders.ts): the one thing here the planner changes, by demoting one. */
  readonly forwarders: Forwarders;

  constructor(readonly ctx: AnalysisContext, readonly tasks: ReadonlyMap<FunctionLike, TaskInfo>, readonly source: ts.SourceFile, readonly summaries: Summaries) {
    this.ts = ctx.ts;
    for (const node of censusOf(ctx, source).nodes) this.indexReferences(node);
    this.forwarders = new Forwarders(ctx, summaries, this);
  }

  /** Every reference of the symbol in the file, in source order. */
  references(symbol: ts.Symbol): readonly ts.Identifier[] {
    let found = this.refs.get(symbol);
    if (!found) {
      found = [];
      for (const text of this.spellings(symbol)) {
        for (const id of this.byText.get(text) ?? []) if (symbolOf(this.ctx, id) === symbol) found.push(id);
      }
      if (found.length > 1) found.sort((a, b) => a.pos - b.pos);
      this.refs.set(symbol, found);
    }
    return found;
  }

  /**
   * The names a reference to the symbol can be written with in this file: its own name, its declarations' names
   * (`export default function f` is the symbol `default`) and the local names of imports of it.
   */
  private spellings(symbol: ts.Symbol): Set<string> {
    const names = new Set<string>([symbol.name, ...(this.importedAs.get(symbol) ?? [])]);
    for (const declaration of symbol.declarations ?? []) {
      const name = this.ts.getNameOfDeclaration(declaration);
      if (name && this.ts.isIdentifier(name)) names.add(name.text);
    }
    return names;
  }

  /** The tasks' functions this file names, called or not. */
  taskSymbols(): ts.Symbol[] {
    const taskNames = ownNames(this.ts, this.tasks);
    const symbols = new Set<ts.Symbol>();
    for (const [text, ids] of this.byText) {
      if (!taskNames.has(text) && !this.importedNames.has(text)) continue;
      for (const id of ids) {
        const symbol = symbolOf(this.ctx, id);
        if (symbol && this.taskNamed(symbol)) symbols.add(symbol);
      }
    }
    return [...symbols];
  }

  /** The task a name stands for: `function total` or `const cube = (xs) => …` tagged @task. */
  taskNamed(symbol: ts.Symbol): TaskInfo | undefined { return taskNamed(this.ctx, this.tasks, symbol); }

  /** The task a call reaches, if any: a task, or a forwarder not demoted (planned as one). */
  taskOf(call: ts.CallExpression): TaskInfo | undefined {
    const fn = calledFunction(this.ctx, call);
    if (!fn) return undefined;
    const task = this.tasks.get(fn);
    if (task) return task;
    const forwarder = this.forwarders.of(fn);
    return forwarder && this.forwarders.plannable(call, forwarder) ? forwarder : undefined;
  }

  /**
   * `bumpRet(xs, 1)`: a task call that may return its argument (or a part of it) hands back that very object (the
   * runtime returns the caller's own object). With `always`, only a task returning that whole argument on every path:
   * its value is then another name for the argument.
   */
  returnedArgument(expr: ts.Expression, always = false): ts.Expression | undefined {
    if (!this.ts.isCallExpression(expr)) return undefined;
    const task = this.taskOf(expr);
    const index = task && (always ? task.returnsArgument : task.returnsArgument ?? task.params.findIndex((p) => p.returned !== undefined));
    return index !== undefined && index >= 0 ? expr.arguments[index] : undefined;
  }

  /**
   * `run(cfg)` where task run may return a record holding its argument (`return { config: cfg, value }`), or the
   * argument itself on some paths only: the arguments its value may hold, or be (the runtime hands them back as the
   * caller's own objects). A task returning an argument on every path is `returnedArgument(…, true)` instead.
   */
  heldArguments(expr: ts.Expression): ts.Expression[] {
    if (!this.ts.isCallExpression(expr)) return [];
    const task = this.taskOf(expr);
    if (!task) return [];
    return expr.arguments.filter((_, i) => i !== task.returnsArgument && task.params[Math.min(i, task.params.length - 1)]?.returned !== undefined);
  }

  /** A task call whose value holds none of its arguments nor any part of them (submitted or not). */
  holdsNoArgument(call: ts.CallExpression): boolean {
    const task = this.taskOf(call);
    return task !== undefined && task.returnsArgument === undefined && task.params.every((p) => p.returned === undefined && p.escapes === undefined);
  }

  /** Every call in the file that reaches a task, in source order. */
  taskCalls(): [ts.CallExpression, TaskInfo][] {
    const found: [ts.CallExpression, TaskInfo][] = [];
    for (const node of this.declarationsAssignmentsAndCalls) {
      if (this.ts.isCallExpression(node)) {
        const task = this.taskOf(node);
        if (task) found.push([node, task]);
      }
    }
    return found;
  }

  private passedWholeMemo?: Set<ts.Symbol>;

  /**
   * The variables a task call of this file is handed whole (`scaleRows(m, 2)`), not declared with a task's value (a
   * Future's elements are the futures' business): their elements taken out by name are parts of them (aliases.ts).
   */
  passedWhole(): Set<ts.Symbol> {
    if (this.passedWholeMemo) return this.passedWholeMemo;
    const { ts } = this;
    const symbols = new Set<ts.Symbol>();
    for (const [call] of this.taskCalls()) {
      for (const arg of call.arguments) {
        const inner = skipTransparent(ts, arg);
        const symbol = ts.isIdentifier(inner) ? symbolOf(this.ctx, inner) : undefined;
        const declaration = symbol?.valueDeclaration;
        if (!symbol || !declaration || !ts.isVariableDeclaration(declaration)) continue;
        const initial = declaration.initializer && skipTransparent(ts, declaration.initializer);
        if (initial && ts.isCallExpression(initial) && this.taskOf(initial)) continue;
        symbols.add(symbol);
      }
    }
    return this.passedWholeMemo = symbols;
  }

  enclosingTask(node: ts.Node): TaskInfo | undefined {
    for (let n = node.parent; n; n = n.parent) {
      if (isFunctionLike(this.ctx, n)) { const task = this.tasks.get(n); if (task) return task; }
    }
    return undefined;
  }

  /** The try statements whose try block holds the node, up to its function (through synchronous callbacks). */
  enclosingTries(node: ts.Node): ts.TryStatement[] {
    const tries: ts.TryStatement[] = [];
    // Through callbacks that array methods call before they return (`xs.map((x) => task(x))`): a failure there is
    // thrown out of the method call, inside the try around it.
    for (let n: ts.Node = node; n.parent && (!isFunctionLike(this.ctx, n) || isSynchronousCallback(this.ts, n)); n = n.parent) {
      if (this.ts.isBlock(n) && this.ts.isTryStatement(n.parent) && n.parent.tryBlock === n) tries.push(n.parent);
    }
    return tries;
  }

  /**
   * Code may see memory after the call failed: a catch around it, or the program's failure handlers (`process.on('exit',
   * …)`, ending-functions.ts). Then the call must not leave a Future where the plain program stored nothing.
   */
  failureSeen(call: ts.Node): boolean {
    return this.enclosingTries(call).length > 0 || handlersSeeFailures(this);
  }

  /**
   * The function holding the node (through callbacks array methods run before they return), when someone may catch
   * the failure of a task it calls: a try block runs it, or its promise is caught (task-runners.ts catchingCallers).
   */
  caughtFunctionOf(node: ts.Node): FunctionLike | undefined {
    const fn = runningFunction(this.ctx, node);
    return fn && catchingCallers(this).caught.has(fn) ? fn : undefined;
  }

  inLoopOf(node: ts.Node, fn: FunctionLike): boolean {
    for (let n = node.parent; n && n !== fn; n = n.parent) if (this.ts.isIterationStatement(n, false)) return true;
    return false;
  }

  /** Exported under its own or another name (`export { f }`, `export default f`). */
  isExportedByName(symbol: ts.Symbol): boolean { return this.exportedByName.has(symbol); }

  /** Declared in this file as a local, a non-exported module variable: every use is visible here. */
  isFileLocal(id: ts.Identifier): boolean {
    const symbol = symbolOf(this.ctx, id);
    const declaration = symbol?.valueDeclaration;
    if (!declaration || declaration.getSourceFile() !== this.source || !this.ts.isVariableDeclaration(declaration)) return false;
    const statement = declaration.parent.parent;
    const exported = this.ts.isVariableStatement(statement) &&
      statement.modifiers?.some((m) => m.kind === this.ts.SyntaxKind.ExportKeyword);
    return !exported && !this.exportedByName.has(symbol);
  }

  /** A call of a task anywhere in the node. */
  holdsTaskCall(node: ts.Node): boolean {
    if (this.ts.isCallExpression(node) && this.taskOf(node)) return true;
    return this.ts.forEachChild(node, (child) => this.holdsTaskCall(child) || undefined) ?? false;
  }

  /** The call's value is used (not a statement of its own). */
  resultUsed(call: ts.CallExpression): boolean { return isResultUsed(this.ctx, call); }

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

  /** One node of the file (all of them are met in source order: syntax-census.ts). */
  private indexReferences(node: ts.Node): void {
    const { ts } = this;
    // (`??=`, `||=`, `&&=` too: `reg.f ??= f` stores f, aliases.ts.)
    const kind = ts.isBinaryExpression(node) ? node.operatorToken.kind : undefined;
    if (ts.isVariableDeclaration(node) || ts.isCallExpression(node) || kind === ts.SyntaxKind.EqualsToken || kind === ts.SyntaxKind.QuestionQuestionEqualsToken ||
      kind === ts.SyntaxKind.BarBarEqualsToken || kind === ts.SyntaxKind.AmpersandAmpersandEqualsToken) this.declarationsAssignmentsAndCalls.push(node);
    if (ts.isIdentifier(node) && isReference(ts, node)) {
      const list = this.byText.get(node.text);
      if (list) list.push(node);
      else this.byText.set(node.text, [node]);
    }
    if (ts.isPropertyAccessExpression(node) && isArgumentOf(ts, withWrappers(ts, node).parent, node)) this.memberArguments.push(node);
    // `import { a as b }`, `import b from`, `import * as b`, `import b = require(…)`: `b` is another file's symbol.
    if ((ts.isImportSpecifier(node) || ts.isImportClause(node) || ts.isNamespaceImport(node) || ts.isImportEqualsDeclaration(node)) && node.name) {
      const target = symbolOf(this.ctx, node.name);
      if (target) this.importedAs.set(target, [...(this.importedAs.get(target) ?? []), node.name.text]);
      this.importedNames.add(node.name.text);
    }
    // `export { a }` (not a re-export `… from './m'`): the local `a` is seen by other modules.
    if (ts.isExportSpecifier(node) && !node.parent.parent.moduleSpecifier) {
      const local = this.ctx.checker.getExportSpecifierLocalTargetSymbol(node);
      if (local) this.exportedByName.add(local);
    }
  }
}

/** The names the program's task functions are declared with (`export { f as g }` calls task f `g`), found once. */
const ownNamesOf = new WeakMap<ReadonlyMap<FunctionLike, TaskInfo>, Set<string>>();
function ownNames(t: typeof ts, tasks: ReadonlyMap<FunctionLike, TaskInfo>): Set<string> {
  let names = ownNamesOf.get(tasks);
  if (!names) {
    names = new Set();
    for (const task of tasks.values()) {
      const own = t.getNameOfDeclaration(task.fn);
      names.add(own && t.isIdentifier(own) ? own.text : task.name);
    }
    ownNamesOf.set(tasks, names);
  }
  return names;
}

/** The task a name stands for: `function total` or `const cube = (xs) => …` tagged @task. */
export function taskNamed(ctx: AnalysisContext, tasks: ReadonlyMap<FunctionLike, TaskInfo>, symbol: ts.Symbol): TaskInfo | undefined {
  let declaration: ts.Node | undefined = symbol.valueDeclaration;
  if (declaration && ctx.ts.isVariableDeclaration(declaration) && declaration.initializer) declaration = skipTransparent(ctx.ts, declaration.initializer);
  return declaration && isFunctionLike(ctx, declaration) ? tasks.get(declaration) : undefined;
}

/**
 * The call's value is used: not a statement of its own, not `void`ed, and not what a callback of the library's
 * forEach returns (`xs.forEach((x) => task(x))`, `cs.forEach((c) => m.set(c, 1))`: forEach drops it, as a statement would).
 */
export function isResultUsed(ctx: AnalysisContext, call: ts.CallExpression): boolean {
  const { ts } = ctx;
  let node: ts.Node = call;
  while (ts.isParenthesizedExpression(node.parent) || ts.isVoidExpression(node.parent)) {
    if (ts.isVoidExpression(node.parent)) return false;
    node = node.parent;
  }
  const arrow = node.parent;
  if (ts.isArrowFunction(arrow) && arrow.body === node && ts.isCallExpression(arrow.parent) && arrow.parent.arguments[0] === arrow &&
    ts.isPropertyAccessExpression(arrow.parent.expression) && arrow.parent.expression.name.text === 'forEach' &&
    isLibrary(ctx, arrow.parent.expression)) return false;
  return !ts.isExpressionStatement(node.parent);
}
