export const CUTOFF = new Date(Date.UTC(2024, 5, 1));
export const TAG = /urgent/i;
