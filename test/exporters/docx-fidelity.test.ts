/**
 * What the engine does not understand passes through the redline intact: content controls (block,
 * row, cell and run level, empty ones too), bookmarks, comment anchors, permission ranges, smart
 * tags; the old version's ranges in deleted text are carried into the deletion; revision ids never
 * collide; protection is left out of the redline only; `w:t` white space is read as Word reads it;
 * a no-break space is a change unless typography is ignored; a table of few words stays one table;
 * a moved mark never stands without moved text. One small fixture per case, each redline checked
 * by our reader, by the XML-level structure of both views, by the structural invariants and, with
 * LibreOffice available, by `lo-redline verify` (one run for all).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { compare as compareVersions } from '../../src/api/compare.js';
import { convert } from '../../src/api/convert.js';
import { verify } from '../../src/api/verify.js';
import type { Diagnostic } from '../../src/diagnostics/diagnostic.js';
import type { DiffSettings } from '../../src/diff/options.js';
import { DamagedDocxError, findStructureProblems } from '../../src/exporters/docx/structure-check.js';
import type { Change } from '../../src/model/change-set.js';
import { runCli, tempDir } from '../helpers/cli.js';
import { buildDocx, escapeXmlText, p } from '../helpers/docx-builder.js';
import { partText, readDocxFiles } from '../helpers/docx-xml.js';
import { hasLibreOffice, requireOrSkip, runLoRedline } from '../helpers/shared.js';
import { bodyStructure, structureDifference } from '../helpers/structure-view.js';

const dir = tempDir('redline-fidelity-');
const forLibreOffice: { name: string; file: string; old: string; new: string }[] = [];

interface Result {
  readonly xml: string;
  readonly changes: readonly Change[];
  readonly diagnostics: readonly Diagnostic[];
  readonly bytes: Uint8Array;
}

const run = (text: string, props = ''): string => `<w:r>${props}<w:t xml:space="preserve">${escapeXmlText(text)}</w:t></w:r>`;
const control = (id: number, content: string, extra = ''): string =>
  `<w:sdt><w:sdtPr><w:alias w:val="Field ${id}"/><w:tag w:val="field-${id}"/><w:id w:val="${id}"/>${extra}</w:sdtPr><w:sdtContent>${content}</w:sdtContent></w:sdt>`;
const binding = (xpath: string): string => `<w:dataBinding w:prefixMappings="" w:xpath="${xpath}" w:storeItemID="{5D7BA57F-1E52-4637-9F82-2D4025768D4F}"/>`;
const cell = (content: string): string => `<w:tc><w:tcPr><w:tcW w:w="3000" w:type="dxa"/></w:tcPr>${content}</w:tc>`;
const table = (rows: string): string => `<w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/></w:tblPr><w:tblGrid><w:gridCol w:w="3000"/><w:gridCol w:w="3000"/></w:tblGrid>${rows}</w:tbl>`;

/**
 * Compares two versions and checks the redline: our own reject/accept reading, the XML-level
 * structure of both views against the two versions, and no structural problem of its own.
 */
async function compare(name: string, oldDocx: Uint8Array, newDocx: Uint8Array, options: DiffSettings & { libreOffice?: boolean } = {}): Promise<Result> {
  const files = { old: join(dir, `${name}-old.docx`), new: join(dir, `${name}-new.docx`), redline: join(dir, `${name}-redline.docx`) };
  writeFileSync(files.old, oldDocx);
  writeFileSync(files.new, newDocx);
  const { libreOffice: _libreOffice, ...diffOptions } = options;
  const { value: result, diagnostics } = await compareVersions({ bytes: oldDocx, name: files.old }, { bytes: newDocx, name: files.new }, { ...diffOptions, outputs: { docx: true } });
  const bytes = result.outputs.docx as Uint8Array;
  writeFileSync(files.redline, bytes);
  const { value: verdict } = await verify({ bytes, name: files.redline }, { bytes: oldDocx, name: files.old }, { bytes: newDocx, name: files.new });
  if (!options.ignoreQuotes) expect(verdict, JSON.stringify(verdict)).toMatchObject({ ok: true });
  expect(structureDifference(bodyStructure(oldDocx, 'accept'), bodyStructure(bytes, 'reject')), 'the reject view keeps the old structure').toEqual({ missing: [], extra: [] });
  expect(structureDifference(bodyStructure(newDocx, 'accept'), bodyStructure(bytes, 'accept')), 'the accept view keeps the new structure').toEqual({ missing: [], extra: [] });
  const docx = readDocxFiles(bytes);
  expect(findStructureProblems(new Map(Object.entries(docx.files)), docx.mainPart)).toEqual([]);
  if (options.libreOffice !== false) forLibreOffice.push({ name, file: files.redline, old: files.old, new: files.new });
  return { xml: partText(docx, docx.mainPart) ?? '', changes: result.changes, diagnostics, bytes };
}

