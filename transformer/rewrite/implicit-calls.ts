/**
 * Program code the language runs with no call in the text (np40's F8): converting an object to a primitive runs its
 * `[Symbol.toPrimitive]`, `valueOf` or `toString` (`${money}`, `'total ' + money`, `String(money)`); JSON.stringify
 * runs a `toJSON`; the iteration protocol runs a generator's body or a class's `[Symbol.iterator]` (`for (const x of
 * walk(xs))`, `[...bag]`, `const [a] = bag`, `Array.from(bag)`). Such code may change anything, as a call of it would:
 * after a task call that fails, it must not run (lasting-effects.ts).
 *
 * Asked of every node a region's check walks, so the program's text is scanned once first: a program declaring no such
 * method and no generator (most) makes every answer no without asking the checker.
 */
import type * as ts from 'typescript';
import { calledFunction, symbolOf, type AnalysisContext } from '../analysis/context';
import { builtinName } from '../analysis/builtin-callees';
import { skipParens } from '../analysis/expressions';

const CONVERSIONS = /^(?:toString|valueOf|__@toPrimitive@\d+)$/;
const TO_JSON = /^toJSON$/;
const ITERATORS = /^__@(?:asyncIterator|iterator)@\d+$/;

interface Declares { readonly conversions: boolean; readonly iterators: boolean }
const declaresPerProgram = new WeakMap<ts.Program, Declares>();

/** Whether any file of the program may declare a conversion method, a toJSON, an iterator method or a generator. */
function declares(ctx: AnalysisContext): Declares {
  let known = declaresPerProgram.get(ctx.program);
  if (!known) {
    let conversions = false;
    let iterators = false;
    for (const file of ctx.program.getSourceFiles()) {
      if (file.isDeclarationFile) continue;
      conversions ||= /\b(?:toString|valueOf|toPrimitive|toJSON)\b/.test(file.text);
      iterators ||= /\*|\b(?:iterator|asyncIterator)\b/.test(file.text) && /\bSymbol\s*\.\s*(?:async)?[iI]terator\b|\*\s*[\w$[]|function\s*\*/.test(file.text);
    }
    known = { conversions, iterators };
    declaresPerProgram.set(ctx.program, known);
  }
  return known;
}

/** Whether running `node` itself (not its children) may run program code no call in the text names. */
export function runsImplicitProgramCode(ctx: AnalysisContext, node: ts.Node): boolean {
  const { ts } = ctx;
  const { conversions, iterators } = declares(ctx);
  if (!conversions && !iterators) return false;
  if (conversions) {
    if (ts.isTemplateSpan(node) && !ts.isTaggedTemplateExpression(node.parent.parent)) return hasProgramMember(ctx, node.expression, CONVERSIONS);
    if (ts.isBinaryExpression(node) && (node.operatorToken.kind === ts.SyntaxKind.PlusToken || node.operatorToken.kind === ts.SyntaxKind.PlusEqualsToken)) {
      return hasProgramMember(ctx, node.left, CONVERSIONS) || hasProgramMember(ctx, node.right, CONVERSIONS);
    }
    if (ts.isCallExpression(node) && node.arguments.length > 0) {
      const name = builtinName(ctx, node.expression);
      if (name === 'String' || name === 'Number') return hasProgramMember(ctx, node.arguments[0], CONVERSIONS);
      if (name === 'JSON.stringify') return hasProgramMember(ctx, node.arguments[0], TO_JSON, 2);
    }
  }
  if (iterators) {
    const iterated = ts.isForOfStatement(node.parent) && node.parent.expression === node ? node as ts.Expression
      : ts.isSpreadElement(node) && ts.isArrayLiteralExpression(node.parent) ? node.expression
      : ts.isVariableDeclaration(node) && ts.isArrayBindingPattern(node.name) ? node.initializer
      : ts.isCallExpression(node) && node.arguments.length > 0 && builtinName(ctx, node.expression) === 'Array.from' ? node.arguments[0]
      : undefined;
    if (iterated) return runsProgramIterator(ctx, iterated);
  }
  return false;
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
  if (hasProgramMember(ctx, value, ITERATORS)) return true;
  // A generator object from elsewhere (a parameter, a field): its body may be the program's.
  const name = ctx.checker.getTypeAtLocation(value).getSymbol()?.getName();
  return name === 'Generator' || name === 'AsyncGenerator';
}

/** The value's type (or a member's type, `depth` levels down, for toJSON) has a method the program declares. */
function hasProgramMember(ctx: AnalysisContext, value: ts.Expression, names: RegExp, depth = 0): boolean {
  const seen = new Set<ts.Type>();
  const visit = (type: ts.Type, level: number): boolean => {
    if (seen.has(type)) return false;
    seen.add(type);
    if (type.isUnion() || type.isIntersection()) return type.types.some((t) => visit(t, level));
    if (!(type.flags & ctx.ts.TypeFlags.Object)) return false;
    for (const property of ctx.checker.getPropertiesOfType(type)) {
      const declarations = property.declarations ?? [];
      if (names.test(property.escapedName as string) && declarations.some((d) => !d.getSourceFile().isDeclarationFile)) return true;
      if (level < depth && declarations.length > 0) {
        if (visit(ctx.checker.getTypeOfSymbolAtLocation(property, value), level + 1)) return true;
      }
    }
    return false;
  };
  return visit(ctx.checker.getTypeAtLocation(value), 0);
}
