/**
 * What every analysis needs, built once per program: the compiler instance (the one ts-patch or the CLI loaded,
 * never a second copy), the program and its type checker.
 */
import { rootIdentifier } from './expressions';
import { calleeNames } from './callee-names';
import { elementsAsTyped } from './inferred-elements';
import { memoizedChecker } from './checker-memo';
import { plainNamespace } from './plain-namespace';
import { isDeclaredArray } from './declared-arrays';
import type * as ts from 'typescript';

export interface AnalysisContext {
  readonly ts: typeof ts;
  readonly program: ts.Program;
  readonly checker: ts.TypeChecker;
}

export function createContext(tsInstance: typeof ts, program: ts.Program): AnalysisContext {
  return { ts: plainNamespace(tsInstance), program, checker: memoizedChecker(program) };
}

export type FunctionLike = ts.FunctionDeclaration | ts.FunctionExpression | ts.ArrowFunction | ts.MethodDeclaration;

export function isFunctionLike(ctx: AnalysisContext, node: ts.Node): node is FunctionLike {
  // (Asked of every node of every walk: one switch on the kind.)
  const K = ctx.ts.SyntaxKind;
  switch (node.kind) {
    case K.FunctionDeclaration: case K.FunctionExpression: case K.ArrowFunction: case K.MethodDeclaration: return true;
    default: return false;
  }
}

/** Values of these types are copied when passed: they cannot be written through a parameter. */
export function isPrimitiveType(ctx: AnalysisContext, type: ts.Type): boolean {
  const { ts } = ctx;
  if (type.isUnion()) return type.types.every((t) => isPrimitiveType(ctx, t));
  const primitive = ts.TypeFlags.NumberLike | ts.TypeFlags.StringLike | ts.TypeFlags.BooleanLike | ts.TypeFlags.BigIntLike |
    ts.TypeFlags.Undefined | ts.TypeFlags.Null | ts.TypeFlags.Void | ts.TypeFlags.EnumLike | ts.TypeFlags.ESSymbolLike;
  return (type.flags & primitive) !== 0;
}

/**
 * `{ ...counts }` of a `Record<string, number>` or `{ n: number; s: string }`: every property (and index signature)
 * holds a primitive, so a spread copies values and keeps nothing of the object.
 */
export function hasPrimitiveProperties(ctx: AnalysisContext, node: ts.Node): boolean {
  const { checker } = ctx;
  const type = checker.getTypeAtLocation(node);
  if (type.isUnion() || (type.flags & ctx.ts.TypeFlags.Object) === 0 || checker.isArrayType(type) || checker.isTupleType(type)) return false;
  if (!checker.getIndexInfosOfType(type).every((info) => isPrimitiveType(ctx, info.type))) return false;
  return checker.getPropertiesOfType(type).every((p) => !(p.flags & ctx.ts.SymbolFlags.Method) && isPrimitiveType(ctx, checker.getTypeOfSymbol(p)));
}

/**
 * Answers per type checker (one program): the analyses ask the same question of one node many times (reach, uses,
 * blockers, containers), and the checker does not keep the answer for an expression (it checks it, and follows its
 * control flow, again at each call). Keyed by checker so that nodes shared by two programs (the standard library)
 * never get another program's answer.
 */
const primitiveNodes = new WeakMap<ts.TypeChecker, WeakMap<ts.Node, boolean>>();
const nodeSymbols = new WeakMap<ts.TypeChecker, WeakMap<ts.Node, ts.Symbol | null>>();

function memoOf<V>(memos: WeakMap<ts.TypeChecker, WeakMap<ts.Node, V>>, checker: ts.TypeChecker): WeakMap<ts.Node, V> {
  let memo = memos.get(checker);
  if (!memo) { memo = new WeakMap(); memos.set(checker, memo); }
  return memo;
}

export function isPrimitiveNode(ctx: AnalysisContext, node: ts.Node): boolean {
  if (isLiteralArgument(ctx.ts, node)) return true;
  const memo = memoOf(primitiveNodes, ctx.checker);
  let primitive = memo.get(node);
  if (primitive === undefined) {
    primitive = !isDeclaredArray(ctx, node) && isPrimitiveType(ctx, ctx.checker.getTypeAtLocation(node)) && !belied(ctx, node);
    memo.set(node, primitive);
  }
  return primitive;
}

