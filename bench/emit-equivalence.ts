/**
 * node dist/bench/emit-equivalence.js <other dist> — a speed change must not change what the plugin emits. Compiles
 * every project the tests build (test/programs/*, as CommonJS and as Node16 modules; the examples; test/fixtures;
 * the plugin-project fixture) and bench:plugin's generated project with this build's transformer and with the one
 * in <other dist>, and compares the emitted JavaScript, the diagnostics and `taskify explain --all` byte for byte.
 * Prints each difference and exits 1 when there is one. Both builds get identical, fresh programs. ONLY=<regex> picks
 * projects by name; VERBOSE=1 prints each project's time. Directories after <other dist> (programs written outside the
 * repository, each a folder of .ts files) are compared too, as CommonJS, with explain.
 */
import * as ts from 'typescript';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { generateProject } from './generated-project';

type Transformer = typeof import('../transformer').default;
type Explain = typeof import('../transformer/explain').explain;

interface Build { readonly transformer: Transformer; readonly explain: Explain }

const root = join(__dirname, '..', '..');

function tsFiles(dir: string, recursive: boolean): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return recursive && name !== 'node_modules' ? tsFiles(path, true) : [];
    return name.endsWith('.ts') && !name.endsWith('.d.ts') ? [path] : [];
  }).sort();
}

function optionsFor(rootDir: string, module: 'commonjs' | 'node16'): ts.CompilerOptions {
  return {
    target: ts.ScriptTarget.ES2022, strict: true, skipLibCheck: true, types: ['node'], rootDir, outDir: join(rootDir, '__out'),
    module: module === 'commonjs' ? ts.ModuleKind.CommonJS : ts.ModuleKind.Node16,
    moduleResolution: module === 'commonjs' ? ts.ModuleResolutionKind.Node10 : ts.ModuleResolutionKind.Node16,
  };
}

/**
 * Source files parsed once for the whole run (declaration files, @types/node above all, are most of the time a fresh
 * program takes), as a language service shares them between programs; parsed as createAnalysisProgram parses them.
 */
const parsed = new Map<string, ts.SourceFile | undefined>();

function createProgram(files: string[], options: ts.CompilerOptions): ts.Program {
  const host = ts.createCompilerHost(options, true);
  host.jsDocParsingMode = ts.JSDocParsingMode.ParseAll;
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (name, languageVersion, onError) => {
    const key = `${name}\0${JSON.stringify(languageVersion)}`;
    if (!parsed.has(key)) parsed.set(key, getSourceFile(name, languageVersion, onError));
    return parsed.get(key);
  };
  return ts.createProgram({ rootNames: files, options, host });
}

/** Everything a build of the project shows: emitted files in order, diagnostics, and explain's JSON if asked for. */
function compile(build: Build, files: string[], options: ts.CompilerOptions, explained: boolean): string {
  const program = createProgram(files, options);
  const diagnostics: ts.Diagnostic[] = [...ts.getPreEmitDiagnostics(program)];
  const before = [build.transformer(program, { runtime: 'taskify/runtime' }, { ts, addDiagnostic: (d) => diagnostics.push(d) })];
  const out: string[] = [];
  const result = program.emit(undefined, (name, text) => out.push(`=== ${relative(root, name)}\n${text}`), undefined, false, { before });
  diagnostics.push(...result.diagnostics);
  const shown = diagnostics.map((d) => `${d.file ? relative(root, d.file.fileName) : '-'}:${d.start} TS${d.code} ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`);
  const explanation = explained ? JSON.stringify(build.explain(ts, { files, options: { ...options, noEmit: true } } as never, true), null, 1) : '';
  return `${out.join('\n')}\n=== diagnostics\n${shown.join('\n')}\n=== explain\n${explanation.split(root).join('<root>')}`;
}

interface Project { name: string; files: string[]; options: ts.CompilerOptions; explained?: boolean }

/** explain (which makes its own program, with nothing shared) runs once per project: for its CommonJS build. */
function projects(scratch: string, extraDirs: string[]): Project[] {
  const list: Project[] = [];
  const programs = join(root, 'test', 'programs');
  for (const name of readdirSync(programs).sort()) {
    const dir = join(programs, name);
    for (const module of ['commonjs', 'node16'] as const) {
      list.push({ name: `programs/${name} ${module}`, files: tsFiles(dir, false), options: optionsFor(dir, module), explained: module === 'commonjs' });
    }
  }
  list.push({ name: 'examples', files: tsFiles(join(root, 'examples'), true), options: optionsFor(root, 'node16'), explained: true });
  list.push({ name: 'test/fixtures', files: tsFiles(join(root, 'test', 'fixtures'), false), options: optionsFor(root, 'node16') });
  const pluginProject = join(root, 'test', 'fixtures', 'plugin-project');
  list.push({ name: 'plugin-project', files: tsFiles(pluginProject, true), options: optionsFor(pluginProject, 'commonjs') });
  list.push({ name: 'bench:plugin project', files: generateProject(scratch, 100), options: { ...optionsFor(scratch, 'commonjs'), types: [] }, explained: true });
  const extended = join(scratch, 'extended');
  mkdirSync(extended);
  list.push({ name: 'bench:plugin extended project', files: generateProject(extended, 100, true), options: { ...optionsFor(extended, 'commonjs'), types: [] }, explained: true });
  for (const dir of extraDirs.map((d) => resolve(d))) {
    list.push({ name: dir, files: tsFiles(dir, true), options: optionsFor(dir, 'commonjs'), explained: true });
  }
  return list;
}

function load(dist: string): Build {
  /* eslint-disable @typescript-eslint/no-require-imports */
  return { transformer: require(join(dist, 'transformer', 'index.js')).default, explain: require(join(dist, 'transformer', 'explain.js')).explain };
}

function main(): void {
  const [other, ...extraDirs] = process.argv.slice(2);
  if (!other) throw new Error('usage: node dist/bench/emit-equivalence.js <other dist directory> [program directory...]');
  const mine = load(join(__dirname, '..')), theirs = load(resolve(other));
  const scratch = mkdtempSync(join(tmpdir(), 'taskify-equivalence-'));
  let differences = 0, compared = 0;
  try {
    // ONLY=<regex>: just the projects whose name matches (a quick check while working on one).
    const only = process.env.ONLY ? new RegExp(process.env.ONLY) : undefined;
    for (const project of projects(scratch, extraDirs).filter((p) => !only || only.test(p.name))) {
      const start = Date.now();
      const explained = project.explained ?? false;
      const a = compile(mine, project.files, project.options, explained), b = compile(theirs, project.files, project.options, explained);
      compared++;
      if (process.env.VERBOSE) console.log(`${project.name}: ${Date.now() - start} ms`);
      if (a === b) continue;
      differences++;
      const linesA = a.split('\n'), linesB = b.split('\n');
      const first = linesA.findIndex((line, i) => line !== linesB[i]);
      console.log(`DIFFERS: ${project.name} (first at line ${first + 1})\n  this:  ${linesA[first]}\n  other: ${linesB[first]}`);
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  console.log(`${compared} projects compared, ${differences} differ`);
  if (differences) process.exitCode = 1;
}

main();
