/**
 * Whether a top-level name of a task's module is read only by the program's entry code: code a worker, importing the
 * module to run its tasks, never runs (emit-module-setup.ts then computes the name's value in the program's thread
 * only). A reference is entry code's when it is
 * - in a file no worker loads (not a task's module, not imported by one, declaring no class whose instances could
 *   make a worker load it), or
 * - not in code a task runs (the tasks and what they reach: analysis/reached-code.ts), and in a top-level statement
 *   of a module workers load that never runs in a worker: a statement that does things (not one that only fills module
 *   state: module-init.ts), a declaration whose own names are read this way, a function whose name is (q1:
 *   `const marker = join(scratch, …)` read only by `export const loadedMarker = () => readFileSync(marker)`, which only
 *   main.ts calls: `scratch`'s `mkdtempSync` ran again in every worker).
 * A class's code runs where its module loads (static blocks, field initialisers): a reference there is not entry code.
 */
import type * as ts from 'typescript';
import { symbolOf, type AnalysisContext, type FunctionLike } from '../analysis/context';
import { codeOfTasks, liesWithin } from '../analysis/reached-code';
import { censusOf } from '../analysis/syntax-census';
import { workerLoadOf, type WorkerLoad } from './worker-load';

export class EntryReaders {
  private taskCode?: ReadonlySet<ts.Node>;
  /** What a worker runs of the modules it loads (worker-load.ts). */
  readonly load: WorkerLoad;
  private readonly judged = new Map<ts.Symbol, boolean>();
  private readonly references = new Map<ts.Symbol, readonly ts.Identifier[]>();

  /** `tasks`: the program's tasks. */
  constructor(private readonly ctx: AnalysisContext, private readonly tasks: readonly FunctionLike[]) {
    this.load = workerLoadOf(ctx, tasks.map((fn) => fn.getSourceFile()));
  }

  /** Every reference to the name (in any file of the program) is entry code's. */
  readOnlyByEntryCode(name: ts.Identifier): boolean {
    const symbol = symbolOf(this.ctx, name);
    if (!symbol) return false;
    let verdict = this.judged.get(symbol);
    if (verdict === undefined) { verdict = this.judge(symbol, name, new Set()); this.judged.set(symbol, verdict); }
    return verdict;
  }

  /**
   * Code a task runs (the tasks and what they reach) reads the name, or a top-level constant computed from it (or a
   * function reading it) that such code reads, and so on (rv73's r-const-submit2: `const table = [1, 2, 3].map((x) => x + base)` read by a task).
   */
  readByTasks(name: ts.Identifier, seen = new Set<ts.Symbol>()): boolean {
    const { ts } = this.ctx;
    const symbol = symbolOf(this.ctx, name);
    if (!symbol || seen.has(symbol)) return false;
    seen.add(symbol);
    return this.referencesOf(symbol, name).some((ref) => {
      if (liesWithin(ref, this.codeTasksRun())) return true;
      // (Or a top-level function that reads it, `function getBase() { return base; }`, which such code calls: rv74's r-const-fn.)
      const declaration = ts.findAncestor(ref, (n) => (ts.isVariableDeclaration(n) && ts.isVariableStatement(n.parent.parent) &&
        ts.isSourceFile(n.parent.parent.parent)) || (ts.isFunctionDeclaration(n) && ts.isSourceFile(n.parent))) as
        ts.VariableDeclaration | ts.FunctionDeclaration | undefined;
      const name = declaration?.name;
      return name !== undefined && ts.isIdentifier(name) && this.readByTasks(name, seen);
    });
  }

  /** (A name read from its own function or declaration, `assumed`, is judged by its other readers.) */
  private judge(symbol: ts.Symbol, name: ts.Identifier, assumed: Set<ts.Symbol>): boolean {
    if (assumed.has(symbol)) return true;
    assumed.add(symbol);
    return this.referencesOf(symbol, name).every((ref) => this.isEntryCode(ref, assumed));
  }

  private isEntryCode(ref: ts.Identifier, assumed: Set<ts.Symbol>): boolean {
    const { ts } = this.ctx;
    if (liesWithin(ref, this.codeTasksRun())) return false;
    const file = ref.getSourceFile();
    if (!this.load.loads(file)) return true;
    let top: ts.Node = ref;
    let inClass = false;
    while (!ts.isSourceFile(top.parent)) { if (ts.isClassLike(top)) inClass = true; top = top.parent; }
    if (inClass || ts.isClassLike(top)) return false;
    if (ts.isFunctionDeclaration(top)) return top.name !== undefined && this.judgeName(top.name, assumed);
    // (A task's module's declarations are entry code's when their names are; any other statement as worker-load.ts says.)
    if (this.load.declaresTasks(file) && ts.isVariableStatement(top)) {
      return top.declarationList.declarations.every((d) => ts.isIdentifier(d.name) && this.judgeName(d.name, assumed));
    }
    return !this.load.runsInWorkers(top as ts.Statement);
  }

  private judgeName(name: ts.Identifier, assumed: Set<ts.Symbol>): boolean {
    const symbol = symbolOf(this.ctx, name);
    return symbol !== undefined && (this.judged.get(symbol) ?? this.judge(symbol, name, assumed));
  }

  /** The identifiers naming the symbol in the program's files, but its declaration's name. */
  private referencesOf(symbol: ts.Symbol, declared: ts.Identifier): readonly ts.Identifier[] {
    const { ts } = this.ctx;
    const known = this.references.get(symbol);
    if (known) return known;
    const refs: ts.Identifier[] = [];
    this.references.set(symbol, refs);
    for (const file of this.ctx.program.getSourceFiles()) {
      if (file.isDeclarationFile || this.ctx.program.isSourceFileFromExternalLibrary(file) || !file.text.includes(declared.text)) continue;
      for (const node of censusOf(this.ctx, file).nodes) {
        // (`import { f }`, `export { f }` name it for other files, whose own references are found here too.)
        if (ts.isIdentifier(node) && node !== declared && node.text === declared.text && !namesAnAlias(ts, node) &&
          symbolOf(this.ctx, node) === symbol) refs.push(node);
      }
    }
    return refs;
  }

  private codeTasksRun(): ReadonlySet<ts.Node> {
    this.taskCode ??= codeOfTasks(this.ctx, this.tasks);
    return this.taskCode;
  }

}

function namesAnAlias(t: typeof ts, node: ts.Identifier): boolean {
  const parent = node.parent;
  return t.isImportSpecifier(parent) || t.isExportSpecifier(parent) || t.isImportClause(parent) || t.isNamespaceImport(parent) ||
    (t.isImportEqualsDeclaration(parent) && parent.name === node);
}

