/** RegExps as module state, arguments, parts of arguments and results (tester #13's s01). */
const WORD = /^(\w+)=(\d+)$/;

export function parse(s: string): number {
  const m = WORD.exec(s);
  return m ? Number(m[2]) : NaN;
}

/** @task */
export function value(s: string): number { return parse(s) * 2; }

/** @task */
export function countMatches(re: RegExp, text: string): number {
  return (text.match(re) ?? []).length;
}

/** @task */
export function firstAfter(re: RegExp, text: string): string {
  // A global RegExp moves its lastIndex: the caller's RegExp must see where this one stopped.
  const m = re.exec(text);
  return m ? m[0] : '-';
}

export interface Rule { name: string; re: RegExp; weight: number }

/** @task */
export function score(rules: Rule[], text: string): number {
  let s = 0;
  for (const rule of rules) if (rule.re.test(text)) s += rule.weight;
  return s;
}

/** @task */
export function patternOf(words: string[]): RegExp {
  return new RegExp(`\\b(?:${words.join('|')})\\b`, 'gi');
}
