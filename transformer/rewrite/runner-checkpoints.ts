/**
 * Inside a program function that a try block calls and that runs tasks (`function run(n) { half(n); done++ }` called
 * as `try { run(-2) } catch …`), the plain call of the task threw out of the function before its next statement
 * ran. The submission does not throw, so a statement after it that changes something the caller can see (`done++`,
 * `this.count++`, `log.push(x)` on a parameter, a call of program code) must first check that the function's tasks so
 * far succeeded (`__taskify.checkpoint(mark)`), as a statement after a submission inside the try block itself does.
 * Statements that change only the function's own variables, print (output is held behind a failing task and dropped
 * with it), or submit more tasks need no check: the calls keep running in parallel. An async function or a promise
 * callback is caught by its promise: it also checks its tasks when it ends, so their failure rejects the promise
 * (`main().catch(…)`), as the plain call's throw did.
 */
import type * as ts from 'typescript';
import { calledFunction, isFunctionLike, type FunctionLike } from '../analysis/context';
import { MUTATING_METHODS } from '../analysis/builtins';
import type { FileFacts } from './file-facts';
import { catchingCallers, runsTasks } from './task-runners';
import { isSynchronousCallback } from './syntax';

/** What a function checks: before which of its statements, and whether also when it ends. */
export interface RunnerCheck {
  readonly before: ReadonlySet<ts.Statement>;
  /**
   * An async function, or a callback of `then`/`catch`/`finally` or `new Promise`: a failure of its tasks rejects its
   * promise, as the plain call's throw did, so it checks them all when it ends (in a `finally`).
   */
  readonly atExit: boolean;
}

/** For each function of this file a failure of whose tasks someone may catch, what it checks. */
export function runnerCheckpoints(facts: FileFacts, source: ts.SourceFile): Map<FunctionLike, RunnerCheck> {
  const checked = new Map<FunctionLike, RunnerCheck>();
  const { caught, promising } = catchingCallers(facts);
  for (const fn of caught) {
    if (fn.getSourceFile() !== source || !fn.body || facts.tasks.has(fn)) continue;
    const atExit = promising.has(fn);
    if (!facts.ts.isBlock(fn.body)) { if (atExit) checked.set(fn, { before: new Set(), atExit }); continue; }
    const before = new Set<ts.Statement>();
    // Statements that a task call or a call of program code may precede: after one in the text, or in a loop
    // holding one (the next pass runs after it). Only the innermost statement that changes something is checked.
    let runBefore = false;
    const loopsRunning: boolean[] = [];
    const visit = (node: ts.Node): void => {
      if (isFunctionLike(facts.ctx, node) || facts.ts.isClassLike(node)) return;
      if (facts.ts.isIterationStatement(node, false)) {
        loopsRunning.push(runsCode(facts, node));
        facts.ts.forEachChild(node, visit);
        loopsRunning.pop();
        return;
      }
      if (isStatementOfList(facts.ts, node) && (runBefore || loopsRunning.includes(true)) && !holdsStatements(facts.ts, node) &&
        changesOutside(facts, fn, node)) before.add(node);
      facts.ts.forEachChild(node, visit);
      if (isStatementOfList(facts.ts, node) && !holdsStatements(facts.ts, node) && runsCode(facts, node)) runBefore = true;
    };
    fn.body.statements.forEach(visit);
    if (before.size > 0 || atExit) checked.set(fn, { before, atExit });
  }
  return checked;
}

