/**
 * Module objects a task reads: a `const` at the top level of a module holding an object (`export const RATES = [1, 1]`).
 * A worker imports the module itself, so the task reads the worker's own copy, made by the module's initializer: a
 * change the program makes to the object (or a top-level statement of a task module, which runs only in the main
 * thread) never reaches it, and the task would silently compute with the old contents. Until module state travels
 * with the call, such a read is a compile error that names the change.
 *
 * "Changed" is judged per reference outside task bodies, conservatively: written through (`RATES[0] = 10`,
 * `RATES.x.y++`, `delete`), a method call on it or a part of it that is not known to only read, or the object handed
 * on (to a function not known to only read, into a variable, a literal, a return): after that it may change anywhere.
 *
 * The other way round, a task that changes a module object or a class's static field the program also looks at
 * (`counters.processed += n`, `Stats.calls++`) changes its worker's copy only: also a compile error, naming where the
 * program looks. A cache only tasks use (`memo.set(k, v)`) is the worker's own and changes no output.
 */
import type * as ts from 'typescript';
import { symbolOf, type AnalysisContext, type FunctionLike } from './context';
import { codeOfArgumentClasses, codeReachedFrom, implicitCodeOfMadeClasses } from './reached-code';
import { GlobalObjectUses } from './global-object';
import { PackageSettings } from './package-settings';
export { globalMember } from './global-object';
// Which identifier stands where: plain syntax, shared with the planner.
import { isDeclarationName, isReference } from '../rewrite/syntax';
import { changeOfReference, writeOfReference } from './reference-changes';
import { declaresModuleObject, isModuleClass, isModuleFunction } from './module-symbols';
import { ModuleScan } from './module-state-scan';
import { makesAlias, sameObjectNames } from './module-holders';
import { workerLoadOf, type WorkerLoad } from '../rewrite/worker-load';

export interface ModuleRead { readonly ref: ts.Identifier; readonly change: ts.Node }

const perProgram = new WeakMap<ts.Program, ModuleState>();

/** One per program: the scan for changes runs at most once. */
export function moduleStateOf(ctx: AnalysisContext, isTask: (fn: ts.Node) => boolean): ModuleState {
  let state = perProgram.get(ctx.program);
  if (!state) { state = new ModuleState(ctx, isTask); perProgram.set(ctx.program, state); }
  return state;
}

export class ModuleState {
  /** What the one pass over the program found (module-state-scan.ts), once a question needs it. */
  private scan?: ModuleScan;
  /** Per property of the global object: where the program (outside tasks) first sets it (`globalThis.LEVEL = 3`). */
  private readonly globals: GlobalObjectUses;
  private readonly packages: PackageSettings;
  private readonly moduleObjects = new Map<ts.Symbol, boolean>();
  /** What a worker runs of the modules it loads for the tasks found (rewrite/worker-load.ts). */
  private workerLoad?: WorkerLoad;

  constructor(private readonly ctx: AnalysisContext, private readonly isTask: (fn: ts.Node) => boolean) {
    this.globals = new GlobalObjectUses(ctx, (node) => ctx.ts.findAncestor(node, (n) => isTask(n)));
    this.packages = new PackageSettings(ctx);
  }

  /** Where the program changes the object of this module-level `const`; undefined when it is no such object or never changes. */
  changeOfModuleObject(symbol: ts.Symbol): ts.Node | undefined {
    if (!this.isModuleObject(symbol)) return undefined;
    // `const T = CONFIG`: another name for a module object, changed where that one is.
    const initializer = (symbol.valueDeclaration as ts.VariableDeclaration).initializer;
    const named = initializer && this.ctx.ts.isIdentifier(initializer) ? symbolOf(this.ctx, initializer) : undefined;
    return this.changeOf(symbol) ?? (named && named !== symbol && this.isModuleObject(named) ? this.changeOf(named) : undefined);
  }

