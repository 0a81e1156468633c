/**
 * A worker imports a task's module, and with it every module that module imports. A module that calls tasks when it
 * loads is the program itself (`main.ts`): a task module importing it, even for a constant (`import { SCALE } from
 * './main'`, a cycle plain Node resolves), makes every worker run the program again. Found per module, once.
 */
import type * as ts from 'typescript';
import { calledFunction, isFunctionLike, type AnalysisContext } from './context';
import { programMemo } from './program-memo';
import { censusOf } from './syntax-census';

/** For each module the analysis asked about: the first import on the way to a module that runs tasks at load. */
const found = new WeakMap<ts.Program, Map<ts.SourceFile, ts.Node | null>>();

/** The import (in `file`, or in a module it imports) that leads a worker to a module calling tasks at load. */
export function importOfProgramRun(ctx: AnalysisContext, file: ts.SourceFile, isTask: (fn: ts.Node) => boolean): ts.Node | undefined {
  let memo = found.get(ctx.program);
  if (!memo) { memo = new Map(); found.set(ctx.program, memo); }
  const seen = new Set<ts.SourceFile>([file]);
  const visit = (from: ts.SourceFile): ts.Node | undefined => {
    const known = memo!.get(from);
    if (known !== undefined) return known ?? undefined;
    for (const [statement, target] of valueImports(ctx, from)) {
      if (seen.has(target)) continue;
      seen.add(target);
      if (callsTaskAtLoad(ctx, target, isTask) || visit(target)) return statement;
    }
    return undefined;
  };
  const at = visit(file);
  memo.set(file, at ?? null);
  return at;
}

/**
 * The program's modules a worker may load: the tasks' modules, those declaring a class (a worker loads a class's module
 * to bring back an instance of it that travels: runtime/store/classes.ts), and every module those import.
 */
export function filesWorkersLoad(ctx: AnalysisContext, taskFiles: readonly ts.SourceFile[]): ReadonlySet<ts.SourceFile> {
  const classFiles = ctx.program.getSourceFiles().filter((file) => !file.isDeclarationFile &&
    !ctx.program.isSourceFileFromExternalLibrary(file) && file.text.includes('class') &&
    censusOf(ctx, file).nodes.some((node) => ctx.ts.isClassLike(node)));
  return importClosure(ctx, [...taskFiles, ...classFiles]);
}

/** The files and every module they import for values, transitively. */
export function importClosure(ctx: AnalysisContext, files: readonly ts.SourceFile[]): ReadonlySet<ts.SourceFile> {
  const loaded = new Set<ts.SourceFile>();
  const load = (file: ts.SourceFile): void => {
    if (loaded.has(file)) return;
    loaded.add(file);
    for (const [, target] of valueImports(ctx, file)) load(target);
  };
  files.forEach(load);
  return loaded;
}

/** Modules the file imports for values (an import of types only is erased), with the statement that does. */
function valueImports(ctx: AnalysisContext, file: ts.SourceFile): [ts.Statement, ts.SourceFile][] {
  const { ts } = ctx;
  const imports: [ts.Statement, ts.SourceFile][] = [];
  for (const statement of file.statements) {
    let specifier: ts.Expression | undefined;
    if (ts.isImportDeclaration(statement) && !statement.importClause?.isTypeOnly) specifier = statement.moduleSpecifier;
    else if (ts.isExportDeclaration(statement) && !statement.isTypeOnly) specifier = statement.moduleSpecifier;
    else if (ts.isImportEqualsDeclaration(statement) && ts.isExternalModuleReference(statement.moduleReference)) specifier = statement.moduleReference.expression;
    const target = specifier && ctx.checker.getSymbolAtLocation(specifier)?.valueDeclaration;
    if (target && ts.isSourceFile(target) && !target.isDeclarationFile && !ctx.program.isSourceFileFromExternalLibrary(target)) imports.push([statement, target]);
  }
  return imports;
}

const loads = programMemo<ts.SourceFile, boolean>();

/** A call of a task in the module's own top-level code (not in a function or class it only declares). */
function callsTaskAtLoad(ctx: AnalysisContext, file: ts.SourceFile, isTask: (fn: ts.Node) => boolean): boolean {
  let calls = loads(ctx.program).get(file);
  if (calls === undefined) { calls = findsTaskCallAtLoad(ctx, file, isTask); loads(ctx.program).set(file, calls); }
  return calls;
}

function findsTaskCallAtLoad(ctx: AnalysisContext, file: ts.SourceFile, isTask: (fn: ts.Node) => boolean): boolean {
  const { ts } = ctx;
  const visit = (node: ts.Node): boolean => {
    // Functions and classes it only declares run later, if at all; a callback handed to a call (`xs.map((x) => t(x))`)
    // may run at load.
    const handedToCall = (ts.isArrowFunction(node) || ts.isFunctionExpression(node)) && ts.isCallExpression(node.parent);
    if ((isFunctionLike(ctx, node) && !handedToCall) || ts.isClassLike(node)) return false;
    if (ts.isCallExpression(node)) {
      const callee = calledFunction(ctx, node);
      if (callee && isTask(callee)) return true;
    }
    return ts.forEachChild(node, visit) === true;
  };
  return file.statements.some((statement) => visit(statement));
}
