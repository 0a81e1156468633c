/**
 * What a task's code reads of the state outside it, found in one pass over its body and default values (and, for
 * module objects, the code it runs beyond them): module variables that may change, module objects the program
 * changes (they travel with each call: runtime/api/module-state.ts), class statics the program writes, and module
 * state the task changes that the program reads. discover.ts turns these into errors or the task's moduleState.
 */
import type * as ts from 'typescript';
import { computedFromEntryCode } from './entry-computed';
import { enclosesOrIs } from './function-values';
import { isLazilyMade } from './lazy-objects';
import { isNamespaceImport, isReassigned, symbolOf, type AnalysisContext, type FunctionLike } from './context';
import { globalMember, type ModuleRead, type ModuleState } from './module-state';
import { declaredGlobalVariable } from './global-object';
import { packageOf } from './package-settings';
import { codeOfArgumentClasses, codeReachedFrom } from './reached-code';
import { keptByClosure, outlivesCalls } from './outlived-variables';
import { isKeyedStore, observed, resetBefore, setAfreshBefore, updatesFromItself } from './state-updates';
import { readsBackAsComputed } from './cache-lookups';
import type { ModuleWrites } from './module-writes';
import { heldByNamed, onlyGivesToTaskHolder, writesThroughHolders } from './module-holders';
import { runsOnlyInTasks } from './program-kept-uses';
import { defaultExportChange, defaultExportObject } from './default-exports';
import { isReference, isWriteTarget } from '../rewrite/syntax';

/**
 * Module state the body reads, in one pass: `let`/`var` variables declared outside the task in the same module, and
 * module `const` objects the program changes (module-state.ts).
 */
