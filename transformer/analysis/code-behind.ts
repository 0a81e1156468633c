/**
 * The code behind a declaration (issue 16 item 3): a call that resolves to a `.d.ts` of a package that ships its
 * JavaScript (`mean` → simple-statistics/src/mean.d.ts), or to a package without declarations at all (`deviation`
 * from d3-array), is analysed on that JavaScript instead of being code of unknown effect.
 *
 * The JavaScript is found beside the declaration (same base name: mean.d.ts → mean.js/.mjs/.cjs), else, for
 * DefinitelyTyped's `@types/d3-array` entry, in the package it types; else, for a
 * package's own entry declarations (`types`, or `declare module "gl-matrix" { namespace vec3 { … } }`), through the
 * package's `exports`/`module`/`main`. The function is then looked up by the export path the declaration has
 * (`default`, `vec3.add`) in a side program rooted at that file: allowJs, every import resolved to JavaScript (a
 * `.d.ts` replaced by the file beside it, a package's JavaScript in node_modules included), so the callee's own
 * callees have bodies too. Side programs are kept per file and package version for the whole process, and share parsed
 * files, so a dependency is parsed and analysed once however many files call it; their functions' summaries live in
 * their own Summaries (summaries.ts asks `contextOf` which program a function belongs to).
 *
 * A callee is unknown only when no body can be found: a class, an overload set with no JavaScript export of that name,
 * a JavaScript value that is not a function.
 */
import type * as ts from 'typescript';
import { calledFunction, isReassigned, type AnalysisContext, type FunctionLike } from './context';
import { skipParens } from './expressions';
import { namedFunction } from './callee-names';
import { functionOfSymbol, type FactoryCall } from './function-of-symbol';
import { besideJs, entryIfTypes, entryOfTyped, entryTypesOf, isJs, packageEntry, packageRootFor, subpathEntry } from './package-files';
import { ownerOf, sideProgram } from './side-programs';

/** The function a call reaches with a body: in this program (calledFunction), or behind a declaration. */
export function calledBody(ctx: AnalysisContext, call: ts.CallExpression): FunctionLike | undefined {
  return calledFunction(ctx, call) ?? behindCall(ctx, call);
}

/** The context of the program `node` belongs to: `ctx`'s own, or the side program its file was read into. */
export function contextOf(ctx: AnalysisContext, node: ts.Node): AnalysisContext {
  const file = node.getSourceFile();
  if (ctx.program.getSourceFile(file.fileName) === file) return ctx;
  return ownerOf(file) ?? ctx;
}

// ── finding the function ──────────────────────────────────────────────────────

function behindCall(ctx: AnalysisContext, call: ts.CallExpression): FunctionLike | undefined {
  const { ts } = ctx;
  const callee = skipParens(ts, call.expression);
  // Through a parameter or a variable something reassigns, a call may reach another function than its type's.
  if (ts.isIdentifier(callee)) {
    const declared = ctx.checker.getSymbolAtLocation(callee)?.valueDeclaration;
    if (declared && (ts.isParameter(declared) ||
      (ts.isVariableDeclaration(declared) && !(ts.getCombinedNodeFlags(declared) & ts.NodeFlags.Const) && isReassigned(ctx, declared)))) return undefined;
  }
  const declaration = ctx.checker.getResolvedSignature(call)?.declaration;
  if (declaration && declaration.getSourceFile().isDeclarationFile) {
    if (ts.isFunctionDeclaration(declaration)) return behindDeclaration(ctx, declaration);
    if (ts.isMethodDeclaration(declaration) && ts.isPropertyAccessExpression(callee)) return behindClassMember(ctx, declaration, callee.expression);
    // `export declare const identity: <T>(x: T) => T`: the variable's signature.
    const variable = ts.isFunctionTypeNode(declaration) ? declaration.parent : undefined;
    if (variable && ts.isVariableDeclaration(variable) && variable.type === declaration) return behindDeclaration(ctx, variable);
    return undefined;
  }
  // (Typed `Function` or `any`: the function its name stands for, else a package's JavaScript the program did not load.)
  if (!declaration) return namedFunction(ctx, callee) ?? behindImport(ctx, callee);
  return undefined;
}

