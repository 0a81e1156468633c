/**
 * Where a word stands in a file's text, to walk only the nodes whose text holds it: a class's text holds the keyword
 * `class`, so a walk looking for classes' members skips every subtree without one (prints.ts's index of members: the
 * walk of every node of every file with a class was what it cost).
 */
export function wordAt(text: string, word: string): { readonly any: boolean; within(start: number, end: number): boolean } {
  const at: number[] = [];
  const pattern = new RegExp(`\\b${word}\\b`, 'g');
  for (let m = pattern.exec(text); m; m = pattern.exec(text)) at.push(m.index);
  return {
    any: at.length > 0,
    /** Whether the word starts somewhere in [start, end). */
    within(start, end) {
      // The first place at or after start (binary search), then whether it is before end.
      let lo = 0;
      let hi = at.length;
      while (lo < hi) { const mid = (lo + hi) >> 1; if (at[mid] < start) lo = mid + 1; else hi = mid; }
      return lo < at.length && at[lo] < end;
    },
  };
}
