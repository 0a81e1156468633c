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

const GROUP_WIDTH = Object.getOwnPropertySymbols(console).find((symbol) => symbol.description === 'kGroupIndentWidth');

/**
 * `indent` after a console.group (+1) or console.groupEnd (-1), as Node's console changes its own: a task's groups
 * travel as marks in its output, and change the program's console where placed (program-order.ts).
 */
export function groupChanged(indent: string, change: 1 | -1): string {
  const own = GROUP_WIDTH === undefined ? undefined : (console as unknown as Record<symbol, unknown>)[GROUP_WIDTH];
  const width = typeof own === 'number' ? own : 2;
  return change > 0 ? indent + ' '.repeat(width) : indent.slice(0, Math.max(0, indent.length - width));
}

/** The main thread's console: its indentation changed by a task's group mark, as the plain call's group changed it. */
export function changeGroup(change: 1 | -1): void {
  if (GROUP_INDENT === undefined) return;
  (console as unknown as Record<symbol, unknown>)[GROUP_INDENT] = groupChanged(groupIndent(), change);
}

/** `text` as console.log printed it within that indentation: each line that starts in it, indented. */
export function indentLines(text: string, indent: string, atLineStart: boolean): string {
  const lines = text.replace(/\n(?=[^])/g, `\n${indent}`);
  return atLineStart && text.length > 0 ? indent + lines : lines;
}
