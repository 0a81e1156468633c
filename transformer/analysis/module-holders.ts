/**
 * Module values that hold other module objects: `registry = { current: CONFIG }`, `lookup = new Map([['k', CONFIG]])`,
 * `bound = mul.bind(null, CONFIG)`, `scaler = makeScaler(CONFIG)` (a closure over it), `api = { run() { … CONFIG … } }`.
 * A task naming the holder reaches the held object under no name of its own (tester np31's modalias, modclosure,
 * modhidden). Found from the holder's initializer and from the module's top-level statements that store into it
 * (`registry.current = CONFIG`, `HANDLERS.push(CONFIG)`), and transitively: a holder of a holder holds both.
 *
 * Asked by outer-reads.ts (what a task's snapshot must carry: the held object, filled in place in the worker, is what
 * the worker's holder and closure see) and by program-kept-uses.ts (a program naming a held object names a part of
 * its holder). Also the plainest holder, another name (`const C = COUNTS`): sameObjectNames, for module-state.ts's
 * reads and the kept state's waits.
 */
import type * as ts from 'typescript';
import { calledFunction, isFunctionLike, symbolOf, type AnalysisContext, type FunctionLike } from './context';
import { isCalledAtOnce, returnedExpressions, rootAndDepth, rootIdentifier, skipParens } from './expressions';
import { codeReachedFrom } from './reached-code';
import { writeOfReference } from './reference-changes';
import { isReference } from '../rewrite/syntax';
import type { ModuleState } from './module-state';

export interface Held { readonly symbol: ts.Symbol; readonly ref: ts.Identifier }

const perProgram = new WeakMap<ts.Program, Map<ts.Symbol, readonly Held[]>>();

/** The module-level variables `symbol`'s value may hold or capture (not itself), each with a place that names it. */
export function heldModuleValues(ctx: AnalysisContext, symbol: ts.Symbol): readonly Held[] {
  let known = perProgram.get(ctx.program);
  if (!known) { known = new Map(); perProgram.set(ctx.program, known); }
  const cached = known.get(symbol);
  if (cached) return cached;
  known.set(symbol, []); // (a cycle of holders ends here)
  const found = new Map<ts.Symbol, ts.Identifier>();
  for (const direct of directlyHeld(ctx, symbol)) {
    if (direct.symbol === symbol || found.has(direct.symbol)) continue;
    found.set(direct.symbol, direct.ref);
    for (const deeper of heldModuleValues(ctx, direct.symbol)) if (deeper.symbol !== symbol && !found.has(deeper.symbol)) found.set(deeper.symbol, deeper.ref);
  }
  const held = [...found].map(([s, ref]) => ({ symbol: s, ref }));
  known.set(symbol, held);
  return held;
}

/** A variable declared at a module's top level (a `const`, `let` or `var` of the program's own code). */
export function moduleVariable(ctx: AnalysisContext, symbol: ts.Symbol): ts.VariableDeclaration | undefined {
  const { ts } = ctx;
  const declaration = symbol.valueDeclaration;
  if (!declaration || !ts.isVariableDeclaration(declaration) || declaration.getSourceFile().isDeclarationFile) return undefined;
  const statement = declaration.parent.parent;
  return ts.isVariableStatement(statement) && ts.isSourceFile(statement.parent) ? declaration : undefined;
}

function directlyHeld(ctx: AnalysisContext, symbol: ts.Symbol): Held[] {
  const { ts } = ctx;
  const declaration = moduleVariable(ctx, symbol);
  if (!declaration) return [];
  const held: Held[] = [];
  const collect = (node: ts.Node): void => {
    // (A function made there names what it uses when it runs: code a task reaches, judged as such.)
    if (ts.isFunctionLike(node) && !isCalledAtOnce(ts, node)) return;
    if (ts.isIdentifier(node) && isReference(ts, node)) {
      const named = symbolOf(ctx, node);
      if (named && moduleVariable(ctx, named)) held.push({ symbol: named, ref: node });
    }
    ts.forEachChild(node, collect);
  };
  // (`const T = CONFIG` is another name for it, which module-state.ts follows as one.)
  if (declaration.initializer && !ts.isIdentifier(skipParens(ts, declaration.initializer))) collect(declaration.initializer);
  // `registry.current = CONFIG`, `HANDLERS.push(CONFIG)` at the module's top level: what is stored in it.
  for (const statement of declaration.getSourceFile().statements) {
    if (ts.isExpressionStatement(statement)) storedInto(ctx, statement.expression, symbol).forEach(collect);
  }
  return held;
}

