/** @task */
export function double(values: Float64Array): void { for (let i = 0; i < values.length; i++) values[i] *= 2; }

const data = new Float64Array(4);
double(data);
console.log(data[0]);
