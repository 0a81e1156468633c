#!/usr/bin/env node
/**
 * taskify's postinstall: apply patches/shm-typed-array+0.1.1.patch with patch-package and rebuild the addon
 * with node-gyp, so that @rro shared memory works in worker threads (patches/README.md says what the patch
 * changes and why). Runs in this repository (npm ci) and in projects that install taskify and allow its
 * install script. It never fails an install: without the patched build, @rro falls back to reading files,
 * and the runtime says so once per run.
 *
 * Plain CommonJS on purpose: it runs before anything is compiled.
 */
'use strict';
const { spawnSync } = require('node:child_process');
const { dirname, join, relative, resolve } = require('node:path');

const PATCHED_VERSION = '0.1.1';

function main() {
  let shmDir;
  try {
    shmDir = dirname(require.resolve('shm-typed-array/package.json', { paths: [join(__dirname, '..')] }));
  } catch {
    return warn('shm-typed-array is not installed');
  }
  const version = require(join(shmDir, 'package.json')).version;
  if (version !== PATCHED_VERSION) return warn(`shm-typed-array is ${version}; the patch is for ${PATCHED_VERSION}`);

  // patch-package applies `node_modules/shm-typed-array/…` paths relative to the project holding that folder.
  const projectRoot = resolve(shmDir, '..', '..');
  const patchPackage = join(dirname(require.resolve('patch-package/package.json')), 'index.js');
  const patched = spawnSync(process.execPath, [patchPackage, '--patch-dir', relative(projectRoot, __dirname), '--error-on-fail'],
    { cwd: projectRoot, stdio: 'inherit' });
  if (patched.status !== 0) return warn('patch-package could not apply the patch');

  if (loadsInWorker(shmDir)) return;
  // npm hands install scripts its node-gyp and its nodedir (npm_config_*), so this builds offline.
  const nodeGyp = process.env.npm_config_node_gyp;
  if (!nodeGyp) return warn('the addon needs a rebuild: run `npm rebuild taskify`');
  const built = spawnSync(process.execPath, [nodeGyp, 'rebuild'], { cwd: shmDir, stdio: 'inherit' });
  if (built.status !== 0) return warn('node-gyp could not rebuild shm-typed-array');
  if (!loadsInWorker(shmDir)) return warn('the rebuilt addon still does not load in a worker thread');
  console.log('taskify: shm-typed-array patched and rebuilt for worker threads');
}

/**
 * What the runtime needs: the addon loads in several threads of one process. An unpatched build loads once
 * (in whichever thread is first) and then fails with "Module did not self-register".
 */
function loadsInWorker(shmDir) {
  const probe = `require(${JSON.stringify(shmDir)});
const { Worker } = require('node:worker_threads');
new Worker(${JSON.stringify(`require(${JSON.stringify(shmDir)})`)}, { eval: true }).on('error', () => process.exit(1));`;
  return spawnSync(process.execPath, ['-e', probe], { stdio: 'ignore' }).status === 0;
}

function warn(why) {
  console.warn(`taskify: warning: ${why}. @rro arguments will be read from files instead of shared memory.`);
}

main();
