/**
 * Word count over text files, MapReduce style: one task writes each file, one counts its words, and the counts
 * are merged pairwise in a tree.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const VOCABULARY = ('the of and to in is that for it as was with be by on not he this are or his from at which but ' +
  'have an they you were their one all we can her has there been if more when will would who so no task graph ' +
  'worker future version data parallel shared memory').split(' ');

/**
 * Write a text file of `words` words drawn with a skewed, seeded distribution; returns its path.
 * @task
 */
export function writeTextFile(dir: string, index: number, words: number, seed: number): string {
  let state = (seed * 2654435761 + index) >>> 0;
  const lines: string[] = [];
  let line: string[] = [];
  for (let w = 0; w < words; w++) {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    const u = state / 4294967296;
    line.push(VOCABULARY[Math.floor(u * u * VOCABULARY.length)]); // u² favours the first words, like real text
    if (line.length === 12) { lines.push(line.join(' ')); line = []; }
  }
  lines.push(line.join(' '));
  const path = join(dir, `part-${String(index).padStart(4, '0')}.txt`);
  writeFileSync(path, lines.join('\n') + '\n');
  return path;
}

/**
 * How often each word occurs in one file.
 * @task
 */
export function countWords(path: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const word of readFileSync(path, 'utf8').split(/\s+/)) {
    if (word) counts.set(word, (counts.get(word) ?? 0) + 1);
  }
  return counts;
}

/**
 * The counts of two sets of files together.
 * @task
 */
export function mergeCounts(left: Map<string, number>, right: Map<string, number>): Map<string, number> {
  const merged = new Map(left);
  for (const [word, count] of right) merged.set(word, (merged.get(word) ?? 0) + count);
  return merged;
}
