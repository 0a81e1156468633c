/**
 * The static side: taskify's analysis on a library's JavaScript, as the plugin runs it for a task (one program with
 * allowJs, one Summaries cache, directionOf on each parameter's summary). Only finding the exported functions'
 * declarations is done here, since a library is not written with @task tags.
 */
import * as ts from 'typescript';
import { join } from 'node:path';
import { createAnalysisProgram } from '../../transformer/analysis/program';
import { createContext, isFunctionLike, type AnalysisContext, type FunctionLike } from '../../transformer/analysis/context';
import { Summaries } from '../../transformer/analysis/summaries';
import { directionOf, type Direction } from '../../transformer/analysis/directions';
import { skipParens } from '../../transformer/analysis/reach';
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

export interface StaticResult {
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
  const seen = new Set<FunctionLike>();
  for (const module of lib.modules) {
    const source = program.getSourceFile(join(lib.dir, module.file));
    const moduleSymbol = source && ctx.checker.getSymbolAtLocation(source);
    if (!moduleSymbol) throw new Error(`${lib.name}: ${module.file} is not a module of the program`);
    for (const exported of ctx.checker.getExportsOfModule(moduleSymbol)) {
      const name = module.prefix + exported.name;
      const fn = functionOfSymbol(ctx, exported, 0);
      if (!fn) { notFound.push(name); continue; }
      // `export var sub = subtract`: one function under two names is judged once.
      if (seen.has(fn)) continue;
      seen.add(fn);
      const summary = summaries.get(fn);
      const params = fn.parameters.map((param, i) => {
        const { direction, reason } = directionOf(ctx, param, summary.params[i] ?? {});
        const typeNode = param.type ?? ts.getJSDocType(param);
        const hint = typeNode ? typeNode.getText() : ctx.checker.typeToString(ctx.checker.getTypeAtLocation(param));
        return { name: param.name.getText(), direction, reason, hint };
      });
      const file = fn.getSourceFile();
      const where = `${file.fileName.slice(lib.dir.length + 1)}:${file.getLineAndCharacterOfPosition(fn.getStart()).line + 1}`;
      functions.set(name, { name, fn, where, params });
    }
  }
  return { functions, notFound };
}

/** The function with a body an exported symbol stands for, through aliases, `export default f` and `var g = f`. */
function functionOfSymbol(ctx: AnalysisContext, symbol: ts.Symbol, depth: number): FunctionLike | undefined {
  if (depth > 5) return undefined;
  const target = symbol.flags & ts.SymbolFlags.Alias ? ctx.checker.getAliasedSymbol(symbol) : symbol;
  for (const declaration of target.declarations ?? []) {
    const fn = functionOfNode(ctx, declaration, depth);
    if (fn) return fn;
  }
  return undefined;
}

function functionOfNode(ctx: AnalysisContext, node: ts.Node, depth: number): FunctionLike | undefined {
  if (isFunctionLike(ctx, node)) return node.body ? node : undefined;
  if (ts.isVariableDeclaration(node) && node.initializer) return functionOfExpression(ctx, node.initializer, depth);
  if (ts.isExportAssignment(node)) return functionOfExpression(ctx, node.expression, depth);
  return undefined;
}

function functionOfExpression(ctx: AnalysisContext, expr: ts.Expression, depth: number): FunctionLike | undefined {
  expr = skipParens(ts, expr);
  if (ts.isFunctionExpression(expr) || ts.isArrowFunction(expr)) return expr;
  // `var g = f` and gl-matrix's `export var clone = vec4.clone` (a function of another module, by its namespace).
  if (ts.isIdentifier(expr) || ts.isPropertyAccessExpression(expr)) {
    const symbol = ctx.checker.getSymbolAtLocation(ts.isIdentifier(expr) ? expr : expr.name);
    return symbol && functionOfSymbol(ctx, symbol, depth + 1);
  }
  // gl-matrix's `forEach = function () { var vec = create(); return function (a, stride, ...) {...} }()`: the
  // function returned by an immediately called factory.
  if (ts.isCallExpression(expr)) {
    const factory = skipParens(ts, expr.expression);
    if ((ts.isFunctionExpression(factory) || ts.isArrowFunction(factory)) && ts.isBlock(factory.body)) {
      const last = factory.body.statements[factory.body.statements.length - 1];
      if (last && ts.isReturnStatement(last) && last.expression) return functionOfExpression(ctx, last.expression, depth + 1);
    }
  }
  return undefined;
}
