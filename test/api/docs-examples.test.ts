/**
 * Every example in docs/api.md type-checks (strict, against the built package's declarations as
 * `redline`) and runs (against the built package, dist/index.js; `npm test` builds it first), from
 * the repository's root as the page says. An example fails when it throws (several assert).
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import ts from 'typescript';
import { afterAll, describe, expect, it, vi } from 'vitest';

const ROOT = resolve(__dirname, '../..');
const PAGE = readFileSync(join(ROOT, 'docs/api.md'), 'utf8');
const EXAMPLES = [...PAGE.matchAll(/^```ts\n([\s\S]*?)^```$/gm)].map((m) => m[1] as string);
const SCRATCH = join(ROOT, 'test/_scratch/docs-examples');

/** The heading each example stands under, to name its test. */
function headingOf(example: string): string {
  const before = PAGE.slice(0, PAGE.indexOf(example));
  return [...before.matchAll(/^## (.+)$/gm)].pop()?.[1] ?? 'introduction';
}

describe('docs/api.md examples', () => {
  mkdirSync(SCRATCH, { recursive: true });
  const files = EXAMPLES.map((example, i) => {
    const file = join(SCRATCH, `example-${i + 1}.ts`);
    writeFileSync(file, `${example}\nexport {};\n`);
    return file;
  });
  afterAll(() => rmSync(SCRATCH, { recursive: true, force: true }));

  it('has examples, each importing the package', () => {
    expect(EXAMPLES.length).toBeGreaterThanOrEqual(8);
    for (const example of EXAMPLES.slice(1)) expect(example).toMatch(/from 'redline';/);
  });

  it('type-check as a strict consumer would write them', () => {
    const program = ts.createProgram(files, {
      strict: true,
      noEmit: true,
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.NodeNext,
      moduleResolution: ts.ModuleResolutionKind.NodeNext,
      types: ['node'],
      skipLibCheck: true,
      paths: { redline: [join(ROOT, 'dist/index.d.ts')] },
    });
    const errors = ts
      .getPreEmitDiagnostics(program)
      .map((d) => `${d.file ? `${d.file.fileName}:${d.file.getLineAndCharacterOfPosition(d.start ?? 0).line + 1}: ` : ''}${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`);
    expect(errors).toEqual([]);
  }, 120_000);

  const entry = pathToFileURL(join(ROOT, 'dist/index.js')).href;
  EXAMPLES.forEach((example, i) => {
    // The page's first snippet only shows the import.
    if (!example.includes('await ')) return;
    it(`runs: ${headingOf(example)} (example ${i + 1})`, async () => {
      const js = ts.transpileModule(example, { compilerOptions: { module: ts.ModuleKind.ES2022, target: ts.ScriptTarget.ES2022 } }).outputText.replaceAll("from 'redline'", `from '${entry}'`);
      const file = join(SCRATCH, `example-${i + 1}.mjs`);
      writeFileSync(file, js);
      const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
      try {
        await expect(import(pathToFileURL(file).href)).resolves.toBeDefined();
      } finally {
        log.mockRestore();
      }
    }, 240_000);
  });
});