/**
 * An element of a variable whose inferred element type an `any` belies (`l[0]`, `for (const x of l)`'s x, after
 * `var l = [0]; l.push(p)`): typed a number, it may be p (inferred-elements.ts); or a narrowed `let` (narrowedLet).
 */
function belied(ctx: AnalysisContext, node: ts.Node): boolean {
  const { ts } = ctx;
  if (ts.isElementAccessExpression(node)) return !elementsAsTyped(ctx, node.expression);
  if (!ts.isIdentifier(node)) return false;
  if (narrowedLet(ctx, node)) return true;
  const declaration = symbolOf(ctx, node)?.valueDeclaration;
  const loop = declaration && ts.isVariableDeclaration(declaration) ? declaration.parent.parent : undefined;
  return loop !== undefined && ts.isForOfStatement(loop) && !elementsAsTyped(ctx, loop.expression);
}

/**
 * A `let` narrowed by the checker's flow to what it was given, `let t: It | null = null` read as `null`, though declared
 * to hold objects: a function may have assigned it one since, which the flow does not see (np49's p07 c4:
 * `set(xs[2]); (t as It)!.v = 4`).
 */
function narrowedLet(ctx: AnalysisContext, name: ts.Identifier): boolean {
  const { ts } = ctx;
  const symbol = symbolOf(ctx, name);
  const declaration = symbol?.valueDeclaration;
  return declaration !== undefined && ts.isVariableDeclaration(declaration) && !(ts.getCombinedNodeFlags(declaration) & ts.NodeFlags.Const) &&
    !isPrimitiveType(ctx, ctx.checker.getTypeOfSymbol(symbol!));
}

/**
 * `fill(1)`, `f(x, 'a')`: a literal passed to a call has its literal type, a primitive, whatever the call. The checker
 * would resolve the whole call again to find the literal's contextual type.
 */
function isLiteralArgument(t: typeof ts, node: ts.Node): boolean {
  const parent = node.parent;
  switch (node.kind) {
    case t.SyntaxKind.NumericLiteral: case t.SyntaxKind.BigIntLiteral: case t.SyntaxKind.StringLiteral:
    case t.SyntaxKind.NoSubstitutionTemplateLiteral: case t.SyntaxKind.TrueKeyword: case t.SyntaxKind.FalseKeyword:
      return parent !== undefined && (t.isCallExpression(parent) || t.isNewExpression(parent)) && parent.expression !== node &&
        (parent.arguments?.includes(node as ts.Expression) ?? false);
    default:
      return false;
  }
}

/** Per type (a type belongs to one checker): typeToString prints afresh at each call, and every `n: number` parameter asks. */
const primitiveNames = new WeakMap<ts.Type, string>();

export function primitiveName(ctx: AnalysisContext, type: ts.Type): string {
  let name = primitiveNames.get(type);
  if (name === undefined) { name = ctx.checker.typeToString(ctx.checker.getBaseTypeOfLiteralType(type)); primitiveNames.set(type, name); }
  return name;
}

/** The symbol a declaration name or identifier stands for (aliases through imports resolved). */
export function symbolOf(ctx: AnalysisContext, node: ts.Node): ts.Symbol | undefined {
  const memo = memoOf(nodeSymbols, ctx.checker);
  let symbol = memo.get(node);
  if (symbol === undefined) { symbol = resolveSymbol(ctx, node) ?? null; memo.set(node, symbol); }
  return symbol ?? undefined;
}

function resolveSymbol(ctx: AnalysisContext, node: ts.Node): ts.Symbol | undefined {
  // `{ a }` names the property and reads the variable: the reference is to the variable's value.
  const parent = node.parent;
  const symbol = parent && ctx.ts.isShorthandPropertyAssignment(parent) && parent.name === node
    ? ctx.checker.getShorthandAssignmentValueSymbol(parent) : ctx.checker.getSymbolAtLocation(node);
  if (symbol && symbol.flags & ctx.ts.SymbolFlags.Alias) return ctx.checker.getAliasedSymbol(symbol);
  return symbol;
}

