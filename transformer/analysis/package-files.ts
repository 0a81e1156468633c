/**
 * Where a package's JavaScript is, from its files alone: the file beside a declaration (mean.d.ts → mean.js), the
 * package root above a file, its manifest, and the entry its root import runs. code-behind.ts asks these to find
 * the code behind a `.d.ts`; side-programs.ts keys its cache by the manifest's version.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

export const isJs = (file: string): boolean => /\.(m|c)?js$/.test(file);

/** mean.d.ts → mean.js (or .mjs, .cjs); index.d.mts → index.mjs. */
export function besideJs(declarationFile: string): string | undefined {
  const m = /^(.*)\.d\.(m|c)?ts$/.exec(declarationFile);
  if (!m) return undefined;
  const candidates = m[2] ? [`${m[1]}.${m[2]}js`] : [`${m[1]}.js`, `${m[1]}.mjs`, `${m[1]}.cjs`];
  return candidates.find((c) => existsSync(c));
}

/** The package's JavaScript entry, when `declarationFile` is the package's own types entry (`types`, index.d.ts). */
export function entryIfTypes(declarationFile: string): string | undefined {
  const root = packageRootFor(declarationFile);
  if (!root) return undefined;
  return entryTypesOf(root).includes(resolve(declarationFile)) ? packageEntry(root) : undefined;
}

/** The declaration files a package's root import is typed by. */
export function entryTypesOf(root: string): string[] {
  const manifest = readManifest(root);
  return [manifest?.types, manifest?.typings, 'index.d.ts'].filter((t): t is string => typeof t === 'string').map((t) => resolve(root, t));
}

/**
 * The entry of the package a DefinitelyTyped package types, when `declarationFile` is its types entry:
 * node_modules/@types/d3-array/index.d.ts → d3-array's JavaScript (`@types/scope__pkg` types `@scope/pkg`).
 */
export function entryOfTyped(declarationFile: string): string | undefined {
  const m = /^(.*[\\/]node_modules)[\\/]@types[\\/]([^\\/]+)[\\/]/.exec(declarationFile);
  const typesRoot = packageRootFor(declarationFile);
  if (!m || !typesRoot || !entryTypesOf(typesRoot).includes(resolve(declarationFile))) return undefined;
  const name = m[2].includes('__') ? `@${m[2].replace('__', '/')}` : m[2];
  const root = join(m[1], name); // (beside @types in the same node_modules, where installs put it)
  return existsSync(join(root, 'package.json')) ? packageEntry(root) : undefined;
}

/** The nearest directory above `file` with a package.json (named `name`, when given). */
export function packageRootFor(file: string, name?: string): string | undefined {
  for (let dir = dirname(file); ; dir = dirname(dir)) {
    const manifest = existsSync(join(dir, 'package.json')) ? readManifest(dir) : undefined;
    if (manifest && (name === undefined || manifest.name === name)) return dir;
    if (dirname(dir) === dir) return undefined;
  }
}

interface Manifest { name?: string; version?: string; types?: unknown; typings?: unknown; main?: unknown; module?: unknown; exports?: unknown }

const manifests = new Map<string, Manifest | undefined>();

export function readManifest(dir: string): Manifest | undefined {
  if (!manifests.has(dir)) {
    let manifest: Manifest | undefined;
    try { manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as Manifest; } catch { manifest = undefined; }
    manifests.set(dir, manifest);
  }
  return manifests.get(dir);
}

/** The JavaScript a package's root import runs: `exports['.']` (import, module, default, node, require), module, main. */
export function packageEntry(root: string | undefined): string | undefined {
  if (!root) return undefined;
  const manifest = readManifest(root);
  if (!manifest) return undefined;
  const conditions = ['import', 'module', 'default', 'node', 'require'];
  const pick = (value: unknown): string | undefined => {
    if (typeof value === 'string') return isJs(value) ? value : undefined;
    if (Array.isArray(value)) return value.map(pick).find((v) => v);
    if (value && typeof value === 'object') {
      const record = value as Record<string, unknown>;
      if ('.' in record) return pick(record['.']);
      for (const c of conditions) if (c in record) { const v = pick(record[c]); if (v) return v; }
    }
    return undefined;
  };
  const candidates = [pick(manifest.exports), typeof manifest.module === 'string' ? manifest.module : undefined,
    typeof manifest.main === 'string' ? manifest.main : undefined, 'index.js'];
  for (const c of candidates) {
    if (!c) continue;
    const path = resolve(root, c);
    if (existsSync(path) && statSync(path).isFile() && isJs(path)) return path;
  }
  return undefined;
}

/**
 * The JavaScript of an ambient module of a subpath, `declare module 'transformation-matrix/applyToPoint'` in the
 * package's types: the file of that name beside the package's entry (src/applyToPoint.js beside src/index.js) or at
 * its root; else the entry itself, which usually exports the same names.
 */
export function subpathEntry(declarationFile: string, specifier: string): string | undefined {
  const m = /^((?:@[^/]+\/)?[^/@][^/]*)\/(.+)$/.exec(specifier);
  const root = m ? packageRootFor(declarationFile, m[1]) : undefined;
  const entry = packageEntry(root);
  if (!m || !root || !entry) return undefined;
  const beside = [dirname(entry), root].flatMap((dir) => ['.js', '.mjs', '.cjs'].map((ext) => join(dir, m[2] + ext)));
  return beside.find((c) => existsSync(c) && statSync(c).isFile()) ?? entry;
}