/** What a top-level statement stores into the module variable `symbol` (`S.k = e`, `S.push(e)`), if anything. */
function storedInto(ctx: AnalysisContext, expr: ts.Expression, symbol: ts.Symbol): readonly ts.Node[] {
  const { ts } = ctx;
  const isHolder = (e: ts.Expression): boolean => { const root = rootIdentifier(ts, e); return root !== undefined && symbolOf(ctx, root) === symbol; };
  if (ts.isBinaryExpression(expr) && expr.operatorToken.kind === ts.SyntaxKind.EqualsToken && rootAndDepth(ts, expr.left).depth > 0 && isHolder(expr.left)) return [expr.right];
  if (ts.isCallExpression(expr) && ts.isPropertyAccessExpression(expr.expression) && isHolder(expr.expression.expression)) return expr.arguments;
  return [];
}

/** (Per program: an unchanged file's nodes are reused by the next program of a watch, its symbols are not.) */
const namedPerProgram = new WeakMap<ts.Program, WeakMap<ts.Node, ReadonlySet<ts.Symbol>>>();

/** The module variables a piece of code names (once per piece: the code a task reaches is shared between tasks). */
function moduleVariablesNamedIn(ctx: AnalysisContext, code: ts.Node): ReadonlySet<ts.Symbol> {
  let namedPerNode = namedPerProgram.get(ctx.program);
  if (!namedPerNode) { namedPerNode = new WeakMap(); namedPerProgram.set(ctx.program, namedPerNode); }
  let named = namedPerNode.get(code);
  if (!named) {
    const found = new Set<ts.Symbol>();
    const visit = (node: ts.Node): void => {
      if (ctx.ts.isIdentifier(node) && isReference(ctx.ts, node)) {
        const symbol = symbolOf(ctx, node);
        if (symbol && moduleVariable(ctx, symbol)) found.add(symbol);
      }
      ctx.ts.forEachChild(node, visit);
    };
    visit(code);
    named = found;
    namedPerNode.set(code, named);
  }
  return named;
}

/**
 * The module values the code names hold, as the task running it reaches them: each once, with the place its holder
 * names it (`{ current: CONFIG }`), except those the code names itself.
 */
export function heldByNamed(ctx: AnalysisContext, code: readonly ts.Node[]): readonly Held[] {
  const named = new Set<ts.Symbol>();
  for (const part of code) for (const symbol of moduleVariablesNamedIn(ctx, part)) named.add(symbol);
  const held = new Map<ts.Symbol, Held>();
  for (const holder of named) for (const h of heldModuleValues(ctx, holder)) if (!named.has(h.symbol) && !held.has(h.symbol)) held.set(h.symbol, h);
  return [...held.values()];
}

/**
 * The module variable given what holds `ref` there: `ref` lies in its initializer (`registry = { current: CONFIG }`)
 * or in a top-level statement storing into it (`registry.current = CONFIG`).
 */
export function holderAt(ctx: AnalysisContext, ref: ts.Node): ts.Symbol | undefined {
  const { ts } = ctx;
  // (A part, `const l = C.list`, or the object itself, `export const m = C`, is an alias of the program's, judged as one.)
  if ((ts.isPropertyAccessExpression(ref.parent) || ts.isElementAccessExpression(ref.parent)) && ref.parent.expression === ref) return undefined;
  if (ts.isVariableDeclaration(ref.parent) && ref.parent.initializer === ref) return undefined;
  let statement: ts.Node = ref;
  while (statement.parent && !ts.isSourceFile(statement.parent)) {
    statement = statement.parent;
    if (ts.isFunctionLike(statement) && !isCalledAtOnce(ts, statement)) return undefined;
  }
  const within = (node: ts.Node): boolean => node.pos <= ref.pos && ref.end <= node.end;
  if (ts.isVariableStatement(statement)) {
    const declaration = statement.declarationList.declarations.find((d) => d.initializer !== undefined && within(d.initializer));
    return declaration && ts.isIdentifier(declaration.name) ? symbolOf(ctx, declaration.name) : undefined;
  }
  if (!ts.isExpressionStatement(statement)) return undefined;
  const stored = storedIntoAny(ctx, statement.expression);
  return stored && stored.nodes.some(within) ? stored.holder : undefined;
}

