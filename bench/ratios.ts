/** The ratios `npm run bench` reports per case, and the targets (issue 5) some of them are held to. */
import type { VariantKey } from './variants';

export type Times = Readonly<Record<VariantKey, number>>;

export const ratios = {
  /** What @rro buys over the same taskified program reading its arrays like any other argument: lower is better. */
  rroVsWithout: { label: '@rro / no @rro', of: (t: Times) => t.rro / t.withoutRro },
  /** How far from hand-written shared memory, the practical limit: 1 is the limit. */
  rroVsSab: { label: '@rro / SAB', of: (t: Times) => t.rro / t.sab },
  /** Speed-up over the sequential program. */
  speedup: { label: 'sequential / @rro', of: (t: Times) => t.sequential / t.rro },
  /** How much faster than what Node users write today. */
  cloneVsRro: { label: 'clone / @rro', of: (t: Times) => t.clone / t.rro },
} as const;
export type RatioKey = keyof typeof ratios;
export const ratioKeys = Object.keys(ratios) as RatioKey[];

export interface Target { readonly at: '≤' | '<' | '≥'; readonly value: number }

/** Checked on the ratio as printed (two decimals), so that a reader of the table can check it too. */
export function meets(ratio: number, target: Target): boolean {
  const shown = Number(ratio.toFixed(2));
  return target.at === '≤' ? shown <= target.value : target.at === '<' ? shown < target.value : shown >= target.value;
}
