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
import { isReassigned, symbolOf, type AnalysisContext, type FunctionLike } from './context';
import { codeOfArgumentClasses, codeReachedFrom, implicitCodeOfMadeClasses } from './reached-code';
import { GlobalObjectUses } from './global-object';
import { PackageSettings } from './package-settings';
export { globalMember } from './global-object';
// Which identifier stands where: plain syntax, shared with the planner.
import { isDeclarationName, isReference } from '../rewrite/syntax';
import { changeOfReference, partHandedOut, writeOfReference } from './reference-changes';
import { isLazilyMade } from './lazy-objects';
import { moduleNames } from './module-names';
import { namespacePath } from './module-state-keys';
import { censusOf } from './syntax-census';
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
  /** Per module object: where the program first changes it (null: never), found by one pass over the program. */
  private changes?: Map<ts.Symbol, ts.Node>;
  /** Per property of the global object: where the program (outside tasks) first sets it (`globalThis.LEVEL = 3`). */
  private readonly globals: GlobalObjectUses;
  private readonly packages: PackageSettings;
  /** Per class of a module's top level: where the program (outside tasks) first writes one of its static fields. */
  private readonly classChanges = new Map<ts.Symbol, ts.Node>();
  /** Per module object or class of a module's top level: where the program (outside tasks) names it, in order. */
  private readonly reads = new Map<ts.Symbol, ts.Node[]>();
  /** Per module object: where task bodies read it without changing it (`STATE.last`, `SEEN.has(x)`), in order. */
  private readonly taskReads = new Map<ts.Symbol, ts.Identifier[]>();
  /** The tasks' functions, found by the scan. */
  private readonly taskNodes: ts.Node[] = [];
  private readonly moduleObjects = new Map<ts.Symbol, boolean>();
  /** What a worker runs of the modules it loads for the tasks found (rewrite/worker-load.ts). */
  private workerLoad?: WorkerLoad;
  /** During the scan: whether a reference of the file scanned may name a module object, class or function (module-names.ts). */
  private mayName: (id: ts.Identifier) => boolean = () => true;

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
    this.scanOnce();
    // (Under any of its names: `const C = COUNTS` counted in by tasks, `COUNTS` printed.)
    for (const name of this.isModuleObject(symbol) ? sameObjectNames(this.ctx, this, symbol) : [symbol]) {
      const read = this.reads.get(name)?.find((ref) => !makesAlias(this.ctx, this, ref));
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
    this.scanOnce();
    if (!this.reads.has(symbol)) return undefined;
    const within = (node: ts.Node): boolean => { for (let n: ts.Node | undefined = node; n; n = n.parent) if (code.has(n)) return true; return false; };
    return this.reads.get(symbol)!.find((read) => counts(read) && !within(read));
  }

  /** Every place the program names this module object, class or top-level function outside task bodies, in order. */
  outsideTaskBodies(symbol: ts.Symbol): readonly ts.Node[] {
    this.scanOnce();
    return this.reads.get(symbol) ?? [];
  }

  /** The top-level functions the program names outside task bodies. */
  namedFunctions(): ts.Symbol[] {
    this.scanOnce();
    return [...this.reads.keys()].filter((symbol) => this.isModuleFunction(symbol));
  }

  /** The tasks' functions. */
  taskFunctions(): readonly ts.Node[] {
    this.scanOnce();
    return this.taskNodes;
  }

  /** Where task bodies read this module object without changing it, in order. */
  readByTasks(symbol: ts.Symbol): readonly ts.Identifier[] {
    this.scanOnce();
    return this.taskReads.get(symbol) ?? [];
  }

  /**
   * Where the program, outside tasks, writes a static field of this top-level class (`Settings.factor = 4`); undefined
   * when it never does. A worker has its own copy of the class, which that write never reaches.
   */
  changeOfModuleClass(symbol: ts.Symbol): ts.Node | undefined {
    if (!this.isModuleClass(symbol)) return undefined;
    this.scanOnce();
    return this.classChanges.get(symbol);
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
  private runsInWorkersToo(node: ts.Node): boolean {
    const { ts } = this.ctx;
    const statement = ts.findAncestor(node, (n) => ts.isSourceFile(n.parent)) as ts.Statement | undefined;
    this.workerLoad ??= workerLoadOf(this.ctx, this.taskNodes.map((task) => task.getSourceFile()));
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

  isModuleClass(symbol: ts.Symbol): boolean {
    const declaration = symbol.valueDeclaration;
    return declaration !== undefined && this.ctx.ts.isClassDeclaration(declaration) && this.ctx.ts.isSourceFile(declaration.parent) &&
      !declaration.getSourceFile().isDeclarationFile;
  }

  /** A function declared at a module's top level (`function tick() { … }`): who calls it decides whose change it makes. */
  isModuleFunction(symbol: ts.Symbol): boolean {
    const declaration = symbol.valueDeclaration;
    return declaration !== undefined && this.ctx.ts.isFunctionDeclaration(declaration) && this.ctx.ts.isSourceFile(declaration.parent) &&
      !declaration.getSourceFile().isDeclarationFile;
  }

  /** (Asked at every reference the program scan meets, and the answer asks the checker: once per symbol.) */
  isModuleObject(symbol: ts.Symbol): boolean {
    let known = this.moduleObjects.get(symbol);
    if (known === undefined) { known = this.declaresModuleObject(symbol); this.moduleObjects.set(symbol, known); }
    return known;
  }

  private declaresModuleObject(symbol: ts.Symbol): boolean {
    const { ts } = this.ctx;
    const declaration = symbol.valueDeclaration;
    if (!declaration || !ts.isVariableDeclaration(declaration) || declaration.getSourceFile().isDeclarationFile) return false;
    // (At the top level, or an exported member of a namespace declared there: module-state-keys.ts.)
    if (!namespacePath(ts, declaration)) return false;
    // let/var: an error of their own, but for an object made on first use (lazy-objects.ts) and one nothing assigns
    // after its initializer, a constant in all but name (tester np32's letobj: `let current = { k: 2 }`).
    // (Only one holding an object made there: `var objectProto = Object.prototype` in a library is the built-in's.)
    if (!(ts.getCombinedNodeFlags(declaration) & ts.NodeFlags.Const) && !isLazilyMade(this.ctx, declaration) &&
      (isReassigned(this.ctx, declaration) || !madeHere(ts, declaration.initializer))) return false;
    const type = this.ctx.checker.getTypeAtLocation(declaration);
    const primitive = ts.TypeFlags.NumberLike | ts.TypeFlags.StringLike | ts.TypeFlags.BooleanLike | ts.TypeFlags.BigIntLike |
      ts.TypeFlags.Null | ts.TypeFlags.Undefined | ts.TypeFlags.ESSymbolLike;
    return (type.flags & primitive) === 0 && type.getCallSignatures().length === 0 && type.getConstructSignatures().length === 0;
  }

  private changeOf(symbol: ts.Symbol): ts.Node | undefined {
    return this.scanOnce().get(symbol);
  }

  /** The one pass over the program that finds both the changes and the reads outside tasks. */
  private scanOnce(): Map<ts.Symbol, ts.Node> {
    if (!this.changes) {
      this.changes = new Map();
      const { names, filters } = moduleNames(this.ctx.ts, this.ctx.program);
      for (const file of this.ctx.program.getSourceFiles()) {
        if (file.isDeclarationFile) continue;
        this.mayName = filters(file) ? (id) => names.has(id.text) : () => true;
        // Every node in source order (syntax-census.ts); a task's subtree, the nodes up to its end, is the task's.
        const { nodes, ends } = censusOf(this.ctx, file);
        for (let i = 0; i < nodes.length;) {
          const node = nodes[i];
          if (this.isTask(node)) { // what tasks do to module state is not the program's change
            this.taskNodes.push(node);
            for (let k = i; k < ends[i]; k++) this.scanInTask(nodes[k]);
            i = ends[i];
          } else {
            this.scanInProgram(node);
            i++;
          }
        }
      }
    }
    return this.changes;
  }

  /** One node outside tasks. */
  private scanInProgram(node: ts.Node): void {
    const { ts } = this.ctx;
    // `static configure(o) { this.precision = o.precision }`: `this` of a static member is its class (np43's F11: a
    // static set so reached no worker, and the task's formatting used the default).
    if (node.kind === ts.SyntaxKind.ThisKeyword) {
      const owner = staticOwner(ts, node);
      const symbol = owner?.name && symbolOf(this.ctx, owner.name);
      if (symbol && !this.classChanges.has(symbol) && this.isModuleClass(symbol)) {
        const write = this.writeAt(node as ts.Identifier);
        if (write) this.classChanges.set(symbol, write);
      }
      return;
    }
    if (ts.isIdentifier(node) && isReference(ts, node) && !isDeclarationName(ts, node) && this.mayName(node)) {
      const symbol = symbolOf(this.ctx, node);
      if (symbol && !this.changes!.has(symbol) && this.isModuleObject(symbol)) {
        const change = this.changeAt(node) ?? partHandedOut(this.ctx, node);
        if (change) this.changes!.set(symbol, change);
      }
      // (A class named only as a type is no read: type positions are not references.)
      const ownName = ts.isClassDeclaration(node.parent) && node.parent.name === node;
      if (symbol && !ownName && (this.isModuleObject(symbol) || this.isModuleClass(symbol) || this.isModuleFunction(symbol))) this.noteRead(symbol, node);
      if (symbol && !ownName && !this.classChanges.has(symbol) && this.isModuleClass(symbol)) {
        const write = this.writeAt(node);
        if (write) this.classChanges.set(symbol, write);
      }
    }
    this.globals.inProgram(node);
    this.packages.inProgram(node);
    // `K.CONFIG.scale = 3` through a namespace import changes the module's object as `CONFIG.scale = 3` does.
    const member = this.scannedNamespaceMember(node);
    if (member) {
      const change = this.changes!.has(member) ? undefined : this.changeAt(node as ts.PropertyAccessExpression);
      if (change) this.changes!.set(member, change);
      this.noteRead(member, node);
    }
  }

  /** One node of a task's body. */
  private scanInTask(node: ts.Node): void {
    const { ts } = this.ctx;
    this.globals.inTask(node);
    // (`S.history` through a namespace import is a read of `history`.)
    const member = this.scannedNamespaceMember(node);
    const named = member ? (node as ts.PropertyAccessExpression).name
      : ts.isIdentifier(node) && isReference(ts, node) && !isDeclarationName(ts, node) && this.mayName(node) ? node : undefined;
    const symbol = member ?? (named && symbolOf(this.ctx, named));
    if (named && symbol && this.isModuleObject(symbol) && !this.changeAt(member ? node as ts.Expression : named)) {
      const reads = this.taskReads.get(symbol);
      if (reads) reads.push(named as ts.Identifier); else this.taskReads.set(symbol, [named as ts.Identifier]);
    }
  }

  /**
   * namespaceMember during the scan: `xs.length` needs no symbol for `xs` when no namespace of the program can be
   * named so (a namespace import's name and a namespace's own are among module-names.ts's names).
   */
  private scannedNamespaceMember(node: ts.Node): ts.Symbol | undefined {
    const { ts } = this.ctx;
    if (!ts.isPropertyAccessExpression(node)) return undefined;
    let root = node.expression;
    while (ts.isPropertyAccessExpression(root)) root = root.expression;
    if (!ts.isIdentifier(root) || !this.mayName(root)) return undefined;
    return this.namespaceMember(node);
  }

  private noteRead(symbol: ts.Symbol, node: ts.Node): void {
    const reads = this.reads.get(symbol);
    if (reads) reads.push(node); else this.reads.set(symbol, [node]);
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

/** An object made by the expression itself: a literal, or `new`. */
function madeHere(t: typeof ts, value: ts.Expression | undefined): boolean {
  while (value && (t.isParenthesizedExpression(value) || t.isAsExpression(value) || t.isSatisfiesExpression(value))) value = value.expression;
  return value !== undefined && (t.isObjectLiteralExpression(value) || t.isArrayLiteralExpression(value) || t.isNewExpression(value));
}

/** The class whose static member (method, accessor, field, static block) `self` is the `this` of, if it is one. */
function staticOwner(t: typeof ts, self: ts.Node): ts.ClassLikeDeclaration | undefined {
  const member = t.findAncestor(self.parent, (n) => t.isFunctionLike(n) && !t.isArrowFunction(n) || t.isClassStaticBlockDeclaration(n) ||
    t.isPropertyDeclaration(n) || t.isClassLike(n));
  if (!member || t.isClassLike(member) || !t.isClassLike(member.parent)) return undefined;
  const isStatic = t.isClassStaticBlockDeclaration(member) || (t.canHaveModifiers(member) && t.getModifiers(member)?.some((m) => m.kind === t.SyntaxKind.StaticKeyword));
  return isStatic ? member.parent : undefined;
}