/** The names a parameter or variable binds (destructuring included). */
export function boundNames(ctx: AnalysisContext, name: ts.BindingName): ts.Identifier[] {
  const { ts } = ctx;
  if (ts.isIdentifier(name)) return [name];
  const names: ts.Identifier[] = [];
  for (const element of name.elements) if (!ts.isOmittedExpression(element)) names.push(...boundNames(ctx, element.name));
  return names;
}

const TYPED_ARRAY_NAME = /^(Big)?(Int|Uint|Float)(8|16|32|64)(Clamped)?Array$/;

export function isTypedArrayType(ctx: AnalysisContext, type: ts.Type): boolean {
  return TYPED_ARRAY_NAME.test(type.getSymbol()?.getName() ?? '');
}

/**
 * `a.length`, `a.byteLength` of a typed array `a`: fixed when the array was made, so no task changes it and reading it
 * waits for none (a resizable buffer's length-tracking view aside, which no task argument is).
 */
export function isFixedLengthRead(ctx: AnalysisContext, object: ts.Expression): boolean {
  const { ts } = ctx;
  const parent = object.parent;
  return ts.isPropertyAccessExpression(parent) && parent.expression === object && (parent.name.text === 'length' || parent.name.text === 'byteLength') &&
    isTypedArrayType(ctx, ctx.checker.getTypeAtLocation(object));
}

/** An array, a tuple or a typed array. */
export function isArrayLikeType(ctx: AnalysisContext, type: ts.Type): boolean {
  return ctx.checker.isArrayType(type) || ctx.checker.isTupleType(type) || isTypedArrayType(ctx, type);
}

// (And their iterators, `m.keys()`: what they yield is what the collection holds.)
const KEYED_COLLECTION_NAME = /^(Readonly)?(Map|Set)$|^(Map|Set|Array)Iterator$/;

/**
 * The expression's value is a typed array, an array of primitives, or a Map/Set whose keys and values are
 * primitives: a copy of it shares no objects.
 */
export function hasPrimitiveElements(ctx: AnalysisContext, expr: ts.Expression): boolean {
  const type = ctx.checker.getTypeAtLocation(expr);
  if (isTypedArrayType(ctx, type)) return true;
  if (KEYED_COLLECTION_NAME.test(type.getSymbol()?.getName() ?? '')) {
    const members = ctx.checker.getTypeArguments(type as ts.TypeReference);
    return members.length > 0 && members.every((member) => isPrimitiveType(ctx, member)) && elementsAsTyped(ctx, expr);
  }
  // An array's elements, or a record's values (`Record<string, number>`: every property a number).
  const element = ctx.checker.getIndexTypeOfType(type, ctx.ts.IndexKind.Number) ?? ctx.checker.getIndexTypeOfType(type, ctx.ts.IndexKind.String);
  // (`var l = [0]; l.push(p)`: an inferred element type an `any` belies: inferred-elements.ts.)
  return element !== undefined && isPrimitiveType(ctx, element) && elementsAsTyped(ctx, expr);
}

/** A source file of the program itself: not a declaration file, not a library's (installed under node_modules). */
export function isOwnSourceFile(ctx: AnalysisContext, file: ts.SourceFile): boolean {
  return !file.isDeclarationFile && !ctx.program.isSourceFileFromExternalLibrary(file) && !/[\\/]node_modules[\\/]/.test(file.fileName);
}

/** `Object`, `Math`, `Reflect`, `console`: a namespace of the standard library, which keeps nothing it is given. */
export function isLibraryGlobal(ctx: AnalysisContext, expr: ts.Expression): boolean {
  // (`out.add`: the member's own declarations, those of Set's `add` in the library.)
  const symbol = ctx.ts.isIdentifier(expr) ? symbolOf(ctx, expr)
    : ctx.ts.isPropertyAccessExpression(expr) ? ctx.checker.getSymbolAtLocation(expr.name) : undefined;
  return declaredByLibrary(ctx, symbol);
}

