/**
 * A command for hugepages.test.ts: starts itself again as `taskify worker` does (rerunWithHugePages, on a system
 * that claims to offer huge pages unless HUGEPAGES_CHILD_REAL=1), then: appends a line to the file argv[2] (how often
 * the body ran), prints what it was started with, echoes one line of standard input, and acts out argv[3]:
 * `exit <n>`, `wait` (until SIGTERM, which it reports, then exit 7) or `kill` (dies by SIGKILL of its own).
 */
import { appendFileSync } from 'node:fs';
import { followParent, rerunWithHugePages, thisSystem, type System } from '../runtime/hugepages';

const claims: System = { glibc: () => '2.36', transparentHugePages: () => 'always [madvise] never\n' };
const rerun = rerunWithHugePages(process.env, process.env.HUGEPAGES_CHILD_REAL === '1' ? thisSystem : claims);
if (rerun) {
  void rerun.then((code) => { process.exitCode = code; });
} else {
  followParent();
  const [file, action, arg] = process.argv.slice(2);
  appendFileSync(file, `${process.pid}\n`);
  console.log(JSON.stringify({ argv: process.argv.slice(2), execArgv: process.execArgv, tunables: process.env.GLIBC_TUNABLES ?? null,
    parentVariable: process.env.TASKIFY_HUGEPAGES_PARENT ?? null }));
  process.stdin.once('data', (line) => {
    process.stdout.write(`echo ${line}`);
    if (action === 'exit') process.exit(Number(arg));
    if (action === 'kill') process.kill(process.pid, 'SIGKILL');
    process.on('SIGTERM', () => { console.log('got SIGTERM'); process.exit(7); });
    setInterval(() => {}, 1000);
    console.log('waiting');
  });
}
