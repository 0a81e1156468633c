/**
 * What `taskify explain` reads: files, directories (every source file under them), a tsconfig (`-p`), or with no
 * argument the tsconfig.json of the working directory. A path that does not exist is an error, said in one line,
 * rather than an empty explanation.
 */
import type * as ts from 'typescript';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { analysisOptions } from '../analysis/program';

export interface ExplainInputs {
  readonly files: readonly string[];
  /** A tsconfig's options; absent, the analysis defaults (transformer/analysis/program.ts). */
  readonly options?: ts.CompilerOptions;
}

/** A problem with what was asked for: the CLI prints the message alone and exits non-zero. */
export class InputError extends Error {}

const TS_SOURCE = /\.(ts|tsx|mts|cts)$/;
const JS_SOURCE = /\.(js|jsx|mjs|cjs)$/;
const DECLARATION = /\.d\.(ts|mts|cts)$|\.d\.[^.]+\.ts$/;

export function resolveInputs(t: typeof ts, paths: readonly string[], project: string | undefined): ExplainInputs {
  if (project !== undefined) {
    if (paths.length > 0) throw new InputError(`give files or -p ${project}, not both`);
    return fromProject(t, project);
  }
  if (paths.length === 0) {
    if (existsSync('tsconfig.json')) return fromProject(t, 'tsconfig.json');
    throw new InputError('no files given and no tsconfig.json here (usage: taskify explain [--all] [--json] [-p tsconfig.json | <files or directories…>])');
  }
  const files: string[] = [];
  for (const path of paths) {
    const stat = statOf(path);
    if (!stat) throw new InputError(`${path}: no such file or directory`);
    if (stat.isDirectory()) {
      const found = sourcesUnder(path);
      if (found.length === 0) throw new InputError(`${path}: no .ts or .js files in this directory`);
      files.push(...found);
    } else {
      files.push(path);
    }
  }
  // Without a tsconfig, the type packages tsc would see from here (@types/node above all): without them a call of
  // Node's zlib or crypto was code of unknown effect in explain and a reader in the build (analysis/node-builtins.ts).
  return { files: [...new Set(files)], options: { ...analysisOptions(t), types: undefined } };
}

function fromProject(t: typeof ts, project: string): ExplainInputs {
  const stat = statOf(project);
  const config = stat?.isDirectory() ? join(project, 'tsconfig.json') : project;
  if (!statOf(config)) throw new InputError(`${config}: no such file`);
  let fatal: string | undefined;
  const parsed = t.getParsedCommandLineOfConfigFile(resolve(config), {}, {
    ...t.sys, onUnRecoverableConfigFileDiagnostic: (d) => { fatal = t.flattenDiagnosticMessageText(d.messageText, ' '); },
  });
  if (!parsed || fatal) throw new InputError(`${config}: ${fatal ?? 'cannot be read'}`);
  const error = parsed.errors.find((d) => d.category === t.DiagnosticCategory.Error);
  if (error) throw new InputError(`${config}: ${t.flattenDiagnosticMessageText(error.messageText, ' ')}`);
  if (parsed.fileNames.length === 0) throw new InputError(`${config}: it includes no files`);
  // The analysis needs no output, and JSDoc types in .js files are read as in the plugin's own program.
  return { files: parsed.fileNames, options: { ...parsed.options, noEmit: true, allowJs: parsed.options.allowJs ?? true } };
}

/**
 * Source files under a directory, node_modules and hidden directories left out. When it holds TypeScript, its .js
 * files are taken for build output (a dist/ next to src/, whose JSDoc still says @task) and left out too.
 */
function sourcesUnder(dir: string): string[] {
  const ts: string[] = [];
  const js: string[] = [];
  const walk = (at: string): void => {
    for (const entry of readdirSync(at, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
      const path = join(at, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (DECLARATION.test(entry.name)) continue;
      else if (TS_SOURCE.test(entry.name)) ts.push(path);
      else if (JS_SOURCE.test(entry.name)) js.push(path);
    }
  };
  walk(dir);
  return ts.length > 0 ? ts : js;
}

function statOf(path: string): ReturnType<typeof statSync> | undefined {
  try { return statSync(path); } catch { return undefined; }
}