/** A statement, not an expression inside one. */
function isStatementOfList(ts: typeof import('typescript'), node: ts.Node): node is ts.Statement {
  return ts.isExpressionStatement(node) || ts.isVariableStatement(node) || ts.isReturnStatement(node) || ts.isThrowStatement(node);
}
/** Statements made of statements: their parts are checked instead. */
function holdsStatements(ts: typeof import('typescript'), node: ts.Node): boolean {
  return ts.isBlock(node) || ts.isIterationStatement(node, false) || ts.isIfStatement(node) || ts.isSwitchStatement(node) ||
    ts.isTryStatement(node) || ts.isLabeledStatement(node);
}
/** It calls a task or program code (which may call one). */
function runsCode(facts: FileFacts, node: ts.Node): boolean {
  const { ts } = facts;
  const calls = (n: ts.Node): boolean => {
    if (isFunctionLike(facts.ctx, n) && !isSynchronousCallback(ts, n)) return false;
    if (ts.isCallExpression(n)) {
      if (facts.taskOf(n)) return true;
      const callee = calledFunction(facts.ctx, n);
      if (callee && !callee.getSourceFile().isDeclarationFile && runsTasks(facts, callee)) return true;
    }
    return ts.forEachChild(n, (child) => calls(child) || undefined) ?? false;
  };
  return calls(node);
}
/**
 * Whether the statement may change what the function's caller can see: an assignment or update of a variable declared
 * outside the function, of a property of `this`, a parameter or an outside variable, a changing method called on
 * one, a call of program code or of a function passed in (which may do any of these). Its own variables and the objects they hold are its own.
 */
function changesOutside(facts: FileFacts, fn: FunctionLike, statement: ts.Statement): boolean {
  const { ts } = facts;
  const isOwn = (id: ts.Identifier, whole: boolean): boolean => {
    const declaration = facts.ctx.checker.getSymbolAtLocation(id)?.valueDeclaration;
    if (!declaration || declaration.getSourceFile() !== fn.getSourceFile()) return false;
    const inside = declaration.pos >= fn.pos && declaration.end <= fn.end;
    // A parameter is the function's own name, but the object it holds is the caller's.
    return inside && (whole || !ts.isParameter(declaration) || declaration.parent !== fn);
  };
  /** `whole`: the name itself is assigned (`x = …`); else what it holds changes (`x.a = …`, `x.push(…)`). */
  const ownTarget = (target: ts.Expression, wholeName = true): boolean => {
    let root = target;
    let whole = wholeName;
    while (ts.isPropertyAccessExpression(root) || ts.isElementAccessExpression(root) || ts.isParenthesizedExpression(root) ||
      ts.isNonNullExpression(root)) {
      if (!ts.isParenthesizedExpression(root) && !ts.isNonNullExpression(root)) whole = false;
      root = root.expression;
    }
    return ts.isIdentifier(root) && isOwn(root, whole);
  };
  /** `[a, b] = …`, `({ x } = …)`: every name it assigns. */
  const ownTargets = (target: ts.Expression): boolean => {
    if (!ts.isObjectLiteralExpression(target) && !ts.isArrayLiteralExpression(target)) return ownTarget(target);
    const names: ts.Identifier[] = [];
    const collect = (node: ts.Node): void => { if (ts.isIdentifier(node)) names.push(node); else ts.forEachChild(node, collect); };
    collect(target);
    return names.every((name) => ts.isPropertyAssignment(name.parent) && name.parent.name === name || isOwn(name, true));
  };
  const changes = (node: ts.Node): boolean => {
    if (ts.isBinaryExpression(node) && node.operatorToken.kind >= ts.SyntaxKind.FirstAssignment &&
      node.operatorToken.kind <= ts.SyntaxKind.LastAssignment && !ownTargets(node.left)) return true;
    if ((ts.isPrefixUnaryExpression(node) || ts.isPostfixUnaryExpression(node)) &&
      (node.operator === ts.SyntaxKind.PlusPlusToken || node.operator === ts.SyntaxKind.MinusMinusToken) && !ownTarget(node.operand)) return true;
    if (ts.isDeleteExpression(node) && !ownTarget(node.expression)) return true;
    if (ts.isCallExpression(node) && !facts.taskOf(node)) {
      const callee = calledFunction(facts.ctx, node);
      if (callee && !callee.getSourceFile().isDeclarationFile) return true;
      // A function the caller handed in (a callback, a promise's `resolve`) may do anything.
      const declaration = ts.isIdentifier(node.expression) ? facts.ctx.checker.getSymbolAtLocation(node.expression)?.valueDeclaration : undefined;
      if (declaration && ts.isParameter(declaration)) return true;
      if (ts.isPropertyAccessExpression(node.expression) && MUTATING_METHODS.has(node.expression.name.text) && !ownTarget(node.expression.expression, false)) return true;
    }
    return ts.forEachChild(node, (child) => changes(child) || undefined) ?? false;
  };
  return changes(statement);
}
