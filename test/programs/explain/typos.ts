/** @Task */
export function capital(a: Float64Array): number { return a[0]; }

/* @task */
export function plain(a: Float64Array): number { return a[0]; }

// @task
export const line = (a: Float64Array): number => a[0];

/** @rro a */
export function notATask(a: Float64Array): number { return a[0]; }

/**
 * @task
 * @timout 5
 */
export function misspelt(a: Float64Array): number { return a[0]; }

/** @task @async and @inner are JSDoc's own tags, not typos of ours */
export function fine(a: Float64Array): number { return a[0]; }
