/**
 * Expressions whose evaluation only reads: names, literals, property and element reads the language itself answers,
 * operators on primitives, and the language's own functions of numbers and strings (`Math.sqrt(x)`, `n.toFixed(2)`).
 * Evaluating such an expression earlier or later than the plain program did cannot be told apart, which is what lets
 * the plugin submit several tasks before the first value is used (split-callbacks.ts, batched-values.ts,
 * split-loops.ts).
 */
import type * as ts from 'typescript';
import { isPlainConstruction } from './plain-constructions';
import { calledFunction, hasPrimitiveElements, isArrayLikeType, isPrimitiveNode, isPrimitiveType, isTypedArrayType, qualifiedName, symbolOf, type AnalysisContext } from '../analysis/context';
import type { TaskInfo } from '../analysis/discover';
import { isAssignmentOperator } from '../analysis/expressions';
import { READING_METHODS } from '../analysis/builtins';
import type { FileFacts } from './file-facts';
import { isReadingStringify, readsOwnPropertiesQuietly } from './json-reads';
import { isLibrary } from './library-uses';
import { runtimeShapes } from './runtime-shapes';
import { isContainedHelperCall } from './contained-code';
import { skipTransparent } from './syntax';
import { overridingMethods } from '../analysis/overrides';

/**
 * A task whose calls may be submitted before earlier values are used: silent (prints.ts) and reading every object
 * it is given (`in`), so nobody can tell the order, even when one of them fails. Not one reading module state the
 * program changes: its snapshot is taken at the submission, before the statements that change it would have run.
 */
export function isReorderable(task: TaskInfo): boolean {
  // (`quiet` last: it is a scan of all the task runs, found on first read: discover.ts.)
  return task.params.every((p) => p.direction === 'in') && !task.moduleState?.length && task.quiet === true;
}

/**
 * A reorderable task whose call may be made ahead of its turn and its value taken later: synchronous (an async task's
 * call is a Promise in plain code) and never handing back an argument (the caller's own object).
 */
export function mayRunAhead(ctx: AnalysisContext, task: TaskInfo): boolean {
  return isReorderable(task) && !givesPromise(ctx, task.fn) && task.returnsArgument === undefined;
}

/**
 * The same, also for a task that reads module state (never changes it): reorderable where nothing between its calls
 * can change that state, as in a callback that only reads (split-callbacks.ts, with no store).
 */
export function isReorderableAmongReads(task: TaskInfo): boolean {
  return task.params.every((p) => p.direction === 'in') && !task.moduleState?.some((state) => state.changes) && task.quiet === true;
}

/** The whole expression only reads (every node of it, see onlyReadsItself). */
export function onlyReads(facts: FileFacts, node: ts.Node): boolean {
  return onlyReadsThroughArrows(facts, node, 0);
}

/**
 * The same, where a call of a `const` arrow of the program whose body is an expression that only reads (`const get =
 * (k) => groups.get(k)!`, followed a few levels) reads too: `total(get(k))` in a map's callback. So does a call of a
 * method of the program's class that no subclass overrides and whose body only returns such an expression
 * (`last() { return this.xs[this.xs.length - 1]; }`: np70's min-method-template, `${s.last()} ${s.score()}`).
 */
export function onlyReadsThroughArrows(facts: FileFacts, node: ts.Node, depth = 3): boolean {
  const { ts } = facts;
  if (ts.isCallExpression(node) && depth > 0 && !node.questionDotToken && !facts.taskOf(node)) {
    const body = readingArrowOf(facts, node.expression)?.body ?? readingMethodOf(facts, node.expression);
    if (body) return onlyReadsThroughArrows(facts, body, depth - 1) && onlyReadsThroughArrows(facts, node.expression, depth) &&
      node.arguments.every((arg) => onlyReadsThroughArrows(facts, arg, depth));
  }
  return onlyReadsItself(facts, node) && !ts.forEachChild(node, (child) => !onlyReadsThroughArrows(facts, child, depth) || undefined);
}

