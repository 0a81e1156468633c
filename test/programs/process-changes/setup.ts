/** Changes the process from a helper in another file: the change waits for the tasks before it, wherever it is called. */
export function useRegion(region: string): void {
  process.env.TASKIFY_FIXTURE_MODE = region;
}
