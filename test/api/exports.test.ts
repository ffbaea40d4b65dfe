/**
 * The package exports exactly what src/index.ts lists, by name: no `export *`, nothing exported
 * by accident, and the list below changes only on purpose (a new export is a new contract).
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(__dirname, '../..');
const INDEX = join(ROOT, 'src/index.ts');

/** The functions and classes of the public API. */
const VALUES = [
  'InputError',
  'OptionError',
  'UsageError',
  'apply',
  'compare',
  'convert',
  'hasIssues',
  'isUnattributed',
  'mergeReleaseReports',
  'parseSourcesFile',
  'readDocument',
  'runRelease',
  'toDocx',
  'toHtml',
  'toJson',
  'toMarkdown',
  'toPdf',
  'toText',
  'verify',
  'version',
];

/** Names listed by index.ts's export declarations: values, and types (`export type` or `type X`). */
function listed(): { values: string[]; types: string[] } {
  const source = ts.createSourceFile(INDEX, readFileSync(INDEX, 'utf8'), ts.ScriptTarget.ES2022);
  const values: string[] = [];
  const types: string[] = [];
  for (const statement of source.statements) {
    if (!ts.isExportDeclaration(statement)) continue;
    const clause = statement.exportClause;
    if (!clause || !ts.isNamedExports(clause)) throw new Error('src/index.ts may not use export * (every export is listed by name)');
    for (const element of clause.elements) (statement.isTypeOnly || element.isTypeOnly ? types : values).push(element.name.text);
  }
  return { values: values.sort(), types: types.sort() };
}

describe('the public API', () => {
  it('is listed by name in src/index.ts, each name once', () => {
    const { values, types } = listed();
    expect(values).toEqual([...VALUES].sort());
    const all = [...values, ...types];
    expect(new Set(all).size).toBe(all.length);
  });

  it('is what the built package exports at run time, nothing more', async () => {
    const module = (await import(pathToFileURL(join(ROOT, 'dist/index.js')).href)) as Record<string, unknown>;
    expect(Object.keys(module).sort()).toEqual([...VALUES].sort());
  });

  it('has every listed type among the module types the compiler sees, each documented', () => {
    const program = ts.createProgram([INDEX], {
      strict: true,
      noEmit: true,
      module: ts.ModuleKind.NodeNext,
      moduleResolution: ts.ModuleResolutionKind.NodeNext,
      target: ts.ScriptTarget.ES2022,
      types: ['node'],
      skipLibCheck: true,
    });
    const checker = program.getTypeChecker();
    const file = program.getSourceFile(INDEX);
    const symbol = file && checker.getSymbolAtLocation(file);
    const exported = symbol ? checker.getExportsOfModule(symbol) : [];
    const { values, types } = listed();
    expect(exported.map((s) => s.name).sort()).toEqual([...values, ...types].sort());
    const undocumented = exported.filter((s) => {
      const target = s.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(s) : s;
      return ts.displayPartsToString(target.getDocumentationComment(checker)).trim() === '';
    });
    expect(undocumented.map((s) => s.name)).toEqual([]);
  }, 120_000);
});
