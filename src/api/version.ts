/** The program's version, from package.json, and the fingerprint release re-runs compare. */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The program's version, from its package.json. */
export function version(): string {
  const packageJson = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  return packageJson.version;
}

/**
 * The version and a hash of the compiled program. A release re-run keeps a document's outputs only
 * while this is unchanged: a build with a fix in it must redo them, version number bumped or not.
 */
export function programFingerprint(): string {
  const root = fileURLToPath(new URL('../', import.meta.url));
  const files = readdirSync(root, { recursive: true, encoding: 'utf8' })
    // The browser app's site (`npm run build:web`) is built from the program, not part of it.
    .filter((file) => file.endsWith('.js') && !file.startsWith(`web${sep}`))
    .sort();
  const hash = createHash('sha256');
  for (const file of files) hash.update(file).update(readFileSync(root + file));
  return `${version()}+${hash.digest('hex').slice(0, 16)}`;
}
