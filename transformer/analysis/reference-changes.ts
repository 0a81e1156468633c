/**
 * What one reference to an object does to it, by its syntax and the standard library's methods: surely writes it
 * (`writeOfReference`: written through, `counters.n += 1`, `delete`, a mutating library method, `Object.assign(S, …)`),
 * or may change it or hand it on (`changeOfReference`: also a method not known to only read, the object passed to a
 * function not known to only read, stored, returned). module-state.ts asks it of every reference to module state.
 */
import type * as ts from 'typescript';
import { isReadOnlyFunction, READING_METHODS, writesFirstArgument } from './builtins';
import { isLibraryGlobal, isPrimitiveType, qualifiedName, symbolOf, type AnalysisContext } from './context';
import { accessChain, isTransparent, isWriteTarget, skipTransparent } from '../rewrite/syntax';

/**
 * The node where this reference surely changes the object: written through (`counters.n += 1`, `Stats.calls++`,
 * `delete`) or changed by a library method (`log.push(x)`). Narrower than changeAt: a task's call of a method of the
 * program's (`MathX.clamp(v)`) or the object handed on may change nothing.
 */
export function writeOfReference(ctx: AnalysisContext, ref: ts.Identifier): ts.Node | undefined {
  const { ts } = ctx;
  const chain = accessChain(ts, ref);
  const parent = chain.parent;
  if (chain !== ref && isWriteTarget(ts, chain)) return parent;
  // `Object.assign(S, …)`, `Reflect.set(S, k, v)`: a built-in that writes its first argument.
  if (chain === ref && ts.isCallExpression(parent) && parent.arguments[0] === ref) {
    const name = qualifiedName(ts, parent.expression);
    return name && writesFirstArgument(name) ? parent : undefined;
  }
  // `Reflect.apply.bind(null, Array.prototype.push, S)`: bound to a library function not known to only read, the
  // object is what the bound function will change.
  if (chain === ref && ts.isCallExpression(parent) && parent.arguments.includes(ref) && ts.isPropertyAccessExpression(parent.expression) &&
    parent.expression.name.text === 'bind' && isLibraryGlobal(ctx, parent.expression.expression)) {
    const name = qualifiedName(ts, parent.expression.expression);
    return name && isReadOnlyFunction(name) ? undefined : parent;
  }
  // (Not a method of a library global itself, `Math.max(…)`, `JSON.parse(…)`: what such a call changes is the library's,
  // never the program's state; np71's min-math-two-spreads was refused as changing `Math`.)
  const libraryMethod = ts.isPropertyAccessExpression(chain) && ts.isCallExpression(parent) &&
    parent.expression === chain && isLibraryGlobal(ctx, chain) && !(chain.expression === ref && isLibraryGlobal(ctx, ref));
  if (libraryMethod && READING_METHODS.has(chain.name.text) && callbackChangesGiven(ctx, parent)) return parent;
  return libraryMethod && !READING_METHODS.has(chain.name.text) && !isStatelessRegExpUse(ctx, chain) ? parent : undefined;
}

/**
 * `WEIGHTS.forEach((it) => { it.w *= 10 })`: a function written at the call changes what a reading method hands it, the
 * object's own parts (np42's F6: the task's snapshot of WEIGHTS never had the change). By its text: written through a
 * parameter, a parameter's library method not known to only read, or a parameter handed to a function not known to
 * only read (`(it) => bump(it)`).
 */
