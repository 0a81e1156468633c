/**
 * The five programs `npm run bench` compares on every case. All five compute the same thing from the same kernels
 * and print the same lines; the driver checks that they do.
 */
import { join } from 'node:path';
import { dist } from './harness';

export type App = 'kmeans' | 'matmul';
export type VariantKey = 'sequential' | 'withoutRro' | 'rro' | 'clone' | 'sab';

export interface Variant {
  readonly key: VariantKey;
  readonly label: string;
  /** For the results' reader. */
  readonly about: string;
  /** The taskify runtime reads the case's environment (its worker cache size); the others ignore it. */
  readonly taskified: boolean;
  readonly file: (app: App) => string;
  readonly args: readonly string[];
  readonly env: Readonly<Record<string, string>>;
}

const plainBuild = (app: App) => join(dist, 'examples', app, 'main.js');
const pluginBuild = (app: App) => join(dist, 'taskified', 'examples', app, 'main.js');
const handwritten = (app: App) => join(dist, 'bench', 'handwritten', `${app}.js`);

export const variants: readonly Variant[] = [
  {
    key: 'sequential', label: 'sequential', taskified: false, file: plainBuild, args: [], env: {},
    about: 'the example built with plain tsc (dist/examples): the program as written, on one core',
  },
  {
    key: 'withoutRro', label: 'taskified, no @rro', taskified: true, file: pluginBuild, args: [], env: { TASKIFY_SHM: '0' },
    about: 'the same source built with the plugin (dist/taskified/examples), run with TASKIFY_SHM=0: the runtime reads ' +
      '@rro arguments from their version files like any `in` argument, as if the program had no @rro tags',
  },
  {
    key: 'rro', label: 'taskified, @rro', taskified: true, file: pluginBuild, args: [], env: { TASKIFY_SHM: '1' },
    about: 'the same build with TASKIFY_SHM=1 (the default): @rro arrays are mapped from shared memory, one copy per machine',
  },
  {
    key: 'clone', label: 'piscina, clone', taskified: false, file: handwritten, args: ['--mode', 'clone'], env: {},
    about: 'hand-written piscina (bench/handwritten) posting arrays by structured clone: what Node users write today',
  },
  {
    key: 'sab', label: 'piscina, SAB', taskified: false, file: handwritten, args: ['--mode', 'sab'], env: {},
    about: 'hand-written piscina with every array in a SharedArrayBuffer, nothing copied: the practical limit',
  },
];
