/**
 * The static side: taskify's analysis on a library's JavaScript, as the plugin runs it for a task (one program with
 * allowJs, one Summaries cache, directionOf on each parameter's summary). Only finding the exported functions'
 * declarations is done here, since a library is not written with @task tags.
 */
import * as ts from 'typescript';
import { join } from 'node:path';
import { existsSync, readFileSync } from 'node:fs';
import { createAnalysisProgram } from '../../transformer/analysis/program';
import { createContext, type FunctionLike } from '../../transformer/analysis/context';
import { Summaries } from '../../transformer/analysis/summaries';
import { directionOf, type Direction } from '../../transformer/analysis/directions';
import { contextOf } from '../../transformer/analysis/code-behind';
import { functionOfSymbol, type FactoryCall } from '../../transformer/analysis/function-of-symbol';
import { defaultOnlyReads } from '../../transformer/analysis/function-values';
import { factoryCallOf } from '../../transformer/analysis/factory-made';
import { fixedParameter } from '../../transformer/analysis/bound-factory';
import { Callbacks } from '../../transformer/analysis/callbacks';
import { defaultForwarded, dischargeForwarded } from '../../transformer/analysis/forwarded';
import type { Summary } from '../../transformer/analysis/param-effects';
import { stagedFiles, type Library } from './libraries';

export interface StaticParam {
  readonly name: string;
  readonly direction: Direction;
  readonly reason: string;
  /** The declared type as written (JSDoc `{ReadonlyVec3}`, `{Array<number>}`): the oracle makes arguments from it. */
  readonly hint: string;
}

export interface StaticFunction {
  readonly name: string;
  readonly fn: FunctionLike;
  readonly where: string;
  readonly params: readonly StaticParam[];
}

/** Names the cause classifier (report.ts) needs to tell apart kinds of "unknown code". */
export interface LibraryNames {
  /** Parameters and names bound from them: a call through one is a call to a callback. */
  readonly params: Set<string>;
  /** Module-level `var`/`let` (gl-matrix's `export var dot = vec4.dot`): the analysis treats their calls as unknown. */
  readonly moduleVars: Set<string>;
  /** `import * as vec4`: `vec4.dot(a, b)` is a call through a namespace. */
  readonly namespaces: Set<string>;
}

export interface StaticResult {
  readonly names: LibraryNames;
  readonly functions: Map<string, StaticFunction>;
  /** Exported names whose value is not a function body the analysis can find (constants, factories...). */
  readonly notFound: string[];
}

export function analyzeLibrary(lib: Library): StaticResult {
  const program = createAnalysisProgram(ts, stagedFiles(lib));
  const ctx = createContext(ts, program);
  const summaries = new Summaries(ctx);
  const functions = new Map<string, StaticFunction>();
  const notFound: string[] = [];
  const seen = new Set<ts.Node>();
  for (const module of lib.modules) {
    const source = program.getSourceFile(join(lib.dir, module.file));
    const moduleSymbol = source && ctx.checker.getSymbolAtLocation(source);
    if (!moduleSymbol) throw new Error(`${lib.name}: ${module.file} is not a module of the program`);
    for (const exported of exportsOf(ctx.checker, moduleSymbol)) {
      const name = module.prefix + exported.name;
      // (Through a .d.ts kept beside the JavaScript, the function is the JavaScript behind it: code-behind.ts.)
      const via: FactoryCall[] = [];
      const fn = functionOfSymbol(ctx, exported, 0, via);
      if (!fn) { notFound.push(name); continue; }
      // `export var sub = subtract`: one function under two names is judged once; a closure a factory makes
      // (`var add = _curry2(function add(a, b) {…})`), once per factory call that makes it.
      const key: ts.Node = via[0]?.call ?? fn;
      if (seen.has(key)) continue;
      seen.add(key);
      // The oracle's callbacks only read what they are given: judge the summary a caller passing such callbacks gets.
      const started = Date.now();
      if (process.env.ORACLE_DEBUG === "2") console.error(`${lib.name} ${name}: analysing`);
      const summary = oracleSummary(ctx, summaries, fn, via);
      // ORACLE_DEBUG: the functions whose analysis is slow (a fixpoint that takes long shows here first).
      if (process.env.ORACLE_DEBUG && Date.now() - started > 500) console.error(`${lib.name} ${name}: analysed in ${Date.now() - started} ms`);
      const owner = contextOf(ctx, fn);
      const params = fn.parameters.map((param, i) => {
        // (What the call itself does: the oracle drops each call's result, so closures it hands back never run.)
        const { direction, reason } = directionOf(owner, param, summary.params[i] ?? {}, true);
        const typeNode = param.type ?? ts.getJSDocType(param) ?? declaredType(ctx, exported, i);
        const written = typeNode ? typeNode.getText() : besideType(fn, exported.name, i) ??
          owner.checker.typeToString(owner.checker.getTypeAtLocation(param));
        // (`options?: XNormedOptions`: the fields of the named options type, so that the oracle fills `output`.)
        const hint = (typeNode && optionsFields(ctx.checker, ctx.checker.getTypeAtLocation(typeNode), 2)) || written;
        return { name: param.name.getText(), direction, reason, hint };
      });
      const file = fn.getSourceFile();
      const where = `${file.fileName.slice(lib.dir.length + 1)}:${file.getLineAndCharacterOfPosition(fn.getStart()).line + 1}`;
      functions.set(name, { name, fn, where, params });
    }
  }
  return { functions, notFound, names: namesOf(program, lib) };
}