const count = (xml: string, pattern: RegExp): number => [...xml.matchAll(new RegExp(pattern.source, 'g'))].length;

describe('content controls', () => {
  it('keeps row- and cell-level controls, with their data binding, in a changed table', async () => {
    const rows = (word: string): string =>
      table(
        `<w:tr>${cell(p('Name'))}${control(11, cell(p('John Citizen')), binding('/invoice[1]/name[1]'))}</w:tr>` +
          control(12, `<w:tr>${cell(p('Item'))}${cell(p(`Widget ${word} blue`))}</w:tr>`, '<w15:repeatingSectionItem xmlns:w15="http://schemas.microsoft.com/office/word/2012/wordml"/>'),
      );
    const { xml } = await compare('cell-row-controls', buildDocx({ body: rows('large') }), buildDocx({ body: rows('small') }));
    expect(xml).toContain('<w:id w:val="11"/>');
    expect(xml).toContain('<w:id w:val="12"/>');
    expect(xml).toContain('w:xpath="/invoice[1]/name[1]"');
    // The cell control holds its cell, the row control its row.
    expect(xml).toMatch(/<w:id w:val="11"\/>[\s\S]*?<w:sdtContent><w:tc>/);
    expect(xml).toMatch(/<w:id w:val="12"\/>[\s\S]*?<w:sdtContent><w:tr>/);
    expect(xml).toMatch(/<w:delText xml:space="preserve">large<\/w:delText>/);
  });

  it('writes a deleted paragraph that followed a block-level control outside it', async () => {
    const old = buildDocx({ body: control(21, p('Inside the control.')) + p('A paragraph after the control that goes.') + p('The last paragraph.') });
    const neu = buildDocx({ body: control(21, p('Inside the control.')) + p('The last paragraph.') });
    const { xml } = await compare('deleted-after-block-control', old, neu);
    expect(xml).toMatch(/<\/w:sdtContent><\/w:sdt><w:p><w:pPr><w:rPr><w:del [^>]*\/><\/w:rPr><\/w:pPr><w:del [^>]*><w:r><w:delText xml:space="preserve">A paragraph after/);
  });

  it('keeps a deleted paragraph that stood inside a block-level control inside it', async () => {
    const old = buildDocx({ body: control(22, p('First inside.') + p('Second inside, deleted.')) + p('After.') });
    const neu = buildDocx({ body: control(22, p('First inside.')) + p('After.') });
    const { xml } = await compare('deleted-inside-block-control', old, neu);
    expect(count(xml, /<w:sdt>/)).toBe(1);
    expect(xml).toMatch(/Second inside, deleted\.<\/w:delText>[\s\S]*<\/w:sdtContent><\/w:sdt>/);
  });

  it('keeps one inline control with one id when a word inside it changes', async () => {
    const para = (word: string): string => `<w:p>${run('Client: ')}${control(31, run(`Acme ${word} Limited`), binding('/client[1]'))}${run(' (the Client).')}</w:p>`;
    const { xml } = await compare('word-in-inline-control', buildDocx({ body: para('Widgets') }), buildDocx({ body: para('Gadgets') }));
    expect(count(xml, /<w:id w:val="31"\/>/)).toBe(1);
    expect(xml).toMatch(/<w:sdtContent>.*Widgets<\/w:delText>.*Gadgets<\/w:t>.*<\/w:sdtContent>/);
  });

  it('keeps a word changed inside a control nested in a link, and a link in a control, whole', async () => {
    const link = (word: string): string => `<w:hyperlink w:anchor="target">${control(32, run(`see the ${word} clause`))}</w:hyperlink>`;
    const linked = (word: string): string => control(33, `<w:hyperlink w:anchor="target">${run(`the ${word} schedule`)}</w:hyperlink>${run(' applies')}`);
    const body = (word: string): string => `<w:p><w:bookmarkStart w:id="0" w:name="target"/>${run('Target.')}<w:bookmarkEnd w:id="0"/></w:p><w:p>${link(word)}</w:p><w:p>${linked(word)}</w:p>`;
    const { xml } = await compare('nested-wrappers', buildDocx({ body: body('first') }), buildDocx({ body: body('second') }));
    expect(count(xml, /<w:id w:val="32"\/>/)).toBe(1);
    expect(count(xml, /<w:id w:val="33"\/>/)).toBe(1);
    expect(count(xml, /<w:hyperlink /)).toBe(2);
  });

  it('keeps empty controls (no content), block and inline, when nothing changed and when text around them did', async () => {
    const empty = (id: number): string => `<w:sdt><w:sdtPr><w:alias w:val="Empty ${id}"/><w:id w:val="${id}"/><w:showingPlcHdr/></w:sdtPr></w:sdt>`;
    const body = (word: string): string => `${empty(41)}<w:p>${run(`Signed by ${word}: `)}${empty(42)}</w:p>${p('End.')}`;
    const same = await compare('empty-controls-identity', buildDocx({ body: body('the Client') }), buildDocx({ body: body('the Client') }));
    expect(same.changes).toEqual([]);
    const edited = await compare('empty-controls', buildDocx({ body: body('the Client') }), buildDocx({ body: body('the Supplier') }));
    for (const { xml } of [same, edited]) {
      expect(xml).toContain('<w:id w:val="41"/>');
      expect(xml).toContain('<w:id w:val="42"/>');
    }
  });

  it('keeps smart tags, custom XML and proofing marks around changed words', async () => {
    const smart = (word: string): string =>
      `<w:p>${run('Delivered to ')}<w:smartTag w:uri="urn:schemas-microsoft-com:office:smarttags" w:element="City">${run(`Great ${word}`)}</w:smartTag><w:proofErr w:type="spellStart"/>${run(' todya')}<w:proofErr w:type="spellEnd"/>${run('.')}</w:p>`;
    const custom = (word: string): string => `<w:customXml w:uri="urn:example" w:element="clause">${p(`The ${word} clause text.`)}</w:customXml>`;
    const { xml } = await compare('smart-tags', buildDocx({ body: smart('Yarmouth') + custom('first') }), buildDocx({ body: smart('Dunmow') + custom('second') }));
    expect(count(xml, /<w:smartTag /)).toBe(1);
    expect(count(xml, /<w:customXml /)).toBe(1);
    // Zero-width marks stay at their place in the text (at a wrapper's edge, inside or outside it).
    expect(xml).toMatch(/<w:proofErr w:type="spellStart"\/>(<\/w:smartTag>)?<w:r><w:t xml:space="preserve"> todya<\/w:t><\/w:r><w:proofErr w:type="spellEnd"\/>/);
  });
});

