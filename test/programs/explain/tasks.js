/**
 * @task
 * @param {Float64Array} values
 * @param {number} factor
 */
export function scale(values, factor) { for (let i = 0; i < values.length; i++) values[i] *= factor; }

/**
 * @param {number[]} xs
 */
export function helper(xs) { return xs.length; }
