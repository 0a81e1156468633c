/**
 * `taskify run app.ts [args…]`: compile the program with the plugin into a cache directory and run it, without a
 * separate build step. The nearest tsconfig.json is used when there is one (its plugins are ignored: the taskify
 * transformer is applied directly).
 */
import type * as ts from 'typescript';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { formatDiagnostic } from './analysis/diagnostics';
import { createContext } from './analysis/context';
import { createAnalysisProgram } from './analysis/program';
import taskifyTransformer from './index';

export function runProgram(t: typeof ts, argv: readonly string[], runtimePath: string): number {
  const [entry, ...args] = argv;
  if (!entry) { process.stderr.write('usage: taskify run <file.ts> [args…]\n'); return 2; }
  const app = resolve(entry);
  if (!existsSync(app)) { process.stderr.write(`taskify run: ${entry} does not exist\n`); return 2; }

  const { options, rootNames, rootDir } = projectFor(t, app);
  const outDir = cacheDirFor(app);
  const program = createAnalysisProgram(t, rootNames, undefined, {
    ...options, outDir, rootDir, noEmit: false, declaration: false, composite: false, incremental: false, sourceMap: false,
    emitDeclarationOnly: false, plugins: [],
  });
  const diagnostics: ts.Diagnostic[] = [...t.getPreEmitDiagnostics(program)];
  const transformer = taskifyTransformer(program, { runtime: runtimePath }, { ts: t, addDiagnostic: (d) => diagnostics.push(d) });
  const emitted = program.emit(undefined, undefined, undefined, false, { before: [transformer] });
  diagnostics.push(...emitted.diagnostics);
  const errors = diagnostics.filter((d) => d.category === t.DiagnosticCategory.Error);
  if (errors.length > 0) {
    const ctx = createContext(t, program);
    for (const d of errors) process.stderr.write(`${formatDiagnostic(ctx, d)}\n`);
    return 1;
  }
  writeFileSync(join(outDir, 'package.json'), JSON.stringify({ type: moduleTypeOf(app) }));
  const output = join(outDir, relative(rootDir, app)).replace(/\.(m|c)?tsx?$/, (_, m: string | undefined) => `.${m ?? ''}js`);
  const child = spawnSync(process.execPath, [output, ...args], { stdio: 'inherit' });
  return child.status ?? 1;
}

function projectFor(t: typeof ts, app: string): { options: ts.CompilerOptions; rootNames: string[]; rootDir: string } {
  const configPath = t.findConfigFile(dirname(app), t.sys.fileExists);
  if (configPath) {
    const parsed = t.getParsedCommandLineOfConfigFile(configPath, {}, { ...t.sys, onUnRecoverableConfigFileDiagnostic: () => {} });
    if (parsed) {
      const rootNames = parsed.fileNames.map((f) => resolve(f)).includes(app) ? parsed.fileNames : [app];
      return { options: parsed.options, rootNames, rootDir: parsed.options.rootDir ?? dirname(configPath) };
    }
  }
  return {
    options: { target: t.ScriptTarget.ES2022, module: t.ModuleKind.CommonJS, moduleResolution: t.ModuleResolutionKind.Node10,
      esModuleInterop: true, skipLibCheck: true, allowJs: true },
    rootNames: [app], rootDir: dirname(app),
  };
}

/** Under the project's node_modules when it has one, so that the program's own imports resolve from there. */
function cacheDirFor(app: string): string {
  const key = createHash('sha256').update(app).digest('hex').slice(0, 16);
  for (let dir = dirname(app); ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'node_modules'))) {
      const cache = join(dir, 'node_modules', '.cache', 'taskify-run', key);
      mkdirSync(cache, { recursive: true });
      return cache;
    }
    if (dirname(dir) === dir) break;
  }
  const cache = join(tmpdir(), 'taskify-run', key);
  mkdirSync(cache, { recursive: true });
  return cache;
}

/** "module" or "commonjs", as the nearest package.json says for the entry file. */
function moduleTypeOf(app: string): string {
  for (let dir = dirname(app); ; dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest)) return (JSON.parse(readFileSync(manifest, 'utf8')) as { type?: string }).type === 'module' ? 'module' : 'commonjs';
    if (dirname(dir) === dir) return 'commonjs';
  }
}