/** The JavaScript function a `.d.ts` function declaration stands for. */
export function behindDeclaration(ctx: AnalysisContext, declaration: ts.FunctionDeclaration | ts.VariableDeclaration,
  via?: FactoryCall[]): FunctionLike | undefined {
  const found = behindExport(ctx, declaration);
  return found && functionOfSymbol(found.ctx, found.symbol, 0, via);
}

/**
 * The JavaScript a `.d.ts` class's static method or constructor stands for (ml-matrix's `Matrix.from1DArray(3, 5, xs)`,
 * `new Matrix(rows)`, np47's p03), looked up from the class the code names (`classExpr`: `Matrix`), since its
 * JavaScript may override what its declarations inherit (rev61's F1). A static method is the one the checker finds on
 * that JavaScript class (inherited included), when it is a single method declaration that never mentions `this` or
 * `super` (which would depend on the class it is called on); a class field or a later `Pkg.m = …` leaves it unknown. A
 * constructor is the class's own, or the one it inherits. Not a class of the program extending a package's (its
 * overrides are the program's), nor an instance method (method-receivers.ts judges those on the program's classes).
 */
export function behindClassMember(ctx: AnalysisContext, member: ts.MethodDeclaration | ts.ConstructorDeclaration,
  classExpr: ts.Expression): FunctionLike | undefined {
  const { ts } = ctx;
  if (ts.isMethodDeclaration(member) && (!ts.isIdentifier(member.name) || !(ts.getCombinedModifierFlags(member) & ts.ModifierFlags.Static))) return undefined;
  const named = ctx.checker.getSymbolAtLocation(skipParens(ts, classExpr));
  const declared = (named && named.flags & ts.SymbolFlags.Alias ? ctx.checker.getAliasedSymbol(named) : named)?.valueDeclaration;
  if (!declared || !ts.isClassDeclaration(declared) || !declared.name || !declared.getSourceFile().isDeclarationFile) return undefined;
  const found = behindExport(ctx, declared);
  if (!found) return undefined;
  const side = found.ctx;
  const symbol = found.symbol.flags & ts.SymbolFlags.Alias ? side.checker.getAliasedSymbol(found.symbol) : found.symbol;
  if (ts.isMethodDeclaration(member)) {
    const property = side.checker.getTypeOfSymbol(symbol).getProperty((member.name as ts.Identifier).text);
    const [method, ...others] = property?.declarations ?? [];
    return method && others.length === 0 && ts.isMethodDeclaration(method) && (ts.getCombinedModifierFlags(method) & ts.ModifierFlags.Static) &&
      method.body && !mentionsThis(ts, method.body) ? method as unknown as FunctionLike : undefined;
  }
  for (let cls = classOf(side, symbol), hops = 0; cls && hops < 10; cls = baseClassOf(side, cls), hops++) {
    const own = cls.members.find(ts.isConstructorDeclaration);
    if (own) return own.body ? own as unknown as FunctionLike : undefined;
  }
  return undefined;
}

/** `this` or `super` in a body (not inside a nested function of its own `this`). */
function mentionsThis(t: typeof ts, body: ts.Node): boolean {
  const visit = (node: ts.Node): boolean => node.kind === t.SyntaxKind.ThisKeyword || node.kind === t.SyntaxKind.SuperKeyword ||
    (!(t.isFunctionLike(node) && !t.isArrowFunction(node)) && !t.isClassLike(node) && t.forEachChild(node, visit) === true);
  return t.forEachChild(body, visit) === true;
}

function classOf(ctx: AnalysisContext, symbol: ts.Symbol): ts.ClassLikeDeclaration | undefined {
  const { ts } = ctx;
  const declaration = symbol.valueDeclaration;
  if (declaration && ts.isClassLike(declaration)) return declaration;
  const init = declaration && ts.isVariableDeclaration(declaration) && declaration.initializer && skipParens(ts, declaration.initializer);
  return init && ts.isClassExpression(init) ? init : undefined;
}