/** `get` of `const get = (k) => …`: a constant arrow of the program with an expression body and no defaults. */
function readingArrowOf(facts: FileFacts, callee: ts.Expression): (ts.ArrowFunction & { body: ts.Expression }) | undefined {
  const { ts, ctx } = facts;
  if (!ts.isIdentifier(callee)) return undefined;
  const declaration = ctx.checker.getSymbolAtLocation(callee)?.valueDeclaration;
  if (!declaration || !ts.isVariableDeclaration(declaration) || !(ts.getCombinedNodeFlags(declaration) & ts.NodeFlags.Const)) return undefined;
  const arrow = declaration.initializer;
  if (!arrow || !ts.isArrowFunction(arrow) || ts.isBlock(arrow.body) || arrow.modifiers?.length ||
    arrow.parameters.some((p) => p.initializer || p.dotDotDotToken || !ts.isIdentifier(p.name))) return undefined;
  return arrow as ts.ArrowFunction & { body: ts.Expression };
}

/**
 * What `recv.last()` returns, when the method is one of the program's classes (not a declaration file's), undecorated,
 * overridden by no subclass, with plain parameters, and its body is `return <expression>` alone.
 */
function readingMethodOf(facts: FileFacts, callee: ts.Expression): ts.Expression | undefined {
  const { ts, ctx } = facts;
  if (!ts.isPropertyAccessExpression(callee) || callee.questionDotToken) return undefined;
  const method = symbolOf(ctx, callee.name)?.valueDeclaration;
  if (!method || !ts.isMethodDeclaration(method) || !ts.isClassLike(method.parent) || method.getSourceFile().isDeclarationFile ||
    method.asteriskToken || method.modifiers?.some((m) => m.kind === ts.SyntaxKind.AsyncKeyword || ts.isDecorator(m)) ||
    method.parameters.some((p) => p.initializer || p.dotDotDotToken || !ts.isIdentifier(p.name)) || overridingMethods(ctx, callee) !== undefined) return undefined;
  const only = method.body?.statements.length === 1 ? method.body.statements[0] : undefined;
  return only && ts.isReturnStatement(only) && only.expression ? only.expression : undefined;
}

/**
 * A task argument that may be evaluated early: `a`, `3`, `'s'`, `this.rows`, `cfg.n`, `rows[i]` of an array, with
 * no getter; arithmetic and templates of those, new arrays and objects of them, copies the language makes from them
 * (`A.slice(lo, hi)`); `isOuter` says which names may appear (a loop's own names may not).
 */
