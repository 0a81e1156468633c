/**
 * What the program does when its loop empties (tester np37's lintexit2, exitarg, exithooks, runner-v7): an `exit`
 * listener reads what tasks wrote (the run brings it home before it ends: api/lifecycle.ts shutdown), one registered
 * after the calls too, and sets the exit code from it; a `beforeExit` listener calls tasks and arms a timer that calls
 * more (the run goes on while the program armed work: armedSince), round after round.
 */
import { lint, record, summarize, type Problem } from './kernels';

const problems: Problem[] = [];
process.on('exit', () => {
  for (const p of problems) console.log(`${p.file}:${p.line} ${p.message}`);
  process.exitCode = problems.length > 0 ? 1 : 0;
});
lint('a.ts', 'const a = 1;\nvar b = 2;', problems);
lint('b.ts', 'let c = "a line that is much longer than forty characters";', problems);

const log: string[] = [];
const values = [1, 2, 3];
record(log, 'main');
process.on('beforeExit', () => {
  if (log.length >= 4) return;
  record(log, `round ${log.length}`);
  setTimeout(() => {
    values.push(10 * log.length);
    console.log('timer', log.length, summarize(values));
  }, 5);
});
process.on('exit', (code) => console.log('log at exit', log, 'code', code));
// A call in an `exit` listener, which nothing waits for (tester np37's runner-v11: the `beforeExit` listener above,
// brought up to date where it starts, then checked its calls with a mark it never declared).
process.on('exit', () => { record(log, 'exit'); });
