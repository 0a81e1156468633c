/** Errors thrown by tasks keep their detail: a DOMException's code, hidden own properties, references to themselves (tester #13's m28). */

/** @task */
export function fail(kind: number): number {
  if (kind === 0) throw new DOMException('stopped', 'AbortError');
  if (kind === 1) throw new DOMException('too slow', 'TimeoutError');
  const e = new RangeError(`with props ${kind}`);
  Object.defineProperty(e, 'status', { value: 503, enumerable: false });
  (e as RangeError & { self?: unknown }).self = e;
  Object.defineProperty(e, 'me', { value: e, enumerable: false });
  (e as RangeError & { code?: string }).code = 'E_RANGE';
  throw e;
}
