/**
 * `node dist/bench/same-output.js <dir>...`: the product's promise checked on programs that live anywhere. For each
 * directory (its .ts files, entry `main.ts`, folders such as `src/` kept), build it twice into a temporary folder,
 * with plain tsc and with the plugin of this tree, run both, and print one line:
 *
 *   SAME  <dir>  submitted 12, in workers 12, inline 0, failed 0
 *   DIFF  <dir>  ...  followed by a unified diff of plain against taskified output
 *   ERROR <dir>  the build's diagnostics, or how a run ended
 *
 * The plain build is the reference: stdout, then stderr (an uncaught error without where Node says it was thrown and
 * its stack frames) and exit code, compared byte for byte. `--inline` also runs the plugin's build with
 * TASKIFY_WORKERS=0. Exit code 1 when any directory is not SAME. This is how programs written outside the repository
 * (a tester's, a user's) are checked; fixtures in test/programs use test/program-build.ts instead. SAME_OUTPUT_KEEP=1 keeps the builds (the folder is printed on stderr).
 *
 * Packages: the type check reads them where the program is; the builds run from a temporary folder, where Node would
 * not find them. Both runs get NODE_PATH set to every `node_modules` folder from the program's directory up to the
 * root (the ones Node would search from there, nearest first), before any NODE_PATH already set; workers inherit it.
 * So a program with its own `npm install` (`import _ from 'lodash'`) runs as it does in its folder.
 */
import * as ts from 'typescript';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, delimiter, dirname, join, relative, resolve } from 'node:path';
import { createAnalysisProgram } from '../transformer/analysis/program';
import taskifyTransformer from '../transformer';

const repositoryRoot = join(__dirname, '..', '..');
const runtimeEntry = join(repositoryRoot, 'dist', 'runtime', 'index.js');
const work = mkdtempSync(join(tmpdir(), 'taskify-same-output-'));
// SAME_OUTPUT_KEEP=1 keeps both builds (plain/ and taskified/ under the printed folder) to read what was emitted.
if (process.env.SAME_OUTPUT_KEEP) console.error(`builds kept in ${work}`);
else process.on('exit', () => rmSync(work, { recursive: true, force: true }));

interface Outcome { stdout: string; stderr: string; status: number | null; signal: string | null }

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (name === 'node_modules' || name === 'dist' || name.startsWith('.')) return [];
    if (statSync(path).isDirectory()) return sources(path);
    return name.endsWith('.ts') && !name.endsWith('.d.ts') ? [path] : [];
  });
}

/** Compiles `dir` into `outDir`; returns the diagnostics' text (empty when the build is clean). */
function build(dir: string, outDir: string, withPlugin: boolean): string[] {
  const options: ts.CompilerOptions = {
    target: ts.ScriptTarget.ES2022, strict: true, skipLibCheck: true, types: ['node'], rootDir: dir, outDir,
    module: ts.ModuleKind.CommonJS, moduleResolution: ts.ModuleResolutionKind.Node10, esModuleInterop: true,
  };
  const program = createAnalysisProgram(ts, sources(dir), undefined, options);
  const diagnostics: ts.Diagnostic[] = [...ts.getPreEmitDiagnostics(program)];
  const before = withPlugin ? [taskifyTransformer(program, { runtime: runtimeEntry }, { ts, addDiagnostic: (d) => diagnostics.push(d) })] : [];
  program.emit(undefined, undefined, undefined, false, { before });
  return diagnostics.map((d) => {
    const where = d.file && d.start !== undefined ? `${relative(dir, d.file.fileName)}:${d.file.getLineAndCharacterOfPosition(d.start).line + 1}: ` : '';
    return where + ts.flattenDiagnosticMessageText(d.messageText, '\n');
  });
}

/** The `node_modules` folders Node would search from `dir`, nearest first, as a NODE_PATH (see the header). */
function packagePath(dir: string): string | undefined {
  const found: string[] = [];
  for (let at = dir; ; at = dirname(at)) {
    const folder = join(at, 'node_modules');
    if (existsSync(folder)) found.push(folder);
    if (dirname(at) === at) break;
  }
  if (process.env.NODE_PATH) found.push(process.env.NODE_PATH);
  return found.length > 0 ? found.join(delimiter) : undefined;
}