  /**
   * Where the program, outside task bodies, first names this module object or top-level class (whose static fields
   * are module state too); undefined when only tasks do. A task that changes it changes its worker's copy: a program
   * that looks at it would see its own copy unchanged.
   */
  readOutsideTasks(symbol: ts.Symbol): ts.Node | undefined {
    if (!this.isModuleObject(symbol) && !this.isModuleClass(symbol)) return undefined;
    const scan = this.scanOnce();
    // (Under any of its names: `const C = COUNTS` counted in by tasks, `COUNTS` printed.)
    for (const name of this.isModuleObject(symbol) ? sameObjectNames(this.ctx, this, symbol) : [symbol]) {
      const read = scan.reads.get(name)?.find((ref) => !makesAlias(this.ctx, this, ref));
      if (read) return read;
    }
    return undefined;
  }

  /** The first place the program names it outside tasks and outside `code` (what a task runs: the change itself). */
  readOutside(symbol: ts.Symbol, code: ReadonlySet<ts.Node>): ts.Node | undefined {
    if (!this.readOutsideTasks(symbol)) return undefined;
    for (const name of this.isModuleObject(symbol) ? sameObjectNames(this.ctx, this, symbol) : [symbol]) {
      const read = this.namedOutside(name, code, (ref) => !makesAlias(this.ctx, this, ref));
      if (read) return read;
    }
    return undefined;
  }

  /** Where the program, outside tasks and `code`, names this module object, class or top-level function. */
  namedOutside(symbol: ts.Symbol, code: ReadonlySet<ts.Node>, counts: (ref: ts.Node) => boolean = () => true): ts.Node | undefined {
    const scan = this.scanOnce();
    if (!scan.reads.has(symbol)) return undefined;
    const within = (node: ts.Node): boolean => { for (let n: ts.Node | undefined = node; n; n = n.parent) if (code.has(n)) return true; return false; };
    return scan.reads.get(symbol)!.find((read) => counts(read) && !within(read));
  }

  /** Every place the program names this module object, class or top-level function outside task bodies, in order. */
  outsideTaskBodies(symbol: ts.Symbol): readonly ts.Node[] {
    return this.scanOnce().reads.get(symbol) ?? [];
  }

  /** The top-level functions the program names outside task bodies. */
  namedFunctions(): ts.Symbol[] {
    return [...this.scanOnce().reads.keys()].filter((symbol) => this.isModuleFunction(symbol));
  }

  /** The tasks' functions. */
  taskFunctions(): readonly ts.Node[] {
    return this.scanOnce().taskNodes;
  }

  /** Where task bodies read this module object without changing it, in order. */
  readByTasks(symbol: ts.Symbol): readonly ts.Identifier[] {
    return this.scanOnce().taskReads.get(symbol) ?? [];
  }

  /**
   * Where the program, outside tasks, writes a static field of this top-level class (`Settings.factor = 4`); undefined
   * when it never does. A worker has its own copy of the class, which that write never reaches.
   */
  changeOfModuleClass(symbol: ts.Symbol): ts.Node | undefined {
    if (!this.isModuleClass(symbol)) return undefined;
    return this.scanOnce().classChanges.get(symbol);
  }

  /** Where the program, or another task than `writer`, reads this property of the global object (global-object.ts). */
  globalReadOf(name: string, writer: ts.Node): ts.Node | undefined {
    this.scanOnce();
    return this.globals.readOf(name, writer);
  }

  /**
   * Where the program, outside tasks, replaced the built-in member this access reaches (global-object.ts patchOf), unless
   * the replacement runs in workers too: a statement setting up the built-in (a polyfill: rewrite/class-setup.ts) at
   * the top level of a module the tasks' modules import.
   */
  patchOf(access: ts.PropertyAccessExpression): ts.Node | undefined {
    this.scanOnce();
    const patch = this.globals.patchOf(access);
    return patch && !this.runsInWorkersToo(patch) ? patch : undefined;
  }

