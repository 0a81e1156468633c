/**
 * The program's code a function runs when called, beyond its own body: the program functions it calls and the
 * constructors and instance field initialisers of the program classes it instantiates, transitively (calls as the
 * checker resolves them: context.ts calledFunction). Library code is not the program's. Asked about a task (which
 * module state its code changes: module-state.ts) and about a function a try block calls (whether it runs a task:
 * rewrite/task-runners.ts). One walk per function, kept per program. (prints.ts walks reachable code its own way: it
 * also follows names, getters and implicit calls, which a print can hide behind.)
 */
import type * as ts from 'typescript';
import { calledFunction, isFunctionLike, symbolOf, type AnalysisContext, type FunctionLike } from './context';
import { returnedExpressions, skipParens } from './expressions';
import { contentsOfType } from './type-contents';
import { isReference } from '../rewrite/syntax';
import { censusOf } from './syntax-census';
import { isImplicitlyCalled } from './implicit-writers';

const perProgram = new WeakMap<ts.Program, Map<FunctionLike, readonly ts.Node[]>>();

/** The tasks and every piece of code they may run (codeReachedFrom): what a worker runs of the program for them. */
export function codeOfTasks(ctx: AnalysisContext, tasks: readonly ts.Node[]): Set<ts.Node> {
  return new Set(tasks.flatMap((fn) => [fn, ...codeReachedFrom(ctx, fn as FunctionLike)]));
}

/** The node lies in one of these pieces of code (is one, or is inside one). */
export function liesWithin(node: ts.Node, code: ReadonlySet<ts.Node>): boolean {
  for (let n: ts.Node | undefined = node; n; n = n.parent) if (code.has(n)) return true;
  return false;
}

/**
 * The first answer `find` gives on the task's own body, then on each piece of code it reaches (a function's body,
 * or the piece itself: a field's declaration, a `.bind(…)` call), in that order: what left-behind.ts, lazy-loads.ts
 * and untravelled-properties.ts look for in everything a task runs.
 */
export function firstInCodeRun<T>(ctx: AnalysisContext, fn: FunctionLike, find: (code: ts.Node) => T | undefined): T | undefined {
  for (const part of [fn, ...codeReachedFrom(ctx, fn)]) {
    const body = isFunctionLike(ctx, part) ? (part as ts.FunctionLikeDeclaration).body : undefined;
    const found = find(body ?? part);
    if (found !== undefined) return found;
  }
  return undefined;
}

/** The pieces of code `fn` may run besides its own body: function-likes, class field declarations, constructors, and
 * the `.bind(…)` calls that made the bound functions it calls. */
export function codeReachedFrom(ctx: AnalysisContext, fn: FunctionLike): readonly ts.Node[] {
  let known = perProgram.get(ctx.program);
  if (!known) { known = new Map(); perProgram.set(ctx.program, known); }
  const cached = known.get(fn);
  if (cached) return cached;
  const { ts, checker } = ctx;
  const seen = new Set<ts.Node>([fn]);
  const parts: ts.Node[] = [];
  const pending: ts.Node[] = [];
  const reach = (code: ts.Node | undefined): void => {
    if (!code || seen.has(code) || code.getSourceFile().isDeclarationFile) return;
    seen.add(code);
    // A class: what `new` runs of it, its instance fields' initialisers and its constructor; and its base class's,
    // which `super(…)` (or the implicit constructor) runs (tester #29's F2: `Base.made++` in a base constructor).
    const pieces = ts.isClassLike(code) ? code.members.filter((m) => ts.isConstructorDeclaration(m) ||
      (ts.isPropertyDeclaration(m) && !(ts.getCombinedModifierFlags(m) & ts.ModifierFlags.Static))) : [code];
    for (const piece of pieces) { parts.push(piece); pending.push(piece); }
    if (ts.isClassLike(code)) reach(baseClassOf(ctx, code));
  };
  const calleesOf = (node: ts.Node): void => {
    // `item.weight` where the program declares a getter `weight`: reading it runs the getter (tester #29's F4).
    if (ts.isPropertyAccessExpression(node)) for (const accessor of programAccessorsAt(ctx, node)) reach(accessor);
    if (ts.isCallExpression(node)) reach(calledFunction(ctx, node) ?? madeByFactory(ctx, node) ?? declaredCallee(ctx, node));
    // `words.map(internOne)`, `HANDLERS.add(s)`, `ids.next` (a getter): a function named as a value, or held by a
    // constant the code names, may be called from there.
    if (ts.isIdentifier(node) && isReference(ts, node)) for (const held of functionsNamedBy(ctx, node)) reach(held);
    if (ts.isNewExpression(node)) {
      const symbol = checker.getSymbolAtLocation(node.expression);
      const target = symbol && symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
      const declaration = target?.valueDeclaration;
      if (declaration && ts.isClassLike(declaration)) reach(declaration);
    }
    ts.forEachChild(node, calleesOf);
  };
  // Default values run as part of the call (`k = offset()`).
  for (const param of fn.parameters) if (param.initializer) calleesOf(param.initializer);
  if (fn.body) calleesOf(fn.body);
  while (pending.length > 0) calleesOf(pending.pop()!);
  known.set(fn, parts);
  return parts;
}

