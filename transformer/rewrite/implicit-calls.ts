/**
 * Program code the language runs with no call in the text (np40's F8): converting an object to a primitive runs its
 * `[Symbol.toPrimitive]`, `valueOf` or `toString` (`${money}`, `'total ' + money`, `String(money)`); JSON.stringify
 * runs a `toJSON` (as json-reads.ts judges it); the iteration protocol runs a generator's body or a class's `[Symbol.iterator]` (`for (const x of
 * walk(xs))`, `[...bag]`, `f(...bag)`, `const [a] = bag`, `[b] = bag`, `yield* bag`, `Array.from(bag)`, `new Set(bag)`). Such code may change anything, as a call of it would:
 * after a task call that fails, it must not run (lasting-effects.ts).
 *
 * Asked of every node a region's check walks, so the program's text is scanned once first: a program declaring no such
 * method and no generator (most) makes every answer no without asking the checker.
 */
import type * as ts from 'typescript';
import { calledFunction, symbolOf, type AnalysisContext } from '../analysis/context';
import { builtinName } from '../analysis/builtin-callees';
import { skipParens } from '../analysis/expressions';
import { censusOf } from '../analysis/syntax-census';
import type { FileFacts } from './file-facts';
import { isReadingStringify } from './json-reads';
import { skipTransparent } from './syntax';

const CONVERSIONS = /^(?:toString|valueOf|__@toPrimitive@\d+)$/;
const ITERATORS = /^__@(?:asyncIterator|iterator)@\d+$/;

interface Declares { readonly conversions: boolean; readonly iterators: boolean }
const declaresPerProgram = new WeakMap<ts.Program, Declares>();

/**
 * Whether the program declares a conversion method (a class member, an object literal's), an iterator
 * method or a generator. (A file whose text names none of them is not walked.)
 */
function declares(ctx: AnalysisContext): Declares {
  let known = declaresPerProgram.get(ctx.program);
  if (known) return known;
  const { ts } = ctx;
  let conversions = false;
  let iterators = false;
  const memberName = (node: ts.Node): string | undefined => {
    const name = (ts.isMethodDeclaration(node) || ts.isPropertyAssignment(node) || ts.isPropertyDeclaration(node) || ts.isGetAccessorDeclaration(node)) ? node.name : undefined;
    if (!name) return undefined;
    if (ts.isComputedPropertyName(name)) return name.expression.getText();
    return ts.isIdentifier(name) || ts.isStringLiteral(name) ? name.text : undefined;
  };
  for (const file of ctx.program.getSourceFiles()) {
    if (file.isDeclarationFile || !/toString|valueOf|toPrimitive|iterator|Iterator|\*/.test(file.text)) continue;
    for (const node of censusOf(ctx, file).nodes) {
      const name = memberName(node);
      if (name && /^(?:toString|valueOf|Symbol\.toPrimitive)$/.test(name)) conversions = true;
      if ((name && /^Symbol\.(?:async)?[iI]terator$/.test(name)) || ((ts.isFunctionDeclaration(node) || ts.isFunctionExpression(node) || ts.isMethodDeclaration(node)) && node.asteriskToken)) iterators = true;
    }
  }
  known = { conversions, iterators };
  declaresPerProgram.set(ctx.program, known);
  return known;
}

/** Whether running `node` itself (not its children) may run program code no call in the text names. */
export function runsImplicitProgramCode(facts: FileFacts, node: ts.Node): boolean {
  const { ts, ctx } = facts;
  // (`JSON.stringify(x)` runs a toJSON, a getter of an object literal, a replacer: one notion, json-reads.ts.)
  if (ts.isCallExpression(node) && node.arguments.length > 0 && builtinName(ctx, node.expression) === 'JSON.stringify') return !isReadingStringify(facts, node);
  const { conversions, iterators } = declares(ctx);
  if (!conversions && !iterators) return false;
  if (conversions) {
    if (ts.isTemplateSpan(node) && !ts.isTaggedTemplateExpression(node.parent.parent)) return mayRunProgramMember(ctx, node.expression, CONVERSIONS);
    // (Through a cast: `(m as unknown as number) * 2` still runs m's valueOf.)
    const converted = convertedBy(ctx, node).map((operand) => skipTransparent(ts, operand));
    // (An `any` operand of `+` or String() may be the program's object made text; of a comparison or arithmetic it is
    // almost always parsed data, `i > cfg.limit`, and taking it for program code kept a loop's calls one at a time.)
    const textual = ts.isBinaryExpression(node) && (node.operatorToken.kind === ts.SyntaxKind.PlusToken || node.operatorToken.kind === ts.SyntaxKind.PlusEqualsToken) ||
      ts.isCallExpression(node) && ['String', 'Number'].includes(builtinName(ctx, node.expression) ?? '');
    if (converted.length > 0) return converted.some((operand) => mayRunProgramMember(ctx, operand, CONVERSIONS, textual));
  }
  if (iterators) {
    const iterated = iteratedBy(ctx, node);
    if (iterated) return runsProgramIterator(ctx, iterated);
    // `for (const [x] of [bag])`: each element is taken apart by its own iterator.
    if (ts.isVariableDeclaration(node) && ts.isArrayBindingPattern(node.name) && !node.initializer && ts.isForOfStatement(node.parent.parent)) {
      return iteratorOfType(ctx, node.name);
    }
  }
  return false;
}

