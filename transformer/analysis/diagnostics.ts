/** Compile errors the plugin reports, each pointing at the code it is about. Codes are stable for tests and users. */
import type * as ts from 'typescript';
import type { AnalysisContext } from './context';

export const codes = {
  notExported: 99001,
  nested: 99002,
  generator: 99003,
  usesThis: 99004,
  mutableClosure: 99005,
  unsendableParam: 99006,
  unknownTagParam: 99007,
  contradictsAnalysis: 99008,
  rroNotTypedArray: 99009,
  changedModuleObject: 99010,
  badRunOption: 99011,
  importsProgram: 99012,
} as const;

export function taskError(ctx: AnalysisContext, node: ts.Node, code: number, message: string): ts.Diagnostic {
  const file = node.getSourceFile();
  const start = node.getStart(file);
  return {
    file, start, length: node.getEnd() - start, code, category: ctx.ts.DiagnosticCategory.Error,
    messageText: `taskify: ${message}`,
  };
}

export function formatDiagnostic(ctx: AnalysisContext, diagnostic: ts.Diagnostic): string {
  const text = ctx.ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n');
  if (!diagnostic.file || diagnostic.start === undefined) return text;
  const { line, character } = diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start);
  return `${diagnostic.file.fileName}:${line + 1}:${character + 1} - error TS${diagnostic.code}: ${text}`;
}
