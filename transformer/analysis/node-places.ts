/** Where a node is, for messages: its file, line and (the start of) its text. */
import type * as ts from 'typescript';
import { basename } from 'node:path';

/** The node's line (1-based), for messages and explain. */
export const lineOf = (node: ts.Node): number => node.getSourceFile().getLineAndCharacterOfPosition(node.getStart()).line + 1;

/** `file.ts:12 \`RATES[0] = 10\``, for messages. */
export function where(node: ts.Node): string {
  const source = node.getSourceFile();
  const line = lineOf(node);
  const text = node.getText(source).replace(/\s+/g, ' ');
  return `${basename(source.fileName)}:${line} \`${text.length > 40 ? `${text.slice(0, 37)}...` : text}\``;
}