/**
 * `ref` only gives the object to a holder nothing but tasks name (`registry = { current: CONFIG }` where only tasks read
 * `registry`): no use of the object by the program. (`const l = C.list; console.log(l)` is one: `l` is the program's.)
 */
export function onlyGivesToTaskHolder(ctx: AnalysisContext, state: ModuleState, ref: ts.Node): boolean {
  const holder = holderAt(ctx, ref);
  return holder !== undefined && state.outsideTaskBodies(holder).length === 0;
}

/** What a top-level statement stores into a module variable (`S.k = e`, `S.push(e)`), and which. */
function storedIntoAny(ctx: AnalysisContext, expr: ts.Expression): { holder: ts.Symbol; nodes: readonly ts.Node[] } | undefined {
  const { ts } = ctx;
  const target = ts.isBinaryExpression(expr) ? expr.left : ts.isCallExpression(expr) && ts.isPropertyAccessExpression(expr.expression) ? expr.expression.expression : undefined;
  const root = target && rootIdentifier(ts, target);
  const symbol = root && symbolOf(ctx, root);
  return symbol && moduleVariable(ctx, symbol) ? { holder: symbol, nodes: storedInto(ctx, expr, symbol) } : undefined;
}

/**
 * The module objects held by module variables the code names that the code may change through their holders: the
 * holder written (`registry.current.hits += n`, found by `writeAt`) or its function called and writing what it holds.
 */
export function writesThroughHolders(ctx: AnalysisContext, code: readonly ts.Node[], writeAt: (ref: ts.Identifier, owner: ts.Node) => ts.Node | undefined):
  (Held & { readonly write: ts.Node })[] {
  const { ts } = ctx;
  const named = new Set<ts.Symbol>();
  for (const part of code) for (const symbol of moduleVariablesNamedIn(ctx, part)) named.add(symbol);
  const holders = [...named].filter((symbol) => heldModuleValues(ctx, symbol).length > 0);
  if (holders.length === 0) return [];
  const found = new Map<ts.Symbol, Held & { readonly write: ts.Node }>();
  for (const holder of holders) {
    let write = writeThroughCall(ctx, holder);
    const visit = (node: ts.Node): void => {
      if (write) return;
      if (ts.isIdentifier(node) && isReference(ts, node) && symbolOf(ctx, node) === holder) {
        write = writeAt(node, ts.findAncestor(node.parent, (n) => ts.isFunctionLike(n)) ?? node.getSourceFile());
      }
      ts.forEachChild(node, visit);
    };
    for (const part of code) visit(part);
    if (!write) continue;
    for (const held of heldModuleValues(ctx, holder)) if (!found.has(held.symbol)) found.set(held.symbol, { ...held, write });
  }
  return [...found.values()];
}

/**
 * Where calling the function a module variable holds may change what it holds: `makeHitter(CONFIG)` returning
 * `(n) => { cfg.hits += n }`, `mul.bind(null, CONFIG)` with `mul` writing its parameter. The code its initializer made
 * (the closures a factory or an immediately called function returns, the function a `.bind` binds), and what that
 * code runs, writing through a parameter or a variable it captures; undefined if none does (or it holds no function).
 */
