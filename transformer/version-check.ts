/**
 * The compiler versions taskify supports, and one-line refusals of the others that say what is installed and
 * what to install. Imports nothing from typescript: it must work when the installed package is not a compiler
 * with a JavaScript API at all (TypeScript 7's package exports only its version).
 */

export const SUPPORTED = '>=5.5 <6.1';

/** What to run instead: the newest TypeScript with the transformer API, and the ts-patch that builds with it. */
export const INSTALL = 'npm install --save-dev typescript@6 ts-patch@3';

/** Returns an error message for an unsupported TypeScript version, or undefined if it is supported. */
export function unsupportedTypeScript(version: string, where = ''): string | undefined {
  const [major, minor] = version.split('.').map(Number);
  const installed = `TypeScript ${version} is installed${where ? ` (${where})` : ''}`;
  if (major >= 7) {
    return `${installed}: the native compiler, which has no transformer API for taskify's plugin; install TypeScript 6: ${INSTALL}`;
  }
  if (!(major > 5 || (major === 5 && minor >= 5)) || (major === 6 && minor > 0)) {
    return `${installed}, not a supported version (${SUPPORTED}); install TypeScript 6: ${INSTALL}`;
  }
  return undefined;
}

/**
 * Why a loaded `typescript` module cannot be used (undefined if it can): an unsupported version, or a module
 * without the compiler API the plugin calls.
 */
export function unusableTypeScript(t: { version?: unknown; createProgram?: unknown } | undefined, where = ''): string | undefined {
  const version = typeof t?.version === 'string' ? t.version : 'of unknown version';
  const problem = unsupportedTypeScript(version, where);
  if (problem) return problem;
  if (typeof t?.createProgram !== 'function') {
    return `TypeScript ${version} is installed${where ? ` (${where})` : ''} without its compiler API; reinstall it: ${INSTALL}`;
  }
  return undefined;
}