describe('bookmarks', () => {
  const sect = '<w:sectPr><w:pgSz w:w="11906" w:h="16838"/></w:sectPr>';
  const withFinalEnd = (text: string): Uint8Array =>
    buildDocx({
      body: '',
      rawDocumentXml: `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:bookmarkStart w:id="7" w:name="_GoBack"/>${run(text)}</w:p><w:bookmarkEnd w:id="7"/>${sect}</w:body></w:document>`,
    });

  it('keeps a bookmark end that stands just before the final w:sectPr, compared with itself and edited', async () => {
    for (const [name, neu] of [
      ['final-bookmark-end-identity', 'The only paragraph.'],
      ['final-bookmark-end', 'The only paragraph, edited.'],
    ] as const) {
      const { xml } = await compare(name, withFinalEnd('The only paragraph.'), withFinalEnd(neu));
      expect(xml).toMatch(/<w:bookmarkEnd w:id="7"\/>/);
    }
  });

  it('keeps bookmark ends that stand inside the input’s own deleted text', async () => {
    const tracked = `<w:p><w:bookmarkStart w:id="3" w:name="_Ref3"/>${run('Kept text ')}<w:del w:id="90" w:author="Earlier"><w:r><w:delText>gone text</w:delText></w:r><w:bookmarkEnd w:id="3"/></w:del>${run(' more.')}</w:p>`;
    const clean = `<w:p><w:bookmarkStart w:id="3" w:name="_Ref3"/>${run('Kept text ')}<w:bookmarkEnd w:id="3"/>${run(' more.')}</w:p>`;
    const { xml } = await compare('bookmark-end-in-deleted-text', buildDocx({ body: tracked }), buildDocx({ body: clean + p('Added.') }));
    expect(count(xml, /<w:bookmarkEnd w:id="3"\/>/)).toBe(1);
  });

  it('places deleted text inside the bookmark that enclosed it, so a REF field reads the old text after Reject All', async () => {
    const doc = (words: string): Uint8Array =>
      buildDocx({
        body:
          `<w:p>${run('See ')}<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> REF target \\h </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>${run(words)}<w:r><w:fldChar w:fldCharType="end"/></w:r>${run('.')}</w:p>` +
          `<w:p>${run('Heading: ')}<w:bookmarkStart w:id="1" w:name="target"/>${run(words)}<w:bookmarkEnd w:id="1"/>${run(' follows.')}</w:p>`,
      });
    const { xml } = await compare('deleted-text-in-bookmark', doc('Original Target Title'), doc('Revised Title'), { libreOffice: false });
    expect(xml).toMatch(/<w:bookmarkStart w:id="1" w:name="target"\/><w:del [^>]*><w:r><w:delText xml:space="preserve">Original Target/);
  });

  it('carries a bookmark in a deleted paragraph into the redline, where Reject All restores it', async () => {
    const toc = `<w:p>${run('Contents: ')}<w:hyperlink w:anchor="_Toc12">${run('Scope')}</w:hyperlink></w:p>`;
    const heading = `<w:p><w:pPr><w:pStyle w:val="Heading1"/></w:pPr><w:bookmarkStart w:id="12" w:name="_Toc12"/>${run('Scope')}<w:bookmarkEnd w:id="12"/></w:p>`;
    const old = buildDocx({ body: toc + heading + p('This Section applies to every Party to the Code.') + p('The end.') });
    const neu = buildDocx({ body: toc + p('This Section applies to every Party to the Code.') + p('The end.') });
    const { xml } = await compare('bookmark-in-deleted-paragraph', old, neu);
    expect(xml).toMatch(/<w:del [^>]*><w:bookmarkStart w:id="\d+" w:name="_Toc12"\/>/);
    expect(count(xml, /w:name="_Toc12"/)).toBe(1);
  });

  it('gives carried bookmarks ids the new version does not use', async () => {
    const old = buildDocx({
      body:
        `<w:p><w:bookmarkStart w:id="1" w:name="old_one"/>${run('A paragraph that goes away entirely.')}<w:bookmarkEnd w:id="1"/></w:p>` +
        `<w:p><w:bookmarkStart w:id="2" w:name="kept"/>${run('Kept.')}<w:bookmarkEnd w:id="2"/></w:p>`,
    });
    const neu = buildDocx({ body: `<w:p><w:bookmarkStart w:id="1" w:name="kept"/>${run('Kept.')}<w:bookmarkEnd w:id="1"/></w:p>` });
    const { xml } = await compare('carried-bookmark-ids', old, neu);
    expect(xml).toMatch(/<w:bookmarkStart w:id="2" w:name="old_one"\/>/);
  });
});