/** The class `cls` extends, when its `extends` names one (in JavaScript: a class declared or imported by name). */
function baseClassOf(ctx: AnalysisContext, cls: ts.ClassLikeDeclaration): ts.ClassLikeDeclaration | undefined {
  const { ts } = ctx;
  const base = cls.heritageClauses?.find((h) => h.token === ts.SyntaxKind.ExtendsKeyword)?.types[0]?.expression;
  const symbol = base && ts.isIdentifier(base) ? ctx.checker.getSymbolAtLocation(base) : undefined;
  return symbol && classOf(ctx, symbol.flags & ts.SymbolFlags.Alias ? ctx.checker.getAliasedSymbol(symbol) : symbol);
}

/** The JavaScript symbol a `.d.ts` declaration stands for, with the side program holding it. */
function behindExport(ctx: AnalysisContext, declaration: ts.FunctionDeclaration | ts.VariableDeclaration | ts.ClassDeclaration): SideSymbol | undefined {
  const { ts } = ctx;
  const file = declaration.getSourceFile();
  if (ctx.program.isSourceFileDefaultLibrary(file) || /[\\/]typescript[\\/]lib[\\/]/.test(file.fileName) ||
    !declaration.name || !ts.isIdentifier(declaration.name)) return undefined;
  const name = declaration.name.text;
  // Namespaces around it (gl-matrix's `namespace vec3`), up to the file or an ambient `declare module "name"`.
  const namespaces: string[] = [];
  let outer: ts.Node = declaration;
  let ambient: string | undefined;
  for (let parent = declaration.parent; parent && !ts.isSourceFile(parent); parent = parent.parent) {
    if (!ts.isModuleDeclaration(parent)) continue;
    if (ts.isStringLiteral(parent.name)) { ambient = parent.name.text; break; }
    namespaces.unshift(parent.name.text);
    outer = parent;
  }
  // The outermost name as the module exports it: as written inside `declare module`, looked up among the file's
  // exports otherwise (`declare function mean(…); export default mean` is `default`).
  // (Inside `declare module "binary-search" { function binarySearch(…); export = binarySearch }` too.)
  const top = ambient !== undefined ? (assignedInAmbient(ctx, outer) ? ASSIGNED : outer === declaration ? name : namespaces[0])
    : exportNameOf(ctx, file, outer);
  // (`export = stableStringify`: the module itself, what its JavaScript assigns to `module.exports`.)
  const inner = outer === declaration ? [] : [...namespaces.slice(1), name];
  if (top === undefined) return bundledSymbol(ctx, file, outer, inner);
  const path = top === ASSIGNED ? inner : [top, ...inner];
  const js = ambient !== undefined ? packageEntry(packageRootFor(file.fileName, ambient)) ?? subpathEntry(file.fileName, ambient)
    : besideJs(file.fileName) ?? entryOfTyped(file.fileName) ?? entryIfTypes(file.fileName);
  return (js ? symbolAt(ctx.ts, js, path) : undefined) ?? (ambient === undefined ? bundledSymbol(ctx, file, outer, inner) : undefined);
}

/** `node` is what the ambient module around it assigns to `export =`. */
function assignedInAmbient(ctx: AnalysisContext, node: ts.Node): boolean {
  const { ts } = ctx;
  const body = node.parent && ts.isModuleBlock(node.parent) ? node.parent : undefined;
  const name = (node as ts.NamedDeclaration).name;
  return body !== undefined && name !== undefined && ts.isIdentifier(name) && body.statements.some((s) => ts.isExportAssignment(s) &&
    s.isExportEquals === true && ts.isIdentifier(s.expression) && s.expression.text === name.text);
}

/**
 * A package whose JavaScript is one bundle (geometric's build/geometric.js) under a declaration file per function
 * (build/polygons/polygonArea.d.ts, no JavaScript beside it): the name the package's types entry exports the
 * declaration under, looked up in the package's entry.
 */