export function isSimpleArgument(facts: FileFacts, arg: ts.Expression, isOuter: (id: ts.Identifier) => boolean = () => true): boolean {
  const { ts } = facts;
  if (ts.isLiteralExpression(arg) || arg.kind === ts.SyntaxKind.ThisKeyword) return true;
  if (ts.isIdentifier(arg)) return isOuter(arg);
  if (ts.isPropertyAccessExpression(arg)) return !arg.questionDotToken && onlyReadsItself(facts, arg) && isSimpleArgument(facts, arg.expression, isOuter);
  if (ts.isElementAccessExpression(arg)) {
    return !arg.questionDotToken && onlyReadsItself(facts, arg) && isSimpleArgument(facts, arg.expression, isOuter) &&
      isSimpleArgument(facts, arg.argumentExpression, isOuter);
  }
  // `lo + CHUNK`, `-x`, `(i * n)`: arithmetic on numbers (or strings) of simple arguments calls nothing.
  if (ts.isParenthesizedExpression(arg)) return isSimpleArgument(facts, arg.expression, isOuter);
  const primitive = (e: ts.Expression) => isPrimitiveNode(facts.ctx, e) && isSimpleArgument(facts, e, isOuter);
  if (ts.isPrefixUnaryExpression(arg)) {
    return (arg.operator === ts.SyntaxKind.MinusToken || arg.operator === ts.SyntaxKind.PlusToken || arg.operator === ts.SyntaxKind.TildeToken ||
      arg.operator === ts.SyntaxKind.ExclamationToken) && primitive(arg.operand);
  }
  if (ts.isBinaryExpression(arg)) {
    const op = arg.operatorToken.kind;
    return !isAssignmentOperator(ts, op) && op !== ts.SyntaxKind.CommaToken &&
      primitive(arg.left) && primitive(arg.right);
  }
  // `[i, i * 10]`, `{ lo, hi: lo + n }`: a new array or object of simple values.
  // (`[...xs, 0]`, `[...word]`: an array's or a string's own iterator runs no code; `{ ...s, m: 0 }` copies own properties, which runs code only
  // through getters and proxies the program makes: json-reads.ts.)
  if (ts.isArrayLiteralExpression(arg)) {
    return arg.elements.every((e) => ts.isSpreadElement(e)
      ? (isLanguageArray(facts.ctx, e.expression) || isStringNode(facts, e.expression)) && isSimpleArgument(facts, e.expression, isOuter)
      : isSimpleArgument(facts, e, isOuter));
  }
  if (ts.isObjectLiteralExpression(arg)) {
    return arg.properties.every((p) => (ts.isPropertyAssignment(p) && !ts.isComputedPropertyName(p.name) && isSimpleArgument(facts, p.initializer, isOuter)) ||
      (ts.isShorthandPropertyAssignment(p) && !p.objectAssignmentInitializer && isSimpleArgument(facts, p.name, isOuter)) ||
      (ts.isSpreadAssignment(p) && readsOwnPropertiesQuietly(facts) && isSimpleArgument(facts, p.expression, isOuter)));
  }
  // `` `part ${i}` ``: a string of primitives.
  if (ts.isTemplateExpression(arg)) return arg.templateSpans.every((span) => primitive(span.expression));
  // `n % 2 === 0 ? a : b`: a choice of simple values by a simple condition (np69's min-ternary-arg-split).
  if (ts.isConditionalExpression(arg)) {
    return isSimpleArgument(facts, arg.condition, isOuter) && isSimpleArgument(facts, arg.whenTrue, isOuter) && isSimpleArgument(facts, arg.whenFalse, isOuter);
  }
  if (ts.isAsExpression(arg) || ts.isNonNullExpression(arg) || ts.isSatisfiesExpression(arg)) return isSimpleArgument(facts, arg.expression, isOuter);
  // `ks.get(u)`, `seen.has(k)`: a lookup in the language's Map or Set, as an element access is (np22's r22).
  if (ts.isCallExpression(arg) && isCollectionLookup(facts, arg)) {
    return isSimpleArgument(facts, (arg.expression as ts.PropertyAccessExpression).expression, isOuter) && arg.arguments.every((a) => isSimpleArgument(facts, a, isOuter));
  }
  // `Math.min(xs.length, f + 4)`: the language's arithmetic on simple arguments.
  if (ts.isCallExpression(arg) && qualifiedName(ts, arg.expression)?.startsWith('Math.') && !facts.taskOf(arg)) {
    // (`Math.min(...l)`: the spread of an array of numbers runs no code.)
    return arg.arguments.every((a) => ts.isSpreadElement(a)
      ? hasPrimitiveElements(facts.ctx, a.expression) && isSimpleArgument(facts, a.expression, isOuter) : isSimpleArgument(facts, a, isOuter));
  }
  if (ts.isCallExpression(arg) && isSimpleHelperCall(facts, arg, isOuter)) return true;
  // `fromFen(fen)`: a helper of several statements that reads only what it is given and makes fresh values.
  if (ts.isCallExpression(arg) && isContainedHelperCall(facts, arg, (a) => isSimpleArgument(facts, a, isOuter))) return true;
  return ts.isCallExpression(arg) && isCopyOfSimple(facts, arg, isOuter);
}

