export interface Shelf { tags: object; n: number }

/** @task */
export function setProto(s: Shelf): void { Object.setPrototypeOf(s.tags, { inherited: 1 }); s.n++; }

/** @task */
export function count(s: Shelf): number { return s.n + Object.keys(s.tags).length; }
