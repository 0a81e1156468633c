/**
 * Word count: write F text files (tasks), count each one's words (tasks), merge the counts pairwise in a tree
 * of log2(F) levels (tasks), print the most frequent words. The counts are Maps, which travel between workers.
 *
 *   node main.js [--files F] [--words W] [--seed S] [--top N]
 */
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { countWords, mergeCounts, writeTextFile } from './kernels';

const { values: options } = parseArgs({
  options: {
    files: { type: 'string', default: '16' },
    words: { type: 'string', default: '200000' },
    seed: { type: 'string', default: '3' },
    top: { type: 'string', default: '8' },
  },
});

const fileCount = Number(options.files);
const started = performance.now();
const dir = mkdtempSync(join(tmpdir(), 'taskify-wordcount-'));
try {
  let level: Map<string, number>[] = [];
  for (let i = 0; i < fileCount; i++) {
    level.push(countWords(writeTextFile(dir, i, Number(options.words), Number(options.seed))));
  }
  while (level.length > 1) {
    const next: Map<string, number>[] = [];
    for (let i = 0; i < level.length; i += 2) next.push(i + 1 < level.length ? mergeCounts(level[i], level[i + 1]) : level[i]);
    level = next;
  }
  const totals = level[0];
  const ranked = [...totals].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  const words = ranked.reduce((sum, [, count]) => sum + count, 0);
  const seconds = (performance.now() - started) / 1000;
  console.log(`wordcount: ${fileCount} files, ${words} words, ${totals.size} distinct`);
  for (const [word, count] of ranked.slice(0, Number(options.top))) console.log(`${word.padEnd(10)} ${count}`);
  console.log(`time ${seconds.toFixed(2)} s`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