/** Helpers being asked about (a recursive one is not simple). */
const askingHelpers = new Set<ts.Node>();

/**
 * `channel(buf, c)` with `const channel = (b, c) => b.subarray(c * n, (c + 1) * n)`: a function of the program whose
 * body is one simple expression of its parameters (a `return` alone, or an arrow's expression), given simple
 * arguments, is as simple as its expression written out (np23's r47).
 */
function isSimpleHelperCall(facts: FileFacts, call: ts.CallExpression, isOuter: (id: ts.Identifier) => boolean): boolean {
  const { ts, ctx } = facts;
  if (!ts.isIdentifier(call.expression) || call.questionDotToken || facts.taskOf(call)) return false;
  const fn = calledFunction(ctx, call);
  if (!fn || !(ts.isArrowFunction(fn) || ts.isFunctionExpression(fn) || ts.isFunctionDeclaration(fn)) || !fn.body || askingHelpers.has(fn) ||
    (ts.getCombinedModifierFlags(fn) & ts.ModifierFlags.Async) || (fn as ts.FunctionDeclaration).asteriskToken ||
    fn.parameters.some((p) => !ts.isIdentifier(p.name) || p.initializer || p.dotDotDotToken) || !call.arguments.every((a) => !ts.isSpreadElement(a) && isSimpleArgument(facts, a, isOuter))) return false;
  const body = fn.body;
  const single = ts.isBlock(body) ? (body.statements.length === 1 && ts.isReturnStatement(body.statements[0]) ? body.statements[0].expression : undefined) : body;
  if (!single) return false;
  // Its parameters, and constants holding primitives (`N` of `const N = 100_000`), which nothing can change.
  const own = (id: ts.Identifier): boolean => {
    // (symbolOf: `({ k })` names the parameter k, not the property, tester #26's r17.)
    const declaration = symbolOf(ctx, id)?.valueDeclaration;
    return fn.parameters.some((p) => p === declaration) || (declaration !== undefined && ts.isVariableDeclaration(declaration) &&
      (ts.getCombinedNodeFlags(declaration) & ts.NodeFlags.Const) !== 0 && isPrimitiveNode(ctx, id));
  };
  askingHelpers.add(fn);
  try {
    return isSimpleArgument(facts, single, own);
  } finally {
    askingHelpers.delete(fn);
  }
}

/** `m.get(k)`, `m.has(k)`, `s.has(v)` of the standard library's Map or Set (no override of the program's): runs no code. */
function isCollectionLookup(facts: FileFacts, call: ts.CallExpression): boolean {
  const { ts } = facts;
  const callee = call.expression;
  return ts.isPropertyAccessExpression(callee) && !callee.questionDotToken && !call.questionDotToken && (callee.name.text === 'get' || callee.name.text === 'has') &&
    call.arguments.length === 1 && !ts.isSpreadElement(call.arguments[0]) && /^(Readonly)?(Map|Set)$/.test(facts.ctx.checker.getTypeAtLocation(callee.expression).getSymbol()?.getName() ?? '') &&
    isLibrary(facts.ctx, callee) && !facts.taskOf(call);
}

/** A string, whatever its literal type (not a number: `[...5]` throws). */
function isStringNode(facts: FileFacts, node: ts.Expression): boolean {
  const type = facts.ctx.checker.getTypeAtLocation(node);
  const parts = type.isUnion() ? type.types : [type];
  return parts.every((t) => (t.flags & facts.ts.TypeFlags.StringLike) !== 0);
}

/** An array, tuple or typed array: the language's own methods and iterator. */
function isLanguageArray(ctx: AnalysisContext, node: ts.Expression): boolean {
  // (`readonly [1] | readonly [2]`: a member of an `as const` record, tester #26's r12.)
  const isArray = (type: ts.Type): boolean => type.isUnion() ? type.types.every(isArray) : isArrayLikeType(ctx, type);
  return isArray(ctx.checker.getTypeAtLocation(node));
}

