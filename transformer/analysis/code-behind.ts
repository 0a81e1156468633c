/**
 * The code behind a declaration (issue 16 item 3): a call that resolves to a `.d.ts` of a package that ships its
 * JavaScript (`mean` → simple-statistics/src/mean.d.ts), or to a package without declarations at all (`deviation`
 * from d3-array), is analysed on that JavaScript instead of being code of unknown effect.
 *
 * The JavaScript is found beside the declaration (same base name: mean.d.ts → mean.js/.mjs/.cjs), else, for a
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
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { calledFunction, isFunctionLike, isReassigned, type AnalysisContext, type FunctionLike } from './context';
import { analysisOptions } from './program';
import { skipParens } from './expressions';

/** The function a call reaches with a body: in this program (calledFunction), or behind a declaration. */
export function calledBody(ctx: AnalysisContext, call: ts.CallExpression): FunctionLike | undefined {
  return calledFunction(ctx, call) ?? behindCall(ctx, call);
}

/** The context of the program `node` belongs to: `ctx`'s own, or the side program its file was read into. */
export function contextOf(ctx: AnalysisContext, node: ts.Node): AnalysisContext {
  const file = node.getSourceFile();
  if (ctx.program.getSourceFile(file.fileName) === file) return ctx;
  return owners.get(file) ?? ctx;
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
    // `export declare const identity: <T>(x: T) => T`: the variable's signature.
    const variable = ts.isFunctionTypeNode(declaration) ? declaration.parent : undefined;
    if (variable && ts.isVariableDeclaration(variable) && variable.type === declaration) return behindDeclaration(ctx, variable);
    return undefined;
  }
  if (!declaration) return behindImport(ctx, callee);
  return undefined;
}

/** The JavaScript function a `.d.ts` function declaration stands for. */
export function behindDeclaration(ctx: AnalysisContext, declaration: ts.FunctionDeclaration | ts.VariableDeclaration): FunctionLike | undefined {
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
  const top = ambient !== undefined ? (outer === declaration ? name : namespaces[0]) : exportNameOf(ctx, file, outer);
  if (top === undefined) return undefined;
  const path = outer === declaration ? [top] : [top, ...namespaces.slice(1), name];
  const js = ambient !== undefined ? packageEntry(packageRootFor(file.fileName, ambient)) : besideJs(file.fileName) ?? entryIfTypes(file.fileName);
  return js ? functionAt(ctx.ts, js, path) : undefined;
}

/** The name `file` exports `node` under (its own name when exported as itself), if any. */
function exportNameOf(ctx: AnalysisContext, file: ts.SourceFile, node: ts.Node): string | undefined {
  const moduleSymbol = ctx.checker.getSymbolAtLocation(file);
  if (!moduleSymbol) return undefined;
  for (const exported of ctx.checker.getExportsOfModule(moduleSymbol)) {
    const target = exported.flags & ctx.ts.SymbolFlags.Alias ? ctx.checker.getAliasedSymbol(exported) : exported;
    if (target.declarations?.includes(node as ts.Declaration)) return exported.name;
  }
  return undefined;
}