function bundledSymbol(ctx: AnalysisContext, file: ts.SourceFile, outer: ts.Node, inner: readonly string[]): SideSymbol | undefined {
  const root = packageRootFor(file.fileName);
  const js = root && packageEntry(root);
  if (!root || !js) return undefined;
  for (const types of entryTypesOf(root)) {
    const entryFile = ctx.program.getSourceFile(types);
    const top = entryFile && entryFile !== file ? exportNameOf(ctx, entryFile, outer) : undefined;
    if (top !== undefined) return symbolAt(ctx.ts, js, top === ASSIGNED ? inner : [top, ...inner]);
  }
  return undefined;
}

/** exportNameOf's answer for `export = node`: the module is that value. */
const ASSIGNED = '';

/** The name `file` exports `node` under (its own name when exported as itself; ASSIGNED by `export =`), if any. */
function exportNameOf(ctx: AnalysisContext, file: ts.SourceFile, node: ts.Node): string | undefined {
  const moduleSymbol = ctx.checker.getSymbolAtLocation(file);
  if (!moduleSymbol) return undefined;
  const assigned = moduleSymbol.exports?.get('export=' as ts.__String);
  const value = assigned && (assigned.flags & ctx.ts.SymbolFlags.Alias ? ctx.checker.getAliasedSymbol(assigned) : assigned);
  if (value?.declarations?.includes(node as ts.Declaration)) return ASSIGNED;
  for (const exported of ctx.checker.getExportsOfModule(moduleSymbol)) {
    const target = exported.flags & ctx.ts.SymbolFlags.Alias ? ctx.checker.getAliasedSymbol(exported) : exported;
    if (target.declarations?.includes(node as ts.Declaration)) return exported.name;
  }
  return undefined;
}

/**
 * What an import declaration of one name imports: the module's specifier, and the export's path in it (`['map']` of
 * `import { map } from 'x'`, `['default']` of `import x from 'x'`, `[]` of `import * as x`).
 */
export function importOf(t: typeof ts, declaration: ts.Declaration): { specifier: ts.Expression; path: string[] } | undefined {
  if (t.isImportSpecifier(declaration)) return { specifier: declaration.parent.parent.parent.moduleSpecifier, path: [(declaration.propertyName ?? declaration.name).text] };
  if (t.isImportClause(declaration)) return { specifier: declaration.parent.moduleSpecifier, path: ['default'] };
  if (t.isNamespaceImport(declaration)) return { specifier: declaration.parent.parent.moduleSpecifier, path: [] };
  if (t.isImportEqualsDeclaration(declaration) && t.isExternalModuleReference(declaration.moduleReference)) return { specifier: declaration.moduleReference.expression, path: [] };
  return undefined;
}

/**
 * `f(…)` or `ns.f(…)` where the import names a module the program did not load (a package with no declarations); also
 * CommonJS `var f = require('pkg')` (stats-lite's `var isNumber = require("isnumber")`), which nothing reassigns: `f` is
 * what that module assigns to `module.exports`, `f.g` its export `g`.
 */
export function behindImport(ctx: AnalysisContext, callee: ts.Expression): FunctionLike | undefined {
  const { ts } = ctx;
  let name: string;
  let local: ts.Identifier;
  if (ts.isIdentifier(callee)) { local = callee; name = ''; }
  else if (ts.isPropertyAccessExpression(callee) && ts.isIdentifier(callee.expression)) { local = callee.expression; name = callee.name.text; }
  else return undefined;
  const symbol = ctx.checker.getSymbolAtLocation(local);
  const declaration = symbol && symbol.flags & ts.SymbolFlags.Alias ? symbol.declarations?.[0] : symbol?.valueDeclaration;
  if (!declaration) return undefined;
  let path: string[];
  let specifier: ts.Expression | undefined;
  const required = requiredSpecifier(ctx, declaration);
  if (required) {
    path = [];
    specifier = required;
  } else {
    // (`import x = require(…)` of TypeScript is not looked behind here.)
    const imported = ts.isImportEqualsDeclaration(declaration) ? undefined : importOf(ts, declaration);
    if (!imported) return undefined;
    ({ path, specifier } = imported);
  }
  if (name) path.push(name);
  else if (path.length === 0 && !required) return undefined;
  if (!specifier || !ts.isStringLiteral(specifier)) return undefined;
  const file = local.getSourceFile();
  const resolved = ts.resolveModuleName(specifier.text, file.fileName, ctx.program.getCompilerOptions(), ts.sys, undefined, undefined,
    ctx.program.getModeForUsageLocation(file, specifier)).resolvedModule;
  if (!resolved) return undefined;
  const js = isJs(resolved.resolvedFileName) ? resolved.resolvedFileName : besideJs(resolved.resolvedFileName);
  // A module the program did load is judged through its declarations (behindDeclaration), not here.
  if (!js || ctx.program.getSourceFile(resolved.resolvedFileName)) return undefined;
  return functionAt(ctx.ts, js, path);
}