/**
 * `A.slice(lo, hi)`, `xs.map((y, x) => [x, y])`, `s.split(',')`: a copy made from a simple receiver by the language's
 * own reading method (builtins.ts READING_METHODS), with simple arguments or an arrow that only reads its parameters
 * and outer names (run earlier than in the plain program, such code cannot be told apart).
 */
function isCopyOfSimple(facts: FileFacts, call: ts.CallExpression, isOuter: (id: ts.Identifier) => boolean): boolean {
  const { ts, ctx } = facts;
  const callee = call.expression;
  if (!ts.isPropertyAccessExpression(callee) || callee.questionDotToken || call.questionDotToken || !READING_METHODS.has(callee.name.text)) return false;
  const receiver = ctx.checker.getTypeAtLocation(callee.expression);
  const languageValue = isLanguageArray(ctx, callee.expression) || (receiver.flags & ts.TypeFlags.StringLike) !== 0;
  if (!languageValue || facts.taskOf(call) || !isSimpleArgument(facts, callee.expression, isOuter)) return false;
  return call.arguments.every((arg) => {
    if (!ts.isArrowFunction(arg)) return isSimpleArgument(facts, arg, isOuter);
    if (ts.isBlock(arg.body) || !arg.parameters.every((p) => ts.isIdentifier(p.name) && !p.initializer && !p.dotDotDotToken)) return false;
    const own = new Set(arg.parameters.map((p) => (p.name as ts.Identifier).text));
    return onlyReads(facts, arg.body) && namesOnly(ts, arg.body, (id) => own.has(id.text) || isOuter(id));
  });
}

/** Every identifier read in `node` passes `allowed` (property names are not reads). */
function namesOnly(t: typeof ts, node: ts.Node, allowed: (id: ts.Identifier) => boolean): boolean {
  if (t.isIdentifier(node)) return (t.isPropertyAccessExpression(node.parent) && node.parent.name === node) || allowed(node);
  return !t.forEachChild(node, (child) => !namesOnly(t, child, allowed) || undefined);
}

