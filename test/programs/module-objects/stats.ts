export * as Inner from './kernels';
export const version = 2;
