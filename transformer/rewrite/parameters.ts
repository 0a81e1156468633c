/**
 * Parameters followed inside their own function: `function cholesky(a) { … potrf(a[k][k]) … }`.
 *
 * A parameter's object is known to the caller, so the planner may follow it only while nothing but the function's
 * own code can look at it. That holds in a *closed* function: synchronous (no `await`/`yield` lets the caller run), not
 * a task, naming no object outside itself (no module object, no `this`, either of which could be the parameter's
 * object under another name), and every call it makes is a task, the standard library (`Math.sqrt`, `console.log`,
 * an array's or a string's methods) or another such function of the program. Then every use
 * of the parameter is in sight and waits like a local's, and the function waits for its parameters' pending writes
 * when it returns or throws, so the caller finds them as the sequential call left them.
 */
import type * as ts from 'typescript';
import {
  calledFunction, isFunctionLike, isLibraryGlobal, isPrimitiveNode, isTypedArrayType, qualifiedName, symbolOf, type AnalysisContext, type FunctionLike,
} from '../analysis/context';
import { isAssignedTo, isReference, isSynchronousCallback, isWriteTarget } from './syntax';
import type { TaskInfo } from '../analysis/discover';
import { runsHasInstance } from './unasked-code';

export class ClosedFunctions {
  /** Answers for functions whose parameters may be followed ('own') and for functions they call ('callee'). */
  private readonly closed = new Map<FunctionLike, boolean>();
  private readonly selfContained = new Map<FunctionLike, boolean>();
  /** Where a function was found not closed: the node that opens it, for explain. */
  private readonly openAt = new Map<FunctionLike, ts.Node>();

  constructor(private readonly ctx: AnalysisContext, private readonly tasks: ReadonlyMap<FunctionLike, TaskInfo>) {}

  private isTask(fn: FunctionLike): boolean { return this.tasks.has(fn); }

  /** The parameter can be followed in its function: a plain name, never reassigned, of a closed function. */
  followable(symbol: ts.Symbol): boolean {
    const { ts } = this.ctx;
    const declaration = symbol.valueDeclaration;
    if (!declaration || !ts.isParameter(declaration) || !ts.isIdentifier(declaration.name) || declaration.dotDotDotToken) return false;
    const fn = declaration.parent;
    // A named function or method, or one kept in a variable: not a callback (an element callback's parameter is a
    // container's alias, and a wait each time it returns would run the elements one at a time).
    const named = ts.isFunctionDeclaration(fn) || ts.isMethodDeclaration(fn) ||
      ((ts.isArrowFunction(fn) || ts.isFunctionExpression(fn)) && ts.isVariableDeclaration(fn.parent) && fn.parent.initializer === fn);
    if (!named || !isFunctionLike(this.ctx, fn) || !fn.body || this.isTask(fn) || this.insideTask(fn) || !this.isClosed(fn, 'own')) return false;
    return !this.assigns(fn.body, symbol);
  }

  /** Why a parameter's function is not closed, as explain says it: the first node that lets other code see it. */
  whyNotClosed(symbol: ts.Symbol): ts.Node | undefined {
    const declaration = symbol.valueDeclaration;
    return declaration && this.ctx.ts.isParameter(declaration) ? this.openAt.get(declaration.parent as FunctionLike) : undefined;
  }