/** The program class `node` extends, if any. */
function baseClassOf(ctx: AnalysisContext, node: ts.ClassLikeDeclaration): ts.ClassLikeDeclaration | undefined {
  const { ts, checker } = ctx;
  const base = node.heritageClauses?.find((h) => h.token === ts.SyntaxKind.ExtendsKeyword)?.types[0]?.expression;
  const symbol = base && checker.getSymbolAtLocation(base);
  const target = symbol && symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
  const declaration = target?.valueDeclaration;
  return declaration && ts.isClassLike(declaration) ? declaration : undefined;
}

const accessorsPerProgram = new WeakMap<ts.Program, Set<string>>();

/**
 * The program's getters and setters `o.name` may run (a read, an assignment). Asked by name first: most property
 * names are no accessor's, and need no symbol.
 */
export function programAccessorsAt(ctx: AnalysisContext, access: ts.PropertyAccessExpression): ts.AccessorDeclaration[] {
  const { ts } = ctx;
  if (!accessorNames(ctx).has(access.name.text)) return [];
  return (ctx.checker.getSymbolAtLocation(access.name)?.declarations ?? []).filter((d): d is ts.AccessorDeclaration =>
    (ts.isGetAccessorDeclaration(d) || ts.isSetAccessorDeclaration(d)) && d.body !== undefined && !d.getSourceFile().isDeclarationFile);
}