/**
 * Declared by the standard library, and perhaps augmented by other declaration files (@types/node's `Float64Array`),
 * never by the program's own code.
 */
export function declaredByLibrary(ctx: AnalysisContext, symbol: ts.Symbol | undefined): boolean {
  if (!symbol) return false;
  // (Asked at each name of a typed array the analyses meet, of `Float64Array`'s dozen declarations: once per symbol.)
  let memo = libraryDeclared.get(ctx.checker);
  if (!memo) { memo = new WeakMap(); libraryDeclared.set(ctx.checker, memo); }
  let declared = memo.get(symbol);
  if (declared === undefined) {
    const files = (symbol.declarations ?? []).map((d) => d.getSourceFile());
    declared = files.some((file) => ctx.program.isSourceFileDefaultLibrary(file)) && files.every((file) => file.isDeclarationFile);
    memo.set(symbol, declared);
  }
  return declared;
}
const libraryDeclared = new WeakMap<ts.TypeChecker, WeakMap<ts.Symbol, boolean>>();

/**
 * `ns` of `import * as ns from './m'`, or a CommonJS module object (`const typed = require('./typed.cjs')`, a name
 * nothing reassigns): a module's exports, which no call stores anything into, whose functions are judged by their
 * own bodies (as function-of-symbol.ts resolves `exports.f = …`). radash's `typed.isFunction(v)` was a method of
 * unknown effect on an object that keeps what it is given.
 */
export function isNamespaceImport(ctx: AnalysisContext, expr: ts.Expression, depth = 0): boolean {
  const { ts } = ctx;
  if (depth > 8) return false; // (`const a = b, b = a` is a program error, not a reason to loop)
  // `S.Inner` where stats.ts has `export * as Inner from './kernels'`: a module object inside a module object.
  if (ts.isPropertyAccessExpression(expr)) return ts.isIdentifier(expr.name) && isNamespaceImport(ctx, expr.expression, depth + 1) && namesModule(ctx, expr.name);
  if (!ts.isIdentifier(expr)) return false;
  const symbol = ctx.checker.getSymbolAtLocation(expr);
  if (!symbol) return false;
  // `import * as k from`, `import k = require(…)` (TypeScript's CommonJS form), and JavaScript's `const k = require(…)`.
  if (symbol.declarations?.some((d) => ts.isNamespaceImport(d) || (ts.isImportEqualsDeclaration(d) && ts.isExternalModuleReference(d.moduleReference)) ||
    (ts.isVariableDeclaration(d) && isRequiredModule(ctx, d)))) return true;
  // `const M = S`, `const K = S.Inner`: another name for a module object, which a const keeps.
  const declaration = symbol.valueDeclaration;
  const init = declaration && ts.isVariableDeclaration(declaration) && ts.getCombinedNodeFlags(declaration) & ts.NodeFlags.Const ? declaration.initializer : undefined;
  if (init && (ts.isIdentifier(init) || ts.isPropertyAccessExpression(init)) && isNamespaceImport(ctx, init, depth + 1)) return true;
  return namesModule(ctx, expr);
}

/** The name stands for a module's own object (an alias of its source file). */
function namesModule(ctx: AnalysisContext, name: ts.Identifier): boolean {
  const { ts } = ctx;
  const symbol = ctx.checker.getSymbolAtLocation(name);
  if (!symbol) return false;
  // `import { S } from './index'` where index.ts has `export * as S from './stats'`: a name for stats.ts itself.
  const target = symbol.flags & ts.SymbolFlags.Alias ? ctx.checker.getAliasedSymbol(symbol) : undefined;
  return target?.declarations?.some((d) => ts.isSourceFile(d)) ?? false;
}

