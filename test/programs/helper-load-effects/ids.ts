// A counter of ids handed out as modules load: how many came before depends on which modules loaded first.
let next = 0;
export function newId(tag: string): string { next++; return `${tag}#${next}`; }
