/**
 * The k-means example's command-line options and defaults, shared with the hand-written baselines of
 * `npm run bench`: the variants must compute the same thing from the same defaults.
 */
export const kmeansOptions = {
  points: { type: 'string', default: '400000' },
  dims: { type: 'string', default: '16' },
  centers: { type: 'string', default: '8' },
  fragments: { type: 'string', default: '8' },
  iterations: { type: 'string', default: '10' },
  epsilon: { type: 'string', default: '1e-9' },
  seed: { type: 'string', default: '42' },
} as const;