describe('comments', () => {
  const comments = (entries: readonly (readonly [number, string])[]): Record<string, string> => ({
    'word/comments.xml': `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:comments xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">${entries.map(([id, text]) => `<w:comment w:id="${id}" w:author="Reviewer" w:initials="R"><w:p>${run(text)}</w:p></w:comment>`).join('')}</w:comments>`,
  });
  const rels = '<Relationship Id="rIdComments" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments" Target="comments.xml"/>';
  const anchored = (id: number, text: string): string => `<w:commentRangeStart w:id="${id}"/>${run(text)}<w:commentRangeEnd w:id="${id}"/><w:r><w:commentReference w:id="${id}"/></w:r>`;
  const doc = (body: string, entries: readonly (readonly [number, string])[]): Uint8Array => buildDocx({ body, extraParts: comments(entries), extraRels: rels });

  it('keeps every comment range with its end and reference when the text around it is rewritten or unchanged', async () => {
    const old = doc(`<w:p>${run('Intro ')}${anchored(0, 'the word under review')}${run(' rest of a sentence that stays.')}</w:p><w:p>${anchored(1, 'Unchanged commented paragraph.')}</w:p>`, [
      [0, 'Check this'],
      [1, 'Fine'],
    ]);
    const neu = doc(
      `<w:p>${run('Entirely different opening ')}${anchored(0, 'the phrase now reviewed')}${run(' rest of a sentence that stays.')}</w:p><w:p>${anchored(1, 'Unchanged commented paragraph.')}</w:p>`,
      [
        [0, 'Check this'],
        [1, 'Fine'],
      ],
    );
    const { xml } = await compare('comments-rewritten', old, neu);
    for (const id of [0, 1]) {
      expect(count(xml, new RegExp(`<w:commentRangeStart w:id="${id}"/>`))).toBe(1);
      expect(count(xml, new RegExp(`<w:commentRangeEnd w:id="${id}"/>`))).toBe(1);
      expect(count(xml, new RegExp(`<w:commentReference w:id="${id}"/>`))).toBe(1);
    }
  });

  it('carries a comment on deleted text into the deletion, with a copy of the comment', async () => {
    const old = doc(`<w:p>${run('Stays. ')}</w:p><w:p>${anchored(0, 'This whole paragraph was commented on and then deleted.')}</w:p><w:p>${anchored(1, 'Kept.')}</w:p>`, [
      [0, 'Why is this here?'],
      [1, 'Fine'],
    ]);
    const neu = doc(`<w:p>${run('Stays. ')}</w:p><w:p>${anchored(0, 'Kept.')}</w:p>`, [[0, 'Fine']]);
    const { xml, bytes } = await compare('comment-on-deleted-text', old, neu);
    const commentsXml = partText(readDocxFiles(bytes), 'word/comments.xml') ?? '';
    expect(commentsXml).toContain('Why is this here?');
    const copied = /<w:comment w:id="(\d+)"[^>]*><w:p><w:r><w:t xml:space="preserve">Why is this here\?/.exec(commentsXml)?.[1];
    expect(copied).toBeDefined();
    expect(xml).toMatch(new RegExp(`<w:del [^>]*><w:commentRangeStart w:id="${copied}"/>`));
  });
});

