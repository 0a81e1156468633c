/**
 * A file a task reads by path, changed by the program right after the call (issue 15, tester #16's
 * r14-file-deleted-after-call and 90-file-read-then-truncate, in more spellings): the change waits for the tasks
 * before it (rewrite/lasting-effects.ts; a chdir: rewrite/process-changes.ts), as the plain call had read the file by then. Byte-compared with the plain
 * build, in workers and inline.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { printsAsPlain } from './program-build';

test('renames, removals, truncations, open(p, "w"), a file handle\'s write and process.chdir after a task read the file: as plain', () => {
  const tasks = printsAsPlain('file-changes');
  assert.is(tasks.inWorkers, 15, `${tasks.inWorkers} tasks ran in workers`);
  const emitted = readFileSync(join(tasks.dir, 'main.js'), 'utf8');
  assert.match(emitted, /checkpoint\(__taskify_top\);\nfs\.closeSync\(fs\.openSync\(p\('o'\), 'w'\)\);/, 'opening for writing waits');
  assert.match(emitted, /\);\nconst reread = fs\.openSync\(p\('o'\), 'r'\);/, 'opening for reading does not');
  assert.match(emitted, /beforeProcessChange\(\);\nprocess\.chdir\(dir\);/, 'chdir waits: workers share the process\'s directory (process-changes.ts)');
});

test.run();
