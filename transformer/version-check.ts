/** The compiler versions the plugin supports, and a clear refusal of the others. */

export const SUPPORTED = '>=5.5 <6.1';

/** Returns an error message for an unsupported TypeScript version, or undefined if it is supported. */
export function unsupportedTypeScript(version: string): string | undefined {
  const [major, minor] = version.split('.').map(Number);
  if (major >= 7) {
    return `taskify/transformer: TypeScript ${version} is the native compiler, which has no transformer API; ` +
      `build with TypeScript 5.5 to 6.0 and ts-patch's tspc instead`;
  }
  if (major < 5 || (major === 5 && minor < 5) || (major === 6 && minor > 0)) {
    return `taskify/transformer: TypeScript ${version} is not supported; use a version ${SUPPORTED}`;
  }
  return undefined;
}