/**
 * A module's exports; for CommonJS `module.exports = { invert: require('./invert') }` (which the checker gives no
 * exports), the members of that object.
 */
function exportsOf(checker: ts.TypeChecker, moduleSymbol: ts.Symbol): ts.Symbol[] {
  const exports = checker.getExportsOfModule(moduleSymbol);
  const assigned = moduleSymbol.exports?.get('export=' as ts.__String);
  return exports.length || !assigned ? exports : checker.getTypeOfSymbol(assigned).getProperties();
}

/**
 * The summary a call site like the oracle's gets: its callbacks only read, but it also passes nothing (`undefined`)
 * for a callback parameter, which then runs its default. So the reading-callbacks summary holds only when every own
 * parameter it assumed to hold readers has no default, or one that only reads, and every parameter of a factory it
 * assumed so of (`fn` of `_curry2(fn)`, for the closure it returns) is discharged by the factory call that made this
 * export (`via`): callbacks.ts discharges a real call site's assumptions the same way. Else the general summary.
 * (@thi.ng/arrays' `quickSort(arr, _cmp, _swap = swap)` writes arr through its default.)
 */
function oracleSummary(ctx: ReturnType<typeof createContext>, summaries: Summaries, fn: FunctionLike, via: readonly FactoryCall[]): Summary {
  // (A closure a factory made: also with the factory's parameters bound to what that call passed, bound-factory.ts.)
  // (When both hold, the one writing fewer parameters, as callbacks.ts summaryAt picks at a call.)
  const writes = (s: Summary): number => s.params.filter((p) => p.written || p.writtenLater).length;
  const plain = readingHolds(ctx, summaries, fn, via, summaries.get(fn, true));
  const bound = !plain || writes(plain) > 0 ? readingHolds(ctx, summaries, fn, via, summaries.made(fn, true, via)) : undefined;
  return (plain && (!bound || writes(bound) >= writes(plain)) ? plain : bound) ?? summaries.made(fn, false, via);
}

function readingHolds(ctx: ReturnType<typeof createContext>, summaries: Summaries, fn: FunctionLike, via: readonly FactoryCall[],
  reading: Summary): Summary | undefined {
  const owner = contextOf(ctx, fn);
  const lookup = (f: FunctionLike, r: boolean, v?: readonly FactoryCall[]): Summary | undefined => summaries.made(f, r, v);
  const judge = new Callbacks(owner, fn, lookup, false);
  // (Only what the call itself rests on: what closures it hands back assumed matters when they are called.)
  const holds = [...(reading.assumesDuringCall ?? reading.assumes ?? [])].every(([on, fields]) => {
    if (!ts.isParameter(on)) return true;
    // (Position by position too: forwarded.ts. The function's own parameters it hands on hold what the oracle passes,
    // data or a reader, or their own default.)
    const ownHolds = (own: ts.ParameterDeclaration): boolean => !own.initializer || defaultOnlyReads(owner, own.initializer, lookup) ||
      defaultForwarded(owner, lookup, fn, own, ownHolds);
    if (on.parent === (fn as ts.Node)) return ownHolds(on);
    const made = fixedParameter(ctx, on) ? factoryCallOf(via, on.parent) : undefined;
    return made !== undefined && [...fields].every((field) => judge.atFactory(made).discharge(made.call, made.factory, on, field, [], false) ||
      dischargeForwarded(owner, lookup, fn, made, on, field, ownHolds, true));
  });
  return holds ? reading : undefined;
}

