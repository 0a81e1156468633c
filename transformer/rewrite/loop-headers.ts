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
 *   primitive variable of the function around the loop, which no function inside it names (no getter or callback can
 *   change it), stepped by the body's last statement by a literal or an outer `const` and nowhere else in the body,
 *   and named by the condition (`while (true) { …; if (done) break; k++ }` would submit for ever: the first pass makes
 *   no `break`). The first pass steps it as the loop does and puts it back before the second (`counter`), so both
 *   passes see the same values; the body must not `continue` (which would skip the step: the plain loop would not end
 *   either).
 * - Bindings: a name, or array patterns over arrays and tuples and object patterns of plain data (library-uses.ts
 *   isPlainData), which read what they bind without running code.
 */
import type * as ts from 'typescript';
import { isPrimitiveNode, isTypedArrayType } from '../analysis/context';
import type { FileFacts } from './file-facts';
import { isLibrary, isLibraryType, isOverridable, isPlainDataSymbol } from './library-uses';
import { isPlainName, onlyReads } from './only-reads';
import { runtimeShapes } from './runtime-shapes';
import { mentionsAny, skipTransparent } from './syntax';
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

/**
 * The header of a loop whose passes can run twice (see above), given the names its body assigns (but in a `while`/`do`
 * loop's step, `counted`: counterStep).
 */
export function loopHeader(facts: FileFacts, loop: SplitLoopStatement, assigned: ReadonlySet<string>, counted?: Counter): LoopHeader | undefined {
  const { ts } = facts;
  return ts.isForOfStatement(loop) ? forOfHeader(facts, loop, assigned) : ts.isForInStatement(loop) ? forInHeader(facts, loop, assigned)
    : ts.isForStatement(loop) ? countingHeader(facts, loop, assigned) : counterHeader(facts, loop, assigned, counted);
}

/**
 * `while (k < n) { …; k++ }`: the statement ending the body that steps a name by a constant amount (`k++`, `--k`,
 * `k += 2`, `k -= STEP`, `k = k + 2`: isConstantAmount), with the name. The body's other statements are judged without
 * it (split-loops.ts).
 */
export function counterStep(facts: FileFacts, loop: ts.WhileStatement | ts.DoStatement): Counter | undefined {
  const { ts } = facts;
  const body = loop.statement;
  const last = ts.isBlock(body) ? body.statements[body.statements.length - 1] : undefined;
  if (!last || !ts.isExpressionStatement(last)) return undefined;
  const name = steppedName(facts, last.expression, loop);
  return name && { name, step: last };
}

function steppedName(facts: FileFacts, step: ts.Expression, loop: ts.IterationStatement): ts.Identifier | undefined {
  const { ts } = facts;
  const K = ts.SyntaxKind;
  if ((ts.isPostfixUnaryExpression(step) || ts.isPrefixUnaryExpression(step)) && ts.isIdentifier(step.operand) &&
    (step.operator === K.PlusPlusToken || step.operator === K.MinusMinusToken)) return step.operand;
  if (!ts.isBinaryExpression(step) || !ts.isIdentifier(step.left)) return undefined;
  const name = step.left;
  const by = step.operatorToken.kind;
  if ((by === K.PlusEqualsToken || by === K.MinusEqualsToken) && isConstantAmount(facts, step.right, loop)) return name;
  // (`k = k + s`, `k = k - s`.)
  const right = step.right;
  return by === K.EqualsToken && ts.isBinaryExpression(right) && ts.isIdentifier(right.left) && right.left.text === name.text &&
    (right.operatorToken.kind === K.PlusToken || right.operatorToken.kind === K.MinusToken) && isConstantAmount(facts, right.right, loop) ? name : undefined;
}

/**
 * `2`, `STEP` of a `const STEP = 2` outside the loop: a literal, the same in both passes whatever the body does (a task
 * result, a field a task writes or a name the body changes would step the first pass otherwise: rv75's
 * r-while-stepfuture, r-while-stepstale, r-stepvar).
 */
function isConstantAmount(facts: FileFacts, amount: ts.Expression, loop: ts.IterationStatement): boolean {
  const { ts, ctx } = facts;
  if (ts.isNumericLiteral(amount) || ts.isBigIntLiteral(amount)) return true;
  const declaration = ts.isIdentifier(amount) ? ctx.checker.getSymbolAtLocation(amount)?.valueDeclaration : undefined;
  return declaration !== undefined && ts.isVariableDeclaration(declaration) && (ts.getCombinedNodeFlags(declaration) & ts.NodeFlags.Const) !== 0 &&
    declaration.end <= loop.pos && declaration.initializer !== undefined && literalSign(ts, declaration.initializer) !== undefined;
}

/** +1 or -1 for a numeric literal, `-3`, `+2`; undefined for anything else (and for 0). */
function literalSign(t: typeof ts, expr: ts.Expression): number | undefined {
  if (t.isNumericLiteral(expr) || t.isBigIntLiteral(expr)) return Number(expr.text.replace(/n$/, '')) === 0 ? undefined : 1;
  if (t.isPrefixUnaryExpression(expr) && (expr.operator === t.SyntaxKind.MinusToken || expr.operator === t.SyntaxKind.PlusToken)) {
    const inner = literalSign(t, expr.operand);
    return inner === undefined ? undefined : expr.operator === t.SyntaxKind.MinusToken ? -inner : inner;
  }
  return undefined;
}

