/**
 * Writes a function undoes before it returns: a property masked and put back exactly as it was, so the caller's
 * object is the same after the call. lodash's getRawTag (copied into the lodash.* packages and many bundles) reads an
 * object's built-in tag that way, and every type check of lodash reaches it:
 *
 *     var isOwn = hasOwnProperty.call(value, key), tag = value[key];   // saved: whether it was own, and its value
 *     try { value[key] = undefined; var unmasked = true; } catch (e) {} // the mask (it may throw: then nothing changed)
 *     var result = nativeObjectToString.call(value);                   // nothing here can throw or run other code
 *     if (unmasked) { if (isOwn) value[key] = tag; else delete value[key]; }  // put back as it was
 *
 * The mask, the put-back and the delete are then no writes of `value`. Only this shape is taken, all at the top level
 * of the function's body: the object and key are names nothing reassigns (or a literal key), the saved value and the
 * own-ness were read from the same slot before the mask, the put-back restores an own slot and deletes one that was
 * not own, and between mask and put-back there are only declarations whose values are built-ins that throw on nothing
 * (`TOTAL_BUILTINS`), so no path leaves the mask in place. (As everywhere, the object is data: no setter runs on the
 * write and no getter or proxy on the reads.) Anything else is a write as before.
 */
import type * as ts from 'typescript';
import { TOTAL_BUILTINS } from './builtins';
import { builtinName } from './builtin-callees';
import { isReassigned, symbolOf, type AnalysisContext, type FunctionLike } from './context';
import { skipParens } from './expressions';
import { programMemo } from './program-memo';

const NONE: ReadonlySet<ts.Node> = new Set();
const cache = programMemo<FunctionLike, ReadonlySet<ts.Node>>();

/** The mask assignments, put-back assignments and deletes of `fn` that together leave the object as it was. */
export function undoneWrites(ctx: AnalysisContext, fn: FunctionLike): ReadonlySet<ts.Node> {
  let found = cache(ctx.program).get(fn);
  if (!found) { found = find(ctx, fn); cache(ctx.program).set(fn, found); }
  return found;
}

/** A slot `object[key]` / `object.key`: the object's symbol and the key (a symbol, or a literal's text). */
interface Slot { readonly object: ts.Symbol; readonly key: ts.Symbol | string }

function find(ctx: AnalysisContext, fn: FunctionLike): ReadonlySet<ts.Node> {
  const { ts } = ctx;
  if (!fn.body || !ts.isBlock(fn.body)) return NONE;
  const statements = fn.body.statements;
  const undone = new Set<ts.Node>();
  statements.forEach((statement, i) => {
    const mask = maskAt(ctx, fn, statement);
    if (!mask) return;
    const saved = savedBefore(ctx, fn, statements.slice(0, i), mask.slot);
    if (!saved) return;
    let j = i + 1;
    while (j < statements.length && throwsNothing(ctx, statements[j])) j++;
    const restore = statements[j] && putBack(ctx, fn, statements[j], mask.flag, mask.slot, saved);
    if (!restore) return;
    undone.add(mask.write);
    for (const node of restore) undone.add(node);
  });
  return undone.size > 0 ? undone : NONE;
}

/**
 * `o[k] = v;` alone, or `try { o[k] = v; var flag = true; } catch (e) { … }` (no finally): the write, its slot, and
 * the flag that is true exactly when the write happened.
 */
function maskAt(ctx: AnalysisContext, fn: FunctionLike, statement: ts.Statement): { write: ts.BinaryExpression; slot: Slot; flag?: ts.Symbol } | undefined {
  const { ts } = ctx;
  const assignment = (s: ts.Statement | undefined): ts.BinaryExpression | undefined =>
    s && ts.isExpressionStatement(s) && ts.isBinaryExpression(s.expression) && s.expression.operatorToken.kind === ts.SyntaxKind.EqualsToken
      ? s.expression : undefined;
  const plain = assignment(statement);
  if (plain) {
    const slot = slotOf(ctx, fn, plain.left);
    return slot && { write: plain, slot };
  }
  if (!ts.isTryStatement(statement) || statement.finallyBlock || statement.tryBlock.statements.length !== 2) return undefined;
  const write = assignment(statement.tryBlock.statements[0]);
  const slot = write && slotOf(ctx, fn, write.left);
  const flagStatement = statement.tryBlock.statements[1];
  if (!write || !slot || !ts.isVariableStatement(flagStatement) || (flagStatement.declarationList.flags & ts.NodeFlags.BlockScoped) !== 0) return undefined;
  const [flag, ...more] = flagStatement.declarationList.declarations;
  if (more.length > 0 || !ts.isIdentifier(flag.name) || flag.initializer?.kind !== ts.SyntaxKind.TrueKeyword || isReassigned(ctx, flag)) return undefined;
  const symbol = symbolOf(ctx, flag.name);
  return symbol && { write, slot, flag: symbol };
}

