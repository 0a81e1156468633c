// A namespace re-exported (`export * as R`): `import { R }` names kernels.ts itself.
export * as R from './kernels';
