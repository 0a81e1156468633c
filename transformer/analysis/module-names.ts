/**
 * The names by which a program's code can refer to a declaration of a module's top level (a `const`, a function, a
 * class): their own names, and the local names imports give them (`import { RATES as R }`, `import * as K`,
 * `import K = require(…)`, and what modules export them as), and namespaces' names. module-state.ts's scan of the whole program asks for the symbol of a reference only when
 * its name is one of these (and for `K.x` the symbol of `K`): most references are to locals and parameters, and asking the checker for each of them
 * was most of the scan's time. Syntax only, collected once per program from top-level statements (and namespace
 * bodies, where `import X = N.Y` may be). A JavaScript file can make an alias of any name (`const { A: B } =
 * require(…)` inside a function), so references there are never filtered (`filters` is false).
 */
import type * as ts from 'typescript';

export interface ModuleNames {
  /** Whether references in this file are filtered by name at all. */
  readonly filters: (file: ts.SourceFile) => boolean;
  /** Names a reference to a top-level declaration or an import's alias may have. */
  readonly names: ReadonlySet<string>;
}

export function moduleNames(t: typeof ts, program: ts.Program): ModuleNames {
  // (`const { default: d } = K`: a module's default export, a declaration of its top level even without a name.)
  const names = new Set<string>(['default']);
  const bindings = (name: ts.BindingName): void => {
    if (t.isIdentifier(name)) { names.add(name.text); return; }
    for (const element of name.elements) if (!t.isOmittedExpression(element)) bindings(element.name);
  };
  const statements = (list: readonly ts.Statement[]): void => {
    for (const statement of list) {
      if (t.isVariableStatement(statement)) for (const d of statement.declarationList.declarations) bindings(d.name);
      else if ((t.isFunctionDeclaration(statement) || t.isClassDeclaration(statement)) && statement.name) names.add(statement.name.text);
      else if (t.isImportEqualsDeclaration(statement)) names.add(statement.name.text);
      else if (t.isImportDeclaration(statement) && statement.importClause) {
        const clause = statement.importClause;
        if (clause.name) names.add(clause.name.text);
        const bound = clause.namedBindings;
        if (bound && t.isNamespaceImport(bound)) names.add(bound.name.text);
        else if (bound) for (const specifier of bound.elements) names.add(specifier.name.text);
      } else if (t.isExportDeclaration(statement) && statement.exportClause) {
        // `export { RATES as R }`: R is a module namespace's property, read as `const { R: r } = K`.
        const clause = statement.exportClause;
        if (t.isNamespaceExport(clause)) names.add(clause.name.text);
        else for (const specifier of clause.elements) { names.add(specifier.name.text); if (specifier.propertyName) names.add(specifier.propertyName.text); }
      } else if (t.isModuleDeclaration(statement)) {
        // (`N.CONFIG` of a `namespace N` or `namespace A.N`: module-state.ts follows a namespace's members as an import's.)
        if (t.isIdentifier(statement.name)) names.add(statement.name.text);
        let body = statement.body;
        while (body && t.isModuleDeclaration(body)) { names.add(body.name.text); body = body.body; }
        if (body && t.isModuleBlock(body)) statements(body.statements);
      }
    }
  };
  for (const file of program.getSourceFiles()) if (!file.isDeclarationFile) statements(file.statements);
  const isJs = (file: ts.SourceFile): boolean => /\.[cm]?jsx?$/i.test(file.fileName);
  return { names, filters: (file) => !isJs(file) };
}