/** `o[k]`, `o['k']`, `o.k` with `o` and `k` names nothing reassigns (a parameter nothing in `fn` assigns). */
function slotOf(ctx: AnalysisContext, fn: FunctionLike, target: ts.Expression): Slot | undefined {
  const { ts } = ctx;
  target = skipParens(ts, target);
  if (!ts.isPropertyAccessExpression(target) && !ts.isElementAccessExpression(target)) return undefined;
  const objectName = skipParens(ts, target.expression);
  const object = ts.isIdentifier(objectName) ? constantName(ctx, fn, objectName) : undefined;
  if (!object) return undefined;
  if (ts.isPropertyAccessExpression(target)) return { object, key: target.name.text };
  const key = skipParens(ts, target.argumentExpression);
  if (ts.isStringLiteral(key) || ts.isNumericLiteral(key) || ts.isNoSubstitutionTemplateLiteral(key)) return { object, key: key.text };
  const keySymbol = ts.isIdentifier(key) ? constantName(ctx, fn, key) : undefined;
  return keySymbol && { object, key: keySymbol };
}

/** The symbol of a name that holds one value through the call: a `const`, a `var`/`let` nothing reassigns, a parameter `fn` never assigns. */
function constantName(ctx: AnalysisContext, fn: FunctionLike, name: ts.Identifier): ts.Symbol | undefined {
  const { ts } = ctx;
  const symbol = symbolOf(ctx, name);
  const declaration = symbol?.valueDeclaration;
  if (!symbol || !declaration) return undefined;
  if (ts.isVariableDeclaration(declaration)) return ts.isIdentifier(declaration.name) && !isReassigned(ctx, declaration) ? symbol : undefined;
  if (ts.isParameter(declaration) && declaration.parent === fn && ts.isIdentifier(declaration.name) && !assignedIn(ctx, fn, symbol)) return symbol;
  return undefined;
}

function assignedIn(ctx: AnalysisContext, fn: FunctionLike, symbol: ts.Symbol): boolean {
  const { ts } = ctx;
  let found = false;
  const isIt = (n: ts.Node): boolean => ts.isIdentifier(n) && n.text === symbol.name && symbolOf(ctx, n) === symbol;
  const visit = (node: ts.Node): void => {
    if (found) return;
    if (ts.isBinaryExpression(node) && node.operatorToken.kind >= ts.SyntaxKind.FirstAssignment && node.operatorToken.kind <= ts.SyntaxKind.LastAssignment &&
      !ts.isPropertyAccessExpression(node.left) && !ts.isElementAccessExpression(node.left) && mentions(node.left)) found = true;
    else if ((ts.isPrefixUnaryExpression(node) || ts.isPostfixUnaryExpression(node)) && isIt(node.operand)) found = true;
    else if ((ts.isForInStatement(node) || ts.isForOfStatement(node)) && mentions(node.initializer)) found = true;
    else ts.forEachChild(node, visit);
  };
  const mentions = (n: ts.Node): boolean => isIt(n) || (ts.forEachChild(n, (c) => mentions(c) || undefined) ?? false);
  visit(fn.body!);
  return found || fn.parameters.some((p) => p.name.kind !== ts.SyntaxKind.Identifier) || mentionsArguments(ctx, fn);
}

/** `arguments[0] = x` assigns a parameter in sloppy code: a function that names `arguments` is not trusted. */
function mentionsArguments(ctx: AnalysisContext, fn: FunctionLike): boolean {
  const { ts } = ctx;
  const visit = (n: ts.Node): boolean => (ts.isIdentifier(n) && n.text === 'arguments') || (ts.forEachChild(n, (c) => visit(c) || undefined) ?? false);
  return visit(fn.body!);
}

const sameSlot = (a: Slot | undefined, b: Slot): boolean => a !== undefined && a.object === b.object && a.key === b.key;

/**
 * Declarations before the mask that saved the slot's value (`tag = o[k]`) and whether it was the object's own
 * (`isOwn = hasOwnProperty.call(o, k)`, `Object.hasOwn(o, k)`), each held in a name nothing reassigns.
 */
