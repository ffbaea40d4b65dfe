import Ajv2020 from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { compareDocuments } from '../../src/diff/compare-documents.js';
import schema from '../../src/exporters/json/change-set.schema.json';
import { changeSetToJson } from '../../src/exporters/json/to-json.js';
import { fromDocx } from '../../src/importers/docx/from-docx.js';
import { buildDocx, np, p } from '../helpers/docx-builder.js';
import { NUMBERING_XML } from '../helpers/random-docs.js';

const ajv = new Ajv2020({ allErrors: true, strict: true });
const validate = ajv.compile(schema);

describe('JSON change set', () => {
  const old = fromDocx(buildDocx({ numbering: NUMBERING_XML, body: np('Scope', 1, 0) + np('The Supplier shall act.', 1, 1) + p('<b>', '') }), 'old.docx').document;
  const neu = fromDocx(buildDocx({ numbering: NUMBERING_XML, body: np('Scope', 1, 0) + np('New clause.', 1, 1) + np('The Supplier shall act promptly.', 1, 1) + p('<b>', '') }), 'new.docx').document;
  const redline = compareDocuments(old, neu);
  const json = JSON.parse(changeSetToJson({ old, new: neu, changes: redline.changes })) as { changes: { kind: string; location: { label?: string } }[] };

  it('is valid against the published schema', () => {
    expect(validate(json), JSON.stringify(validate.errors)).toBe(true);
  });

  it('has id, kind, oldText, newText and location with the clause label on every change', () => {
    expect(json.changes.map((c) => [c.kind, c.location.label])).toEqual([
      ['insert', '1.1'],
      ['renumber', '1.2'],
      ['insert', '1.2'],
    ]);
  });

  it('counts renumbered clauses apart from the changes, and locates each change by its clause path', () => {
    const full = JSON.parse(changeSetToJson({ old, new: neu, changes: redline.changes })) as { summary: unknown; changes: { location: { path?: string } }[] };
    expect(full.summary).toEqual({ total: 2, byKind: { insert: 2 }, renumbered: 1 });
    expect(full.changes.map((c) => c.location.path)).toEqual(['1.1', '1.2', '1.2']);
  });

  it('the schema rejects a change without a location', () => {
    const broken = { ...json, changes: [{ id: 'c1', kind: 'insert', scope: 'text', oldText: '', newText: 'x', sources: [], author: 'R' }] };
    expect(validate(broken)).toBe(false);
  });
});
