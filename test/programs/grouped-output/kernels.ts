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