describe('revision ids, protection', () => {
  it('allocates revision ids past those the new version keeps (a section change record)', async () => {
    const sectPr = '<w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:sectPrChange w:id="1" w:author="Earlier"><w:sectPr/></w:sectPrChange></w:sectPr>';
    const raw = (text: string): Uint8Array =>
      buildDocx({
        body: '',
        rawDocumentXml: `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${p(text)}${sectPr}</w:body></w:document>`,
      });
    const { xml } = await compare('revision-ids', raw('The first version.'), raw('The second version.'));
    const ids = [...xml.matchAll(/<w:(?:ins|del|sectPrChange) w:id="(\d+)"/g)].map((m) => m[1]);
    expect(ids.length).toBeGreaterThan(2);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('leaves enforced protection out of the redline, with a diagnostic naming the version, and keeps it in clean outputs', async () => {
    const settings = (protection: string): Record<string, string> => ({
      'word/settings.xml': `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:settings xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">${protection}<w:defaultTabStop w:val="720"/></w:settings>`,
    });
    const rels = '<Relationship Id="rIdSettings" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings" Target="settings.xml"/>';
    const protection = '<w:writeProtection w:recommended="1"/><w:documentProtection w:edit="trackedChanges" w:enforcement="1"/>';
    const old = buildDocx({ body: p('Version one.'), extraParts: settings(''), extraRels: rels });
    const neu = buildDocx({ body: p('Version two.'), extraParts: settings(protection), extraRels: rels });
    const { bytes, diagnostics } = await compare('protection', old, neu);
    const redlineSettings = partText(readDocxFiles(bytes), 'word/settings.xml') ?? '';
    expect(redlineSettings).not.toMatch(/documentProtection|writeProtection/);
    expect(diagnostics.filter((d) => d.code === 'docx/protection-removed').map((d) => d.message)).toEqual([
      expect.stringMatching(/write protection of .*protection-new\.docx was left out of the redline/),
      expect.stringMatching(/editing protection \(trackedChanges\) of .*protection-new\.docx was left out/),
    ]);
    const cli = runCli(['compare', join(dir, 'protection-old.docx'), join(dir, 'protection-new.docx'), '-o', join(dir, 'protection-cli.docx')]);
    expect(cli.status, cli.stderr).toBe(0);
    expect(cli.stderr).toMatch(/warning: the editing protection \(trackedChanges\) of .*protection-new\.docx was left out of the redline/);
    const clean = await convert({ bytes: neu, name: 'new.docx' }, { outputs: { docx: true } });
    expect(partText(readDocxFiles(clean.value.outputs.docx as Uint8Array), 'word/settings.xml')).toContain(protection);
    // Protection that is not enforced is no lock: it stays.
    const loose = buildDocx({ body: p('Version two.'), extraParts: settings('<w:documentProtection w:edit="readOnly" w:enforcement="0"/>'), extraRels: rels });
    const { bytes: looseRedline } = await compare('protection-not-enforced', old, loose);
    expect(partText(readDocxFiles(looseRedline), 'word/settings.xml')).toContain('w:enforcement="0"');
  });
});

describe('text as Word reads it', () => {
  it('reads w:t without xml:space="preserve" without its leading and trailing white space', async () => {
    const unpreserved = (last: string): Uint8Array => buildDocx({ body: `<w:p><w:r><w:t>SDT</w:t></w:r><w:r><w:t> Run </w:t></w:r><w:r><w:t xml:space="preserve"> ${last}</w:t></w:r></w:p>` });
    const { xml } = await compare('unpreserved-space', unpreserved('stays'), unpreserved('changes'));
    // "SDT", "Run" (its spaces are not text) and " stays" (preserved) read "SDTRun stays".
    expect(xml).toContain('<w:t xml:space="preserve">SDTRun </w:t>');
  });

  it('shows a no-break space replaced by a space as a change, unless typography is ignored (alias quotes)', async () => {
    const old = buildDocx({ body: p('Under section\u00a05 the fee is £\u00a0100.') });
    const neu = buildDocx({ body: p('Under section 5 the fee is £ 100.') });
    const shown = await compare('no-break-space', old, neu);
    expect(shown.changes.length).toBeGreaterThan(0);
    expect(shown.xml).toMatch(/<w:delText xml:space="preserve">\u00a0<\/w:delText>/);
    expect((await compare('no-break-space-ignored', old, neu, { ignoreQuotes: true, libreOffice: false })).changes).toEqual([]);
    for (const name of ['typography', 'quotes']) {
      const cli = runCli(['compare', join(dir, 'no-break-space-old.docx'), join(dir, 'no-break-space-new.docx'), '--ignore', name, '-o', join(dir, `nbsp-${name}.json`)]);
      expect(cli.status, cli.stderr).toBe(0);
      expect(cli.stdout).toMatch(/0 change\(s\)|no change/);
    }
  });
});

describe('tables', () => {
  it('keeps a changed word of a mostly empty table (in a drop-down control) a change inside its cell', async () => {
    const dropDown = (value: string): string =>
      control(61, run(value), `<w:dropDownList><w:listItem w:displayText="Yes" w:value="Yes"/><w:listItem w:displayText="No" w:value="No"/></w:dropDownList>`);
    const form = (value: string): Uint8Array => buildDocx({ body: table(`<w:tr>${cell(p(''))}${cell(`<w:p>${dropDown(value)}</w:p>`)}</w:tr><w:tr>${cell(p(''))}${cell(p(''))}</w:tr>`) });
    const { xml, changes } = await compare('form-table', form('Yes'), form('No'));
    expect(changes.map((c) => [c.kind, c.scope, c.oldText, c.newText])).toEqual([['replace', 'text', 'Yes', 'No']]);
    expect(count(xml, /<w:tbl>/)).toBe(1);
    expect(xml).not.toMatch(/<w:trPr>[\s\S]*?<w:(ins|del) /);
  });
});

describe('moves beside numbered paragraphs', () => {
  const NUMBERING =
    '<w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl></w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>';
  const clause = (text: string): string => p(text, '<w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr>');
  const A = 'If the Program specifies that a proxy can decide which future versions of the License can be used, that proxy decides.';
  const B = 'Each version is given a distinguishing version number so that the recipients can tell versions apart.';
  const C = 'You may convey a work based on the Program in the form of source code under the terms of section four.';
  const U = 'This paragraph stands between the numbered clauses and does not change at all in the new version.';

  it('moves numbered paragraphs around an unchanged one with no moved mark that holds no moved text', async () => {
    // The empty paragraphs between clauses used to join the move as moved marks without text,
    // which LibreOffice leaves behind as empty paragraphs in both views.
    const old = buildDocx({ numbering: NUMBERING, body: [clause(A), p(''), clause(B), p(''), clause(C), p(U)].join('') });
    const neu = buildDocx({ numbering: NUMBERING, body: [clause(A), p(U), p(''), clause(B), p(''), clause(C)].join('') });
    const { xml, bytes } = await compare('moves-beside-numbered', old, neu);
    expect(xml).toMatch(/<w:moveFrom /);
    for (const paragraph of xml.match(/<w:p\b[\s\S]*?<\/w:p>/g) ?? []) {
      if (/<w:rPr><w:move(From|To) /.test(paragraph)) expect(paragraph, paragraph).toMatch(/<w:move(From|To) [^>]*><w:r>/);
    }
    expect((await verify({ bytes, name: 'r.docx' }, { bytes: old, name: 'o.docx' }, { bytes: neu, name: 'n.docx' })).value.libreOffice).toEqual([]);
  });

  it('fails verify on a redline with a moved mark and no moved text, as LibreOffice reads it', async () => {
    const raw = (body: string): Uint8Array =>
      buildDocx({
        body: '',
        rawDocumentXml: `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${body}<w:sectPr/></w:body></w:document>`,
      });
    const old = buildDocx({ body: p('') + p('Text.') });
    const neu = buildDocx({ body: p('Text.') });
    const redline = raw(`<w:p><w:pPr><w:rPr><w:moveFrom w:id="1" w:author="A"/></w:rPr></w:pPr></w:p>${p('Text.')}`);
    const { value: verdict } = await verify({ bytes: redline, name: 'r.docx' }, { bytes: old, name: 'o.docx' }, { bytes: neu, name: 'n.docx' });
    expect(verdict.reject.ok && verdict.accept.ok).toBe(true);
    expect(verdict.ok).toBe(false);
    expect(verdict.libreOffice).toEqual([expect.stringMatching(/paragraph 1: its mark is tracked as moved away but it holds no moved text/)]);
  });
});

describe('the structural check', () => {
  it('refuses to write a damaged DOCX, naming the problems', () => {
    const damaged = `<w:p><w:bookmarkStart w:id="1" w:name="a"/>${run('x')}</w:p><w:p><w:ins w:id="4" w:author="A">${run('y')}</w:ins><w:del w:id="4" w:author="A"><w:r><w:delText>z</w:delText></w:r></w:del></w:p>`;
    const docx = readDocxFiles(buildDocx({ body: damaged }));
    const problems = findStructureProblems(new Map(Object.entries(docx.files)), docx.mainPart);
    expect(problems.map((p) => p.code).sort()).toEqual(['bookmark-unpaired', 'revision-id-duplicate']);
    expect(new DamagedDocxError(problems).message).toMatch(/^the DOCX would be written damaged, so it was not written \(word\/document\.xml: .*bookmark 1 starts but never ends/);
  });
});

const runLibreOffice = requireOrSkip('LibreOffice and ../shared/tools/lo-redline', hasLibreOffice());

afterAll(() => {
  if (!runLibreOffice || forLibreOffice.length === 0) return;
  const manifest = join(dir, 'verify.json');
  writeFileSync(manifest, JSON.stringify(forLibreOffice));
  const verdict = runLoRedline(['verify-many', manifest]);
  expect(verdict.stdout).toMatch(new RegExp(`${forLibreOffice.length} passed, 0 failed`));
}, 300_000);
