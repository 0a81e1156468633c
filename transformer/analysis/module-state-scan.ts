/**
 * The one pass over the program that module-state.ts's questions rest on: in source order, outside tasks, where each
 * module object or top-level class first changes and where the program names it; inside tasks, which module objects
 * they read without changing. Apart from the questions because it is the walk, run once per program, and records only.
 */
import type * as ts from 'typescript';
import { symbolOf, type AnalysisContext } from './context';
import type { GlobalObjectUses } from './global-object';
import type { PackageSettings } from './package-settings';
// Which identifier stands where: plain syntax, shared with the planner.
import { isDeclarationName, isReference } from '../rewrite/syntax';
import { partHandedOut } from './reference-changes';
import { moduleNames } from './module-names';
import { censusOf } from './syntax-census';
import type { ModuleState } from './module-state';

export class ModuleScan {
  /** Per module object: where the program first changes it (null: never), found by one pass over the program. */
  readonly changes = new Map<ts.Symbol, ts.Node>();
  /** Per class of a module's top level: where the program (outside tasks) first writes one of its static fields. */
  readonly classChanges = new Map<ts.Symbol, ts.Node>();
  /** Per module object or class of a module's top level: where the program (outside tasks) names it, in order. */
  readonly reads = new Map<ts.Symbol, ts.Node[]>();
  /** Per module object: where task bodies read it without changing it (`STATE.last`, `SEEN.has(x)`), in order. */
  readonly taskReads = new Map<ts.Symbol, ts.Identifier[]>();
  /** The tasks' functions, found by the scan. */
  readonly taskNodes: ts.Node[] = [];
  /** During the scan: whether a reference of the file scanned may name a module object, class or function (module-names.ts). */
  private mayName: (id: ts.Identifier) => boolean = () => true;

  /** `globals`, `packages`: what the program does to the global object and to npm packages' settings, fed node by node. */
  constructor(private readonly ctx: AnalysisContext, private readonly isTask: (fn: ts.Node) => boolean, private readonly state: ModuleState,
    private readonly globals: GlobalObjectUses, private readonly packages: PackageSettings) {}

  /** The one pass over the program that finds both the changes and the reads outside tasks. */
  run(): void {
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

  /** One node outside tasks. */
  private scanInProgram(node: ts.Node): void {
    const { ts } = this.ctx;
    // `static configure(o) { this.precision = o.precision }`: `this` of a static member is its class (np43's F11: a
    // static set so reached no worker, and the task's formatting used the default).
    if (node.kind === ts.SyntaxKind.ThisKeyword) {
      const owner = staticOwner(ts, node);
      const symbol = owner?.name && symbolOf(this.ctx, owner.name);
      if (symbol && !this.classChanges.has(symbol) && this.state.isModuleClass(symbol)) {
        const write = this.state.writeAt(node as ts.Identifier);
        if (write) this.classChanges.set(symbol, write);
      }
      return;
    }
    if (ts.isIdentifier(node) && isReference(ts, node) && !isDeclarationName(ts, node) && this.mayName(node)) {
      const symbol = symbolOf(this.ctx, node);
      if (symbol && !this.changes.has(symbol) && this.state.isModuleObject(symbol)) {
        const change = this.state.changeAt(node) ?? partHandedOut(this.ctx, node);
        if (change) this.changes.set(symbol, change);
      }
      // (A class named only as a type is no read: type positions are not references.)
      const ownName = ts.isClassDeclaration(node.parent) && node.parent.name === node;
      if (symbol && !ownName && (this.state.isModuleObject(symbol) || this.state.isModuleClass(symbol) || this.state.isModuleFunction(symbol))) this.noteRead(symbol, node);
      if (symbol && !ownName && !this.classChanges.has(symbol) && this.state.isModuleClass(symbol)) {
        const write = this.state.writeAt(node);
        if (write) this.classChanges.set(symbol, write);
      }
    }
    this.globals.inProgram(node);
    this.packages.inProgram(node);
    // `K.CONFIG.scale = 3` through a namespace import changes the module's object as `CONFIG.scale = 3` does.
    const member = this.scannedNamespaceMember(node);
    if (member) {
      const change = this.changes.has(member) ? undefined : this.state.changeAt(node as ts.PropertyAccessExpression);
      if (change) this.changes.set(member, change);
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
    if (named && symbol && this.state.isModuleObject(symbol) && !this.state.changeAt(member ? node as ts.Expression : named)) {
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
    return this.state.namespaceMember(node);
  }

  private noteRead(symbol: ts.Symbol, node: ts.Node): void {
    const reads = this.reads.get(symbol);
    if (reads) reads.push(node); else this.reads.set(symbol, [node]);
  }
}

/** The class whose static member (method, accessor, field, static block) `self` is the `this` of, if it is one. */
function staticOwner(t: typeof ts, self: ts.Node): ts.ClassLikeDeclaration | undefined {
  const member = t.findAncestor(self.parent, (n) => t.isFunctionLike(n) && !t.isArrowFunction(n) || t.isClassStaticBlockDeclaration(n) ||
    t.isPropertyDeclaration(n) || t.isClassLike(n));
  if (!member || t.isClassLike(member) || !t.isClassLike(member.parent)) return undefined;
  const isStatic = t.isClassStaticBlockDeclaration(member) || (t.canHaveModifiers(member) && t.getModifiers(member)?.some((m) => m.kind === t.SyntaxKind.StaticKeyword));
  return isStatic ? member.parent : undefined;
}
