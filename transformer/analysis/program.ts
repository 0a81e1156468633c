/** A program for analysis outside tspc (the `taskify explain` command, tests): JSDoc parsed everywhere, JS allowed. */
import type * as ts from 'typescript';

export const analysisOptions = (t: typeof ts): ts.CompilerOptions => ({
  target: t.ScriptTarget.ES2022, module: t.ModuleKind.Node16, moduleResolution: t.ModuleResolutionKind.Node16,
  allowJs: true, checkJs: false, strict: true, noEmit: true, skipLibCheck: true, types: [],
});

const sharedFiles = new Map<string, ts.SourceFile>();

/** Files on disk, or in memory when `sources` (path → text) is given. */
export function createAnalysisProgram(t: typeof ts, files: readonly string[], sources?: ReadonlyMap<string, string>,
  options: ts.CompilerOptions = analysisOptions(t)): ts.Program {
  const host = t.createCompilerHost(options, true);
  // Since TypeScript 5.3, tsc skips JSDoc it does not need; taskify's tags live there.
  host.jsDocParsingMode = t.JSDocParsingMode.ParseAll;
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (name, languageVersion, onError) => {
    const text = sources?.get(name);
    if (text !== undefined) return t.createSourceFile(name, text, languageVersion, true);
    if (!/[\\/]typescript[\\/]lib[\\/]/.test(name)) return getSourceFile(name, languageVersion, onError);
    // The standard library is the same for every program made here: parse it once.
    const key = `${name}\0${JSON.stringify(languageVersion)}`;
    let file = sharedFiles.get(key);
    if (!file) { file = getSourceFile(name, languageVersion, onError); if (file) sharedFiles.set(key, file); }
    return file;
  };
  if (sources) {
    const fileExists = host.fileExists.bind(host);
    host.fileExists = (name) => sources.has(name) || fileExists(name);
    const readFile = host.readFile.bind(host);
    host.readFile = (name) => sources.get(name) ?? readFile(name);
    const directoryExists = host.directoryExists?.bind(host);
    host.directoryExists = (dir) => [...sources.keys()].some((name) => name.startsWith(`${dir}/`)) || (directoryExists?.(dir) ?? false);
  }
  return t.createProgram({ rootNames: files, options, host });
}
