/**
 * Module state only tasks use and keep from one call to the next: a count (`COUNTER.n++; return COUNTER.n`), an
 * interner (`IDS.set(name, IDS.size)`), a mode one task sets and another reads, a global RegExp's lastIndex, a ring
 * buffer shifted in place, a program object whose method changes it (`RNG.next()`). Each worker has its own copy of
 * the module, so left alone the calls would see different histories, not the plain program's one.
 *
 * Such state travels with each call as an implicit argument, as module state the program changes does
 * (runtime/api/module-state.ts): `inout` for a task that changes it, `in` for one that only reads it. Its versions
 * then order the calls that use it as the plain program ordered them, and the calls that only read it still run side
 * by side. Where the program names it too, it waits there for the tasks that change it (program-kept-uses.ts).
 *
 * A function the object holds as its module made it (a method of `const RNG = { s: 1, next() {…} }`) stays behind:
 * each thread's copy of the module has its own. What cannot travel (a class instance no module exports) stays a
 * compile error naming the state, and so does a task that hands out part of it (`return MEMO.get(n)`): the caller
 * would get a copy, while the plain program's next call returns the object the caller may have changed.
 */
import type * as ts from 'typescript';
import { isPrimitiveType, symbolOf, type AnalysisContext, type FunctionLike } from './context';
import type { ModuleStateRef, TaskInfo } from './discover';
import { moduleStateKey } from './module-state-keys';
import type { ModuleState } from './module-state';
import type { ModuleWrites } from './module-writes';
import { fromState } from './state-updates';
import { COPYING_FUNCTIONS, COPYING_METHODS } from './builtins';
import { builtinName } from './builtin-callees';
import { rootIdentifier, skipParens } from './expressions';
import { codeReachedFrom } from './reached-code';
import { unsendableType } from './sendable';
import { programUsesOf } from './program-kept-uses';
import { isLazilyMade, LAZY_CANNOT_TRAVEL } from './lazy-objects';
import { isDeclarationName, isReference } from '../rewrite/syntax';

/** The state the task changes, as an `inout` module-state entry; or why it cannot travel. */
export function keptState(ctx: AnalysisContext, state: ModuleState, writes: ModuleWrites, fn: FunctionLike, ref: ts.Identifier): ModuleStateRef | { why: string } {
  const symbol = symbolOf(ctx, ref)!;
  if (!state.isModuleObject(symbol)) return { why: 'only a module-level `const` object can travel with the calls' };
  const declaration = symbol.valueDeclaration as ts.VariableDeclaration;
  if (isLazilyMade(ctx, declaration)) return { why: LAZY_CANNOT_TRAVEL };
  const unsendable = unsendableType(ctx, ctx.checker.getTypeAtLocation(declaration));
  if (unsendable) return { why: `it is ${unsendable}` };
  // (`const MATH = { k: 2, bump() { … } }`: its functions stay behind, each thread's module has its own:
  // runtime/api/module-state.ts isModuleCode. So a task may not change which function it holds.)
  const changedFunction = functionSlotChanged(ctx, fn, symbol);
  if (changedFunction) return { why: `the task changes a function it holds (\`${changedFunction.getText()}\`), which cannot travel` };
  // The program names it too: each place waits for the tasks' changes (program-kept-uses.ts), or it cannot travel.
  const program = programUsesOf(ctx, state, symbol, writes.lookup);
  if ('why' in program) return program;
  // (`REG.push(o)`: the caller's object would become part of the state, of which a worker has a copy.)
  const stored = writes.parameterStoredIn(fn, symbol);
  if (stored) {
    return { why: `the task stores its parameter in it (\`${stored.getText()}\`): the state would hold a copy where the plain program holds the caller's object` };
  }
  const handedOut = returnedPart(ctx, fn, symbol);
  if (handedOut) {
    return { why: `the task returns part of it (\`${handedOut.getText()}\`), and the caller would get a copy where the plain program's next call hands back the object itself` };
  }
  return { key: moduleStateKey(ctx, declaration), name: ref.text, declaration, kept: true, changes: true,
    ...(program.uses.length > 0 ? { programUses: program.uses } : {}) };
}

/**
 * After every task is found: a task that names kept state another task changes takes it too, `in` where it only reads
 * it (`render(s)` reading the mode `setMode` set), `inout` where it may change it (a cache's `set` beside a count).
 */
export function addKeptReaders(ctx: AnalysisContext, state: ModuleState, tasks: Map<FunctionLike, TaskInfo>): void {
  const kept = new Map<ts.Symbol, ModuleStateRef>();
  for (const task of tasks.values()) {
    for (const ref of task.moduleState ?? []) if (ref.kept) kept.set(symbolOf(ctx, ref.declaration.name)!, ref);
  }
  if (kept.size === 0) return;
  const { ts } = ctx;
  for (const [fn, task] of tasks) {
    const found = new Map<string, ModuleStateRef>();
    const visit = (node: ts.Node): void => {
      const named = ts.isIdentifier(node) && isReference(ts, node) && !isDeclarationName(ts, node) ? symbolOf(ctx, node) : undefined;
      const symbol = named ?? state.namespaceMember(node);
      const ref = symbol && kept.get(symbol);
      if (ref) {
        const at = ts.isPropertyAccessExpression(node) ? node.name : node as ts.Identifier;
        const changes = found.get(ref.key)?.changes === true || state.changeAt(ts.isPropertyAccessExpression(node) ? node : at) !== undefined;
        found.set(ref.key, { ...ref, changes });
      }
      ts.forEachChild(node, visit);
    };
    for (const part of [fn, ...codeReachedFrom(ctx, fn)]) visit(part);
    // (A snapshot of it, taken where a helper tasks run changes it, gives way to the kept entry.)
    const own = (task.moduleState ?? []).filter((o) => o.kept || !found.has(o.key));
    const added = [...found.values()].filter((ref) => !own.some((o) => o.key === ref.key));
    if (added.length > 0) tasks.set(fn, { ...task, moduleState: [...own, ...added] });
  }
}