/** The names of the getters and setters the program declares: only a property of one of those names may run one. */
function accessorNames(ctx: AnalysisContext): Set<string> {
  let names = accessorsPerProgram.get(ctx.program);
  if (!names) {
    names = new Set();
    for (const file of ctx.program.getSourceFiles()) {
      if (file.isDeclarationFile) continue;
      if (!/\b[gs]et\s+[\w$]+\s*\(/.test(file.text)) continue; // (most files declare none: no walk)
      for (const node of censusOf(ctx, file).nodes) {
        if ((ctx.ts.isGetAccessorDeclaration(node) || ctx.ts.isSetAccessorDeclaration(node)) && ctx.ts.isIdentifier(node.name)) names.add(node.name.text);
      }
    }
    accessorsPerProgram.set(ctx.program, names);
  }
  return names;
}

/**
 * `rand()` where `const rand = makeRand(11)` and `makeRand` returns `() => { s = …; return s }`: the call runs the
 * closure the factory returns (the checker resolves it to the declared type `() => number`, which has no body).
 */
function madeByFactory(ctx: AnalysisContext, call: ts.CallExpression): FunctionLike | undefined {
  const { ts } = ctx;
  if (!ts.isIdentifier(call.expression)) return undefined;
  const declaration = symbolOf(ctx, call.expression)?.valueDeclaration;
  if (!declaration || !ts.isVariableDeclaration(declaration) || !declaration.initializer || !(ts.getCombinedNodeFlags(declaration) & ts.NodeFlags.Const)) return undefined;
  const initializer = skipParens(ts, declaration.initializer);
  const factory = ts.isCallExpression(initializer) ? calledFunction(ctx, initializer) : undefined;
  const made = factory ? returnedExpressions(ts, factory).map((e) => skipParens(ts, e)) : [];
  // (One closure is the common shape; a factory returning one of several is left to the checker.)
  return made.length === 1 && (ts.isArrowFunction(made[0]) || ts.isFunctionExpression(made[0])) ? made[0] : undefined;
}

/**
 * The program's functions a name stands for or holds: a function declaration or a constant initialised with a function
 * (`const f = (x) => …`), or a constant object or array literal's functions, methods and accessors, one level deep.
 */
function functionsNamedBy(ctx: AnalysisContext, name: ts.Identifier): ts.Node[] {
  const { ts } = ctx;
  const declaration = symbolOf(ctx, name)?.valueDeclaration;
  if (!declaration || declaration.getSourceFile().isDeclarationFile) return [];
  if (ts.isFunctionDeclaration(declaration)) return declaration.body ? [declaration] : [];
  if (!ts.isVariableDeclaration(declaration) || !declaration.initializer || !(ts.getCombinedNodeFlags(declaration) & ts.NodeFlags.Const)) return [];
  const value = skipParens(ts, declaration.initializer);
  const isCode = (node: ts.Node): boolean => ts.isArrowFunction(node) || ts.isFunctionExpression(node) || ts.isMethodDeclaration(node) ||
    ts.isGetAccessorDeclaration(node) || ts.isSetAccessorDeclaration(node);
  if (isCode(value)) return [value];
  // `const record = LOG.push.bind(LOG)`: calling it runs `LOG.push`, so the bind is the code reached (its method and
  // the object it is bound to are named there: np30's emitstate lost a task's pushes).
  if (isBindCall(ctx, value)) return [value];
  const members = ts.isObjectLiteralExpression(value) ? value.properties.map((p) => (ts.isPropertyAssignment(p) ? skipParens(ts, p.initializer) : p))
    : ts.isArrayLiteralExpression(value) ? value.elements.map((e) => skipParens(ts, e)) : [];
  return members.filter(isCode);
}

/** `f.bind(this, …)`, `o.m.bind(o)`. */
function isBindCall(ctx: AnalysisContext, node: ts.Expression): node is ts.CallExpression {
  const { ts } = ctx;
  return ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && node.expression.name.text === 'bind';
}

/**
 * The function the checker resolves the call to, where calledFunction does not trust it to be the only one the callee
 * may be (callee-names.ts): `counter.next()` with `const counter = (() => { let n = 0; return { next: () => ++n }; })()`.
 * Code a call may run is what matters here, so the checker's answer is taken.
 */
function declaredCallee(ctx: AnalysisContext, call: ts.CallExpression): FunctionLike | undefined {
  const declaration = ctx.checker.getResolvedSignature(call)?.declaration;
  return declaration && isFunctionLike(ctx, declaration) && declaration.body && !declaration.getSourceFile().isDeclarationFile ? declaration : undefined;
}

/**
 * The methods the language calls by itself (`+q` runs valueOf, console.log an [inspect.custom], JSON.stringify a
 * toJSON) on instances of the program's classes the task's code makes (`new Qty(n)`), with the code each reaches: what
 * they read of module objects travels with the calls (np44's F12). Only for reads: one that changes something may
 * never run (rev59's F13: a toString counting in module state, taken as run, made the task a writer of it).
 */
export function implicitCodeOfMadeClasses(ctx: AnalysisContext, fn: FunctionLike): readonly ts.Node[] {
  const { ts, checker } = ctx;
  const parts = new Set<ts.Node>();
  const visit = (node: ts.Node): void => {
    if (ts.isNewExpression(node)) {
      const symbol = checker.getSymbolAtLocation(node.expression);
      const target = symbol && symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
      const declaration = target?.valueDeclaration;
      if (declaration && ts.isClassLike(declaration) && !declaration.getSourceFile().isDeclarationFile) {
        for (const member of declaration.members) {
          if (!ts.isMethodDeclaration(member) || !member.body || !isImplicitlyCalled(member.name) || parts.has(member)) continue;
          parts.add(member);
          for (const part of codeReachedFrom(ctx, member as unknown as FunctionLike)) parts.add(part);
        }
      }
    }
    ts.forEachChild(node, visit);
  };
  for (const part of [fn, ...codeReachedFrom(ctx, fn)]) visit(part);
  return [...parts];
}

/**
 * The methods and accessors of the program's classes a task's arguments (and what they hold) are instances of:
 * `String(p)`, `${p}`, `JSON.stringify(p)` and a getter run them with no call the checker resolves (tester #12's
 * m37: `toString() { return CURRENCY.symbol + … }`). With the code each of them reaches. `implicitOnly`: only the
 * accessors and the methods the language calls by itself (`toString`, `[Symbol.iterator]`…): what may change state
 * with no call the checker resolves (tester #29's F4: `items.join()` ran a toString counting in module state).
 */
export function codeOfArgumentClasses(ctx: AnalysisContext, fn: FunctionLike, implicitOnly = false): readonly ts.Node[] {
  const { ts, checker } = ctx;
  const seenTypes = new Set<ts.Type>();
  const parts = new Set<ts.Node>();
  const visitType = (type: ts.Type, depth: number): void => {
    if (seenTypes.has(type) || depth > 3) return;
    seenTypes.add(type);
    const declaration = type.getSymbol()?.getDeclarations()?.find((d) => ts.isClassLike(d));
    if (declaration && ts.isClassLike(declaration) && !declaration.getSourceFile().isDeclarationFile) {
      for (const member of declaration.members) {
        if ((ts.isMethodDeclaration(member) || ts.isGetAccessorDeclaration(member) || ts.isSetAccessorDeclaration(member)) && member.body &&
          (!implicitOnly || !ts.isMethodDeclaration(member) || isImplicitlyCalled(member.name))) {
          parts.add(member);
          // (An accessor has parameters and a body as a function does: all codeReachedFrom looks at.)
          for (const part of codeReachedFrom(ctx, member as unknown as FunctionLike)) parts.add(part);
        }
      }
    }
    for (const held of contentsOfType(ctx, type)) visitType(held, depth + 1);
  };
  for (const param of fn.parameters) visitType(checker.getTypeAtLocation(param), 0);
  return [...parts];
}