/**
 * The step moves the counter away from where the condition ends the loop (`k >= 0` stepped by `k++`): only a `break`
 * ends it, which the first pass does not make, so it would submit for ever (rv75's r-forinf). Told only when the
 * condition compares the counter (`<`, `<=`, `>`, `>=`) and the step's sign is known (`++`, `-= 2`, `+= STEP` of a
 * literal `const`).
 */
function stepsAway(facts: FileFacts, condition: ts.Expression, counter: string, step: ts.Expression): boolean {
  const { ts, ctx } = facts;
  const K = ts.SyntaxKind;
  const compare = skipTransparent(ts, condition);
  if (!ts.isBinaryExpression(compare)) return false;
  const op = compare.operatorToken.kind;
  const isCounter = (e: ts.Expression) => ts.isIdentifier(skipTransparent(ts, e)) && (skipTransparent(ts, e) as ts.Identifier).text === counter;
  const below = op === K.LessThanToken || op === K.LessThanEqualsToken, above = op === K.GreaterThanToken || op === K.GreaterThanEqualsToken;
  if (!below && !above) return false;
  // `k < n` ends as k grows; `n > k` too.
  const endsGrowing = isCounter(compare.left) ? below : isCounter(compare.right) ? above : undefined;
  if (endsGrowing === undefined) return false;
  const sign = stepSign(ts, ctx.checker, step);
  return sign !== undefined && (sign > 0) !== endsGrowing;
}

function stepSign(t: typeof ts, checker: ts.TypeChecker, step: ts.Expression): number | undefined {
  const K = t.SyntaxKind;
  if (t.isPostfixUnaryExpression(step) || t.isPrefixUnaryExpression(step)) return step.operator === K.PlusPlusToken ? 1 : step.operator === K.MinusMinusToken ? -1 : undefined;
  if (!t.isBinaryExpression(step)) return undefined;
  const op = step.operatorToken.kind;
  // `k += a`, `k -= a`, `k = k + a`, `k = k - a`.
  const sum = op === K.EqualsToken && t.isBinaryExpression(step.right) ? step.right : undefined;
  if (op !== K.PlusEqualsToken && op !== K.MinusEqualsToken && !sum) return undefined;
  const amount = sum ? sum.right : step.right;
  const minus = op === K.MinusEqualsToken || sum?.operatorToken.kind === K.MinusToken;
  // (A literal, or a `const` holding one.)
  const declared = t.isIdentifier(amount) ? checker.getSymbolAtLocation(amount)?.valueDeclaration : undefined;
  const value = declared && t.isVariableDeclaration(declared) && (t.getCombinedNodeFlags(declared) & t.NodeFlags.Const) ? declared.initializer : amount;
  const sign = value && literalSign(t, value);
  return sign === undefined ? undefined : minus ? -sign : sign;
}

function counterHeader(facts: FileFacts, loop: ts.WhileStatement | ts.DoStatement, assigned: ReadonlySet<string>, counter: Counter | undefined): LoopHeader | undefined {
  const { ts, ctx } = facts;
  if (!counter || !isPrimitiveNode(ctx, counter.name) || assigned.has(counter.name.text)) return undefined;
  // (The condition reads only what the body leaves alone, and the counter; a `continue` would skip the step.)
  if (!onlyReads(facts, loop.expression) || facts.holdsTaskCall(loop.expression) || mentionsAny(ts, loop.expression, assigned) ||
    !mentionsAny(ts, loop.expression, new Set([counter.name.text])) || stepsAway(facts, loop.expression, counter.name.text, counter.step.expression) ||
    continuesLoop(ts, loop)) return undefined;
  // A variable of the function around the loop that no function inside it names: nothing but the loop changes it
  // while a pass runs (rv75's r-while-getter: a getter the body read stepped it too; r-dowhile-tdz: a module `let`
  // read before its declaration ran).
  const symbol = ctx.checker.getSymbolAtLocation(counter.name);
  const declaration = symbol?.valueDeclaration;
  if (!symbol || !declaration || !(ts.isVariableDeclaration(declaration) || ts.isParameter(declaration))) return undefined;
  const home = functionAround(ts, loop);
  if (functionAround(ts, declaration) !== home || facts.references(symbol).some((ref) => functionAround(ts, ref) !== home)) return undefined;
  return { names: new Set([counter.name.text]), once: false, counter };
}

/** The function (or the file) whose code `node` is. */
function functionAround(t: typeof ts, node: ts.Node): ts.Node {
  let n = node.parent;
  while (n && !t.isFunctionLike(n) && !t.isSourceFile(n) && !t.isClassStaticBlockDeclaration(n)) n = n.parent;
  return n;
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
  // (A condition not naming the counter, `for (let i = 0; ; i++)` left by a `break`, would have the first pass submit for
  // ever; a step by what the body changes, `i += d`, would step it otherwise in the first pass: rv75's r-forinf, r-forstepvar.)
  if (assigned.has(i) || mentionsAny(ts, loop.condition, assigned) || !mentionsAny(ts, loop.condition, new Set([i])) || mentionsAny(ts, step, assigned) ||
    stepsAway(facts, loop.condition, i, step)) return undefined;
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
