/**
 * The compiler for `taskify explain` and `taskify run`: the project's own typescript (found from the working
 * directory), else one installed beside taskify. Refused in one line, before anything calls into it, when it is
 * missing, TypeScript 7 (the native compiler: its package has no JavaScript API), or another unsupported version.
 */
import type * as ts from 'typescript';
import { dirname, relative } from 'node:path';
import { INSTALL, unusableTypeScript } from './version-check';

export type Loaded = { ts: typeof ts } | { error: string };

export function loadTypeScript(): Loaded {
  let path: string;
  try {
    path = require.resolve('typescript', { paths: [process.cwd(), __dirname] });
  } catch {
    return { error: `TypeScript is not installed; install it: ${INSTALL}` };
  }
  const root = /^(.*[\\/]node_modules[\\/]typescript)[\\/]/.exec(path)?.[1] ?? dirname(path);
  const where = relative(process.cwd(), root) || root;
  let t: typeof ts;
  try {
    t = require(path) as typeof ts;
  } catch (error) {
    return { error: `the typescript package at ${where} does not load (${(error as Error).message.split('\n')[0]}); reinstall it: ${INSTALL}` };
  }
  const problem = unusableTypeScript(t, where);
  return problem ? { error: problem } : { ts: t };
}
