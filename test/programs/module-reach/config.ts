export const LIMITS = { low: 0, high: 10 };
