/**
 * Settings the program gives an npm package by writing a property of what it exports (`Settings.defaultZone = 'UTC'`
 * of luxon, `kleur.enabled = false`): the package keeps them in its own module state, and each worker loads the
 * package afresh, so a change made where no worker runs it never reaches a task using that package (np43's F12: the
 * tasks formatted dates in the default zone and locale). Filled by module-state.ts's one scan of the program's code
 * outside tasks; outer-reads.ts asks, for each package a task's code names, where the program changed its settings.
 * (Calls that configure a package, `dayjs.extend(utc)`, are not told from calls that only use it, and are not judged.)
 */
import type * as ts from 'typescript';
import { builtinModules } from 'node:module';
import type { AnalysisContext } from './context';
import { importOf } from './code-behind';
import { isWriteTarget, skipTransparent } from '../rewrite/syntax';

export class PackageSettings {
  /** Per package, the program's writes of its exports' properties, in source order. */
  private readonly writes = new Map<string, ts.Node[]>();

  constructor(private readonly ctx: AnalysisContext) {}

  /** A node of the program's own code (outside tasks). */
  inProgram(node: ts.Node): void {
    const { ts } = this.ctx;
    if (!(ts.isPropertyAccessExpression(node) || ts.isElementAccessExpression(node)) || !isWriteTarget(ts, node)) return;
    let root: ts.Expression = skipTransparent(ts, node.expression);
    while (ts.isPropertyAccessExpression(root) || ts.isElementAccessExpression(root)) root = skipTransparent(ts, root.expression);
    const name = ts.isIdentifier(root) ? packageOf(this.ctx, root) : undefined;
    if (!name) return;
    const list = this.writes.get(name);
    if (list) list.push(node.parent); else this.writes.set(name, [node.parent]);
  }

  any(): boolean { return this.writes.size > 0; }

  /** The program's writes of the package's settings, in source order. */
  writesOf(name: string): readonly ts.Node[] {
    return this.writes.get(name) ?? [];
  }
}

/**
 * The npm package an imported name comes from (`luxon` of `import { Settings } from 'luxon'`, `@scope/x` of
 * `import x from '@scope/x/sub'`); undefined for the program's own modules and Node's (`node:util`, `fs`).
 */
export function packageOf(ctx: AnalysisContext, name: ts.Identifier): string | undefined {
  const { ts } = ctx;
  // (The import's own symbol, not the one it stands for: its declaration holds the module's name.)
  const symbol = ctx.checker.getSymbolAtLocation(name);
  const declaration = symbol && symbol.flags & ts.SymbolFlags.Alias ? symbol.declarations?.[0] : undefined;
  if (!declaration) return undefined;
  const specifier = importOf(ts, declaration)?.specifier;
  if (!specifier || !ts.isStringLiteral(specifier)) return undefined;
  const text = specifier.text;
  if (text.startsWith('.') || text.startsWith('/') || text.startsWith('node:') || NODE_MODULES.has(text.split('/')[0])) return undefined;
  const parts = text.split('/');
  return text.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

const NODE_MODULES = new Set(builtinModules);
