export interface Item { id: number; tags: string[] }

export class ItemError extends Error {
  constructor(msg: string, public item: Item) { super(msg); this.name = 'ItemError'; }
}

/** @task */
export function validate(it: Item): number {
  if (it.tags.length === 0) throw new Error(`item ${it.id} untagged`, { cause: it });
  if (it.id < 0) throw new ItemError('negative', it);
  return it.id;
}

/** @task */
export function validateAll(items: Item[]): number {
  for (const it of items) if (it.id === 13) throw new ItemError('unlucky', it);
  return items.length;
}

/** @task */
export function markThenFail(it: Item): number {
  it.tags.push('marked');
  const e = new Error('failed after marking') as Error & { where?: string[] };
  e.where = it.tags;
  throw e;
}
