/**
 * The ts-patch plugin entry: `{ "transform": "taskify/transformer" }` in compilerOptions.plugins, built with tspc.
 * It uses the compiler instance ts-patch hands it (never a second copy of typescript).
 *
 * This is the entry point and its checks; discovering @task functions and rewriting their calls lands here next.
 * Until then every file is emitted unchanged.
 */
import type * as ts from 'typescript';
import { unsupportedTypeScript } from './version-check';

export interface TaskifyPluginConfig { readonly transform?: string }
export interface TransformerExtras { readonly ts: typeof ts }

export default function taskifyTransformer(_program: ts.Program, _config: TaskifyPluginConfig,
  extras: TransformerExtras): ts.TransformerFactory<ts.SourceFile> {
  const problem = unsupportedTypeScript(extras.ts.version);
  if (problem) throw new Error(problem);
  return () => (sourceFile) => sourceFile;
}
