/**
 * Whether a task may write to stdout or stderr. Only a task that provably never does may be submitted ahead of the
 * plain program's order (split loops and callbacks, batched values: rewrite/only-reads.ts isReorderable), where its
 * output would come before lines the plain program printed first. A wrong "never" would reorder output, so every
 * doubt counts as printing.
 *
 * Everything the task can run is scanned: its body, and every piece of the program it reaches — a function it names
 * or calls, a getter or setter it reads or assigns, a class it constructs (initialisers too), every method or
 * accessor of the same name in the program's classes (a call may reach an override, or a method of an argument's
 * class), and the initialiser of every module-level variable it reads (in a worker a module's variables hold their
 * initial values: the program's top-level statements do not run there). Something may print when it
 * - names `console`, `eval`, `Function`, `globalThis` or `require`, or uses `import()`;
 * - calls, or takes as a value, a function declared outside the program and the language's library (Node's API,
 *   a package: `process.stdout.write`, `fs.writeSync`, `setTimeout`), also one pulled out of an object
 *   (`const { write } = process.stdout`); or calls something `any`. A package function whose JavaScript is found
 *   behind its declaration (code-behind.ts: `mean` of simple-statistics) is scanned like the program's own, in its
 *   side program, whose files count as the program there.
 * The language's own library (Math, Atomics, arrays, typed arrays, Map, JSON, Promise…; not lib.dom) never prints.
 * A call through a value of function type (`const next = random(seed); next()`) needs no more: every function value
 * a task can hold was made by code scanned here or came from outside (and was flagged there), since functions cannot
 * be task arguments.
 * Implicit calls (`${x}`, for…of over a class, JSON.stringify) reach toString, valueOf, toJSON and Symbol-keyed
 * members of the program's classes: if any of those may print, every task may.
 */
import type * as ts from 'typescript';
import type { AnalysisContext } from './context';
import { isOwnSourceFile, symbolOf } from './context';
import { isListedNodeDeclaration } from './node-builtins';
import { behindDeclaration, calledBody, contextOf } from './code-behind';
import { ownerOf } from './side-programs';
import { isUndeclaredName, untypedCallReach } from './untyped-calls';
import { wordAt } from './word-places';

/** Names whose mere use may print, or run code no scan can see. */
const PRINTING_NAMES = new Set(['console', 'eval', 'Function', 'globalThis', 'require']);
/** Members the language calls without a visible call. */
const IMPLICIT_MEMBERS = new Set(['toString', 'valueOf', 'toJSON', 'toLocaleString']);

interface ProgramIndex {
  /** Methods and accessors of the program's classes, by name. */
  readonly members: Map<string, ts.Node[]>;
  /** Members the language calls implicitly. */
  readonly implicit: ts.Node[];
  /** What an implicit member may print through, if anything: then every task may. */
  implicitPrints?: ts.Node | null;
  /** Each piece of code scanned once per program (tasks share helpers): what may print in it, what it reaches. */
  readonly scans: Map<ts.Node, Scan>;
  /** Per variable: it may hold a function from outside the program. */
  readonly holdsOutside: Map<ts.Declaration, boolean>;
  /** Per file: isProgramFile, isLanguageLibrary (asked for every declaration of every name a scan meets). */
  readonly programFiles: Map<ts.SourceFile, boolean>;
  readonly languageFiles: Map<ts.SourceFile, boolean>;
}

interface Scan { readonly found: ts.Node | undefined; readonly reached: readonly ts.Node[]; readonly members: readonly string[] }

const indexes = new WeakMap<ts.Program, ProgramIndex>();

/** True unless the task provably never writes to stdout or stderr. */
export function mayPrint(ctx: AnalysisContext, fn: ts.Node): boolean {
  return printsThrough(ctx, fn) !== undefined;
}