export function outerReads(ctx: AnalysisContext, fn: FunctionLike, state: ModuleState,
  /** What a call of a method of the program does to its object (`MATH.mul(x)` reading `this.k`: 'reads'); undefined for other calls. */
  methodEffect: (call: ts.CallExpression) => 'reads' | 'writes' | undefined,
  /** Writes of module objects under other names (`const { list } = S; list.push(x)`). */
  moduleWrites: ModuleWrites):
  { mutable: ts.Identifier[]; loadComputed: (ModuleRead & { from: ts.Identifier })[]; changedDefaults: ModuleRead[]; changedObjects: (ModuleRead & { writtenByTask?: ts.Node })[]; lostWrites: LostWrite[]; changedStatics: ModuleRead[];
    changedGlobals: ModuleRead[]; patchedBuiltins: ModuleRead[]; changedPackages: ModuleRead[]; counted: ModuleRead[]; shared: LostWrite[]; outlived: ts.Identifier[]; closureKept: ts.Identifier[];
    /** `globalThis.X = …` in the task where the program reads X: the worker's global object is not the program's. */
    setGlobals: { ref: ts.PropertyAccessExpression; readAt: ts.Node }[] } {
  const { ts } = ctx;
  const mutable = new Map<ts.Symbol, ts.Identifier>();
  const loadComputed = new Map<ts.Symbol, ModuleRead & { from: ts.Identifier }>();
  const changedDefaults = new Map<ts.Symbol, ModuleRead>();
  const tasks = state.taskFunctions();
  const inTask = (node: ts.Node): boolean => tasks.some((task) => enclosesOrIs(task, node));
  const changedObjects = new Map<ts.Symbol, ModuleRead & { writtenByTask?: ts.Node }>();
  const changedGlobals = new Map<string, ModuleRead>();
  const patchedBuiltins = new Map<string, ModuleRead>();
  const setGlobals = new Map<string, { ref: ts.PropertyAccessExpression; readAt: ts.Node }>();
  /** `Settings.factor` where the program writes that class's statics: nothing carries a class to a worker. */
  const changedStatics = new Map<ts.Symbol, ModuleRead>();
  const lostWrites = new Map<ts.Symbol, LostWrite>();
  const counted = new Map<ts.Symbol, ModuleRead>();
  const shared = new Map<ts.Symbol, LostWrite>();
  const reached = codeReachedFrom(ctx, fn);
  const runs = new Set<ts.Node>([fn, ...reached]);
  // `C.next()` where the program's method changes its object (`++this.n`): a write of the module object, as a library method's is.
  // Or a write `owner` (the task, or a function it runs) makes to the object under another name, or the task makes to
  // what a helper hands it (`const s = state(); s.n++`).
  const writeAt = (ref: ts.Identifier, owner: ts.Node): ts.Node | undefined => {
    const call = ref.parent.parent;
    const method = ts.isPropertyAccessExpression(ref.parent) && ref.parent.expression === ref && ts.isCallExpression(call) && call.expression === ref.parent;
    const symbol = symbolOf(ctx, ref);
    const aliased = (): ts.Node | undefined => symbol && ts.isFunctionLike(owner) && state.isModuleObject(symbol)
      ? moduleWrites.writeIn(owner as FunctionLike, symbol) ?? moduleWrites.writeIn(fn, symbol) : undefined;
    return state.writeAt(ref) ?? (method && methodEffect(call) === 'writes' ? call : undefined) ?? aliased();
  };
  // Where the code the task runs beyond its body names each module object (once per object).
  const reachedReads = new Map<ts.Symbol, ts.Identifier[]>();
  const readsInReached = (symbol: ts.Symbol): ts.Identifier[] => {
    let found = reachedReads.get(symbol);
    if (!found) { found = referencesIn(ctx, reached, symbol); reachedReads.set(symbol, found); }
    return found;
  };
  // `STATE.last = x` that a call reads back (`return STATE.last`), `SEEN.add(x)` after `SEEN.has(x)`, an interner's
  // `IDS.set(n, IDS.size)`: the read by which a call would see what an earlier call on the same worker left, not what
  // the plain program's last call left. None for a keyed store or a read the writing function sets afresh first.
  // A keyed store (a cache: `MEMO.set(n, v)` of a value not from the store) is read back only by a read of the whole
  // (`MEMO.size`, its keys, a walk): one entry looked up by its key, and handed back as stored, is what any worker
  // would compute (tester np36's memo-min).
  const sharedBy = (owner: FunctionLike, written: ts.Node, symbol: ts.Symbol, reads: readonly ts.Identifier[]): ts.Identifier | undefined => {
    const keyed = isKeyedStore(ctx, owner, written, symbol);
    // (A lookup that answers differently on a hit, or a value the key does not determine: cache-lookups.ts.)
    return reads.find((read) => !enclosesOrIs(written, read) && (!keyed || readsWholeStore(ts, read) || !readsBackAsComputed(ctx, written, read)) &&
      (!enclosesOrIs(owner, read) || !setAfreshBefore(ctx, owner, symbol, read)));
  };
  // (The code the task runs that the program never runs itself: made once, when a helper both run is met.)
  let onlyTasksRun: ReadonlySet<ts.Node> | undefined;
  const onlyTasksRunOf = (): ReadonlySet<ts.Node> => (onlyTasksRun ??= new Set([...runs].filter((code) => runsOnlyInTasks(ctx, state, code))));
  const outlived = new Map<ts.Symbol, ts.Identifier>();
  const closureKept = new Map<ts.Symbol, ts.Identifier>();
  // (One visitor per part, not a closure made at every node.)
  const countsIn = (part: ts.Node): ((node: ts.Node) => void) => {
    const visitNode = (node: ts.Node): void => {
      const symbol = ts.isIdentifier(node) && isReference(ts, node) ? symbolOf(ctx, node) : undefined;
      // `let n = 0; function tick() { return ++n; }`, or `n` kept by a factory's closure (`const next = makeCounter()`).
      if (symbol && !outlived.has(symbol) && outlivesCalls(ctx, symbol, fn, runs)) outlived.set(symbol, node as ts.Identifier);
      // (A cache a closure keeps, `memo.set(k, v)`, changes no output: only a change from the object's own old value counts.)
      const closureWrite = symbol && !closureKept.has(symbol) ? state.writeAt(node as ts.Identifier) : undefined;
      if (closureWrite && updatesFromItself(ctx, closureWrite, symbol!) && keptByClosure(ctx, symbol!, runs)) closureKept.set(symbol!, node as ts.Identifier);
      // (The program looking at it outside this code is lostWrites' error, through writesReachedFrom.)
      // (A helper the program calls too, `getMemo()` handing the task `memo`: the program reads what the tasks change,
      // a write lost as the task's own would be; tester np32's taskcounter.)
      const programToo = symbol && !counted.has(symbol) && !lostWrites.has(symbol) && state.isModuleObject(symbol) && state.readOutside(symbol, runs) === undefined
        ? state.readOutside(symbol, onlyTasksRunOf()) : undefined;
      const lost = programToo ? writeAt(node as ts.Identifier, part) : undefined;
      if (lost) lostWrites.set(symbol!, { ref: node as ts.Identifier, write: lost, readAt: programToo! });
      const written = symbol && !lost && !counted.has(symbol) && state.isModuleObject(symbol) && !state.readOutside(symbol, runs) ? writeAt(node as ts.Identifier, part) : undefined;
      if (written && updatesFromItself(ctx, written, symbol!) && observed(ctx, [fn, ...reached], written, symbol!)) counted.set(symbol!, { ref: node as ts.Identifier, change: written });
      // An interner in a helper (`HOSTS.set(h, HOSTS.size)` in `hostId`) that the task or another task reads back.
      const owner = written && !counted.has(symbol!) && !shared.has(symbol!) ? ts.findAncestor(node.parent, ts.isFunctionLike) as FunctionLike | undefined : undefined;
      const readBy = owner && sharedBy(owner, written!, symbol!, [...state.readByTasks(symbol!), ...readsInReached(symbol!)]);
      if (readBy) shared.set(symbol!, { ref: node as ts.Identifier, write: written!, readAt: readBy });
      ts.forEachChild(node, visitNode);
    };
    return visitNode;
  };
  const visit = (node: ts.Node): void => {
    // `globalThis.LEVEL` that the program sets: the worker's global object never has it.
    const global = globalMember(ctx, node);
    const setAt = global && !changedGlobals.has(global.name.text) ? state.globalWriteOf(global.name.text) : undefined;
    if (global && setAt) changedGlobals.set(global.name.text, { ref: global.name as ts.Identifier, change: setAt });
    // `APP_CONFIG.rate` of a `declare global { var APP_CONFIG }` the program sets: the same property, by its bare name.
    const bare = declaredGlobalVariable(ctx, node);
    const bareSetAt = bare && !changedGlobals.has(bare.text) ? state.globalWriteOf(bare.text) : undefined;
    if (bare && bareSetAt) changedGlobals.set(bare.text, { ref: bare, change: bareSetAt });
    // `Math.random()`, `xs.sum()` where the program replaced `Math.random` or set `Array.prototype.sum`.
    const patchedAt = ts.isPropertyAccessExpression(node) && !isWriteTarget(ts, node) ? state.patchOf(node) : undefined;
    if (patchedAt && !patchedBuiltins.has(node.getText())) patchedBuiltins.set(node.getText(), { ref: (node as ts.PropertyAccessExpression).name as ts.Identifier, change: patchedAt });
    const readAt = global && !setGlobals.has(global.name.text) && isWriteTarget(ts, global) ? state.globalReadOf(global.name.text, fn) : undefined;
    if (global && readAt) setGlobals.set(global.name.text, { ref: global, readAt });
    // `K.CONFIG` through a namespace import: a read of the module's object.
    const member = state.namespaceMember(node);
    if (member && !changedObjects.has(member)) {
      const change = state.changeOfModuleObject(member);
      if (change) changedObjects.set(member, { ref: (node as ts.PropertyAccessExpression).name as ts.Identifier, change });
    }
    // `U.version` through a namespace import (`import * as U`) of a `let` a function of its module sets.
    if (ts.isPropertyAccessExpression(node) && ts.isIdentifier(node.expression) && isNamespaceImport(ctx, node.expression)) {
      const named = symbolOf(ctx, node.name);
      const declared = named?.valueDeclaration;
      if (named && declared && ts.isVariableDeclaration(declared) && !mutable.has(named) && !(ts.getCombinedNodeFlags(declared) & ts.NodeFlags.Const) &&
        isReassigned(ctx, declared) && !isLazilyMade(ctx, declared) && assignedInFunction(ctx, declared)) mutable.set(named, node.name as ts.Identifier);
    }
    // (A property name is no reference: its symbol is not asked for.)
    if (ts.isIdentifier(node) && isReference(ts, node)) {
      // `S.counter.n += 1` through a namespace import (`import * as S`): the module's object is what is named.
      const viaNamespace = ts.isPropertyAccessExpression(node.parent) && node.parent.expression === node ? state.namespaceMember(node.parent) : undefined;
      const symbol = viaNamespace ?? symbolOf(ctx, node);
      const ref = viaNamespace ? (node.parent as ts.PropertyAccessExpression).name as ts.Identifier : node;
      const declaration = symbol?.valueDeclaration;
      // `D.mode` of `export default { mode: 'fast' }` the program changes: no name to travel by (default-exports.ts).
      const defaultObject = symbol && !changedDefaults.has(symbol) && defaultExportObject(ctx, symbol) ? defaultExportChange(ctx, symbol, inTask) : undefined;
      if (defaultObject) changedDefaults.set(symbol!, { ref, change: defaultObject });
      // `counters.n += 1`, `Stats.calls++`: module state the task changes and the program looks at.
      const written = symbol && !lostWrites.has(symbol) && declaration && !enclosesOrIs(fn, declaration) ? writeAt(node, fn) : undefined;
      const readAt = written && !state.changeOfModuleObject(symbol!) ? state.readOutsideTasks(symbol!) : undefined;
      if (written && readAt) lostWrites.set(symbol!, { ref, write: written, readAt });
      // `COUNTER.n++`, `totals.sum += x`: a count only the tasks keep, from its own old value; each worker has its own.
      if (written && !readAt && !counted.has(symbol!) && updatesFromItself(ctx, written, symbol!) && observed(ctx, [fn, ...reached], written, symbol!) &&
        !resetBefore(ctx, fn, written, symbol!)) {
        counted.set(symbol!, { ref, change: written });
      }
      // State a call sets and a call reads back (`sharedBy`). (A read inside the write itself, `PEAK.v = Math.max(PEAK.v,
      // x)`, is a count's: `counted` says whether it is looked at.)
      const readBy = written && !readAt && !counted.has(symbol!) && !shared.has(symbol!) && state.isModuleObject(symbol!)
        ? sharedBy(fn, written, symbol!, state.readByTasks(symbol!)) : undefined;
      if (readBy) shared.set(symbol!, { ref, write: written!, readAt: readBy });
      const staticChange = symbol && !changedStatics.has(symbol) && ts.isPropertyAccessExpression(node.parent) && node.parent.expression === node
        ? state.changeOfModuleClass(symbol) : undefined;
      if (staticChange) changedStatics.set(symbol!, { ref: node, change: staticChange });
      if (symbol && declaration && ts.isVariableDeclaration(declaration) && !enclosesOrIs(fn, declaration)) {
        // A `var`/`let` nothing assigns after its initializer is a constant in all but name.
        if (!(ts.getCombinedNodeFlags(declaration) & ts.NodeFlags.Const) && isReassigned(ctx, declaration) && !isLazilyMade(ctx, declaration)) {
          // (In another module, one its own top level sets as it loads is the same in a worker; one a function of it sets,
          // `export function setVersion(v) { version = v }`, is the program's to change: tester np32's letsetter.)
          if ((declaration.getSourceFile() === fn.getSourceFile() || assignedInFunction(ctx, declaration)) && !mutable.has(symbol)) mutable.set(symbol, node);
        } else {
          const known = changedObjects.get(symbol);
          const change = known ? known.change : state.changeOfModuleObject(symbol);
          // (`const SCALE = cfg[0] * 2` after entry code filled cfg: each worker's SCALE is computed from its own.)
          const computed = !change && !loadComputed.has(symbol) ? computedFromEntryCode(ctx, state, declaration) : undefined;
          if (computed) loadComputed.set(symbol, { ref: node, change: computed.change, from: computed.ref });
          if (change) {
            const taskChange = known?.writtenByTask ?? state.changeAt(node) ?? moduleWrites.writeIn(fn, symbol);
            const writtenByTask = taskChange && ts.isCallExpression(taskChange) && taskChange.expression !== node && methodEffect(taskChange) === 'reads'
              ? undefined : taskChange;
            changedObjects.set(symbol, { ref: known?.ref ?? node, change, ...(writtenByTask ? { writtenByTask } : {}) });
          }
        }
      }
    }
    ts.forEachChild(node, visit);
  };
  // Default values are the task's code too (`s = CONFIG.scale`).
  for (const param of fn.parameters) visit(param);
  if (fn.body) visit(fn.body);
  // A count kept through a helper the task calls (`tick()` doing `COUNTER.n += 1; return COUNTER.n`).
  for (const part of reached) countsIn(part)(part);
  // A static field the program writes, read by code the task runs (`p.fmt()` reading `Price.digits`), or by a method
  // of an argument's class a conversion runs (`String(p)`): the worker's class never has the program's value.
  const staticsIn = (node: ts.Node): void => {
    const symbol = ts.isIdentifier(node) && isReference(ts, node) && ts.isPropertyAccessExpression(node.parent) && node.parent.expression === node
      ? symbolOf(ctx, node) : undefined;
    const change = symbol && !changedStatics.has(symbol) ? state.changeOfModuleClass(symbol) : undefined;
    if (change) changedStatics.set(symbol!, { ref: node as ts.Identifier, change });
    ts.forEachChild(node, staticsIn);
  };
  for (const part of new Set([...reached, ...codeOfArgumentClasses(ctx, fn)])) staticsIn(part);
  // An npm package the code uses, whose settings the program changes where no worker runs it (package-settings.ts).
  const changedPackages = new Map<string, ModuleRead>();
  const packagesIn = (node: ts.Node): void => {
    const name = ts.isIdentifier(node) && isReference(ts, node) ? packageOf(ctx, node) : undefined;
    const change = name && !changedPackages.has(name) ? state.packageSettingOf(name, runs) : undefined;
    if (change) changedPackages.set(name!, { ref: node as ts.Identifier, change });
    ts.forEachChild(node, packagesIn);
  };
  if (state.changesPackageSettings()) for (const part of runs) packagesIn(part);
  // What the code it runs beyond its body reads travels with each call as well.
  for (const read of state.readsReachedFrom(fn)) {
    const symbol = symbolOf(ctx, read.ref)!;
    if (!changedObjects.has(symbol)) changedObjects.set(symbol, read);
  }
  // So do module objects held by what it names (`registry = { current: CONFIG }`, a closure `makeScaler(CONFIG)`): the
  // worker's object, filled in place from the snapshot, is what the worker's holder and closure see.
  for (const held of heldByNamed(ctx, [fn, ...reached])) {
    const change = changedObjects.has(held.symbol) ? undefined : state.changeOfModuleObject(held.symbol);
    if (change) changedObjects.set(held.symbol, { ref: held.ref, change });
  }
  // And what the task changes through them (`registry.current.hits += n`, a closure over CONFIG counting in it): the
  // held object is changed state, kept from call to call and brought home where the program looks at it.
  for (const written of writesThroughHolders(ctx, [fn, ...reached], (ref, owner) => writeAt(ref, owner))) {
    const readAt = lostWrites.has(written.symbol) || !state.readOutsideTasks(written.symbol) ? undefined
      : state.outsideTaskBodies(written.symbol).find((read) => !onlyGivesToTaskHolder(ctx, state, read));
    if (readAt) lostWrites.set(written.symbol, { ref: written.ref, write: written.write, readAt });
  }
  return { mutable: [...mutable.values()], loadComputed: [...loadComputed.values()], changedDefaults: [...changedDefaults.values()], changedObjects: [...changedObjects.values()], lostWrites: [...lostWrites.values()],
    changedStatics: [...changedStatics.values()], changedGlobals: [...changedGlobals.values()], patchedBuiltins: [...patchedBuiltins.values()], changedPackages: [...changedPackages.values()], counted: [...counted.values()],
    shared: [...shared.values()], outlived: [...outlived.values()], closureKept: [...closureKept.values()], setGlobals: [...setGlobals.values()] };
}