/**
 * The operands `node` converts to a primitive (rev56's F8): of arithmetic, comparison, bitwise operators and their
 * assignments (`m > ms[0]`, `m * 2`, `total += m`), of unary operators and `++`/`--`, a property key (`table[m]`,
 * `m in table`, `{ [m]: 1 }`), the argument of String(), Number() and the library functions that take numbers.
 */
function convertedBy(ctx: AnalysisContext, node: ts.Node): readonly ts.Expression[] {
  const { ts } = ctx;
  if (ts.isBinaryExpression(node)) {
    const kind = node.operatorToken.kind;
    if (kind === ts.SyntaxKind.InKeyword) return [node.left];
    return convertingOperators(ts).has(kind) ? [node.left, node.right] : [];
  }
  if (ts.isPrefixUnaryExpression(node)) return node.operator === ts.SyntaxKind.ExclamationToken ? [] : [node.operand];
  if (ts.isPostfixUnaryExpression(node)) return [node.operand];
  if (ts.isElementAccessExpression(node)) return [node.argumentExpression];
  if (ts.isComputedPropertyName(node)) return [node.expression];
  if (ts.isCallExpression(node) && node.arguments.length > 0) {
    const name = builtinName(ctx, node.expression) ?? '';
    if (name === 'String' || name === 'Number') return [node.arguments[0]];
    if (NUMERIC_FUNCTIONS.test(name)) return node.arguments.filter((a) => !ts.isSpreadElement(a));
  }
  return [];
}

/** Binary operators that convert their operands (by name: the SyntaxKind numbers differ between TypeScript versions). */
const CONVERTING_OPERATORS = ([
  'PlusToken', 'MinusToken', 'AsteriskToken', 'SlashToken', 'PercentToken', 'AsteriskAsteriskToken', 'LessThanToken', 'GreaterThanToken',
  'LessThanEqualsToken', 'GreaterThanEqualsToken', 'EqualsEqualsToken', 'ExclamationEqualsToken', 'AmpersandToken', 'BarToken', 'CaretToken',
  'LessThanLessThanToken', 'GreaterThanGreaterThanToken', 'GreaterThanGreaterThanGreaterThanToken', 'PlusEqualsToken', 'MinusEqualsToken',
  'AsteriskEqualsToken', 'SlashEqualsToken', 'PercentEqualsToken', 'AsteriskAsteriskEqualsToken', 'AmpersandEqualsToken', 'BarEqualsToken',
  'CaretEqualsToken', 'LessThanLessThanEqualsToken', 'GreaterThanGreaterThanEqualsToken', 'GreaterThanGreaterThanGreaterThanEqualsToken',
] as const);
let operatorKinds: ReadonlySet<ts.SyntaxKind> | undefined;
const convertingOperators = (t: typeof ts): ReadonlySet<ts.SyntaxKind> => (operatorKinds ??= new Set(CONVERTING_OPERATORS.map((name) => t.SyntaxKind[name])));

/** Library functions converting their arguments to numbers. */
const NUMERIC_FUNCTIONS = /^(?:Math\.\w+|parseInt|parseFloat|isNaN|isFinite|Number\.parse(?:Int|Float))$/;

/** Built-ins that iterate their first argument (`new Set(bag)`, `Promise.all(jobs)`, `Object.fromEntries(pairs)`). */
const ITERATING_BUILTINS = new Set(['Array.from', 'Set', 'Map', 'WeakSet', 'WeakMap', 'Promise.all', 'Promise.allSettled', 'Promise.race',
  'Promise.any', 'Object.fromEntries']);