/** The first node found through which the task may print (for tests and explanations); undefined: it never prints. */
export function printsThrough(ctx: AnalysisContext, fn: ts.Node): ts.Node | undefined {
  const index = indexOf(ctx);
  if (index.implicitPrints === undefined) index.implicitPrints = reaches(ctx, index, index.implicit) ?? null;
  return index.implicitPrints ?? reaches(ctx, index, [fn]);
}

/** Reaching a piece of code; a name: every class member so named (an untyped call `x.m()` may reach any: untyped-calls.ts). */
type Follow = (target: ts.Node | string) => void;

/** The first node that may print in anything reachable from `roots`. */
function reaches(ctx: AnalysisContext, index: ProgramIndex, roots: readonly ts.Node[]): ts.Node | undefined {
  const seen = new Set<ts.Node>(roots);
  const queue = [...roots];
  while (queue.length > 0) {
    const node = queue.pop()!;
    // A package's function behind a declaration is scanned in its side program (its own checker and index).
    const own = contextOf(ctx, node);
    const ownIndex = own === ctx ? index : indexOf(own);
    const { found, reached, members } = scanOnce(own, ownIndex, node);
    if (found) return found;
    const named = members.flatMap((name) => [...(index.members.get(name) ?? []), ...(own === ctx ? [] : ownIndex.members.get(name) ?? [])]);
    for (const node of [...reached, ...named]) if (!seen.has(node)) { seen.add(node); queue.push(node); }
  }
  return undefined;
}

function scanOnce(ctx: AnalysisContext, index: ProgramIndex, root: ts.Node): Scan {
  let known = index.scans.get(root);
  if (!known) {
    const reached: ts.Node[] = [];
    const members: string[] = [];
    known = { found: scan(ctx, index, root, (target) => (typeof target === 'string' ? members : reached).push(target as never)), reached, members };
    index.scans.set(root, known);
  }
  return known;
}

/** Scans one piece of code (nested functions included), following what it reaches. */
function scan(ctx: AnalysisContext, index: ProgramIndex, root: ts.Node, follow: Follow): ts.Node | undefined {
  const { ts } = ctx;
  let found: ts.Node | undefined;
  const visit = (node: ts.Node): void => {
    if (found || ts.isTypeNode(node) || ts.isTypeAliasDeclaration(node) || ts.isInterfaceDeclaration(node)) return;
    if (ts.isCallExpression(node) || ts.isNewExpression(node) || ts.isTaggedTemplateExpression(node) || ts.isDecorator(node)) {
      if (callMayPrint(ctx, index, node, follow)) { found = node; return; }
    } else if (ts.isIdentifier(node) && referenceMayPrint(ctx, index, node, follow)) {
      found = node;
      return;
    }
    ts.forEachChild(node, visit);
  };
  visit(root);
  return found;
}

function callMayPrint(ctx: AnalysisContext, index: ProgramIndex, call: ts.CallExpression | ts.NewExpression | ts.TaggedTemplateExpression | ts.Decorator,
  follow: Follow): boolean {
  const { ts } = ctx;
  if (ts.isCallExpression(call) && call.expression.kind === ts.SyntaxKind.ImportKeyword) return true; // a module's top level runs
  // `new C()` runs C's initialisers and constructor, whichever constructor the call resolves to (a base's, or none).
  // `super()` runs the base class's the same way (tester #26's r10: a base without a constructor of its own "may print").
  const created = ts.isNewExpression(call) ? programClassOf(ctx, call.expression)
    : ts.isCallExpression(call) && call.expression.kind === ts.SyntaxKind.SuperKeyword ? baseClassOf(ctx, call) : undefined;
  if (created) follow(created);
  const declaration = ctx.checker.getResolvedSignature(call)?.declaration;
  // A package's function with JavaScript behind its declaration (or behind an import with none): its code is scanned.
  if (ts.isCallExpression(call) && (!declaration || declaration.getSourceFile().isDeclarationFile) &&
    !(declaration && (isLanguageLibrary(ctx, declaration.getSourceFile()) || isListedNodeDeclaration(ts, declaration)))) {
    const behind = calledBody(ctx, call);
    if (behind && ownerOf(behind.getSourceFile())) { follow(behind); return false; }
  }
  if (!declaration) {
    // An inline function called on the spot is part of the code being scanned; anything else unresolved is `any`.
    const callee = skipParens(ctx, ts.isDecorator(call) ? call.expression : ts.isTaggedTemplateExpression(call) ? call.tag : call.expression);
    if (created !== undefined || ts.isFunctionExpression(callee) || ts.isArrowFunction(callee)) return false;
    // A package's untyped JavaScript: `x.m(…)`, `f(…)` of values the code was given or made. (Not the program's own
    // `any`: there a host object, `process.stdout`, is a declared name that reading does not flag.)
    const reach = ts.isCallExpression(call) && ownerOf(call.getSourceFile()) ? untypedCallReach(ctx, callee) : undefined;
    if (reach === undefined) return true;
    if (reach.member !== undefined) follow(reach.member);
    return false;
  }
  return declarationMayPrint(ctx, index, declaration, true, follow);
}

