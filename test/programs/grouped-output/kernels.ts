/** @task */
export function analyze(name: string, values: number[]): number {
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  console.log(`${name}: mean ${mean.toFixed(2)}`);
  console.log(`details: ${values.length} values\nlast ${values[values.length - 1]}`);
  console.group('inside');
  console.error(`${name} checked`);
  console.groupEnd();
  return mean;
}

/** Writes of its own (process.stdout/stderr.write) are not indented by the program's groups, console lines are. */
/** @task */
export function rawWrites(name: string, n: number): number {
  process.stdout.write(`raw ${name}\n`);
  console.log(`log ${name}`);
  process.stdout.write(`part ${n}`);
  console.log(' then a console line on the same line');
  process.stdout.write(' end\n');
  process.stderr.write(`err ${name}\n`);
  return n * 2;
}

/** A group the task leaves open indents the program's later lines, as the plain call's did; one it ends, ends. */
/** @task */
export function opens(n: number): number {
  console.group(`opened ${n}`);
  console.log('inside', n);
  return n;
}

/** @task */
export function closes(n: number): number {
  console.log('before close', n);
  console.groupEnd();
  console.log('after close', n);
  return n;
}