/**
 * What running `node` iterates by the iteration protocol: a for…of's value, a spread (in an array, a call, a `new`),
 * what an array pattern takes apart (a declaration's, an assignment's `[b] = bag`), a `yield*`'s value, a built-in's
 * argument (ITERATING_BUILTINS).
 */
function iteratedBy(ctx: AnalysisContext, node: ts.Node): ts.Expression | undefined {
  const { ts } = ctx;
  if (ts.isForOfStatement(node.parent) && node.parent.expression === node) return node as ts.Expression;
  if (ts.isSpreadElement(node)) return node.expression;
  if (ts.isVariableDeclaration(node) && ts.isArrayBindingPattern(node.name)) return node.initializer;
  if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isArrayLiteralExpression(node.left)) return node.right;
  if (ts.isYieldExpression(node) && node.asteriskToken) return node.expression;
  if ((ts.isCallExpression(node) || ts.isNewExpression(node)) && node.arguments?.length && ITERATING_BUILTINS.has(builtinName(ctx, node.expression) ?? '')) {
    return node.arguments[0];
  }
  return undefined;
}

/** Iterating the value runs program code: a generator of the program's, or an object whose iterator method is. */
function runsProgramIterator(ctx: AnalysisContext, value: ts.Expression): boolean {
  const { ts } = ctx;
  value = skipParens(ts, value);
  // (`walk(xs)`, or a name it was kept in: `const g = walk(xs)`.)
  let made: ts.Expression | undefined = value;
  if (ts.isIdentifier(value)) {
    const declaration = symbolOf(ctx, value)?.valueDeclaration;
    made = declaration && ts.isVariableDeclaration(declaration) ? declaration.initializer : undefined;
  }
  const called = made && ts.isCallExpression(skipParens(ts, made)) ? calledFunction(ctx, skipParens(ts, made) as ts.CallExpression) : undefined;
  if (called) return called.asteriskToken !== undefined && !called.getSourceFile().isDeclarationFile;
  return iteratorOfType(ctx, value);
}

/** By the type of `node`'s value: an iterator method the program declares, or a generator object from elsewhere. */
function iteratorOfType(ctx: AnalysisContext, node: ts.Node): boolean {
  // (An array's own iterator is the language's, whatever its elements.)
  const type = ctx.checker.getTypeAtLocation(node);
  if (ctx.checker.isArrayType(type) || ctx.checker.isTupleType(type)) return false;
  if (mayRunProgramMember(ctx, node, ITERATORS)) return true;
  // A generator object from elsewhere (a parameter, a field): its body may be the program's.
  const name = type.getSymbol()?.getName();
  return name === 'Generator' || name === 'AsyncGenerator';
}

/**
 * Converting or iterating the value may run a method (`names`) the program declares: one of its type's own properties, an
 * element's (an array's text joins its elements'), or any member of a subclass or an implementation of a class or
 * interface of the program's (rev56's F3: a `Shape` whose `Sq` declares toString); also a value of type `any` or
 * `unknown`, unless `anyRuns` is false.
 */
function mayRunProgramMember(ctx: AnalysisContext, value: ts.Node, names: RegExp, anyRuns = true): boolean {
  const { ts, checker } = ctx;
  const seen = new Set<ts.Type>();
  const ofProgram = (declarations: readonly ts.Declaration[] | undefined) => (declarations ?? []).some((d) => !d.getSourceFile().isDeclarationFile);
  const visit = (type: ts.Type): boolean => {
    if (seen.has(type)) return false;
    seen.add(type);
    if (type.flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown)) return anyRuns;
    if (type.isUnion() || type.isIntersection()) return type.types.some((t) => visit(t));
    if (!(type.flags & ts.TypeFlags.Object)) return false;
    if (checker.isArrayType(type) || checker.isTupleType(type)) return checker.getTypeArguments(type as ts.TypeReference).some((t) => visit(t));
    const symbol = type.getSymbol();
    if (symbol && symbol.flags & (ts.SymbolFlags.Class | ts.SymbolFlags.Interface) && ofProgram(symbol.declarations)) return true;
    for (const property of checker.getPropertiesOfType(type)) {
      if (names.test(property.escapedName as string) && ofProgram(property.declarations)) return true;
    }
    return false;
  };
  return visit(checker.getTypeAtLocation(value));
}