/** A name used in code: what it stands for is reached. */
function referenceMayPrint(ctx: AnalysisContext, index: ProgramIndex, id: ts.Identifier, follow: Follow): boolean {
  const symbol = symbolOf(ctx, id);
  const declarations = symbol?.declarations ?? [];
  // The global (a local of that name, `const require = …`, is only a variable).
  if (PRINTING_NAMES.has(id.text) && !isPropertyName(ctx, id) && !declarations.some((d) => isProgramDeclaration(ctx, d))) return true;
  // A package's untyped code naming a global of the host (`process`, `Buffer`): anything may come of it.
  if (ownerOf(id.getSourceFile()) && !isPropertyName(ctx, id) && isUndeclaredName(ctx, id, declarations)) return true;
  // A global Node declares and node-builtins.ts lists (`structuredClone`): lib.dom's declaration of it is the same function.
  if (declarations.some((d) => isListedNodeDeclaration(ctx.ts, d))) return false;
  for (const declaration of declarations) {
    if (declarationMayPrint(ctx, index, declaration, false, follow)) return true;
    let holds = index.holdsOutside.get(declaration);
    if (holds === undefined) index.holdsOutside.set(declaration, holds = holdsOutsideFunction(ctx, declaration));
    if (holds) return true;
  }
  return false;
}

/**
 * What reaching `declaration` means. `called`: a call resolved to it. Outside the program, a call (or a function taken
 * as a value) may print; inside, its code is followed.
 */
function declarationMayPrint(ctx: AnalysisContext, index: ProgramIndex, declaration: ts.Declaration, called: boolean, follow: Follow): boolean {
  const { ts } = ctx;
  if (isLanguageLibrary(ctx, declaration.getSourceFile())) {
    const name = (declaration as { name?: ts.Node }).name;
    return name !== undefined && ts.isIdentifier(name) && PRINTING_NAMES.has(name.text);
  }
  // Node's computing functions (zlib, crypto's hashes, path, Buffer's reads: node-builtins.ts) print nothing.
  if (isListedNodeDeclaration(ts, declaration)) return false;
  if (!isProgramDeclaration(ctx, declaration)) {
    // A package's function declared in a `.d.ts` with its JavaScript beside it: called or taken as a value, that code.
    const behind = ts.isFunctionDeclaration(declaration) && declaration.getSourceFile().isDeclarationFile ? behindDeclaration(ctx, declaration) : undefined;
    if (behind) { follow(behind); return false; }
    return called || isFunctionDeclaration(ctx, declaration);
  }
  if (ts.isMethodDeclaration(declaration) || ts.isMethodSignature(declaration) || ts.isGetAccessorDeclaration(declaration) ||
    ts.isSetAccessorDeclaration(declaration)) {
    // The member, and any override or same-named member of another class (an argument's class, behind an interface).
    follow(declaration);
    const name = declaration.name;
    for (const member of index.members.get(ts.isIdentifier(name) ? name.text : name.getText()) ?? []) follow(member);
    return false;
  }
  if (ts.isFunctionDeclaration(declaration) || ts.isFunctionExpression(declaration) || ts.isArrowFunction(declaration) ||
    ts.isConstructorDeclaration(declaration) || ts.isClassDeclaration(declaration) || ts.isClassExpression(declaration)) {
    follow(ts.isConstructorDeclaration(declaration) ? declaration.parent : declaration); // a constructor: its class's initialisers run too
    return false;
  }
  if ((ts.isPropertyAssignment(declaration) || ts.isPropertyDeclaration(declaration)) && declaration.initializer) {
    follow(declaration.initializer);
    return false;
  }
  const variable = moduleVariableOf(ctx, declaration);
  if (variable?.initializer) follow(variable.initializer);
  // A parameter, a local, a property or type of function type: its value was made by code scanned here (see above).
  return false;
}

