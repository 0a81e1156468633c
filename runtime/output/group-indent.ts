/**
 * The main thread's `console.group` indentation: a task's `console.log` in the plain program ran inside the groups
 * open at its call, so its lines are indented by as much when they are placed (program-order.ts). Node keeps the
 * indentation on the console under a symbol of its own (`kGroupIndent`, a string of spaces); where it is not found,
 * nothing is indented.
 */
const GROUP_INDENT = Object.getOwnPropertySymbols(console).find((symbol) => symbol.description === 'kGroupIndent');

export function groupIndent(): string {
  const indent = GROUP_INDENT === undefined ? undefined : (console as unknown as Record<symbol, unknown>)[GROUP_INDENT];
  return typeof indent === 'string' ? indent : '';
}

/** `text` as console.log printed it within that indentation: each line that starts in it, indented. */
export function indentLines(text: string, indent: string, atLineStart: boolean): string {
  const lines = text.replace(/\n(?=[^])/g, `\n${indent}`);
  return atLineStart && text.length > 0 ? indent + lines : lines;
}
