/**
 * `taskify run`'s build cache. A build records every file the compiler read (sources, declaration files, the
 * standard library, tsconfig files, the package.json that sets the module format) with taskify's own compiler
 * files and typescript's package.json, each with size, mtime and a hash. The next run of the same entry checks
 * them and, when none changed, runs the last build at once: it loads neither typescript nor the plugin, which is
 * most of a build's time. Imports nothing from typescript for that reason.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { hugePagesEnv } from '../runtime/hugepages';

const MANIFEST = 'taskify-run.json';

interface Input { path: string; size: number; mtimeMs: number; sha256: string }
interface Manifest { entry: string; runtime: string; output: string; inputs: Input[] }

/** Runs the entry's last build if nothing it was built from changed; undefined when it must be built (again). */
export function runCached(argv: readonly string[], runtimePath: string): number | undefined {
  const [entry, ...args] = argv;
  if (!entry) { process.stderr.write('usage: taskify run <file.ts> [args…]\n'); return 2; }
  const app = resolve(entry);
  if (!existsSync(app)) { process.stderr.write(`taskify run: ${entry} does not exist\n`); return 2; }
  const output = freshBuild(app, runtimePath);
  return output === undefined ? undefined : runBuilt(output, args);
}

export function runBuilt(output: string, args: readonly string[]): number {
  // Huge pages for the program's buffers, which it cannot ask for once started (runtime/hugepages.ts).
  const child = spawnSync(process.execPath, [output, ...args], { stdio: 'inherit', env: hugePagesEnv() ?? process.env });
  if (child.signal) process.kill(process.pid, child.signal); // as the program died, so does the command
  return child.status ?? 1;
}

/** The built entry when its build is current, else undefined. */
export function freshBuild(app: string, runtimePath: string): string | undefined {
  let manifest: Manifest;
  try {
    manifest = JSON.parse(readFileSync(join(cacheDirFor(app), MANIFEST), 'utf8')) as Manifest;
  } catch {
    return undefined;
  }
  if (manifest.entry !== app || manifest.runtime !== runtimePath || !existsSync(manifest.output)) return undefined;
  const now = new Set(builderFiles());
  if (manifest.inputs.filter((i) => now.has(i.path)).length !== now.size) return undefined; // taskify or typescript moved
  return manifest.inputs.every(unchanged) ? manifest.output : undefined;
}

/** Records a finished build of `app` (written last, in one rename, so a half-written cache is never trusted). */
export function recordBuild(app: string, runtimePath: string, output: string, read: readonly string[]): void {
  const paths = [...new Set([...read, ...builderFiles()].map((p) => resolve(p)))];
  const inputs = paths.flatMap((path) => {
    try {
      const { size, mtimeMs } = statSync(path);
      return [{ path, size, mtimeMs, sha256: hashOf(path) }];
    } catch {
      return [];
    }
  });
  const manifest: Manifest = { entry: app, runtime: runtimePath, output, inputs };
  const file = join(cacheDirFor(app), MANIFEST);
  writeFileSync(`${file}.${process.pid}`, JSON.stringify(manifest));
  renameSync(`${file}.${process.pid}`, file);
}

/** The build's own tools: taskify's compiler files and typescript's package.json (its version). */
function builderFiles(): string[] {
  const files = readdirSync(__dirname, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.js')).map((f) => join(__dirname, f));
  try {
    files.push(require.resolve('typescript/package.json', { paths: [process.cwd(), __dirname] }));
  } catch { /* no typescript: the build will say so */ }
  return files;
}

function unchanged(input: Input): boolean {
  try {
    const { size, mtimeMs } = statSync(input.path);
    if (size !== input.size) return false;
    return mtimeMs === input.mtimeMs || hashOf(input.path) === input.sha256; // touched but the same: still current
  } catch {
    return false;
  }
}

const hashOf = (path: string): string => createHash('sha256').update(readFileSync(path)).digest('hex');

/** Under the project's node_modules when it has one, so that the program's own imports resolve from there. */
export function cacheDirFor(app: string): string {
  const key = createHash('sha256').update(app).digest('hex').slice(0, 16);
  for (let dir = dirname(app); ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'node_modules'))) return ensure(join(dir, 'node_modules', '.cache', 'taskify-run', key));
    if (dirname(dir) === dir) break;
  }
  return ensure(join(tmpdir(), 'taskify-run', key));
}

const ensure = (dir: string): string => { mkdirSync(dir, { recursive: true }); return dir; };

/** The nearest package.json of the entry file (it says "module" or "commonjs"), if any. */
export function manifestOf(app: string): string | undefined {
  for (let dir = dirname(app); ; dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest)) return manifest;
    if (dirname(dir) === dir) return undefined;
  }
}

/** "module" or "commonjs", as the nearest package.json says for the entry file. */
export function moduleTypeOf(app: string): 'module' | 'commonjs' {
  const manifest = manifestOf(app);
  if (!manifest) return 'commonjs';
  return (JSON.parse(readFileSync(manifest, 'utf8')) as { type?: string }).type === 'module' ? 'module' : 'commonjs';
}