/** `const { write } = process.stdout`, `const w = process.stdout['write']`: a local holding a function from outside. */
function holdsOutsideFunction(ctx: AnalysisContext, declaration: ts.Declaration): boolean {
  const { ts } = ctx;
  if (!ts.isBindingElement(declaration) && !(ts.isVariableDeclaration(declaration) && declaration.initializer &&
    !ts.isFunctionExpression(declaration.initializer) && !ts.isArrowFunction(declaration.initializer))) return false;
  if (!isProgramDeclaration(ctx, declaration)) return false;
  // The declared type, each member of a union on its own: a reference's narrowed type is one of them.
  const declared = ctx.checker.getTypeAtLocation((declaration as ts.BindingElement | ts.VariableDeclaration).name);
  const signatures = (declared.isUnion() ? declared.types : [declared]).flatMap((t) => t.getCallSignatures());
  return signatures.some((s) => s.declaration !== undefined && !isLanguageLibrary(ctx, s.declaration.getSourceFile()) &&
    !isProgramDeclaration(ctx, s.declaration));
}

/** The module-level variable a declaration (or a destructured name of it) belongs to. */
function moduleVariableOf(ctx: AnalysisContext, declaration: ts.Declaration): ts.VariableDeclaration | undefined {
  const { ts } = ctx;
  let node: ts.Node = declaration;
  while (ts.isBindingElement(node) || ts.isObjectBindingPattern(node) || ts.isArrayBindingPattern(node)) node = node.parent;
  if (!ts.isVariableDeclaration(node)) return undefined;
  const statement = node.parent?.parent;
  return statement && ts.isVariableStatement(statement) && ts.isSourceFile(statement.parent) ? node : undefined;
}

function indexOf(ctx: AnalysisContext): ProgramIndex {
  let index = indexes.get(ctx.program);
  if (index) return index;
  const { ts } = ctx;
  const members = new Map<string, ts.Node[]>();
  const implicit: ts.Node[] = [];
  for (const file of ctx.program.getSourceFiles()) {
    // Methods and accessors of classes: a file without the word `class` has none (most files; the walk is what costs),
    // nor has a node whose text holds no `class` (a class's text holds its keyword): the walk goes only where one is.
    if (file.isDeclarationFile || !isProgramFile(ctx, file)) continue;
    const holdsClass = wordAt(file.text, 'class');
    if (!holdsClass.any) continue;
    const visit = (node: ts.Node): void => {
      if ((ts.isMethodDeclaration(node) || ts.isGetAccessorDeclaration(node) || ts.isSetAccessorDeclaration(node)) && ts.isClassLike(node.parent)) {
        const name = ts.isIdentifier(node.name) ? node.name.text : node.name.getText();
        members.set(name, [...(members.get(name) ?? []), node]);
        if (IMPLICIT_MEMBERS.has(name) || ts.isComputedPropertyName(node.name)) implicit.push(node);
      }
      if (holdsClass.within(node.pos, node.end)) ts.forEachChild(node, visit); // (a member's own text need not hold it)
    };
    visit(file);
  }
  index = { members, implicit, scans: new Map(), holdsOutside: new Map(), programFiles: new Map(), languageFiles: new Map() };
  indexes.set(ctx.program, index);
  return index;
}