export function writeThroughCall(ctx: AnalysisContext, symbol: ts.Symbol): ts.Node | undefined {
  const { ts } = ctx;
  const initializer = moduleVariable(ctx, symbol)?.initializer;
  const value = initializer && skipParens(ts, initializer);
  if (!value || !ts.isCallExpression(value)) return undefined;
  const made: FunctionLike[] = [];
  const callee = skipParens(ts, value.expression);
  if (ts.isPropertyAccessExpression(callee) && callee.name.text === 'bind') {
    const bound = ts.isIdentifier(callee.expression) ? symbolOf(ctx, callee.expression)?.valueDeclaration : undefined;
    if (bound && isFunctionLike(ctx, bound)) made.push(bound as FunctionLike);
  } else {
    const factory = calledFunction(ctx, value);
    for (const e of factory ? returnedExpressions(ts, factory) : []) {
      const fn = skipParens(ts, e);
      if (ts.isArrowFunction(fn) || ts.isFunctionExpression(fn)) made.push(fn);
    }
  }
  for (const fn of made) {
    for (const code of [fn, ...codeReachedFrom(ctx, fn)]) {
      const write = outwardWrite(ctx, code);
      if (write) return write;
    }
  }
  return undefined;
}

/** A write in `code` through a name it does not declare in its own body (a parameter, a captured variable). */
function outwardWrite(ctx: AnalysisContext, code: ts.Node): ts.Node | undefined {
  const { ts } = ctx;
  let found: ts.Node | undefined;
  const visit = (node: ts.Node): void => {
    if (found) return;
    if (ts.isIdentifier(node) && isReference(ts, node)) {
      const write = writeOfReference(ctx, node);
      const declaration = write ? symbolOf(ctx, node)?.valueDeclaration : undefined;
      const owner = declaration && ts.findAncestor(node, (n) => ts.isFunctionLike(n));
      const local = declaration && owner && !ts.isParameter(declaration) && ts.findAncestor(declaration, (n) => n === owner) !== undefined;
      if (write && !local) { found = write; return; }
    }
    ts.forEachChild(node, visit);
  };
  visit(code);
  return found;
}

/**
 * The module variables naming the same object: this one, what it is another name for (`const C = COUNTS`), and the
 * other names of that (tester np32's taskcounter: tasks counted in `C`, the program printed `COUNTS`).
 */
const sameNamesPerState = new WeakMap<ModuleState, Map<ts.Symbol, readonly ts.Symbol[]>>();

export function sameObjectNames(ctx: AnalysisContext, state: ModuleState, symbol: ts.Symbol): readonly ts.Symbol[] {
  let known = sameNamesPerState.get(state);
  if (!known) { known = new Map(); sameNamesPerState.set(state, known); }
  let names = known.get(symbol);
  if (!names) { names = findSameObjectNames(ctx, state, symbol); known.set(symbol, names); }
  return names;
}

function findSameObjectNames(ctx: AnalysisContext, state: ModuleState, symbol: ts.Symbol): ts.Symbol[] {
  const { ts } = ctx;
  const aliasOf = (s: ts.Symbol): ts.Symbol | undefined => {
    const declaration = s.valueDeclaration;
    const initializer = declaration && ts.isVariableDeclaration(declaration) ? declaration.initializer : undefined;
    const named = initializer && ts.isIdentifier(initializer) ? symbolOf(ctx, initializer) : undefined;
    return named && named !== s && state.isModuleObject(named) ? named : undefined;
  };
  let root = symbol;
  for (let depth = 0, up = aliasOf(root); up && depth < 8; depth++, up = aliasOf(root)) root = up;
  const names = [root];
  for (let i = 0; i < names.length && names.length < 16; i++) {
    for (const ref of state.outsideTaskBodies(names[i])) {
      const alias = makesAlias(ctx, state, ref);
      if (alias && !names.includes(alias)) names.push(alias);
    }
  }
  return names.includes(symbol) ? names : [symbol, ...names];
}

/** `C` of `const C = COUNTS` where `ref` is that `COUNTS`: another module variable for the same object. */
export function makesAlias(ctx: AnalysisContext, state: ModuleState, ref: ts.Node): ts.Symbol | undefined {
  const { ts } = ctx;
  const declaration = ref.parent;
  if (!declaration || !ts.isVariableDeclaration(declaration) || declaration.initializer !== ref || !ts.isIdentifier(declaration.name)) return undefined;
  // (An exported one is for other modules to use as they like: `export const m = MATH` lets it out.)
  if (ts.getCombinedModifierFlags(declaration) & ts.ModifierFlags.Export) return undefined;
  const alias = symbolOf(ctx, declaration.name);
  return alias && state.isModuleObject(alias) ? alias : undefined;
}