const assignedInFunctions = new WeakMap<ts.Program, Map<ts.VariableDeclaration, boolean>>();

/** Some function of the declaring file assigns the variable (`version = v` in a setter). Once per declaration. */
function assignedInFunction(ctx: AnalysisContext, declaration: ts.VariableDeclaration): boolean {
  let known = assignedInFunctions.get(ctx.program);
  if (!known) { known = new Map(); assignedInFunctions.set(ctx.program, known); }
  let found = known.get(declaration);
  if (found === undefined) { found = findAssignmentInFunction(ctx, declaration); known.set(declaration, found); }
  return found;
}

function findAssignmentInFunction(ctx: AnalysisContext, declaration: ts.VariableDeclaration): boolean {
  const { ts } = ctx;
  if (!ts.isIdentifier(declaration.name)) return true;
  const symbol = symbolOf(ctx, declaration.name);
  let found = false;
  const visit = (node: ts.Node, inFunction: boolean): void => {
    if (found) return;
    if (ts.isIdentifier(node) && inFunction && node.text === (declaration.name as ts.Identifier).text && isWriteTarget(ts, node) && symbolOf(ctx, node) === symbol) {
      found = true;
      return;
    }
    ts.forEachChild(node, (child) => visit(child, inFunction || ts.isFunctionLike(node)));
  };
  visit(declaration.getSourceFile(), false);
  return found;
}