/**
 * TypeScript's own library of the language (lib.es5.d.ts, lib.es2022.*.d.ts…). Not lib.dom.d.ts and friends: their
 * `setTimeout`, `reportError` and the like are the host's, and may run or print what no scan sees.
 */
function isLanguageLibrary(ctx: AnalysisContext, file: ts.SourceFile): boolean {
  const known = indexOf(ctx).languageFiles;
  let language = known.get(file);
  if (language === undefined) {
    language = ctx.program.isSourceFileDefaultLibrary(file) && /[\\/]lib\.(es\d|es5|esnext|decorators)[^\\/]*\.d\.ts$/i.test(file.fileName);
    known.set(file, language);
  }
  return language;
}

/** Code of the program itself: not a declaration file, not a package, not `declare`d (its code is elsewhere). */
function isProgramDeclaration(ctx: AnalysisContext, declaration: ts.Declaration): boolean {
  return isProgramFile(ctx, declaration.getSourceFile()) && (ctx.ts.getCombinedModifierFlags(declaration) & ctx.ts.ModifierFlags.Ambient) === 0;
}

function isProgramFile(ctx: AnalysisContext, file: ts.SourceFile): boolean {
  const known = indexes.get(ctx.program)?.programFiles; // (indexOf itself asks, before the index exists)
  let own = known?.get(file);
  if (own === undefined) {
    // (In a side program, its JavaScript is the program: a package's functions calling each other are followed.)
    own = (!file.isDeclarationFile && ownerOf(file) !== undefined) || isOwnSourceFile(ctx, file);
    known?.set(file, own);
  }
  return own;
}

/** A declaration whose value is a function (taken as a value, it may be called by whoever gets it). */
function isFunctionDeclaration(ctx: AnalysisContext, declaration: ts.Declaration): boolean {
  const { ts } = ctx;
  return ts.isFunctionDeclaration(declaration) || ts.isMethodDeclaration(declaration) || ts.isMethodSignature(declaration) ||
    ts.isClassDeclaration(declaration) || ts.isConstructorDeclaration(declaration) || ts.isFunctionTypeNode(declaration);
}

function skipParens(ctx: AnalysisContext, node: ts.Expression): ts.Expression {
  let inner = node;
  while (ctx.ts.isParenthesizedExpression(inner)) inner = inner.expression;
  return inner;
}

/** `x.console`, `{ console: 1 }`: a property, not the global. */
function isPropertyName(ctx: AnalysisContext, id: ts.Identifier): boolean {
  const { ts } = ctx;
  const parent = id.parent;
  return ((ts.isPropertyAccessExpression(parent) || ts.isPropertyAssignment(parent) || ts.isPropertyDeclaration(parent) ||
    ts.isMethodDeclaration(parent) || ts.isPropertySignature(parent)) && parent.name === id);
}

/** The program's class a `super(…)` call's class extends (its `extends` expression names it). */
function baseClassOf(ctx: AnalysisContext, call: ts.CallExpression): ts.Node | undefined {
  const { ts } = ctx;
  let node: ts.Node = call;
  while (!ts.isClassLike(node)) node = node.parent;
  const base = node.heritageClauses?.find((h) => h.token === ts.SyntaxKind.ExtendsKeyword)?.types[0]?.expression;
  return base && programClassOf(ctx, base);
}

function programClassOf(ctx: AnalysisContext, expression: ts.Expression): ts.Node | undefined {
  const declaration = symbolOf(ctx, expression)?.declarations?.find((d) => ctx.ts.isClassLike(d));
  return declaration && isProgramDeclaration(ctx, declaration) ? declaration : undefined;
}
