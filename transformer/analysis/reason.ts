/** Where and why the analysis concluded something: the first write or read it found. */
import type * as ts from 'typescript';

export interface Reason {
  readonly file: string;
  readonly line: number;
  readonly text: string;
}

export function reasonAt(node: ts.Node, text: string): Reason {
  const source = node.getSourceFile();
  const { line } = source.getLineAndCharacterOfPosition(node.getStart(source));
  return { file: source.fileName, line: line + 1, text };
}

export const formatReason = (r: Reason): string => `${r.text} (${shortFile(r.file)}:${r.line})`;

function shortFile(file: string): string {
  const cwd = process.cwd().replace(/\\/g, '/');
  return file.startsWith(cwd + '/') ? file.slice(cwd.length + 1) : file;
}

/** Source text of a node, shortened for messages. */
export function snippet(node: ts.Node): string {
  const text = node.getText().replace(/\s+/g, ' ');
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
