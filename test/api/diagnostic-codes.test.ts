/**
 * Every diagnostic code the program can emit is documented in docs/diagnostics.md, and every
 * code documented there is one the program emits: the list is a contract, like the change set's
 * field names.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(__dirname, '../..');
const CODE = /^[a-z]+\/[a-z0-9]+(-[a-z0-9]+)*$/;

function sourceFiles(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return path.endsWith('.ts') && !path.endsWith('.d.ts') ? [path] : [];
  });
}

/** Codes passed to `warn`/`info` (of a Diagnostics collector) or given as a `code:` property. */
function emittedCodes(): Map<string, string> {
  const codes = new Map<string, string>();
  for (const file of sourceFiles(join(ROOT, 'src'))) {
    const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022, true);
    const visit = (node: ts.Node): void => {
      if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && ['warn', 'info'].includes(node.expression.name.text)) {
        const first = node.arguments[0];
        if (first && ts.isStringLiteralLike(first) && CODE.test(first.text)) codes.set(first.text, file);
      }
      if (ts.isPropertyAssignment(node) && node.name.getText(source) === 'code' && ts.isStringLiteralLike(node.initializer) && CODE.test(node.initializer.text)) codes.set(node.initializer.text, file);
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return codes;
}

const documented = new Set([...readFileSync(join(ROOT, 'docs/diagnostics.md'), 'utf8').matchAll(/^\| `([a-z]+\/[a-z0-9-]+)` \|/gm)].map((m) => m[1] as string));

describe('diagnostic codes', () => {
  const emitted = emittedCodes();

  it('are found in the code (the check itself works)', () => {
    expect(emitted.has('docx/unsupported-element')).toBe(true);
    expect(emitted.has('diff/edit-length-limit')).toBe(true);
  });

  it('are each documented in docs/diagnostics.md', () => {
    const missing = [...emitted].filter(([code]) => !documented.has(code)).map(([code, file]) => `${code} (${file.slice(ROOT.length + 1)})`);
    expect(missing).toEqual([]);
  });

  it('are documented only when the program emits them', () => {
    expect([...documented].filter((code) => !emitted.has(code))).toEqual([]);
  });
});
