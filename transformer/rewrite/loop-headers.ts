/**
 * Whether a loop's header gives a split loop (split-loops.ts) the same passes twice, and the names it binds.
 *
 * - `for (let i = a; i < b; i += s)`: a counting header that only reads, run again for the second pass.
 * - `for (const x of xs)` over an array named without a call: named again for the second pass (`again`).
 * - `for (const [k, v] of m)`, `for (const v of m.values())`, `for (const [k, v] of Object.entries(o))`, `for
 *   (const { id, data } of this.load())`: any header evaluated once, as the plain loop evaluates it, whose value is
 *   an array, a typed array, a Map or a Set of the library (not a subclass of the program's), or such a collection's
 *   own `keys()`/`values()`/`entries()`. Iterating those runs none of the program's code and, the body storing only
 *   out of the header's reach (unseen-stores.ts), sees the same elements however late it runs: the emitted loop
 *   spreads the value into an array once (`once`) and walks it in both passes. Generators and hand-made iterators
 *   run the program's code at each step, in the plain program between the bodies: not split, unless the generator
 *   touches nothing but its own and always ends (contained-generators.ts).
 * - `for (const k in groups)` over a plain object (no class instance, no Proxy): its keys listed once, as the plain
 *   loop's enumeration takes them (keys the body adds are not visited either), walked as an array in both passes.
 * - `while (k < n) { …; k++ }`, `do { …; k += 2 } while (k < n)`: a counting loop written by hand, its counter a
 *   primitive variable of the enclosing code stepped by the body's last statement and nowhere else in the body. The
 *   first pass steps it as the loop does and puts it back before the second (`counter`), so both passes see the same
 *   values; the body must not `continue` (which would skip the step: the plain loop would not end either).
 * - Bindings: a name, or array patterns over arrays and tuples and object patterns of plain data (library-uses.ts
 *   isPlainData), which read what they bind without running code.
 */
import type * as ts from 'typescript';
import { isPrimitiveNode, isTypedArrayType } from '../analysis/context';
import type { FileFacts } from './file-facts';
import { isLibrary, isLibraryType, isOverridable, isPlainDataSymbol } from './library-uses';
import { isPlainName, onlyReads } from './only-reads';
import { runtimeShapes } from './runtime-shapes';
import { mentionsAny } from './syntax';
import { isContainedGeneratorCall } from './contained-generators';
import type { SplitLoopStatement } from './split-loops';

export interface LoopHeader {
  /** The names the header declares: the body must not assign them. */
  readonly names: ReadonlySet<string>;
  /** A `for…of` whose iterable is evaluated once and spread into an array that both passes walk. */
  readonly once: boolean;
  /** A `while`/`do` loop's counter and the statement that steps it: the first pass steps it too, then puts it back. */
  readonly counter?: Counter;
}

export interface Counter {
  readonly name: ts.Identifier;
  readonly step: ts.ExpressionStatement;
}

const VIEWS_OF_COLLECTIONS = new Set(['keys', 'values', 'entries']);

/** The header of a loop whose passes can run twice (see above), given the names its body assigns. */
export function loopHeader(facts: FileFacts, loop: SplitLoopStatement, assigned: ReadonlySet<string>): LoopHeader | undefined {
  const { ts } = facts;
  return ts.isForOfStatement(loop) ? forOfHeader(facts, loop, assigned) : ts.isForInStatement(loop) ? forInHeader(facts, loop, assigned)
    : ts.isForStatement(loop) ? countingHeader(facts, loop, assigned) : counterHeader(facts, loop, assigned);
}

/**
 * `while (k < n) { …; k++ }`: the statement ending the body that steps a name by a read-only amount (`k++`, `--k`,
 * `k += s`, `k -= s`, `k = k + s`), with the name. The body's other statements are judged without it (split-loops.ts).
 */
export function counterStep(facts: FileFacts, loop: ts.WhileStatement | ts.DoStatement): Counter | undefined {
  const { ts } = facts;
  const body = loop.statement;
  const last = ts.isBlock(body) ? body.statements[body.statements.length - 1] : undefined;
  if (!last || !ts.isExpressionStatement(last)) return undefined;
  const name = steppedName(facts, last.expression);
  return name && { name, step: last };
}

