/** Where a node is, for messages: its file, line and (the start of) its text. */
import type * as ts from 'typescript';
import { basename } from 'node:path';

/** `file.ts:12 \`RATES[0] = 10\``, for messages. */
export function where(node: ts.Node): string {
  const source = node.getSourceFile();
  const line = source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
  const text = node.getText(source).replace(/\s+/g, ' ');
  return `${basename(source.fileName)}:${line} \`${text.length > 40 ? `${text.slice(0, 37)}...` : text}\``;
}