  /** The top-level statement holding `node` runs in workers too (rewrite/worker-load.ts). */
  runsInWorkersToo(node: ts.Node): boolean {
    const { ts } = this.ctx;
    const statement = ts.findAncestor(node, (n) => ts.isSourceFile(n.parent)) as ts.Statement | undefined;
    this.workerLoad ??= workerLoadOf(this.ctx, this.scanOnce().taskNodes.map((task) => task.getSourceFile()));
    return statement !== undefined && this.workerLoad.runsInWorkers(statement);
  }


  /**
   * Where the program, outside tasks, changes the settings of an npm package (package-settings.ts) where no worker
   * runs it: at the top level of a module workers do not run it in, or in a function none of `runs` (the code a task
   * runs) is or holds (a module's function, once the program names it elsewhere).
   */
  packageSettingOf(name: string, runs: ReadonlySet<ts.Node>): ts.Node | undefined {
    this.scanOnce();
    const { ts } = this.ctx;
    return this.packages.writesOf(name).find((write) => {
      const owner = ts.findAncestor(write.parent, (n) => ts.isFunctionLike(n) || ts.isClassStaticBlockDeclaration(n));
      if (!owner) return !this.runsInWorkersToo(write);
      const file = write.getSourceFile();
      if ([...runs].some((code) => code.getSourceFile() === file && code.pos <= owner.pos && owner.end <= code.end)) return false;
      // (A module's function that sets it, `export function useZone(z)`: only once the program calls it elsewhere.)
      const fn = ts.isFunctionDeclaration(owner) && owner.name && ts.isSourceFile(owner.parent) ? symbolOf(this.ctx, owner.name) : undefined;
      // (Not where a worker runs the call too: `setupColors(true)` at the top level of a module the task's imports, rev59's F5.)
      const inWorkersToo = (ref: ts.Node) => !ts.findAncestor(ref, (n) => ts.isFunctionLike(n)) && this.runsInWorkersToo(ref);
      return fn ? this.namedOutside(fn, runs, (ref) => !inWorkersToo(ref)) !== undefined : true;
    });
  }

  /** The program, outside tasks, changes some npm package's settings (the one question most programs end at). */
  changesPackageSettings(): boolean {
    this.scanOnce();
    return this.packages.any();
  }

  /** Where the program, outside tasks, sets this property of the global object; each worker has a global object of its own. */
  globalWriteOf(name: string): ts.Node | undefined {
    this.scanOnce();
    return this.globals.writeOf(name);
  }

  /** A class declared at a module's top level (module-symbols.ts). */
  isModuleClass(symbol: ts.Symbol): boolean { return isModuleClass(this.ctx, symbol); }

  /** A function declared at a module's top level (module-symbols.ts). */
  isModuleFunction(symbol: ts.Symbol): boolean { return isModuleFunction(this.ctx, symbol); }

  /** (Asked at every reference the program scan meets, and the answer asks the checker: once per symbol.) */
  isModuleObject(symbol: ts.Symbol): boolean {
    let known = this.moduleObjects.get(symbol);
    if (known === undefined) { known = declaresModuleObject(this.ctx, symbol); this.moduleObjects.set(symbol, known); }
    return known;
  }

  private changeOf(symbol: ts.Symbol): ts.Node | undefined {
    return this.scanOnce().changes.get(symbol);
  }

  /** The one pass over the program that finds both the changes and the reads outside tasks (module-state-scan.ts). */
  private scanOnce(): ModuleScan {
    if (!this.scan) {
      this.scan = new ModuleScan(this.ctx, this.isTask, this, this.globals, this.packages);
      this.scan.run();
    }
    return this.scan;
  }

  /** The node where this reference surely changes the object (reference-changes.ts). */
  writeAt(ref: ts.Identifier): ts.Node | undefined { return writeOfReference(this.ctx, ref); }