/** Where these pieces of code name `symbol`. */
export function referencesIn(ctx: AnalysisContext, parts: readonly ts.Node[], symbol: ts.Symbol): ts.Identifier[] {
  const found: ts.Identifier[] = [];
  const visit = (node: ts.Node): void => {
    if (ctx.ts.isIdentifier(node) && isReference(ctx.ts, node) && symbolOf(ctx, node) === symbol) found.push(node);
    ctx.ts.forEachChild(node, visit);
  };
  for (const part of parts) visit(part);
  return found;
}

/** A task's change to module state the program looks at (module-state.ts): the worker's copy changes, not the program's. */
interface LostWrite { readonly ref: ts.Identifier; readonly write: ts.Node; readonly readAt: ts.Node }

/** `store.size`, `store.keys()`, `[...store]`, `for (… of store)`: what the store holds as a whole, not one entry by its key. */
function readsWholeStore(t: typeof ts, read: ts.Identifier): boolean {
  const parent = read.parent;
  if (t.isPropertyAccessExpression(parent) && parent.expression === read) return WHOLE_READS.has(parent.name.text);
  return (t.isSpreadElement(parent) && parent.expression === read) || (t.isForOfStatement(parent) && parent.expression === read);
}
const WHOLE_READS = new Set(['size', 'length', 'keys', 'values', 'entries', 'forEach']);