/** `S.show = S.alt`, `delete S.half`, `S.ops[k] = f`: the task (or code it runs) changes a function-valued slot of the state. */
function functionSlotChanged(ctx: AnalysisContext, fn: FunctionLike, symbol: ts.Symbol): ts.Node | undefined {
  const { ts } = ctx;
  const rootedAtState = (target: ts.Expression): boolean => {
    const root = rootIdentifier(ts, target);
    return root !== undefined && symbolOf(ctx, root) === symbol;
  };
  const holdsFunction = (e: ts.Expression): boolean => ctx.checker.getNonNullableType(ctx.checker.getTypeAtLocation(e)).getCallSignatures().length > 0;
  let found: ts.Node | undefined;
  const visit = (node: ts.Node): void => {
    if (found) return;
    if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.EqualsToken &&
      (ts.isPropertyAccessExpression(node.left) || ts.isElementAccessExpression(node.left)) && rootedAtState(node.left) &&
      (holdsFunction(node.left) || holdsFunction(node.right))) found = node;
    else if (ts.isDeleteExpression(node) && rootedAtState(node.expression) && holdsFunction(node.expression)) found = node;
    else ts.forEachChild(node, visit);
  };
  for (const part of [fn, ...codeReachedFrom(ctx, fn)]) visit(part);
  return found;
}

/** A return of the task's own body whose object comes from the state (`return d` after `d = MEMO.get(n)`). */
function returnedPart(ctx: AnalysisContext, fn: FunctionLike, symbol: ts.Symbol): ts.Expression | undefined {
  const { ts } = ctx;
  const returned: ts.Expression[] = [];
  if (fn.body && !ts.isBlock(fn.body)) returned.push(fn.body);
  const visit = (node: ts.Node): void => {
    if (ts.isReturnStatement(node) && node.expression) returned.push(node.expression);
    if (!ts.isFunctionLike(node)) ts.forEachChild(node, visit);
  };
  if (fn.body && ts.isBlock(fn.body)) ts.forEachChild(fn.body, visit);
  return returned.find((e) => mayBePartOf(ctx, fn, e, symbol));
}

/**
 * The value may be an object the state holds: not a primitive, and not made afresh by the return itself (a literal
 * of fresh or primitive parts, `{ id: SEQ.n, name }`; a copy, `HIST.values.slice()` of primitives).
 */
function mayBePartOf(ctx: AnalysisContext, fn: FunctionLike, value: ts.Expression, symbol: ts.Symbol): boolean {
  const { ts } = ctx;
  if (isPrimitiveType(ctx, ctx.checker.getTypeAtLocation(value))) return false;
  const e = skipParens(ts, value);
  if (ts.isObjectLiteralExpression(e)) {
    return e.properties.some((p) => ts.isPropertyAssignment(p) ? mayBePartOf(ctx, fn, p.initializer, symbol)
      : ts.isShorthandPropertyAssignment(p) ? mayBePartOf(ctx, fn, p.name, symbol) : ts.isSpreadAssignment(p) ? fromState(ctx, fn, p.expression, symbol) : true);
  }
  if (ts.isArrayLiteralExpression(e)) return e.elements.some((element) => mayBePartOf(ctx, fn, ts.isSpreadElement(element) ? element.expression : element, symbol));
  // A copy holds the receiver's elements (map's: what its callback returns): fresh when those are primitives
  // (`xs.map((x) => { STATS.mapped++; return x * 2; })`: tester #29's F5 refused it).
  // (`Array.from({ length: n }, () => RNG.next() % 100)`, `Array.of(…)`: a new array too.)
  if (ts.isCallExpression(e) && (ts.isPropertyAccessExpression(e.expression) && COPYING_METHODS.has(e.expression.name.text) ||
    COPYING_FUNCTIONS.has(builtinName(ctx, e.expression) ?? ''))) {
    const element = ctx.checker.getIndexTypeOfType(ctx.checker.getTypeAtLocation(e), ts.IndexKind.Number);
    if (element && isPrimitiveType(ctx, element)) return false;
  }
  // `const out = xs.map(…); return out`: what its initializer is.
  const declaration = ts.isIdentifier(e) ? symbolOf(ctx, e)?.valueDeclaration : undefined;
  if (declaration && ts.isVariableDeclaration(declaration) && declaration.initializer && ts.isIdentifier(declaration.name) &&
    (ts.getCombinedNodeFlags(declaration) & ts.NodeFlags.Const) && declaration.pos >= fn.pos && declaration.end <= fn.end) {
    return mayBePartOf(ctx, fn, declaration.initializer, symbol);
  }
  return fromState(ctx, fn, e, symbol);
}