/** The node's own step only reads (its children are judged on their own): no call of the program, no write. */
export function onlyReadsItself(facts: FileFacts, n: ts.Node): boolean {
  const { ts, ctx } = facts;
  const K = ts.SyntaxKind;
  if (ts.isCallExpression(n)) {
    // `Math.sqrt(…)`, `n.toFixed(2)`, `s.padStart(4)`: the language's own functions of numbers and strings; JSON.stringify
    // of a program with no code it would run (json-reads.ts).
    const name = qualifiedName(ts, n.expression);
    const ofPrimitive = ts.isPropertyAccessExpression(n.expression) && isPrimitiveNode(ctx, n.expression.expression);
    // `c.join(' ')`, `xs.includes(3)` of the language's arrays of numbers or strings: no element's code runs.
    const ofPrimitiveArray = ts.isPropertyAccessExpression(n.expression) && READING_METHODS.has(n.expression.name.text) &&
      hasPrimitiveElements(ctx, n.expression.expression) && isLibrary(ctx, n.expression);
    // `Object.keys(o)`: names only, no getter runs (a Proxy's ownKeys trap would: runtime-shapes.ts).
    const keys = name === 'Object.keys' && !runtimeShapes(ctx).hiddenAccessors && isLibrary(ctx, n.expression);
    // `String(i)`, `Number(s)`, `Boolean(v)` of a number or string: a conversion (of an object it calls toString or valueOf).
    const converts = (name === 'String' || name === 'Number' || name === 'Boolean') &&
      n.arguments.every((arg) => isPrimitiveNode(ctx, arg) || isCaughtError(facts, arg)) && isLibrary(ctx, n.expression);
    return (name?.startsWith('Math.') || ofPrimitive || ofPrimitiveArray || keys || converts || isReadingStringify(facts, n) || isCollectionLookup(facts, n)) && !facts.taskOf(n);
  }
  // (A record class's construction makes a fresh object of its arguments: plain-constructions.ts.)
  if (ts.isNewExpression(n) && isPlainConstruction(facts, n)) return true;
  if (ts.isFunctionLike(n) || ts.isNewExpression(n) || ts.isAwaitExpression(n) || ts.isYieldExpression(n) ||
    ts.isDeleteExpression(n) || ts.isTaggedTemplateExpression(n) || ts.isClassExpression(n)) return false;
  if (ts.isBinaryExpression(n)) {
    const op = n.operatorToken.kind;
    if (isAssignmentOperator(ts, op)) return false;
    // Operators that call nothing on their operands; any other calls an object operand's valueOf or toString.
    const identity = op === K.EqualsEqualsEqualsToken || op === K.ExclamationEqualsEqualsToken || op === K.AmpersandAmpersandToken ||
      op === K.BarBarToken || op === K.QuestionQuestionToken || op === K.CommaToken;
    return identity || (isPrimitiveNode(ctx, n.left) && isPrimitiveNode(ctx, n.right)) ||
      (op === K.InstanceOfKeyword && isPlainClass(facts, n.right));
  }
  if ((ts.isPrefixUnaryExpression(n) || ts.isPostfixUnaryExpression(n)) &&
    (n.operator === K.PlusPlusToken || n.operator === K.MinusMinusToken)) return false;
  // A getter would run its code in another order.
  if ((ts.isPropertyAccessExpression(n) || ts.isElementAccessExpression(n)) && mayRunCode(facts, n)) return false;
  // An object in a template calls its toString.
  if (ts.isTemplateExpression(n)) return n.templateSpans.every((span) => isPrimitiveNode(ctx, span.expression) || isCaughtError(facts, span.expression));
  return true;
}

/**
 * `e instanceof RangeError`, `e instanceof ParseError`: a class of the language's or one the program declares, in a
 * program that names no `Symbol.hasInstance` (an inherited static one would run too: rv72's r-hasinstance), so the
 * test runs no code of the program.
 */
function isPlainClass(facts: FileFacts, expr: ts.Expression): boolean {
  const { ts, ctx } = facts;
  if (!ts.isIdentifier(expr) || runtimeShapes(ctx).hasInstance) return false;
  if (isLibrary(ctx, expr)) return true;
  // (Through an import to the class: np69's min-instanceof-imported-class.)
  const declarations = symbolOf(ctx, expr)?.declarations ?? [];
  return declarations.length > 0 && declarations.every((d) => ts.isClassDeclaration(d));
}

/** What a caught error is read for: its own fields, no getter of the program's. */
const ERROR_FIELDS = new Set(['message', 'name', 'stack', 'code', 'cause']);

/**
 * `e` of `catch (e)`, in a program that gives no object a conversion of its own (`toString`, `valueOf`,
 * `Symbol.toPrimitive`), makes no hidden accessor and declares none of an error's field names: whatever was thrown (the
 * language's errors, a task's failure rebuilt with its class, a value the program threw), its conversions (`String(e)`,
 * `${e}`) and its fields (`e.message`) run no code of the program that could change what a later call reads. (rv72's
 * r-outer-catch, r-error-tostring, r-error-getter: a thrown object's `toString` or `get code()` that changed state.)
 */
function isCaughtError(facts: FileFacts, expr: ts.Expression): boolean {
  const { ts, ctx } = facts;
  const inner = skipTransparent(ts, expr);
  if (!ts.isIdentifier(inner)) return false;
  const shapes = runtimeShapes(ctx);
  if (shapes.conversionHooks || shapes.hiddenAccessors || [...ERROR_FIELDS].some((field) => shapes.accessorNames.has(field))) return false;
  const declaration = ctx.checker.getSymbolAtLocation(inner)?.valueDeclaration;
  return declaration !== undefined && ts.isVariableDeclaration(declaration) && ts.isCatchClause(declaration.parent);
}

