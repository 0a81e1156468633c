/**
 * Side programs: a JavaScript program rooted at one file of a package, whose imports all resolve to JavaScript (a
 * `.d.ts` replaced by the file beside it), so that code behind declarations (code-behind.ts) has bodies all the way
 * down. Kept per file and package version for the whole process, sharing parsed files: a dependency is parsed once
 * however many files of the user's program call it. `ownerOf` says which side program a file was read into (its
 * functions are analysed there, with that program's checker).
 */
import type * as ts from 'typescript';
import type { AnalysisContext } from './context';
import { analysisOptions } from './program';
import { memoizedChecker } from './checker-memo';
import { besideJs, isJs, packageRootFor, readManifest } from './package-files';

export interface Side { readonly ctx: AnalysisContext; readonly file: ts.SourceFile }

/** Per file and package version: a dependency is read once per process. */
const sides = new Map<string, Side | undefined>();
/** Which side program a file was first read into (summaries.ts analyses its functions there). */
const owners = new WeakMap<ts.SourceFile, AnalysisContext>();
/** Parsed files shared by all side programs. */
const parsed = new Map<string, ts.SourceFile>();

export function sideProgram(t: typeof ts, js: string): Side | undefined {
  const root = packageRootFor(js);
  const key = `${js}\0${root ? readManifest(root)?.version ?? '' : ''}`;
  if (sides.has(key)) return sides.get(key);
  let side: Side | undefined;
  try {
    const program = createSideProgram(t, js);
    const file = program.getSourceFile(js);
    if (file) {
      const ctx: AnalysisContext = { ts: t, program, checker: memoizedChecker(program) };
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

/** The side program `file` was first read into, if any. */
export const ownerOf = (file: ts.SourceFile): AnalysisContext | undefined => owners.get(file);
