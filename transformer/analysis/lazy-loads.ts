/**
 * A task that loads a module of the program when called (`require('./heavy')`, `await import('./plugin')`) whose
 * loading prints (a banner, a deprecation warning at its top level, or in a module it imports): the plain program
 * prints that once, at the first call; each worker loads its own copy at its first call and would print it again
 * (np44's F10). Such a task's calls run in place. Modules its module imports statically are loaded when the worker
 * starts, not by a call, and are worker-load.ts's business.
 */
import type * as ts from 'typescript';
import type { AnalysisContext, FunctionLike } from './context';
import { firstInCodeRun } from './reached-code';
import { importClosure } from './worker-imports';
import { printsThrough } from './prints';
import { acts } from '../rewrite/worker-load';

/** The load that prints (its text, and what prints), or undefined. */
export function printingLazyLoad(ctx: AnalysisContext, fn: FunctionLike): string | undefined {
  const { ts } = ctx;
  let found: string | undefined;
  const visit = (node: ts.Node): void => {
    if (found) return;
    const target = ts.isCallExpression(node) ? loadedModule(ctx, node) : undefined;
    const printing = target && loadPrints(ctx, target);
    if (printing) { found = `\`${node.getText()}\` loads ${target!.fileName.split(/[\\/]/).pop()}, whose loading prints (\`${short(printing)}\`)`; return; }
    ts.forEachChild(node, visit);
  };
  firstInCodeRun(ctx, fn, (code) => { visit(code); return found; });
  return found;
}

/** The program's module a `require('…')` or `import('…')` call loads. */
function loadedModule(ctx: AnalysisContext, call: ts.CallExpression): ts.SourceFile | undefined {
  const { ts } = ctx;
  const [specifier] = call.arguments;
  const loads = call.expression.kind === ts.SyntaxKind.ImportKeyword || (ts.isIdentifier(call.expression) && call.expression.text === 'require');
  if (!loads || !specifier || !ts.isStringLiteralLike(specifier)) return undefined;
  const from = call.getSourceFile();
  // (The program's own files first: a `require` of a TypeScript file is no import the program resolved.)
  const host = { fileExists: (f: string) => ctx.program.getSourceFile(f) !== undefined || ts.sys.fileExists(f), readFile: ts.sys.readFile };
  const resolved = ts.resolveModuleName(specifier.text, from.fileName, ctx.program.getCompilerOptions(), host).resolvedModule;
  const file = resolved && ctx.program.getSourceFile(resolved.resolvedFileName);
  return file && !file.isDeclarationFile && !ctx.program.isSourceFileFromExternalLibrary(file) ? file : undefined;
}

/** What may print in the top-level code of the module or of a module it imports. */
function loadPrints(ctx: AnalysisContext, file: ts.SourceFile): ts.Node | undefined {
  for (const loaded of importClosure(ctx, [file])) {
    for (const statement of loaded.statements) {
      for (const code of runAtLoad(ctx.ts, statement)) {
        const printing = printsThrough(ctx, code);
        if (printing) return printing;
      }
    }
  }
  return undefined;
}

/** What of a top-level statement runs when its module loads: a statement that acts, a variable's initializer (not a function it only makes). */
function runAtLoad(t: typeof ts, statement: ts.Statement): ts.Node[] {
  if (acts(t, statement)) return [statement];
  if (!t.isVariableStatement(statement)) return [];
  return statement.declarationList.declarations.flatMap((d) => (d.initializer && !t.isArrowFunction(d.initializer) &&
    !t.isFunctionExpression(d.initializer) && !t.isClassExpression(d.initializer) ? [d.initializer] : []));
}

function short(node: ts.Node): string {
  const text = node.getText().replace(/\s+/g, ' ');
  return text.length > 50 ? `${text.slice(0, 47)}...` : text;
}