/** `const m = require('./m')` in JavaScript, `require` being the global one, `m` never reassigned. */
function isRequiredModule(ctx: AnalysisContext, d: ts.VariableDeclaration): boolean {
  const { ts } = ctx;
  let init = d.initializer;
  while (init && ts.isParenthesizedExpression(init)) init = init.expression;
  if (!init || !ts.isIdentifier(d.name) || !ts.isCallExpression(init) || !ts.isIdentifier(init.expression) || init.expression.text !== 'require' ||
    init.arguments.length !== 1 || !ts.isStringLiteralLike(init.arguments[0]) || !isInJs(ctx, d)) return false;
  const own = ctx.checker.getSymbolAtLocation(init.expression)?.declarations?.some((x) => !x.getSourceFile().isDeclarationFile) ?? false;
  return !own && ((ts.getCombinedNodeFlags(d) & ts.NodeFlags.Const) !== 0 || !isReassigned(ctx, d));
}

const isInJs = (ctx: AnalysisContext, node: ts.Node): boolean => /\.(c|m)?js$/.test(node.getSourceFile().fileName);

/**
 * Whether storing into `receiver`'s value (`receiver.push(x)`, `receiver.set(k, x)`) may keep `x` there: not in a
 * namespace of the standard library or a module (they keep nothing), not in a container of numbers (it copies them).
 */
export function canKeepObjects(ctx: AnalysisContext, receiver: ts.Expression): boolean {
  const root = rootIdentifier(ctx.ts, receiver);
  return !(root && (isLibraryGlobal(ctx, root) || isNamespaceImport(ctx, root))) && !hasPrimitiveElements(ctx, receiver);
}

/** `f` or `ns.f` as text, to match built-ins by name. */
export function qualifiedName(t: typeof ts, callee: ts.Expression): string | undefined {
  if (t.isIdentifier(callee)) return callee.text;
  if (t.isPropertyAccessExpression(callee) && t.isIdentifier(callee.expression)) return `${callee.expression.text}.${callee.name.text}`;
  return undefined;
}

/**
 * The function of this program (with a body) that a call reaches, or undefined for built-ins and unknown code.
 * A call through a parameter or a reassignable variable may reach another function than its type's declaration,
 * so it is unknown too.
 */
const reassigned = new WeakMap<ts.VariableDeclaration, boolean>();

/**
 * A `var`/`let` assigned anywhere after its initializer (`=`, `+=`, `++`, a destructuring target, a for-in/of head).
 * One that is not is a constant in all but name: importers cannot assign an ES module export (`export var dot = vec4.dot`).
 */
export function isReassigned(ctx: AnalysisContext, declaration: ts.VariableDeclaration): boolean {
  const known = reassigned.get(declaration);
  if (known !== undefined) return known;
  const { ts } = ctx;
  const target = ts.isIdentifier(declaration.name) ? ctx.checker.getSymbolAtLocation(declaration.name) : undefined;
  let found = !declaration.initializer || !target;
  const isTarget = (node: ts.Node): boolean => ts.isIdentifier(node) && node.text === (declaration.name as ts.Identifier).text &&
    ctx.checker.getSymbolAtLocation(node) === target;
  const visit = (node: ts.Node): void => {
    if (found) return;
    if (ts.isBinaryExpression(node) && node.operatorToken.kind >= ts.SyntaxKind.FirstAssignment && node.operatorToken.kind <= ts.SyntaxKind.LastAssignment) {
      const left = node.left;
      if (isTarget(left) || ((ts.isArrayLiteralExpression(left) || ts.isObjectLiteralExpression(left)) && containsTarget(left))) { found = true; return; }
    } else if ((ts.isPrefixUnaryExpression(node) || ts.isPostfixUnaryExpression(node)) &&
      (node.operator === ts.SyntaxKind.PlusPlusToken || node.operator === ts.SyntaxKind.MinusMinusToken) && isTarget(node.operand)) {
      found = true; return;
    } else if ((ts.isForOfStatement(node) || ts.isForInStatement(node)) && !ts.isVariableDeclarationList(node.initializer) && containsTarget(node.initializer)) {
      found = true; return;
    }
    ts.forEachChild(node, visit);
  };
  const containsTarget = (node: ts.Node): boolean => {
    let hit = false;
    const look = (n: ts.Node): void => { if (hit) return; if (isTarget(n)) { hit = true; return; } ts.forEachChild(n, look); };
    look(node);
    return hit;
  };
  if (!found) visit(declaration.getSourceFile());
  reassigned.set(declaration, found);
  return found;
}