function steppedName(facts: FileFacts, step: ts.Expression): ts.Identifier | undefined {
  const { ts } = facts;
  const K = ts.SyntaxKind;
  if ((ts.isPostfixUnaryExpression(step) || ts.isPrefixUnaryExpression(step)) && ts.isIdentifier(step.operand) &&
    (step.operator === K.PlusPlusToken || step.operator === K.MinusMinusToken)) return step.operand;
  if (!ts.isBinaryExpression(step) || !ts.isIdentifier(step.left)) return undefined;
  const name = step.left;
  const by = step.operatorToken.kind;
  if ((by === K.PlusEqualsToken || by === K.MinusEqualsToken) && onlyReads(facts, step.right) && !mentionsAny(ts, step.right, new Set([name.text]))) return name;
  // (`k = k + s`, `k = k - s`.)
  const right = step.right;
  return by === K.EqualsToken && ts.isBinaryExpression(right) && ts.isIdentifier(right.left) && right.left.text === name.text &&
    (right.operatorToken.kind === K.PlusToken || right.operatorToken.kind === K.MinusToken) && onlyReads(facts, right.right) &&
    !mentionsAny(ts, right.right, new Set([name.text])) ? name : undefined;
}

function counterHeader(facts: FileFacts, loop: ts.WhileStatement | ts.DoStatement, assigned: ReadonlySet<string>): LoopHeader | undefined {
  const { ts, ctx } = facts;
  const counter = counterStep(facts, loop);
  if (!counter || !isPrimitiveNode(ctx, counter.name) || assigned.has(counter.name.text)) return undefined;
  // (The condition reads only what the body leaves alone, but the counter; a `continue` would skip the step.)
  if (!onlyReads(facts, loop.expression) || facts.holdsTaskCall(loop.expression) || mentionsAny(ts, loop.expression, assigned) ||
    continuesLoop(ts, loop)) return undefined;
  // A variable, not a property or something a getter or another module could hand out.
  const declaration = ctx.checker.getSymbolAtLocation(counter.name)?.valueDeclaration;
  if (!declaration || !(ts.isVariableDeclaration(declaration) || ts.isParameter(declaration))) return undefined;
  return { names: new Set([counter.name.text]), once: false, counter };
}

/** A `continue` that goes to the next pass of this loop (not an inner loop's). */
function continuesLoop(t: typeof ts, loop: ts.IterationStatement): boolean {
  const label = t.isLabeledStatement(loop.parent) ? loop.parent.label.text : undefined;
  let found = false;
  const visit = (n: ts.Node, inner: boolean): void => {
    if (found || t.isFunctionLike(n)) return;
    if (t.isContinueStatement(n) && (n.label ? n.label.text === label : !inner)) { found = true; return; }
    t.forEachChild(n, (c) => visit(c, inner || t.isIterationStatement(n, false)));
  };
  visit(loop.statement, false);
  return found;
}

function forInHeader(facts: FileFacts, loop: ts.ForInStatement, assigned: ReadonlySet<string>): LoopHeader | undefined {
  const { ts, ctx } = facts;
  const list = loop.initializer;
  const declaration = ts.isVariableDeclarationList(list) && list.declarations.length === 1 ? list.declarations[0] : undefined;
  if (!declaration || !ts.isIdentifier(declaration.name) || assigned.has(declaration.name.text) || mentionsAny(ts, loop.expression, assigned) ||
    facts.holdsTaskCall(loop.expression) || !onlyReads(facts, loop.expression)) return undefined;
  // A Proxy's ownKeys trap would run the program's code at the enumeration; a class's instance may enumerate keys of
  // its prototypes the program sets up: a plain object's type says neither.
  const shapes = runtimeShapes(ctx);
  const type = ctx.checker.getTypeAtLocation(loop.expression);
  // (An array is a library type; `Record<K, V>` is the library's anonymous `__type`.)
  const plainObject = (type.flags & ts.TypeFlags.Object) !== 0 && !type.isClass() && type.getCallSignatures().length === 0 &&
    (!isLibraryType(ctx, type) || type.getSymbol()?.getName() === '__type');
  return plainObject && !shapes.hiddenAccessors ? { names: new Set([declaration.name.text]), once: true } : undefined;
}

function forOfHeader(facts: FileFacts, loop: ts.ForOfStatement, assigned: ReadonlySet<string>): LoopHeader | undefined {
  const { ts, ctx } = facts;
  const list = loop.initializer;
  const declaration = ts.isVariableDeclarationList(list) && list.declarations.length === 1 ? list.declarations[0] : undefined;
  const names = new Set<string>();
  if (loop.awaitModifier || !declaration || !bindsPlainly(facts, declaration.name, names) || mentionsAny(ts, loop.expression, assigned)) return undefined;
  if ([...names].some((name) => assigned.has(name))) return undefined;
  const expression = loop.expression;
  if (isPlainName(ts, expression) && ctx.checker.isArrayType(ctx.checker.getTypeAtLocation(expression))) return { names, once: false };
  // Evaluated once (a task call in it would be emitted twice: the second pass's copy is not the first's).
  if (facts.holdsTaskCall(expression)) return undefined;
  if (isCollection(facts, expression)) return { names, once: true };
  // (A generator that touches nothing but its own, run to its end once: contained-generators.ts.)
  if (isContainedGeneratorCall(facts, expression)) return { names, once: true };
  const viewOf = ts.isCallExpression(expression) && ts.isPropertyAccessExpression(expression.expression) && expression.arguments.length === 0 &&
    VIEWS_OF_COLLECTIONS.has(expression.expression.name.text) && isLibrary(ctx, expression.expression) &&
    isCollection(facts, expression.expression.expression);
  return viewOf ? { names, once: true } : undefined;
}

