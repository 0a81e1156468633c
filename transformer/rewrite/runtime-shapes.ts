/**
 * What a program does to object shapes at run time that its types do not show, found once per program: the
 * library's classes it extends (a `Date` or an `Array` may then run the program's own override of a method the
 * library declares), and whether it makes properties run code without declaring them (`Object.defineProperty`,
 * `Proxy`, `__defineGetter__`), after which reading a property declared as plain data may still run a getter; and the
 * names of the accessors it declares, which a value typed by an interface may have.
 * Fences (observations.ts) trust the library's methods and plain properties only where these allow.
 */
import type * as ts from 'typescript';
import type { AnalysisContext } from '../analysis/context';

export interface RuntimeShapes {
  /** Names of the library's classes some class of the program extends (`Array`, `Date`, `Map`…). */
  readonly extendedLibraryClasses: ReadonlySet<string>;
  /** The program defines accessors or traps without declaring them. */
  readonly hiddenAccessors: boolean;
  /** Names of the accessors the program declares (a class's or an object literal's `get x()`, `set x(v)`). */
  readonly accessorNames: ReadonlySet<string>;
  /** The program names `Symbol.hasInstance` (declares one, or defines one at run time): `instanceof` may run its code. */
  readonly hasInstance: boolean;
  /**
   * The program gives some object a `toString`, a `valueOf` or a `Symbol.toPrimitive` of its own (a member, a literal's
   * property, an assignment): converting an object it did not make may run its code (`String(e)` of a caught error).
   */
  readonly conversionHooks: boolean;
}

const CONVERSIONS = new Set(['toString', 'valueOf']);

const HIDDEN_ACCESSOR_MAKERS = new Set(['defineProperty', 'defineProperties', 'Proxy', '__defineGetter__', '__defineSetter__', 'setPrototypeOf']);
const found = new WeakMap<ts.Program, RuntimeShapes>();

export function runtimeShapes(ctx: AnalysisContext): RuntimeShapes {
  let shapes = found.get(ctx.program);
  if (!shapes) {
    shapes = scan(ctx);
    found.set(ctx.program, shapes);
  }
  return shapes;
}

function scan(ctx: AnalysisContext): RuntimeShapes {
  const { ts, checker } = ctx;
  const extended = new Set<string>();
  let hiddenAccessors = false;
  const accessorNames = new Set<string>();
  let hasInstance = false;
  let conversionHooks = false;
  const visit = (node: ts.Node): void => {
    if ((ts.isClassDeclaration(node) || ts.isClassExpression(node)) && node.heritageClauses) {
      for (const clause of node.heritageClauses) {
        if (clause.token !== ts.SyntaxKind.ExtendsKeyword) continue;
        for (const base of clause.types) {
          // Every library class up the chain: `class A extends Array`, and `class B extends A` through it.
          for (let type: ts.Type | undefined = checker.getTypeAtLocation(base); type; ) {
            const declarations = type.getSymbol()?.declarations ?? [];
            if (declarations.some((d) => ctx.program.isSourceFileDefaultLibrary(d.getSourceFile()))) extended.add(type.getSymbol()!.getName());
            const bases: readonly ts.Type[] = type.isClassOrInterface() ? checker.getBaseTypes(type) : [];
            type = bases[0];
          }
          extended.add(base.expression.getText().replace(/^.*\./, ''));
        }
      }
    }
    if (ts.isIdentifier(node) && HIDDEN_ACCESSOR_MAKERS.has(node.text)) hiddenAccessors = true;
    if (ts.isIdentifier(node) && node.text === 'hasInstance') hasInstance = true;
    if (ts.isIdentifier(node) && node.text === 'toPrimitive') conversionHooks = true;
    // (`toString() {…}`, `{ valueOf: f }`, `X.prototype.toString = f`: a name declared or assigned, not a call of one.)
    const named = ts.isMethodDeclaration(node) || ts.isPropertyDeclaration(node) || ts.isPropertyAssignment(node) || ts.isShorthandPropertyAssignment(node) ||
      ts.isGetAccessorDeclaration(node) || ts.isSetAccessorDeclaration(node) ? node.name
      : ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isPropertyAccessExpression(node.left) ? node.left.name : undefined;
    if (named && ts.isIdentifier(named) && CONVERSIONS.has(named.text)) conversionHooks = true;
    if ((ts.isGetAccessorDeclaration(node) || ts.isSetAccessorDeclaration(node)) && !ts.isComputedPropertyName(node.name)) accessorNames.add(node.name.getText());
    if ((ts.isGetAccessorDeclaration(node) || ts.isSetAccessorDeclaration(node)) && ts.isComputedPropertyName(node.name)) hiddenAccessors = true;
    ts.forEachChild(node, visit);
  };
  for (const file of ctx.program.getSourceFiles()) if (!file.isDeclarationFile) visit(file);
  return { extendedLibraryClasses: extended, hiddenAccessors, accessorNames, hasInstance, conversionHooks };
}