/** The specifier of `var f = require('pkg')` (a constant: nothing reassigns f), if `declaration` is one. */
function requiredSpecifier(ctx: AnalysisContext, declaration: ts.Declaration): ts.StringLiteralLike | undefined {
  const { ts } = ctx;
  if (!ts.isVariableDeclaration(declaration) || !ts.isIdentifier(declaration.name) || !declaration.initializer) return undefined;
  if (!(ts.getCombinedNodeFlags(declaration) & ts.NodeFlags.Const) && isReassigned(ctx, declaration)) return undefined;
  const init = skipParens(ts, declaration.initializer);
  if (!ts.isCallExpression(init) || !ts.isIdentifier(init.expression) || init.expression.text !== 'require' || init.arguments.length !== 1) return undefined;
  const [specifier] = init.arguments;
  return ts.isStringLiteralLike(specifier) ? specifier : undefined;
}

/** The function exported at `path` (`['vec3', 'add']`, `['default']`) by the JavaScript module `js`. */
function functionAt(t: typeof ts, js: string, path: readonly string[], via?: FactoryCall[]): FunctionLike | undefined {
  const found = symbolAt(t, js, path);
  return found && functionOfSymbol(found.ctx, found.symbol, 0, via);
}

/** A symbol of a side program (side-programs.ts), with that program's context. */
interface SideSymbol { readonly ctx: AnalysisContext; readonly symbol: ts.Symbol }

/** What the JavaScript module `js` exports at `path`. */
function symbolAt(t: typeof ts, js: string, path: readonly string[]): SideSymbol | undefined {
  const side = sideProgram(t, js);
  if (!side) return undefined;
  const { ctx, file } = side;
  let symbol = ctx.checker.getSymbolAtLocation(file);
  // (The module itself, required: what it assigns to `module.exports`.)
  if (path.length === 0) symbol = symbol?.exports?.get('export=' as ts.__String);
  for (let i = 0; symbol && i < path.length; i++) {
    const module: ts.Symbol = symbol.flags & t.SymbolFlags.Alias ? ctx.checker.getAliasedSymbol(symbol) : symbol;
    symbol = ctx.checker.getExportsOfModule(module).find((e) => e.name === path[i]) ?? exportsLiteralMember(ctx, module, path[i]);
  }
  return symbol ? { ctx, symbol } : undefined;
}

/**
 * `module.exports = { total: total }` (ES5 CommonJS): the checker lists only `export=` for such a module, not the
 * literal's members (the shorthand `{ total }` it does list).
 */
function exportsLiteralMember(ctx: AnalysisContext, module: ts.Symbol, name: string): ts.Symbol | undefined {
  const { ts } = ctx;
  const assignment = module.exports?.get('export=' as ts.__String)?.valueDeclaration;
  const literal = assignment && ts.isBinaryExpression(assignment) ? skipParens(ts, assignment.right)
    : assignment?.parent && ts.isBinaryExpression(assignment.parent) ? skipParens(ts, assignment.parent.right) : undefined;
  if (!literal || !ts.isObjectLiteralExpression(literal)) return undefined;
  const member = literal.properties.find((p): p is ts.PropertyAssignment => ts.isPropertyAssignment(p) &&
    (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name)) && p.name.text === name);
  return member && ctx.checker.getSymbolAtLocation(member.name);
}