function countingHeader(facts: FileFacts, loop: ts.ForStatement, assigned: ReadonlySet<string>): LoopHeader | undefined {
  const { ts, ctx } = facts;
  const list = loop.initializer;
  const declaration = list && ts.isVariableDeclarationList(list) && list.declarations.length === 1 ? list.declarations[0] : undefined;
  if (!declaration || !ts.isIdentifier(declaration.name) || !declaration.initializer || !loop.condition || !loop.incrementor) return undefined;
  const i = declaration.name.text;
  const step = loop.incrementor;
  const steps = ((ts.isPostfixUnaryExpression(step) || ts.isPrefixUnaryExpression(step)) && ts.isIdentifier(step.operand) && step.operand.text === i) ||
    (ts.isBinaryExpression(step) && ts.isIdentifier(step.left) && step.left.text === i && [ts.SyntaxKind.PlusEqualsToken, ts.SyntaxKind.MinusEqualsToken].includes(step.operatorToken.kind) &&
      onlyReads(facts, step.right));
  if (!steps || !onlyReads(facts, declaration.initializer) || !onlyReads(facts, loop.condition) || !isPrimitiveNode(ctx, declaration.name)) return undefined;
  if (assigned.has(i) || mentionsAny(ts, loop.condition, assigned)) return undefined;
  return { names: new Set([i]), once: false };
}

/**
 * An array or tuple of the language, or a union of them (the elements of `[[10, 'EUR'], [5, 'GBP']] as const`):
 * taking one apart with `[a, b]` runs none of the program's code.
 */
export function isLanguageArray(facts: FileFacts, type: ts.Type): boolean {
  const { ctx } = facts;
  if (type.isUnion()) return type.types.every((member) => isLanguageArray(facts, member));
  return (ctx.checker.isArrayType(type) || ctx.checker.isTupleType(type)) && !isOverridable(runtimeShapes(ctx), type);
}

/** An array, typed array, Map or Set of the library, whose iteration runs none of the program's code. */
export function isCollection(facts: FileFacts, expr: ts.Expression): boolean {
  const { ctx } = facts;
  const type = ctx.checker.getTypeAtLocation(expr);
  if (isOverridable(runtimeShapes(ctx), type)) return false;
  if (ctx.checker.isArrayType(type) || ctx.checker.isTupleType(type) || isTypedArrayType(ctx, type)) return true;
  const name = type.getSymbol()?.getName();
  return (name === 'Map' || name === 'Set') && isLibraryType(ctx, type);
}

/**
 * The binding reads what it binds without running code: a name, or a pattern taking apart the language's arrays and
 * tuples (`[a, b]`) or plain data properties (`{ x, y }`: no getter, no method), nested, with no default (which could
 * call something) and no rest (a new object or array). Loop headers, split callbacks' parameters and split loops'
 * declarations bind this way; `into` collects the names it declares.
 */
export function bindsPlainly(facts: FileFacts, name: ts.BindingName, into: Set<string> = new Set()): boolean {
  const { ts, ctx } = facts;
  if (ts.isIdentifier(name)) { into.add(name.text); return true; }
  const type = ctx.checker.getTypeAtLocation(name);
  if (ts.isArrayBindingPattern(name)) {
    if (!isLanguageArray(facts, type)) return false;
    return name.elements.every((e) => ts.isOmittedExpression(e) || (!e.initializer && !e.dotDotDotToken && bindsPlainly(facts, e.name, into)));
  }
  return name.elements.every((e) => {
    const key = e.propertyName ?? e.name;
    const property = ts.isIdentifier(key) ? type.getProperty(key.text) : undefined;
    return !e.initializer && !e.dotDotDotToken && property !== undefined && isPlainDataSymbol(ctx, runtimeShapes(ctx), property) &&
      bindsPlainly(facts, e.name, into);
  });
}

/** `const { mean, sd } = stats(x)`: a `const` statement whose declarations all bind plainly (above). */
export function isPlainConstant(facts: FileFacts, statement: ts.Statement): statement is ts.VariableStatement {
  const { ts } = facts;
  return ts.isVariableStatement(statement) && (statement.declarationList.flags & ts.NodeFlags.Const) !== 0 &&
    statement.declarationList.declarations.every((d) => d.initializer !== undefined && bindsPlainly(facts, d.name));
}