  /**
   * While the function runs, only its own code, tasks and the standard library run, and nothing in it sees the
   * parameter's object through another name: it names no object from outside itself (a module object could be the
   * very argument), except, in the function itself ('own'), as an `in` argument of a task call, which is
   * snapshotted after a wait for pending writes; a callee ('callee') names none at all.
   */
  isClosed(fn: FunctionLike, mode: 'own' | 'callee'): boolean {
    const answers = mode === 'callee' ? this.selfContained : this.closed;
    const known = answers.get(fn);
    if (known !== undefined) return known;
    answers.set(fn, false); // recursion: open until shown closed
    const { ts } = this.ctx;
    const modifiers = ts.canHaveModifiers(fn) ? ts.getModifiers(fn) ?? [] : [];
    let ok = fn.body !== undefined && !modifiers.some((m) => m.kind === ts.SyntaxKind.AsyncKeyword) && !('asteriskToken' in fn && fn.asteriskToken);
    const visit = (node: ts.Node): void => {
      if (!ok) return;
      const before = ok;
      if (ts.isAwaitExpression(node) || ts.isYieldExpression(node) || ts.isTaggedTemplateExpression(node) || ts.isDeleteExpression(node)) ok = false;
      // `this` may hold the parameter's object under another name (`model.train(model.weights)`).
      else if (node.kind === ts.SyntaxKind.ThisKeyword || node.kind === ts.SyntaxKind.SuperKeyword) ok = false;
      else if (ts.isIdentifier(node) && node.text === 'arguments' && isReference(ts, node)) ok = false;
      else if (ts.isCallExpression(node) && !this.callIsClosed(node)) ok = false;
      else if (ts.isNewExpression(node) && !isLibraryGlobal(this.ctx, node.expression)) ok = false;
      else if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.InstanceOfKeyword && runsHasInstance(this.ctx, node.right)) ok = false;
      // A function made here that may run after this one returns (`return () => { push3(xs, 5) }`, a handler): its
      // tasks would come after the wait on return, and the caller would not wait for them (tester np34's p36).
      else if (node !== fn && (isFunctionLike(this.ctx, node) || ts.isClassLike(node)) && !this.runsAtOnce(node)) ok = false;
      else if (ts.isIdentifier(node) && isReference(ts, node) && this.namesOuterObject(node, fn) && !(mode === 'own' && this.isInArgument(node))) ok = false;
      if (before && !ok && !this.openAt.has(fn)) this.openAt.set(fn, node);
      if (ok) ts.forEachChild(node, visit);
    };
    // (Default values run at the call, in the function: `function report(n = jobs.length)`, np47's F2.)
    for (const param of fn.parameters) if (param.initializer || !ts.isIdentifier(param.name)) visit(param);
    if (fn.body) visit(fn.body);
    answers.set(fn, ok);
    return ok;
  }

  private callIsClosed(call: ts.CallExpression): boolean {
    const { ts } = this.ctx;
    const callee = call.expression;
    const fn = calledFunction(this.ctx, call);
    if (fn) return this.isTask(fn) || (!this.insideTask(fn) && this.isClosed(fn, 'callee'));
    // The standard library: a global function or namespace (`parseInt`, `Math.max`, `console.log`), or a method of
    // an array, typed array, string, number, Map or Set, whose callbacks (if any) are this function's own code.
    if (isLibraryGlobal(this.ctx, callee)) return true;
    if (ts.isPropertyAccessExpression(callee)) {
      // `console.log` is the language's library's, and @types/node's too (its arguments are judged as any call's).
      if (isLibraryGlobal(this.ctx, callee.expression) || qualifiedName(ts, callee)?.startsWith('console.')) return true;
      const receiver = this.ctx.checker.getTypeAtLocation(callee.expression);
      const builtin = isPrimitiveNode(this.ctx, callee.expression) || this.ctx.checker.isArrayType(receiver) ||
        isTypedArrayType(this.ctx, receiver) || /^(Readonly)?(Map|Set)$/.test(receiver.getSymbol()?.getName() ?? '');
      return builtin && call.arguments.every((arg) => !this.isFunctionValue(arg) || ts.isArrowFunction(arg) || ts.isFunctionExpression(arg));
    }
    return false;
  }

  /**
   * A function made inside that runs only inside this call: an array method's callback (`xs.map((x) => …)`), one called
   * where it is written, or a local function declaration only ever called by name. (An object's or a class's methods,
   * a returned or stored closure, may run after the call.)
   */
  private runsAtOnce(inner: ts.Node): boolean {
    const { ts } = this.ctx;
    if (ts.isFunctionDeclaration(inner)) {
      const symbol = inner.name && symbolOf(this.ctx, inner.name);
      const scope = inner.parent;
      let onlyCalled = symbol !== undefined;
      const visit = (node: ts.Node): void => {
        if (!onlyCalled) return;
        if (ts.isIdentifier(node) && node !== inner.name && symbolOf(this.ctx, node) === symbol) {
          onlyCalled = ts.isCallExpression(node.parent) && node.parent.expression === node;
        }
        ts.forEachChild(node, visit);
      };
      visit(scope);
      return onlyCalled;
    }
    if (!ts.isArrowFunction(inner) && !ts.isFunctionExpression(inner)) return false;
    let at: ts.Node = inner;
    while (ts.isParenthesizedExpression(at.parent)) at = at.parent;
    return isSynchronousCallback(ts, inner) || (ts.isCallExpression(at.parent) && at.parent.expression === at);
  }

  /** `task(…, shared, …)` where the task only reads that parameter: the object is snapshotted at the call. */
  private isInArgument(ref: ts.Identifier): boolean {
    const call = ref.parent;
    if (!this.ctx.ts.isCallExpression(call) || !call.arguments.includes(ref)) return false;
    const fn = calledFunction(this.ctx, call);
    const task = fn && this.tasks.get(fn);
    const param = task?.params[Math.min(call.arguments.indexOf(ref), task.params.length - 1)];
    return param?.direction === 'in' && !param.escapes;
  }

  private isFunctionValue(expr: ts.Expression): boolean {
    return this.ctx.checker.getTypeAtLocation(expr).getCallSignatures().length > 0;
  }

  /** An object variable declared outside the function (a module's or an enclosing function's). */
  private namesOuterObject(ref: ts.Identifier, fn: FunctionLike): boolean {
    const { ts } = this.ctx;
    if (ref.text === 'globalThis') return true;
    // `Store.buf`, `S.shared`: an object reached through a class's statics or a module namespace.
    const parent = ref.parent;
    if (ts.isPropertyAccessExpression(parent) && parent.expression === ref && !isPrimitiveNode(this.ctx, parent) && !this.isFunctionValue(parent)) {
      const target = this.ctx.checker.getSymbolAtLocation(ref);
      const reached = target && target.flags & ts.SymbolFlags.Alias ? this.ctx.checker.getAliasedSymbol(target) : target;
      if (reached && reached.flags & (ts.SymbolFlags.Class | ts.SymbolFlags.ValueModule | ts.SymbolFlags.Enum) &&
        !reached.declarations?.every((d) => d.getSourceFile().isDeclarationFile)) return true;
    }
    const symbol = symbolOf(this.ctx, ref);
    const declaration = symbol?.valueDeclaration;
    if (!symbol || !declaration || !(symbol.flags & (ts.SymbolFlags.FunctionScopedVariable | ts.SymbolFlags.BlockScopedVariable))) return false;
    if (declaration.getStart() >= fn.getStart() && declaration.getEnd() <= fn.getEnd()) return false;
    if (declaration.getSourceFile().isDeclarationFile) return false; // `console`, `Math`: the standard library's
    return !isPrimitiveNode(this.ctx, ref) && !this.isFunctionValue(ref);
  }

  private insideTask(fn: ts.Node): boolean {
    for (let n = fn.parent; n; n = n.parent) if (isFunctionLike(this.ctx, n) && this.isTask(n)) return true;
    return false;
  }

  private assigns(body: ts.Node, symbol: ts.Symbol): boolean {
    const { ts } = this.ctx;
    let found = false;
    const visit = (node: ts.Node): void => {
      if (found) return;
      if (ts.isIdentifier(node) && (isAssignedTo(ts, node) || (isWriteTarget(ts, node) && !ts.isParameter(node.parent))) &&
        symbolOf(this.ctx, node) === symbol) found = true;
      ts.forEachChild(node, visit);
    };
    visit(body);
    return found;
  }
}