function implementationOf(ctx: AnalysisContext, signature: ts.FunctionDeclaration): ts.SignatureDeclaration | undefined {
  const symbol = signature.name && ctx.checker.getSymbolAtLocation(signature.name);
  return symbol?.declarations?.find((d): d is ts.FunctionDeclaration => ctx.ts.isFunctionDeclaration(d) && d.body !== undefined);
}

/** Per checker, like symbolOf: plan, reach, effects, failure checks and blockers each ask of the same calls. */
const calledFunctions = new WeakMap<ts.TypeChecker, WeakMap<ts.Node, FunctionLike | null>>();

export function calledFunction(ctx: AnalysisContext, call: ts.CallExpression): FunctionLike | undefined {
  const memo = memoOf(calledFunctions, ctx.checker);
  let fn = memo.get(call);
  if (fn === undefined) { fn = resolveCalledFunction(ctx, call) ?? null; memo.set(call, fn); }
  return fn ?? undefined;
}

function resolveCalledFunction(ctx: AnalysisContext, call: ts.CallExpression): FunctionLike | undefined {
  const { ts } = ctx;
  if (ts.isIdentifier(call.expression)) {
    const declared = symbolOf(ctx, call.expression)?.valueDeclaration;
    if (declared && (ts.isParameter(declared) ||
      (ts.isVariableDeclaration(declared) && !(ts.getCombinedNodeFlags(declared) & ts.NodeFlags.Const) && isReassigned(ctx, declared)))) return undefined;
  }
  let declaration = ctx.checker.getResolvedSignature(call)?.declaration;
  // `function f(x: number): string;` — an overload signature: the call runs the implementation that follows it.
  if (declaration && ts.isFunctionDeclaration(declaration) && !declaration.body) declaration = implementationOf(ctx, declaration);
  if (!declaration || !isFunctionLike(ctx, declaration) || !declaration.body || declaration.getSourceFile().isDeclarationFile) return undefined;
  if (isDecorated(ctx, declaration)) return undefined;
  // (The checker resolves `(c ? reader : writer)(p)` to one of them: callee-names.ts says when that one is the callee.)
  return calleeNames(ctx, call.expression, declaration) ? declaration : undefined;
}

/**
 * A method with a decorator, or of a class with one: what runs is what the decorator returns, which may do anything
 * (`@counted f()` wrapped in `function () { this.uses++; … }`: tester #19's F12 inferred its object `in`).
 */
export function isDecorated(ctx: AnalysisContext, fn: ts.Node): boolean {
  const { ts } = ctx;
  const decorated = (node: ts.Node): boolean => ts.canHaveDecorators(node) && (ts.getDecorators(node)?.length ?? 0) > 0;
  return (ts.isMethodDeclaration(fn) || ts.isAccessor(fn)) && (decorated(fn) || (ts.isClassLike(fn.parent) && decorated(fn.parent)));
}

/**
 * Every mention of `symbol` in `scope` but `except` (its declaration's name) passes `accept`: the one walk behind
 * "is every use of this constant one I know" (fresh-arrays, function-members, array-slots). Names of another spelling
 * are skipped without asking the checker.
 */
export function everyMention(ctx: AnalysisContext, symbol: ts.Symbol, scope: ts.Node, except: ts.Node, accept: (id: ts.Identifier) => boolean): boolean {
  const { ts } = ctx;
  const text = symbol.getName();
  let ok = true;
  const visit = (node: ts.Node): void => {
    if (!ok) return;
    if (ts.isIdentifier(node) && node !== except && node.text === text && symbolOf(ctx, node) === symbol) {
      if (!accept(node)) ok = false;
      return;
    }
    ts.forEachChild(node, visit);
  };
  visit(scope);
  return ok;
}

/** The node is, or holds, a reference to `symbol`. */
export function namesSymbol(ctx: AnalysisContext, node: ts.Node, symbol: ts.Symbol): boolean {
  return (ctx.ts.isIdentifier(node) && symbolOf(ctx, node) === symbol) || ctx.ts.forEachChild(node, (child) => namesSymbol(ctx, child, symbol)) === true;
}
