export interface Problem { file: string; line: number; message: string }

/** @task Lints one file's text, adding what it finds to `problems`. */
export function lint(file: string, text: string, problems: Problem[]): void {
  text.split('\n').forEach((line, i) => {
    if (line.includes('var ')) problems.push({ file, line: i + 1, message: 'use let or const' });
    if (line.length > 40) problems.push({ file, line: i + 1, message: 'line too long' });
  });
}

/** @task */
export function record(log: string[], line: string): void { log.push(line.toUpperCase()); }

/** @task */
export function summarize(xs: readonly number[]): string { return `n=${xs.length} sum=${xs.reduce((a, b) => a + b, 0)}`; }