/**
 * The type a `.d.ts` beside the JavaScript declares for parameter `i` (compiled TypeScript: the JavaScript has none),
 * so that the oracle makes arguments of that type.
 */
function declaredType(ctx: ReturnType<typeof createContext>, exported: ts.Symbol, i: number): ts.TypeNode | undefined {
  const target = exported.flags & ts.SymbolFlags.Alias ? ctx.checker.getAliasedSymbol(exported) : exported;
  const declaration = target.declarations?.find((d) => d.getSourceFile().isDeclarationFile && ts.isFunctionDeclaration(d));
  return declaration && ts.isFunctionDeclaration(declaration) ? declaration.parameters[i]?.type : undefined;
}

const besideFiles = new Map<string, ts.SourceFile | undefined>();

/**
 * An options object's named type spelled as its fields (`{ output?: DoubleArray; inPlace?: boolean }`): a plain
 * object type with properties, no call signatures, not an array; nested option types spelled too, `depth` deep.
 */
function optionsFields(checker: ts.TypeChecker, type: ts.Type, depth: number): string | undefined {
  const object = type.isUnion() ? type.types.find((t) => (t.flags & ts.TypeFlags.Object) !== 0) : type;
  if (!object || !(object.flags & ts.TypeFlags.Object) || depth === 0 || checker.isArrayType(object) || checker.isTupleType(object) ||
    object.getCallSignatures().length > 0 || object.getConstructSignatures().length > 0 || checker.getIndexInfosOfType(object).length > 0) return undefined;
  const properties = object.getProperties();
  if (properties.length === 0 || properties.some((p) => !p.valueDeclaration || p.valueDeclaration.getSourceFile().hasNoDefaultLib)) return undefined;
  const fields = properties.map((p) => {
    const fieldType = checker.getTypeOfSymbol(p);
    const spelled = optionsFields(checker, fieldType, depth - 1) ?? checker.typeToString(checker.getNonNullableType(fieldType));
    return `${p.name}${p.flags & ts.SymbolFlags.Optional ? '?' : ''}: ${spelled}`;
  });
  return `{ ${fields.join('; ')} }`;
}

/**
 * The type the `.d.ts` beside the function's own JavaScript file declares for parameter `i` of `name` (Turf's
 * index.js and index.d.ts, where the program's root is the JavaScript): read as text, for the oracle's arguments only.
 */
function besideType(fn: FunctionLike, name: string, i: number): string | undefined {
  const js = fn.getSourceFile().fileName;
  const dts = js.replace(/\.(m|c)?js$/, (_, m: string | undefined) => `.d.${m ?? ''}ts`);
  if (!besideFiles.has(dts)) besideFiles.set(dts, existsSync(dts) ? ts.createSourceFile(dts, readFileSync(dts, 'utf8'), ts.ScriptTarget.Latest, true) : undefined);
  const file = besideFiles.get(dts);
  const declaration = file?.statements.find((s): s is ts.FunctionDeclaration => ts.isFunctionDeclaration(s) && s.name?.text === name);
  return declaration?.parameters[i]?.type?.getText();
}

function namesOf(program: ts.Program, lib: Library): LibraryNames {
  const names: LibraryNames = { params: new Set(), moduleVars: new Set(), namespaces: new Set() };
  const bind = (name: ts.BindingName, into: Set<string>): void => {
    if (ts.isIdentifier(name)) into.add(name.text);
    else for (const e of name.elements) if (!ts.isOmittedExpression(e)) bind(e.name, into);
  };
  const visit = (node: ts.Node): void => {
    if (ts.isParameter(node)) bind(node.name, names.params);
    if (ts.isNamespaceImport(node)) names.namespaces.add(node.name.text);
    if (ts.isVariableStatement(node) && ts.isSourceFile(node.parent) && !(node.declarationList.flags & ts.NodeFlags.Const)) {
      for (const d of node.declarationList.declarations) bind(d.name, names.moduleVars);
    }
    ts.forEachChild(node, visit);
  };
  for (const file of program.getSourceFiles()) if (file.fileName.startsWith(lib.dir)) visit(file);
  return names;
}
