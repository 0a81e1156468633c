/**
 * `taskify run app.ts [args…]`: compile the program with the plugin into a cache directory and run it, without a
 * separate build step; the next run reuses that build while nothing it was built from changed (run-cache.ts). The
 * nearest tsconfig.json is used when there is one (its plugins are ignored: the taskify transformer is applied
 * directly), with its output options replaced by what a run needs: JavaScript only, no declarations or maps.
 * Every line it prints starts with "taskify run".
 */
import type * as ts from 'typescript';
import { existsSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { formatDiagnostic } from './analysis/diagnostics';
import { createContext } from './analysis/context';
import { createAnalysisProgram } from './analysis/program';
import taskifyTransformer from './index';
import { cacheDirFor, manifestOf, moduleTypeOf, recordBuild, runBuilt } from './run-cache';

export function runProgram(t: typeof ts, argv: readonly string[], runtimePath: string): number {
  const [entry, ...args] = argv;
  if (!entry) { process.stderr.write('usage: taskify run <file.ts> [args…]\n'); return 2; }
  const app = resolve(entry);
  if (!existsSync(app)) { process.stderr.write(`taskify run: ${entry} does not exist\n`); return 2; }

  const project = projectFor(t, app);
  if ('error' in project) { process.stderr.write(`taskify run: ${project.error}\n`); return 1; }
  const { options, rootNames, rootDir, configFiles } = project;
  const outDir = cacheDirFor(app);
  const program = createAnalysisProgram(t, rootNames, undefined, {
    ...options, outDir, rootDir, noEmit: false, declaration: false, declarationMap: false, composite: false, incremental: false,
    tsBuildInfoFile: undefined, sourceMap: false, inlineSourceMap: false, emitDeclarationOnly: false, outFile: undefined, plugins: [],
  });
  const diagnostics: ts.Diagnostic[] = [...t.getPreEmitDiagnostics(program)];
  const transformer = taskifyTransformer(program, { runtime: runtimePath }, { ts: t, addDiagnostic: (d) => diagnostics.push(d) });
  const emitted = program.emit(undefined, undefined, undefined, false, { before: [transformer] });
  diagnostics.push(...emitted.diagnostics);
  const errors = diagnostics.filter((d) => d.category === t.DiagnosticCategory.Error);
  if (errors.length > 0) {
    const ctx = createContext(t, program);
    for (const d of errors) process.stderr.write(`taskify run: ${formatDiagnostic(ctx, d)}\n`);
    return 1;
  }
  writeFileSync(join(outDir, 'package.json'), JSON.stringify({ type: moduleTypeOf(app) }));
  const output = join(outDir, relative(rootDir, app)).replace(/\.(m|c)?tsx?$/, (_, m: string | undefined) => `.${m ?? ''}js`);
  const manifest = manifestOf(app);
  recordBuild(app, runtimePath, output,
    [...program.getSourceFiles().map((f) => f.fileName), ...configFiles, ...(manifest ? [manifest] : [])]);
  return runBuilt(output, args);
}

interface Project { options: ts.CompilerOptions; rootNames: readonly string[]; rootDir: string; configFiles: readonly string[] }

function projectFor(t: typeof ts, app: string): Project | { error: string } {
  const configPath = t.findConfigFile(dirname(app), t.sys.fileExists);
  if (configPath) {
    let unrecoverable: ts.Diagnostic | undefined;
    const parsed = t.getParsedCommandLineOfConfigFile(configPath, {}, { ...t.sys, onUnRecoverableConfigFileDiagnostic: (d) => { unrecoverable = d; } });
    const broken = unrecoverable ?? parsed?.errors.find((d) => d.category === t.DiagnosticCategory.Error && d.code !== NO_INPUTS);
    if (broken || !parsed) {
      return { error: `${relative(process.cwd(), configPath)}: ${broken ? t.flattenDiagnosticMessageText(broken.messageText, ' ') : 'cannot be read'}` };
    }
    const rootNames = parsed.fileNames.map((f) => resolve(f)).includes(app) ? parsed.fileNames : [app];
    const extended = (parsed.options.configFile as { extendedSourceFiles?: string[] } | undefined)?.extendedSourceFiles ?? [];
    return { options: parsed.options, rootNames, rootDir: parsed.options.rootDir ?? dirname(configPath), configFiles: [configPath, ...extended] };
  }
  return {
    options: { target: t.ScriptTarget.ES2022, module: t.ModuleKind.CommonJS, moduleResolution: t.ModuleResolutionKind.Node10,
      esModuleInterop: true, skipLibCheck: true, allowJs: true },
    rootNames: [app], rootDir: dirname(app), configFiles: [],
  };
}

/** "No inputs were found in config file": the entry is compiled whatever the config includes. */
const NO_INPUTS = 18003;