function run(outDir: string, env: Record<string, string>): Outcome {
  const entry = [join(outDir, 'main.js'), join(outDir, 'src', 'main.js')].find(existsSync);
  if (!entry) return { stdout: '', stderr: 'no main.ts or src/main.ts', status: null, signal: null };
  const r = spawnSync(process.execPath, [entry], { cwd: outDir, encoding: 'utf8', timeout: 300_000, maxBuffer: 1 << 30, env: { ...process.env, FORCE_COLOR: '0', ...env } });
  return { stdout: r.stdout, stderr: r.stderr, status: r.status, signal: r.signal };
}

// Node's warnings name the process (`(node:12345) PromiseRejectionHandledWarning: …`) and count every rejection
// (`rejection id: 2`), the runtime's own Promises too: neither is a difference of the program's.
const warnings = (stderr: string) => stderr.replace(/^\(node:\d+\)/gm, '(node:PID)').replace(/\(rejection id: \d+\)/g, '(rejection id: N)');
// An uncaught error is the same error when its message, properties and cause are: where it was thrown (Node's
// `file:line`, source line and caret above it, with an empty line after it only for an Error) and its stack frames
// (a worker's, the runtime's, and how many a cause shares with them) are not the program's output.
// SAME_OUTPUT_STACKS=1 compares them too.
const uncaught = (stderr: string) => process.env.SAME_OUTPUT_STACKS ? stderr
  : stderr.replace(/^\S[^\n]*:\d+\n[^\n]*\n *\^\n\n?/gm, '').replace(/^ +at [^\n]*\n/gm, '')
    .replace(/^ +\.\.\. \d+ lines matching cause stack trace \.\.\.\n/gm, '');
const shown = (o: Outcome) => `${o.stdout}--- stderr\n${warnings(uncaught(o.stderr))}--- exit ${o.signal ?? o.status}\n`;

function diff(plain: string, taskified: string): string {
  const a = join(work, 'plain.txt'), b = join(work, 'taskified.txt');
  writeFileSync(a, plain); writeFileSync(b, taskified);
  return spawnSync('diff', ['-u', '--label', 'plain', '--label', 'taskified', a, b], { encoding: 'utf8' }).stdout;
}

function check(dir: string, inline: boolean): boolean {
  const name = basename(dir);
  const plainDir = join(work, `${name}-plain`), taskDir = join(work, `${name}-taskify`);
  const errors = [...build(dir, plainDir, false), ...build(dir, taskDir, true)];
  if (errors.length > 0) { console.log(`ERROR ${dir}\n  ${errors.join('\n  ')}`); return false; }
  const statsFile = join(work, `${name}-stats.json`);
  rmSync(statsFile, { force: true });
  // Each build runs from the same path, so a program that prints its folder, or a stack trace, prints the same.
  const programDir = join(work, name);
  const nodePath = packagePath(dir);
  const runAt = (outDir: string, env: Record<string, string>) => {
    renameSync(outDir, programDir);
    try { return shown(run(programDir, nodePath ? { NODE_PATH: nodePath, ...env } : env)); } finally { renameSync(programDir, outDir); }
  };
  const plain = runAt(plainDir, {});
  const taskified = runAt(taskDir, { TASKIFY_STATS: statsFile });
  const tasks = existsSync(statsFile) ? JSON.parse(readFileSync(statsFile, 'utf8')).tasks : undefined;
  const counts = tasks ? `submitted ${tasks.submitted}, in workers ${tasks.inWorkers}, inline ${tasks.inline}, failed ${tasks.failed}${tasks.cancelled ? `, cancelled ${tasks.cancelled}` : ''}` : 'no stats';
  const inlined = inline ? runAt(taskDir, { TASKIFY_WORKERS: '0' }) : plain;
  const inlineSame = inlined === plain;
  const same = plain === taskified && inlineSame;
  console.log(`${same ? 'SAME ' : 'DIFF '} ${dir}  ${counts}${inlineSame ? '' : '  (inline run differs)'}`);
  if (plain !== taskified) console.log(diff(plain, taskified));
  // The inline run's own differences: a run in workers may differ for other reasons than the inline one.
  if (!inlineSame && inlined !== taskified) console.log(`inline run:\n${diff(plain, inlined)}`);
  return same;
}

const args = process.argv.slice(2);
const dirs = args.filter((a) => !a.startsWith('--')).map((d) => resolve(d));
if (dirs.length === 0) { console.error('usage: node dist/bench/same-output.js [--inline] <program dir>...'); process.exit(2); }
let allSame = true;
for (const dir of dirs) allSame = check(dir, args.includes('--inline')) && allSame;
process.exitCode = allSame ? 0 : 1;