  /**
   * Module state that code a task runs beyond its own body changes and the program reads: program functions it calls
   * (`record()` doing `stats.calls++`) and the constructors and field initializers of program classes it instantiates
   * (`new Ticket()`, whose field does `++Ticket.issued`), transitively. Each change with where the program looks.
   */
  writesReachedFrom(fn: FunctionLike): { ref: ts.Identifier; write: ts.Node; readAt: ts.Node }[] {
    const { ts } = this.ctx;
    // (Calls the code makes, and the getters, conversions and iterators of its arguments' classes it may run unseen.)
    const parts = [...new Set([...codeReachedFrom(this.ctx, fn), ...codeOfArgumentClasses(this.ctx, fn, true)])];
    const reached = new Set<ts.Node>([fn, ...parts]);
    const found = new Map<ts.Symbol, { ref: ts.Identifier; write: ts.Node; readAt: ts.Node }>();
    const changesIn = (node: ts.Node): void => {
      if (ts.isIdentifier(node) && isReference(ts, node) && !isDeclarationName(ts, node)) {
        const symbol = symbolOf(this.ctx, node);
        const write = symbol && !found.has(symbol) ? this.writeAt(node) : undefined;
        // (Whether or not the program changes it too: the worker's change never comes back either way.)
        const readAt = write ? this.readOutside(symbol!, reached) : undefined;
        if (write && readAt) found.set(symbol!, { ref: node, write, readAt });
      }
      ts.forEachChild(node, changesIn);
    };
    for (const part of parts) changesIn(part);
    return [...found.values()];
  }

  /**
   * `K.CONFIG` through a namespace import (`import * as K`), `Geom.ORIGIN` and `Units.Metric.SCALE` through namespaces:
   * the module object the property names, if it is one.
   */
  namespaceMember(node: ts.Node): ts.Symbol | undefined {
    const { ts } = this.ctx;
    if (!ts.isPropertyAccessExpression(node)) return undefined;
    const holder = node.expression;
    if (!ts.isIdentifier(holder) && !(ts.isPropertyAccessExpression(holder) && ts.isIdentifier(holder.name))) return undefined;
    const namespace = symbolOf(this.ctx, ts.isIdentifier(holder) ? holder : holder.name);
    if (!namespace || !(namespace.flags & ts.SymbolFlags.ValueModule)) return undefined;
    const member = symbolOf(this.ctx, node.name);
    return member && this.isModuleObject(member) ? member : undefined;
  }

  /**
   * Module objects the program changes that code a task runs beyond its own body reads (a helper it calls reading
   * `W.length`, a method of a program class): each call carries their snapshots too. Changes there are
   * writesReachedFrom's.
   */
  readsReachedFrom(fn: FunctionLike): ModuleRead[] {
    const { ts } = this.ctx;
    const found = new Map<ts.Symbol, ModuleRead>();
    const visit = (node: ts.Node): void => {
      const named = ts.isIdentifier(node) && isReference(ts, node) && !isDeclarationName(ts, node) ? symbolOf(this.ctx, node) : undefined;
      const symbol = named ?? this.namespaceMember(node);
      if (symbol && !found.has(symbol)) {
        const change = this.changeOfModuleObject(symbol);
        if (change) found.set(symbol, { ref: ts.isPropertyAccessExpression(node) ? node.name as ts.Identifier : node as ts.Identifier, change });
      }
      ts.forEachChild(node, visit);
    };
    for (const part of [...codeReachedFrom(this.ctx, fn), ...codeOfArgumentClasses(this.ctx, fn), ...implicitCodeOfMadeClasses(this.ctx, fn)]) visit(part);
    return [...found.values()];
  }

  /** The node where this reference changes (or hands on) the object, if it does (reference-changes.ts). */
  changeAt(ref: ts.Expression): ts.Node | undefined { return changeOfReference(this.ctx, ref); }
}
