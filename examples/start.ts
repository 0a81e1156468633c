/**
 * `npm start`: the k-means example as built by tspc with the taskify plugin, on all cores, then how many of its
 * calls ran as tasks in worker threads (from TASKIFY_STATS).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';

const statsDir = mkdtempSync(join(tmpdir(), 'taskify-start-'));
const statsFile = join(statsDir, 'stats.json');
try {
  execFileSync(process.execPath, [join(__dirname, 'kmeans', 'main.js'), ...process.argv.slice(2)], {
    stdio: 'inherit', env: { ...process.env, TASKIFY_STATS: statsFile },
  });
  const stats = JSON.parse(readFileSync(statsFile, 'utf8'));
  const workers = Number(process.env.TASKIFY_WORKERS || availableParallelism());
  console.log(`${stats.tasks.inWorkers} of ${stats.tasks.submitted} submitted tasks ran in parallel on ${workers} worker threads`);
} finally {
  rmSync(statsDir, { recursive: true, force: true });
}
