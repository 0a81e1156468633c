/** The matmul example's command-line options and defaults, shared with the hand-written baselines of `npm run bench`. */
export const matmulOptions = {
  blocks: { type: 'string', default: '4' },
  'block-size': { type: 'string', default: '128' },
  seed: { type: 'string', default: '7' },
} as const;