/** Reading the property may run code: a getter, or a value whose type does not say (`any`). */
function mayRunCode(facts: FileFacts, access: ts.PropertyAccessExpression | ts.ElementAccessExpression): boolean {
  const { ts, ctx } = facts;
  const receiver = ctx.checker.getTypeAtLocation(access.expression);
  // `a[i]` of an array or typed array: the language's own, no code of the program.
  // `Phase[p]`: an enum's reverse mapping. `counts[k]` of a record (an index signature): its values, like `counts.total`'s.
  if (ts.isElementAccessExpression(access)) {
    const enumObject = (receiver.getSymbol()?.flags ?? 0) & ts.SymbolFlags.Enum;
    return !(ctx.checker.isArrayType(receiver) || ctx.checker.isTupleType(receiver) || isTypedArrayType(ctx, receiver) || enumObject ||
      ctx.checker.getIndexInfosOfType(receiver).length > 0);
  }
  if (ts.isIdentifier(access.name) && ERROR_FIELDS.has(access.name.text) && isCaughtError(facts, access.expression)) return false;
  const symbol = ctx.checker.getSymbolAtLocation(access.name);
  return symbol === undefined || (symbol.flags & ts.SymbolFlags.GetAccessor) !== 0;
}

/** `xs`, `this.items`, `state.rows`: reading it again gives the same array. */
export function isPlainName(t: typeof ts, expr: ts.Expression): boolean {
  if (t.isIdentifier(expr) || expr.kind === t.SyntaxKind.ThisKeyword) return true;
  return t.isPropertyAccessExpression(expr) && !expr.questionDotToken && isPlainName(t, expr.expression);
}

/**
 * `console.log(…)`: printing. Moved after later submissions it still comes out in the plain program's order: the
 * runtime places it after the call the moved code has reached (`__taskify.reached`, output/program-order.ts).
 */
export function isPrint(t: typeof ts, call: ts.CallExpression): boolean {
  const callee = call.expression;
  return t.isPropertyAccessExpression(callee) && t.isIdentifier(callee.expression) && callee.expression.text === 'console' &&
    ['log', 'info', 'warn', 'error'].includes(callee.name.text);
}

/**
 * `console.log('smoothed', img.name)`: the console printing strings and numbers, looking at no object. The runtime
 * keeps output in program order with the tasks' and drops what follows a failed task (runtime/output), so such a
 * print need wait for no task before it, as it need not for any submitted call.
 */
export function printsPrimitives(ctx: AnalysisContext, call: ts.CallExpression): boolean {
  const { ts, checker } = ctx;
  const callee = skipTransparent(ts, call.expression);
  const receiver = ts.isPropertyAccessExpression(callee) || ts.isElementAccessExpression(callee) ? callee.expression : undefined;
  if (!receiver || !ts.isIdentifier(receiver) || receiver.text !== 'console' || !isLibrary(ctx, receiver)) return false;
  return call.arguments.every((arg) => !ts.isSpreadElement(arg) && isPrimitiveType(ctx, checker.getTypeAtLocation(arg)) &&
    isPrimitiveType(ctx, checker.getTypeAtLocation(skipTransparent(ts, arg))));
}

/** An async function, or one declared to return a Promise (`later(x): Promise<number> { return Promise.resolve(…) }`). */
export function givesPromise(ctx: AnalysisContext, fn: ts.SignatureDeclaration): boolean {
  const { ts, checker } = ctx;
  if ((ts.getCombinedModifierFlags(fn) & ts.ModifierFlags.Async) !== 0) return true;
  const signature = checker.getSignatureFromDeclaration(fn);
  return signature !== undefined && checker.getReturnTypeOfSignature(signature).getSymbol()?.getName() === 'Promise';
}