function callbackChangesGiven(ctx: AnalysisContext, call: ts.CallExpression): boolean {
  const { ts } = ctx;
  return call.arguments.some((arg) => {
    const fn = skipTransparent(ts, arg);
    if (!ts.isArrowFunction(fn) && !ts.isFunctionExpression(fn)) return false;
    const params = new Set(fn.parameters.map((p) => symbolOf(ctx, p.name)).filter((s) => s !== undefined));
    const changes = (node: ts.Node): boolean => {
      if (ts.isIdentifier(node) && params.has(symbolOf(ctx, node)!)) return changeOfReference(ctx, node) !== undefined && !isHandedToReader(node);
      return ts.forEachChild(node, changes) ?? false;
    };
    // (`(it) => it.w * 2` reads, `(it) => [it]` hands it on: only a change counts, not a value made of it.)
    const isHandedToReader = (id: ts.Identifier) => {
      const parent = accessChain(ts, id).parent;
      return ts.isReturnStatement(parent) || ts.isArrowFunction(parent) || ts.isArrayLiteralExpression(parent) || ts.isPropertyAssignment(parent) ||
        ts.isShorthandPropertyAssignment(parent) || ts.isVariableDeclaration(parent);
    };
    return fn.body !== undefined && changes(fn.body);
  });
}

/** The node where this reference changes (or hands on) the object, if it does. */
export function changeOfReference(ctx: AnalysisContext, ref: ts.Expression): ts.Node | undefined {
  const { ts } = ctx;
  const chain = accessChain(ts, ref);
  const parent = chain.parent;
  if (chain !== ref && isWriteTarget(ts, chain)) return parent;
  // A method of the object or of a part of it (the chain ends at the method's name).
  if (ts.isPropertyAccessExpression(chain) && ts.isCallExpression(parent) && parent.expression === chain) {
    if (READING_METHODS.has(chain.name.text) && callbackChangesGiven(ctx, parent)) return parent;
    return READING_METHODS.has(chain.name.text) || isStatelessRegExpUse(ctx, chain) ? undefined : parent;
  }
  if (chain !== ref) return undefined; // a read of a part
  if (ts.isCallExpression(parent) && parent.arguments.includes(ref)) {
    // `w.match(VOWELS)`, `s.split(SEP)`: a string's method matching with a stateless RegExp (np22's r27).
    if (parent.arguments[0] === ref && ts.isIdentifier(ref) && isStatelessRegExp(ctx, ref) && ts.isPropertyAccessExpression(parent.expression) &&
      STRING_MATCHING_METHODS.has(parent.expression.name.text) && (ctx.checker.getTypeAtLocation(parent.expression.expression).flags & ts.TypeFlags.StringLike) !== 0) return undefined;
    const name = qualifiedName(ts, parent.expression);
    // (`KEYED.get(KEY)` stays a change: the worker's copy of KEYED would hold a copy of KEY, not its KEY.)
    return name && isReadOnlyFunction(name) ? undefined : parent;
  }
  // `const { k } = LOCAL` of primitives: a read of its parts.
  if (ts.isVariableDeclaration(parent) && parent.initializer === ref && ts.isObjectBindingPattern(parent.name) &&
    parent.name.elements.every((element) => isPrimitiveType(ctx, ctx.checker.getTypeAtLocation(element)))) return undefined;
  if (ts.isVariableDeclaration(parent) || ts.isPropertyAssignment(parent) || ts.isShorthandPropertyAssignment(parent) ||
    ts.isArrayLiteralExpression(parent) || ts.isReturnStatement(parent) ||
    (ts.isBinaryExpression(parent) && parent.right === ref && parent.operatorToken.kind === ts.SyntaxKind.EqualsToken)) {
    return parent;
  }
  return undefined;
}

/**
 * `WORD.exec(s)`, `WORD.test(s)` on a module RegExp written as a literal without the `g` or `y` flag: such a match
 * starts at 0 and leaves lastIndex alone, so it reads the expression only.
 */
export function isStatelessRegExpUse(ctx: AnalysisContext, method: ts.PropertyAccessExpression): boolean {
  const { ts } = ctx;
  if ((method.name.text !== 'exec' && method.name.text !== 'test') || !ts.isIdentifier(method.expression)) return false;
  return isStatelessRegExp(ctx, method.expression);
}

/** A string's methods that match with a RegExp argument (without `g` or `y`, they leave its lastIndex alone). */
const STRING_MATCHING_METHODS = new Set(['match', 'replace', 'replaceAll', 'search', 'split']);

