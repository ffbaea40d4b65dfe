/**
 * The program fingerprint release re-runs compare: it must change with the compiled code, not only
 * with the version number, so that a build with a fix redoes the documents an earlier build made.
 */
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/cli.js';

/** A miniature installed program: package.json, the fingerprint module compiled, and one more file. */
function miniatureProgram(): { root: string; load: () => Promise<{ programFingerprint: () => string }> } {
  const root = tempDir('redline-version-');
  mkdirSync(join(root, 'dist/api'), { recursive: true });
  copyFileSync(resolve(__dirname, '../../package.json'), join(root, 'package.json'));
  const source = readFileSync(resolve(__dirname, '../../src/api/version.ts'), 'utf8');
  const compiled = ts.transpileModule(source, { compilerOptions: { module: ts.ModuleKind.ES2022, target: ts.ScriptTarget.ES2022 } }).outputText;
  writeFileSync(join(root, 'dist/api/version.js'), compiled);
  writeFileSync(join(root, 'dist/diff.js'), 'export const answer = 1;\n');
  let generation = 0;
  return { root, load: async () => import(`${pathToFileURL(join(root, 'dist/api/version.js')).href}?${generation++}`) };
}

describe('programFingerprint', () => {
  it('is the version and a hash of the compiled code: the same code gives the same fingerprint, changed code another', async () => {
    const program = miniatureProgram();
    const version = (JSON.parse(readFileSync(join(program.root, 'package.json'), 'utf8')) as { version: string }).version;
    const first = (await program.load()).programFingerprint();
    expect(first.startsWith(`${version}+`)).toBe(true);
    expect((await program.load()).programFingerprint()).toBe(first);
    writeFileSync(join(program.root, 'dist/diff.js'), 'export const answer = 2;\n');
    expect((await program.load()).programFingerprint()).not.toBe(first);
  });

  it('does not hash the development tools (bench, samples, synthetic documents), which are compiled apart to dist-tools/', async () => {
    const program = miniatureProgram();
    const first = (await program.load()).programFingerprint();
    mkdirSync(join(program.root, 'dist-tools/tools/bench'), { recursive: true });
    writeFileSync(join(program.root, 'dist-tools/tools/bench/main.js'), 'export const pages = 1000;\n');
    expect((await program.load()).programFingerprint()).toBe(first);
  });

  it('does not hash the browser app’s site, built into dist/web/ from the program', async () => {
    const program = miniatureProgram();
    const first = (await program.load()).programFingerprint();
    mkdirSync(join(program.root, 'dist/web'), { recursive: true });
    writeFileSync(join(program.root, 'dist/web/worker.js'), 'self.postMessage(1);\n');
    expect((await program.load()).programFingerprint()).toBe(first);
  });
});