/** `f(…)` or `ns.f(…)` where the import names a module the program did not load (a package with no declarations). */
function behindImport(ctx: AnalysisContext, callee: ts.Expression): FunctionLike | undefined {
  const { ts } = ctx;
  let name: string;
  let local: ts.Identifier;
  if (ts.isIdentifier(callee)) { local = callee; name = ''; }
  else if (ts.isPropertyAccessExpression(callee) && ts.isIdentifier(callee.expression)) { local = callee.expression; name = callee.name.text; }
  else return undefined;
  const symbol = ctx.checker.getSymbolAtLocation(local);
  const declaration = symbol && symbol.flags & ts.SymbolFlags.Alias ? symbol.declarations?.[0] : undefined;
  if (!declaration) return undefined;
  let path: string[];
  let specifier: ts.Expression | undefined;
  if (ts.isImportSpecifier(declaration)) {
    path = [(declaration.propertyName ?? declaration.name).text];
    specifier = declaration.parent.parent.parent.moduleSpecifier;
  } else if (ts.isImportClause(declaration)) {
    path = ['default'];
    specifier = declaration.parent.moduleSpecifier;
  } else if (ts.isNamespaceImport(declaration)) {
    path = [];
    specifier = declaration.parent.parent.moduleSpecifier;
  } else return undefined;
  if (name) path.push(name);
  else if (path.length === 0) return undefined;
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

/** The function exported at `path` (`['vec3', 'add']`, `['default']`) by the JavaScript module `js`. */
function functionAt(t: typeof ts, js: string, path: readonly string[]): FunctionLike | undefined {
  const side = sideProgram(t, js);
  if (!side) return undefined;
  const { ctx, file } = side;
  let symbol = ctx.checker.getSymbolAtLocation(file);
  for (let i = 0; symbol && i < path.length; i++) {
    const module: ts.Symbol = symbol.flags & t.SymbolFlags.Alias ? ctx.checker.getAliasedSymbol(symbol) : symbol;
    symbol = ctx.checker.getExportsOfModule(module).find((e) => e.name === path[i]);
  }
  return symbol ? functionOfSymbol(ctx, symbol) : undefined;
}

/**
 * The function with a body a symbol stands for: through imports and re-exports, `export default f`, `var g = f`
 * (a constant: nothing reassigns it), `var g = ns.f`, a `.d.ts` declaration (the JavaScript behind it), and a function
 * returned by a factory (`var baseFor = createBaseFor()`, an immediately called `function () { …; return function … }()`:
 * the factory's last statement returns it).
 */
export function functionOfSymbol(ctx: AnalysisContext, symbol: ts.Symbol, depth = 0): FunctionLike | undefined {
  if (depth > 6) return undefined;
  const target = symbol.flags & ctx.ts.SymbolFlags.Alias ? ctx.checker.getAliasedSymbol(symbol) : symbol;
  for (const declaration of target.declarations ?? []) {
    const fn = functionOfNode(ctx, declaration, depth);
    if (fn) return fn;
  }
  return undefined;
}

function functionOfNode(ctx: AnalysisContext, node: ts.Node, depth: number): FunctionLike | undefined {
  const { ts } = ctx;
  if (node.getSourceFile().isDeclarationFile) {
    return (ts.isFunctionDeclaration(node) && !node.body) || (ts.isVariableDeclaration(node) && node.type && ts.isFunctionTypeNode(node.type))
      ? behindDeclaration(ctx, node) : undefined;
  }
  if (isFunctionLike(ctx, node)) return node.body ? node : undefined;
  if (ts.isVariableDeclaration(node) && node.initializer) {
    if (!(ts.getCombinedNodeFlags(node) & ts.NodeFlags.Const) && isReassigned(ctx, node)) return undefined;
    return functionOfExpression(ctx, node.initializer, depth);
  }
  if (ts.isExportAssignment(node)) return functionOfExpression(ctx, node.expression, depth);
  // CommonJS: `exports.total = function …`, `module.exports = f` (the declaration is the assignment or its target).
  const assignment = ts.isBinaryExpression(node) ? node : node.parent && ts.isBinaryExpression(node.parent) && node.parent.left === node ? node.parent : undefined;
  if (assignment && assignment.operatorToken.kind === ts.SyntaxKind.EqualsToken) return functionOfExpression(ctx, assignment.right, depth);
  return undefined;
}

function functionOfExpression(ctx: AnalysisContext, expr: ts.Expression, depth: number): FunctionLike | undefined {
  const { ts } = ctx;
  expr = skipParens(ts, expr);
  if (ts.isFunctionExpression(expr) || ts.isArrowFunction(expr)) return expr;
  if (ts.isIdentifier(expr) || ts.isPropertyAccessExpression(expr)) {
    const symbol = ctx.checker.getSymbolAtLocation(ts.isIdentifier(expr) ? expr : expr.name);
    return symbol && functionOfSymbol(ctx, symbol, depth + 1);
  }
  if (ts.isCallExpression(expr)) {
    const callee = skipParens(ts, expr.expression);
    const symbol = ts.isIdentifier(callee) ? ctx.checker.getSymbolAtLocation(callee) : undefined;
    const factory = symbol ? functionOfSymbol(ctx, symbol, depth + 1) : callee;
    if (factory && (ts.isFunctionExpression(factory) || ts.isArrowFunction(factory) || ts.isFunctionDeclaration(factory)) && factory.body) {
      if (!ts.isBlock(factory.body)) return functionOfExpression(ctx, factory.body, depth + 1);
      const last = factory.body.statements[factory.body.statements.length - 1];
      if (last && ts.isReturnStatement(last) && last.expression) return functionOfExpression(ctx, last.expression, depth + 1);
    }
  }
  return undefined;
}

// ── where the JavaScript is ───────────────────────────────────────────────────

const isJs = (file: string): boolean => /\.(m|c)?js$/.test(file);

/** mean.d.ts → mean.js (or .mjs, .cjs); index.d.mts → index.mjs. */
function besideJs(declarationFile: string): string | undefined {
  const m = /^(.*)\.d\.(m|c)?ts$/.exec(declarationFile);
  if (!m) return undefined;
  const candidates = m[2] ? [`${m[1]}.${m[2]}js`] : [`${m[1]}.js`, `${m[1]}.mjs`, `${m[1]}.cjs`];
  return candidates.find((c) => existsSync(c));
}

/** The package's JavaScript entry, when `declarationFile` is the package's own types entry (`types`, index.d.ts). */
function entryIfTypes(declarationFile: string): string | undefined {
  const root = packageRootFor(declarationFile);
  if (!root) return undefined;
  const manifest = readManifest(root);
  const types = [manifest?.types, manifest?.typings, 'index.d.ts'].filter((t): t is string => typeof t === 'string').map((t) => resolve(root, t));
  return types.includes(resolve(declarationFile)) ? packageEntry(root) : undefined;
}

/** The nearest directory above `file` with a package.json (named `name`, when given). */
function packageRootFor(file: string, name?: string): string | undefined {
  for (let dir = dirname(file); ; dir = dirname(dir)) {
    const manifest = existsSync(join(dir, 'package.json')) ? readManifest(dir) : undefined;
    if (manifest && (name === undefined || manifest.name === name)) return dir;
    if (dirname(dir) === dir) return undefined;
  }
}

interface Manifest { name?: string; version?: string; types?: unknown; typings?: unknown; main?: unknown; module?: unknown; exports?: unknown }

const manifests = new Map<string, Manifest | undefined>();

function readManifest(dir: string): Manifest | undefined {
  if (!manifests.has(dir)) {
    let manifest: Manifest | undefined;
    try { manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as Manifest; } catch { manifest = undefined; }
    manifests.set(dir, manifest);
  }
  return manifests.get(dir);
}

/** The JavaScript a package's root import runs: `exports['.']` (import, module, default, node, require), module, main. */
function packageEntry(root: string | undefined): string | undefined {
  if (!root) return undefined;
  const manifest = readManifest(root);
  if (!manifest) return undefined;
  const conditions = ['import', 'module', 'default', 'node', 'require'];
  const pick = (value: unknown): string | undefined => {
    if (typeof value === 'string') return isJs(value) ? value : undefined;
    if (Array.isArray(value)) return value.map(pick).find((v) => v);
    if (value && typeof value === 'object') {
      const record = value as Record<string, unknown>;
      if ('.' in record) return pick(record['.']);
      for (const c of conditions) if (c in record) { const v = pick(record[c]); if (v) return v; }
    }
    return undefined;
  };
  const candidates = [pick(manifest.exports), typeof manifest.module === 'string' ? manifest.module : undefined,
    typeof manifest.main === 'string' ? manifest.main : undefined, 'index.js'];
  for (const c of candidates) {
    if (!c) continue;
    const path = resolve(root, c);
    if (existsSync(path) && statSync(path).isFile() && isJs(path)) return path;
  }
  return undefined;
}

// ── side programs ─────────────────────────────────────────────────────────────

interface Side { readonly ctx: AnalysisContext; readonly file: ts.SourceFile }

/** Per file and package version: a dependency is read once per process. */
const sides = new Map<string, Side | undefined>();
/** Which side program a file was first read into (summaries.ts analyses its functions there). */
const owners = new WeakMap<ts.SourceFile, AnalysisContext>();
/** Parsed files shared by all side programs. */
const parsed = new Map<string, ts.SourceFile>();

function sideProgram(t: typeof ts, js: string): Side | undefined {
  const root = packageRootFor(js);
  const key = `${js}\0${root ? readManifest(root)?.version ?? '' : ''}`;
  if (sides.has(key)) return sides.get(key);
  let side: Side | undefined;
  try {
    const program = createSideProgram(t, js);
    const file = program.getSourceFile(js);
    if (file) {
      const ctx: AnalysisContext = { ts: t, program, checker: program.getTypeChecker() };
      for (const f of program.getSourceFiles()) if (!owners.has(f)) owners.set(f, ctx);
      side = { ctx, file };
    }
  } catch {
    side = undefined; // a package the compiler cannot read stays code of unknown effect
  }
  sides.set(key, side);
  return side;
}

/** A JavaScript program rooted at `js` whose imports all resolve to JavaScript where there is some. */
function createSideProgram(t: typeof ts, js: string): ts.Program {
  const options: ts.CompilerOptions = { ...analysisOptions(t), strict: false, noResolve: false };
  const host = t.createCompilerHost(options, true);
  host.jsDocParsingMode = t.JSDocParsingMode.ParseAll;
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (name, languageVersion, onError) => {
    const key = `${name}\0${JSON.stringify(languageVersion)}`;
    let file = parsed.get(key);
    if (!file) { file = getSourceFile(name, languageVersion, onError); if (file) parsed.set(key, file); }
    return file;
  };
  host.resolveModuleNameLiterals = (literals, containingFile, _redirected, compilerOptions, containingSourceFile) =>
    literals.map((literal) => {
      const mode = t.getModeForUsageLocation(containingSourceFile, literal, compilerOptions);
      const resolution = t.resolveModuleName(literal.text, containingFile, compilerOptions, host, undefined, undefined, mode);
      const resolved = resolution.resolvedModule;
      if (!resolved) return resolution;
      const file = isJs(resolved.resolvedFileName) ? resolved.resolvedFileName : besideJs(resolved.resolvedFileName);
      if (!file) return resolution;
      const extension = file.endsWith('.mjs') ? t.Extension.Mjs : file.endsWith('.cjs') ? t.Extension.Cjs : t.Extension.Js;
      return { resolvedModule: { ...resolved, resolvedFileName: file, extension, isExternalLibraryImport: false } };
    });
  return t.createProgram({ rootNames: [js], options, host });
}