/** A `const` RegExp literal without the `g` or `y` flag: matching with it reads it only. */
function isStatelessRegExp(ctx: AnalysisContext, id: ts.Identifier): boolean {
  const { ts } = ctx;
  const declaration = symbolOf(ctx, id)?.valueDeclaration;
  const initializer = declaration && ts.isVariableDeclaration(declaration) && (ts.getCombinedNodeFlags(declaration) & ts.NodeFlags.Const)
    ? declaration.initializer : undefined;
  if (!initializer || !ts.isRegularExpressionLiteral(initializer)) return false;
  const flags = initializer.text.slice(initializer.text.lastIndexOf('/') + 1);
  return !flags.includes('g') && !flags.includes('y');
}

/**
 * A part of the object the program takes out as an object (`ITEMS.get('q')!.n = 100`, `for (const it of
 * ITEMS.values()) it.n++`, `return LIST[0]` from a getter the program writes through): it may be changed under a
 * name of its own, which no scan of the object's references sees (tester np32's mapget, getelem, lazysingle). The
 * program's side only: a task taking a part out reads it.
 */
export function partHandedOut(ctx: AnalysisContext, ref: ts.Identifier): ts.Node | undefined {
  const { ts } = ctx;
  let chain: ts.Expression = ref;
  for (;;) {
    const parent = chain.parent;
    if (isTransparent(ts, parent) || ((ts.isPropertyAccessExpression(parent) || ts.isElementAccessExpression(parent)) && parent.expression === chain) ||
      (ts.isCallExpression(parent) && parent.expression === chain && chain !== ref)) chain = parent as ts.Expression;
    else break;
  }
  // `for (const s of S) s.n = 5`, `[...S][0].n = 7`: its elements taken out as objects.
  if (chain === ref && ((ts.isForOfStatement(chain.parent) && chain.parent.expression === chain) || ts.isSpreadElement(chain.parent))) {
    // (A Map or a Set has no index type: the loop variable's type is the element's; any other target, the whole's.)
    const loop = chain.parent;
    const element = ctx.checker.getIndexTypeOfType(ctx.checker.getTypeAtLocation(chain), ts.IndexKind.Number) ??
      ctx.checker.getTypeAtLocation(ts.isForOfStatement(loop) && ts.isVariableDeclarationList(loop.initializer) ? loop.initializer.declarations[0]!.name : chain);
    return isPrimitiveType(ctx, element) ? undefined : chain.parent;
  }
  // `return inst ??= new Pool()`: the object made on first use, handed on as `return inst` would be.
  if (chain === ref && ts.isBinaryExpression(chain.parent) && chain.parent.left === chain && !ts.isExpressionStatement(chain.parent.parent) &&
    [ts.SyntaxKind.QuestionQuestionEqualsToken, ts.SyntaxKind.BarBarEqualsToken, ts.SyntaxKind.AmpersandAmpersandEqualsToken].includes(chain.parent.operatorToken.kind)) {
    return chain.parent;
  }
  if (chain === ref) return undefined; // the object itself: changeAt's
  if (isWriteTarget(ts, chain)) return chain.parent;
  // (A method taken off it, `objectProto.hasOwnProperty`, is no part anyone changes.)
  const type = ctx.checker.getTypeAtLocation(chain);
  if (ts.isExpressionStatement(chain.parent) || isPrimitiveType(ctx, type) || type.getCallSignatures().length > 0) return undefined;
  // (What only reads it where it stands: a comparison, `typeof`, a template's string.)
  const parent = chain.parent;
  if ((ts.isBinaryExpression(parent) && parent.operatorToken.kind !== ts.SyntaxKind.EqualsToken) || ts.isTypeOfExpression(parent) ||
    ts.isTemplateSpan(parent) || ts.isIfStatement(parent) || ts.isPrefixUnaryExpression(parent)) return undefined;
  return chain;
}