function savedBefore(ctx: AnalysisContext, fn: FunctionLike, statements: readonly ts.Statement[], slot: Slot): { value: ts.Symbol; own: ts.Symbol } | undefined {
  const { ts } = ctx;
  let value: ts.Symbol | undefined;
  let own: ts.Symbol | undefined;
  for (const statement of statements) {
    if (!ts.isVariableStatement(statement)) continue;
    for (const declaration of statement.declarationList.declarations) {
      if (!ts.isIdentifier(declaration.name) || !declaration.initializer || isReassigned(ctx, declaration)) continue;
      const init = skipParens(ts, declaration.initializer);
      if (sameSlot(slotOf(ctx, fn, init), slot)) value = symbolOf(ctx, declaration.name);
      else if (ts.isCallExpression(init) && init.arguments.length === 2 && isOwnCheck(ctx, init) && ts.isIdentifier(skipParens(ts, init.arguments[0]))) {
        const object = constantName(ctx, fn, skipParens(ts, init.arguments[0]) as ts.Identifier);
        const key = skipParens(ts, init.arguments[1]);
        const keyOf = ts.isIdentifier(key) ? constantName(ctx, fn, key) : ts.isStringLiteral(key) || ts.isNumericLiteral(key) ? key.text : undefined;
        if (object === slot.object && keyOf === slot.key) own = symbolOf(ctx, declaration.name);
      }
    }
  }
  return value && own && { value, own };
}

function isOwnCheck(ctx: AnalysisContext, call: ts.CallExpression): boolean {
  const name = builtinName(ctx, call.expression);
  return name === 'Object.prototype.hasOwnProperty' || name === 'Object.hasOwn';
}

/** A declaration whose values are literals, parameters and `var`s, or calls of built-ins that throw on nothing (`toString.call(o)`). */
function throwsNothing(ctx: AnalysisContext, statement: ts.Statement): boolean {
  const { ts } = ctx;
  if (!ts.isVariableStatement(statement)) return false;
  const harmless = (e: ts.Expression): boolean => {
    e = skipParens(ts, e);
    if (ts.isLiteralExpression(e) || e.kind === ts.SyntaxKind.TrueKeyword || e.kind === ts.SyntaxKind.FalseKeyword) return true;
    // (A name declared nowhere, or a `let`/`const` not yet initialised, throws when read.)
    if (ts.isIdentifier(e)) {
      const declaration = symbolOf(ctx, e)?.valueDeclaration;
      return declaration !== undefined && (ts.isParameter(declaration) ||
        (ts.isVariableDeclaration(declaration) && (ts.getCombinedNodeFlags(declaration) & ts.NodeFlags.BlockScoped) === 0));
    }
    if (!ts.isCallExpression(e)) return false;
    const name = builtinName(ctx, e.expression);
    return name !== undefined && TOTAL_BUILTINS.has(name) && e.arguments.every(harmless);
  };
  return statement.declarationList.declarations.every((d) => ts.isIdentifier(d.name) && (!d.initializer || harmless(d.initializer)));
}

/**
 * `if (flag) { RESTORE }` (or RESTORE alone when the mask had no flag), RESTORE being `if (own) o[k] = saved; else
 * delete o[k];` or the same with `!own` and the branches swapped: the nodes that put the slot back.
 */
function putBack(ctx: AnalysisContext, fn: FunctionLike, statement: ts.Statement, flag: ts.Symbol | undefined, slot: Slot,
  saved: { value: ts.Symbol; own: ts.Symbol }): ts.Node[] | undefined {
  const { ts } = ctx;
  const only = (s: ts.Statement | undefined): ts.Statement | undefined => s && ts.isBlock(s) ? (s.statements.length === 1 ? s.statements[0] : undefined) : s;
  const isName = (e: ts.Expression, symbol: ts.Symbol): boolean => ts.isIdentifier(skipParens(ts, e)) && symbolOf(ctx, skipParens(ts, e)) === symbol;
  let restore: ts.Statement | undefined = statement;
  if (flag) {
    if (!ts.isIfStatement(statement) || statement.elseStatement || !isName(statement.expression, flag)) return undefined;
    restore = only(statement.thenStatement);
  }
  if (!restore || !ts.isIfStatement(restore) || !restore.elseStatement) return undefined;
  const condition = skipParens(ts, restore.expression);
  const negated = ts.isPrefixUnaryExpression(condition) && condition.operator === ts.SyntaxKind.ExclamationToken;
  if (!isName(negated ? (condition as ts.PrefixUnaryExpression).operand : condition, saved.own)) return undefined;
  const [whenOwn, whenNot] = negated ? [only(restore.elseStatement), only(restore.thenStatement)] : [only(restore.thenStatement), only(restore.elseStatement)];
  const assignment = whenOwn && ts.isExpressionStatement(whenOwn) ? whenOwn.expression : undefined;
  const deletion = whenNot && ts.isExpressionStatement(whenNot) ? skipParens(ts, whenNot.expression) : undefined;
  if (!assignment || !ts.isBinaryExpression(assignment) || assignment.operatorToken.kind !== ts.SyntaxKind.EqualsToken ||
    !sameSlot(slotOf(ctx, fn, assignment.left), slot) || !isName(assignment.right, saved.value)) return undefined;
  if (!deletion || !ts.isDeleteExpression(deletion) || !sameSlot(slotOf(ctx, fn, deletion.expression), slot)) return undefined;
  return [assignment, deletion];
}
