/**
 * The classes of hostile and extreme input of issue #15 (and the Markdown and text items of #19),
 * one generated case each: absurd numbering values and spans, very large valid documents, deep
 * nesting of every kind of element, huge text and Markdown, special files, parts in other
 * encodings, hostile release folders. Each case writes its files into a fresh folder and gives
 * the `redline` arguments to run; the limit tests and `npm run fuzz -- --extremes` run them in a
 * child process under a memory cap and a time limit.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildPackage, para } from './docx-package.js';

export interface ExtremeCase {
  readonly id: string;
  /** The class it belongs to (a line of the issue). */
  readonly group: string;
  /** Writes the inputs into `dir` and returns the command line (paths inside `dir`). */
  readonly prepare: (dir: string) => string[];
  /** Exit codes that are a correct answer. */
  readonly accept: readonly number[];
  /** Generating it takes long (large files): left out of quick runs. */
  readonly large?: boolean;
}

const SMALL = para('A small good document.');

function write(dir: string, name: string, data: Uint8Array | string): string {
  const path = join(dir, name);
  writeFileSync(path, data);
  return path;
}

function compareWith(dir: string, bad: Uint8Array | string, name: string, outputs = ['out/redline.docx', 'out/changes.json']): string[] {
  const badPath = write(dir, name, bad);
  const good = write(dir, name.endsWith('.docx') ? 'good.docx' : name.replace(/.*\./, 'good.'), name.endsWith('.docx') ? buildPackage({ body: SMALL }) : 'A small good document.\n');
  return ['compare', good, badPath, ...outputs.flatMap((o) => ['-o', join(dir, o)])];
}

// ---- numbering and spans ------------------------------------------------------------------

function numberedDocument(start: string, format: string, override: boolean): Uint8Array {
  const level = `<w:lvl w:ilvl="0"><w:start w:val="${override ? '1' : start}"/><w:numFmt w:val="${format}"/><w:lvlText w:val="(%1)"/></w:lvl>`;
  const num = override
    ? `<w:num w:numId="1"><w:abstractNumId w:val="0"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="${start}"/></w:lvlOverride></w:num>`
    : '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>';
  const numbered = (text: string): string => para(text, '<w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr>');
  return buildPackage({ numbering: `<w:abstractNum w:abstractNumId="0">${level}</w:abstractNum>${num}`, body: numbered('First clause.') + numbered('Second clause.') + numbered('Third clause.') });
}

const NUMBERING_VALUES = ['1000000000', '2147483647', '9007199254740993', '1e400', '-2147483648'];

function spanDocument(span: string): Uint8Array {
  const cell = (text: string, props = ''): string => `<w:tc><w:tcPr>${props}</w:tcPr>${para(text)}</w:tc>`;
  return buildPackage({
    body: `<w:tbl><w:tblGrid><w:gridCol w:w="2000"/><w:gridCol w:w="2000"/></w:tblGrid><w:tr>${cell('spanned', `<w:gridSpan w:val="${span}"/>`)}</w:tr><w:tr>${cell('a')}${cell('b')}</w:tr></w:tbl>`,
  });
}

// ---- size --------------------------------------------------------------------------------

const WORDS = 'the supplier shall provide notice to the authority within ten working days of any incident affecting the security of the systems'.split(' ');

/** About `bytes` of document.xml in ordinary paragraphs; every `changeEvery`-th paragraph differs in `variant`. */
function largeBody(bytes: number, variant: number, changeEvery: number): string {
  const parts: string[] = [];
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    const words: string[] = [];
    for (let w = 0; w < 60; w++) words.push(WORDS[(i * 7 + w * 3) % WORDS.length] as string);
    if (variant > 0 && i % changeEvery === 0) words[i % 60] = 'amended';
    const p = para(`${i + 1}. ${words.join(' ')}.`);
    parts.push(p);
    size += p.length;
  }
  return parts.join('');
}

function repeated(unit: string, count: number): string {
  return unit.repeat(count);
}

// ---- nesting -----------------------------------------------------------------------------

/** `depth` levels of `open…close` around `inner`. */
function nest(open: string, close: string, depth: number, inner: string): string {
  return open.repeat(depth) + inner + close.repeat(depth);
}

const RUN = '<w:r><w:t>deep</w:t></w:r>';
const DEEP = 100_000;

const INLINE_NESTING: Readonly<Record<string, [string, string]>> = {
  ins: ['<w:ins w:id="1" w:author="a">', '</w:ins>'],
  del: ['<w:del w:id="1" w:author="a">', '</w:del>'],
  hyperlink: ['<w:hyperlink w:anchor="x">', '</w:hyperlink>'],
  smartTag: ['<w:smartTag w:uri="u" w:element="e">', '</w:smartTag>'],
  'customXml-inline': ['<w:customXml w:element="e">', '</w:customXml>'],
  fldSimple: ['<w:fldSimple w:instr="PAGE">', '</w:fldSimple>'],
  'sdt-inline': ['<w:sdt><w:sdtContent>', '</w:sdtContent></w:sdt>'],
  'alternate-content': ['<mc:AlternateContent><mc:Choice Requires="wps">', '</mc:Choice></mc:AlternateContent>'],
  unknown: ['<x:unknown>', '</x:unknown>'],
};

const BLOCK_NESTING: Readonly<Record<string, [string, string, number]>> = {
  'sdt-block': ['<w:sdt><w:sdtContent>', '</w:sdtContent></w:sdt>', DEEP],
  'customXml-block': ['<w:customXml w:element="e">', '</w:customXml>', DEEP],
  'table-1000': ['<w:tbl><w:tr><w:tc>', `${para('cell')}</w:tc></w:tr></w:tbl>`, 1000],
  'table-100000': ['<w:tbl><w:tr><w:tc>', `${para('cell')}</w:tc></w:tr></w:tbl>`, DEEP],
  textbox: ['<w:p><w:r><w:pict><v:shape><v:textbox><w:txbxContent>', '</w:txbxContent></v:textbox></v:shape></w:pict></w:r></w:p>', 20_000],
};

function mathNesting(depth: number): string {
  return `<w:p><m:oMath>${nest('<m:f><m:num>', '</m:num><m:den><m:r><m:t>2</m:t></m:r></m:den></m:f>', depth, '<m:r><m:t>1</m:t></m:r>')}</m:oMath></w:p>`;
}

// ---- text and Markdown -------------------------------------------------------------------

function lines(count: number, changeEvery: number): string {
  const out: string[] = [];
  for (let i = 0; i < count; i++) out.push(changeEvery > 0 && i % changeEvery === 0 ? `line ${i} was amended here` : `line ${i} of the text`);
  return `${out.join('\n')}\n`;
}

function utf16(text: string, bigEndian: boolean, bom: boolean): Uint8Array {
  const bytes = new Uint8Array((text.length + (bom ? 1 : 0)) * 2);
  let at = 0;
  const put = (code: number): void => {
    bytes[at++] = bigEndian ? code >> 8 : code & 0xff;
    bytes[at++] = bigEndian ? code & 0xff : code >> 8;
  };
  if (bom) put(0xfeff);
  for (let i = 0; i < text.length; i++) put(text.charCodeAt(i));
  return bytes;
}

// ---- release -----------------------------------------------------------------------------

function releaseFolder(dir: string, id = 'doc', version = '2.0'): string {
  mkdirSync(join(dir, 'in'), { recursive: true });
  writeFileSync(join(dir, 'in', 'old.docx'), buildPackage({ body: para('The old text of clause one.') }));
  writeFileSync(join(dir, 'in', 'new.docx'), buildPackage({ body: para('The new text of clause one.') }));
  const manifest = {
    release: { id: 'R1', title: 'Release', effectiveDate: '2026-01-01' },
    sources: [],
    documents: [{ id, title: 'Document', previous: { version: '1.0', file: 'in/old.docx' }, new: { version, file: 'in/new.docx' } }],
    outputs: ['redline-docx', 'json'],
  };
  return write(dir, 'release.json', JSON.stringify(manifest));
}

// ---- the catalogue -----------------------------------------------------------------------

const cases: ExtremeCase[] = [];
const add = (c: ExtremeCase): void => {
  cases.push(c);
};

for (const value of NUMBERING_VALUES) {
  add({
    id: `numbering-start-${value}-lowerLetter`,
    group: 'numbering values',
    accept: [0],
    prepare: (dir) => compareWith(dir, numberedDocument(value, 'lowerLetter', false), 'start.docx', ['out/redline.docx', 'out/redline.pdf']),
  });
  add({
    id: `numbering-startOverride-${value}-upperRoman`,
    group: 'numbering values',
    accept: [0],
    prepare: (dir) => compareWith(dir, numberedDocument(value, 'upperRoman', true), 'override.docx', ['out/redline.docx', 'out/redline.pdf']),
  });
}
for (const span of ['1000000000', '2147483647', '1e400']) {
  add({ id: `gridSpan-${span}`, group: 'cell spans', accept: [0], prepare: (dir) => compareWith(dir, spanDocument(span), 'span.docx', ['out/redline.docx', 'out/redline.pdf', 'out/changes.json']) });
}

add({
  id: 'document-xml-100MB',
  group: 'large valid documents',
  accept: [0, 2],
  large: true,
  prepare: (dir) => {
    const old = write(dir, 'old.docx', buildPackage({ body: largeBody(100 << 20, 0, 100) }, 1));
    const neu = write(dir, 'new.docx', buildPackage({ body: largeBody(100 << 20, 1, 100) }, 1));
    return ['compare', old, neu, '-o', join(dir, 'out/redline.docx'), '-o', join(dir, 'out/changes.json')];
  },
});
add({
  id: 'document-xml-100MB-against-one-paragraph',
  group: 'large valid documents',
  accept: [0, 2],
  large: true,
  prepare: (dir) => [
    'compare',
    write(dir, 'old.docx', buildPackage({ body: SMALL })),
    write(dir, 'new.docx', buildPackage({ body: largeBody(100 << 20, 0, 100) }, 1)),
    '-o',
    join(dir, 'out/changes.json'),
  ],
});
add({
  id: 'page-breaks-100000',
  group: 'large valid documents',
  accept: [0, 2],
  prepare: (dir) =>
    compareWith(dir, buildPackage({ body: repeated(`<w:p><w:r><w:t>page</w:t></w:r><w:r><w:br w:type="page"/></w:r></w:p>`, 100_000) }), 'pages.docx', ['out/redline.docx', 'out/redline.pdf']),
});
add({
  id: 'page-breaks-100000-one-paragraph',
  group: 'large valid documents',
  accept: [0, 2],
  prepare: (dir) =>
    compareWith(dir, buildPackage({ body: `<w:p>${repeated('<w:r><w:t>page</w:t><w:br w:type="page"/></w:r>', 100_000)}</w:p>` }), 'pages1.docx', ['out/redline.docx', 'out/redline.pdf']),
});
add({
  id: 'breaks-1000000',
  group: 'large valid documents',
  accept: [0, 2],
  prepare: (dir) => compareWith(dir, buildPackage({ body: `<w:p><w:r>${repeated('<w:br/>', 1_000_000)}</w:r></w:p>` }), 'breaks.docx', ['out/redline.docx', 'out/redline.pdf']),
});

add({
  id: 'text-one-50MB-line',
  group: 'text scale',
  accept: [0, 2],
  large: true,
  prepare: (dir) => {
    const words: string[] = [];
    for (let i = 0; words.length * 8 < 50 << 20; i++) words.push(WORDS[i % WORDS.length] as string);
    const old = words.join(' ');
    const changed = [...words];
    for (let i = 0; i < changed.length; i += 5000) changed[i] = 'amended';
    return ['compare', write(dir, 'old.txt', old), write(dir, 'new.txt', changed.join(' ')), '-o', join(dir, 'out/redline.txt'), '-o', join(dir, 'out/changes.json')];
  },
});
add({
  id: 'text-1000000-lines-alone',
  group: 'text scale',
  accept: [0, 2],
  large: true,
  prepare: (dir) => ['compare', write(dir, 'old.txt', 'One line.\n'), write(dir, 'new.txt', lines(1_000_000, 0)), '-o', join(dir, 'out/changes.json')],
});
add({
  id: 'text-1000000-lines-every-100th-changed',
  group: 'text scale',
  accept: [0, 2],
  large: true,
  prepare: (dir) => ['compare', write(dir, 'old.txt', lines(1_000_000, 0)), write(dir, 'new.txt', lines(1_000_000, 100)), '-o', join(dir, 'out/changes.json'), '-o', join(dir, 'out/redline.docx')],
});
add({
  id: 'text-1000000-lines-blank-separated',
  group: 'text scale',
  accept: [0, 2],
  large: true,
  prepare: (dir) => [
    'compare',
    write(dir, 'old.txt', lines(1_000_000, 0).replace(/\n/g, '\n\n')),
    write(dir, 'new.txt', lines(1_000_000, 100).replace(/\n/g, '\n\n')),
    '-o',
    join(dir, 'out/changes.json'),
  ],
});
add({
  id: 'text-utf16le-no-bom',
  group: 'text encodings',
  accept: [0, 2],
  prepare: (dir) => compareWith(dir, utf16('First paragraph.\n\nSecond paragraph.\n', false, false), 'utf16le.txt', ['out/changes.json']),
});
add({
  id: 'text-utf16be-no-bom',
  group: 'text encodings',
  accept: [0, 2],
  prepare: (dir) => compareWith(dir, utf16('First paragraph.\n\nSecond paragraph.\n', true, false), 'utf16be.txt', ['out/changes.json']),
});
add({
  id: 'text-utf16le-bom',
  group: 'text encodings',
  accept: [0],
  prepare: (dir) => compareWith(dir, utf16('First paragraph.\n\nSecond paragraph.\n', false, true), 'utf16bom.txt', ['out/changes.json']),
});

const md = (id: string, text: () => string, accept: readonly number[] = [0, 2], large = false): void =>
  add({ id: `markdown-${id}`, group: 'Markdown', accept, ...(large && { large }), prepare: (dir) => compareWith(dir, text(), `${id}.md`, ['out/redline.docx', 'out/changes.json']) });
md('list-nested-11', () => Array.from({ length: 11 }, (_, i) => `${'  '.repeat(i)}- item ${i + 1}`).join('\n'), [0]);
md('list-nested-10000', () => Array.from({ length: 10_000 }, (_, i) => `${'  '.repeat(i)}- item`).join('\n'));
md('blockquote-nested-100000', () => `${'>'.repeat(100_000)} quoted\n`);
md('word-10MB', () => 'a'.repeat(10 << 20));
md('underscore-a-400KB', () => '_a'.repeat(200_000));
md('star-a-400KB', () => '*a'.repeat(200_000));
md('brackets-400KB', () => '['.repeat(200_000) + ']('.repeat(200_000));
md('table-100000-rows', () => `| a | b |\n|---|---|\n${'| x | y |\n'.repeat(100_000)}`, [0, 2], true);

for (const [name, [open, close]] of Object.entries(INLINE_NESTING)) {
  add({
    id: `nesting-${name}-${DEEP}`,
    group: 'deep XML nesting',
    accept: [0, 2],
    prepare: (dir) => compareWith(dir, buildPackage({ body: `<w:p>${nest(open, close, DEEP, RUN)}</w:p>` }), `${name}.docx`),
  });
}
for (const [name, [open, close, depth]] of Object.entries(BLOCK_NESTING)) {
  add({
    id: `nesting-${name}`,
    group: 'deep XML nesting',
    accept: [0, 2],
    prepare: (dir) => compareWith(dir, buildPackage({ body: nest(open, close, depth, para('deep')) }), `${name}.docx`, ['out/redline.docx', 'out/redline.pdf']),
  });
}
add({
  id: 'nesting-footnote-table-10000',
  group: 'deep XML nesting',
  accept: [0, 2],
  prepare: (dir) =>
    compareWith(
      dir,
      buildPackage({
        body: `<w:p><w:r><w:t>x</w:t></w:r><w:r><w:footnoteReference w:id="1"/></w:r></w:p>`,
        footnotes: `<w:footnote w:id="1">${nest('<w:tbl><w:tr><w:tc>', `${para('c')}</w:tc></w:tr></w:tbl>`, 10_000, para('note'))}</w:footnote>`,
      }),
      'fn.docx',
    ),
});
add({
  id: 'nesting-math-100000',
  group: 'deep XML nesting',
  accept: [0, 2],
  prepare: (dir) => compareWith(dir, buildPackage({ body: mathNesting(DEEP) }), 'math.docx', ['out/redline.docx', 'out/redline.pdf']),
});

const special = (id: string, make: (dir: string) => string): void =>
  add({
    id: `special-${id}`,
    group: 'special files',
    accept: [2],
    prepare: (dir) => ['compare', make(dir), write(dir, 'good.docx', buildPackage({ body: SMALL })), '-o', join(dir, 'out/redline.docx')],
  });
special('fifo', (dir) => {
  const path = join(dir, 'fifo.docx');
  execFileSync('mkfifo', [path]);
  return path;
});
special('dev-zero-symlink', (dir) => {
  symlinkSync('/dev/zero', join(dir, 'zero.docx'));
  return join(dir, 'zero.docx');
});
special('dev-urandom-symlink', (dir) => {
  symlinkSync('/dev/urandom', join(dir, 'random.txt'));
  return join(dir, 'random.txt');
});
special('directory', (dir) => {
  mkdirSync(join(dir, 'folder.docx'));
  return join(dir, 'folder.docx');
});
add({
  id: 'special-manifest-dev-zero',
  group: 'special files',
  accept: [2],
  prepare: (dir) => {
    symlinkSync('/dev/zero', join(dir, 'release.yaml'));
    return ['release', join(dir, 'release.yaml'), '-o', join(dir, 'out')];
  },
});

const xmlPart = (id: string, part: string, bytes: () => Uint8Array, accept: readonly number[]): void =>
  add({
    id,
    group: 'part encodings',
    accept,
    prepare: (dir) =>
      compareWith(dir, buildPackage({ body: `<w:p><w:r><w:t>x</w:t></w:r><w:r><w:footnoteReference w:id="1"/></w:r></w:p>`, footnotes: para('a note'), rawParts: { [part]: bytes() } }), `${id}.docx`),
  });
const footnotesXml = `<?xml version="1.0" encoding="UTF-16" standalone="yes"?>\n<w:footnotes xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:footnote w:type="separator" w:id="-1"><w:p/></w:footnote><w:footnote w:id="1"><w:p><w:r><w:t>a note in UTF-16</w:t></w:r></w:p></w:footnote></w:footnotes>`;
xmlPart('part-utf16le-bom', 'word/footnotes.xml', () => utf16(footnotesXml, false, true), [0]);
xmlPart('part-utf16be-bom', 'word/footnotes.xml', () => utf16(footnotesXml, true, true), [0]);
xmlPart('part-utf16le-no-bom', 'word/footnotes.xml', () => utf16(footnotesXml, false, false), [0, 2]);
xmlPart('part-utf8-bom', 'word/footnotes.xml', () => new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(footnotesXml.replace('UTF-16', 'UTF-8'))]), [0]);
xmlPart('part-utf16-malformed', 'word/footnotes.xml', () => utf16(footnotesXml.slice(0, -20), false, true), [2]);
xmlPart('part-latin1-declared', 'word/footnotes.xml', () => Uint8Array.from(footnotesXml.replace('UTF-16', 'ISO-8859-1').replace('a note', 'caf\u00e9 note'), (c) => c.charCodeAt(0)), [0, 2]);

add({
  id: 'release-state-malformed-entry',
  group: 'release files',
  accept: [0],
  prepare: (dir) => {
    const manifest = releaseFolder(dir);
    mkdirSync(join(dir, 'out'));
    writeFileSync(join(dir, 'out', '.redline-state.json'), JSON.stringify({ documents: { doc: {} } }));
    return ['release', manifest, '-o', join(dir, 'out'), '-q'];
  },
});
add({
  id: 'release-state-null-result',
  group: 'release files',
  accept: [0],
  prepare: (dir) => {
    const manifest = releaseFolder(dir);
    mkdirSync(join(dir, 'out'));
    writeFileSync(
      join(dir, 'out', '.redline-state.json'),
      JSON.stringify({ documents: { doc: { fingerprint: 'x', outputs: {}, result: null }, gone: { fingerprint: 'y', outputs: { '../../escape.txt': 'z' }, result: null } } }),
    );
    return ['release', manifest, '-o', join(dir, 'out'), '-q'];
  },
});
add({ id: 'release-long-document-id', group: 'release files', accept: [2], prepare: (dir) => ['release', releaseFolder(dir, 'd'.repeat(300)), '-o', join(dir, 'out'), '-q'] });
add({ id: 'release-long-version', group: 'release files', accept: [2], prepare: (dir) => ['release', releaseFolder(dir, 'doc', '9'.repeat(300)), '-o', join(dir, 'out'), '-q'] });
// A location that cannot be created even by root (read-only and full file systems: see the tests).
add({ id: 'release-output-cannot-be-created', group: 'output locations', accept: [2], prepare: (dir) => ['release', releaseFolder(dir), '-o', '/proc/redline-no-such-folder/out', '-q'] });
add({ id: 'release-output-under-a-file', group: 'output locations', accept: [2, 5], prepare: (dir) => ['release', releaseFolder(dir), '-o', join(write(dir, 'plain-file', 'x'), 'out'), '-q'] });
add({
  id: 'compare-output-under-a-file',
  group: 'output locations',
  accept: [2],
  prepare: (dir) => {
    // A file where the output folder should be.
    write(dir, 'plain', 'x');
    return compareWith(dir, buildPackage({ body: para('x') }), 'x.docx', ['plain/redline.docx']);
  },
});
add({
  id: 'release-symlink-document-folder',
  group: 'output confinement',
  accept: [2, 5],
  prepare: (dir) => {
    const manifest = releaseFolder(dir);
    mkdirSync(join(dir, 'out'));
    mkdirSync(join(dir, 'elsewhere'));
    symlinkSync(join(dir, 'elsewhere'), join(dir, 'out', 'doc'));
    return ['release', manifest, '-o', join(dir, 'out'), '--force', '-q'];
  },
});
add({
  id: 'release-state-deletes-through-symlink',
  group: 'output confinement',
  accept: [0, 2, 5],
  prepare: (dir) => {
    const manifest = releaseFolder(dir);
    mkdirSync(join(dir, 'out'));
    mkdirSync(join(dir, 'elsewhere'));
    writeFileSync(join(dir, 'elsewhere', 'victim.txt'), 'must survive');
    symlinkSync(join(dir, 'elsewhere'), join(dir, 'out', 'link'));
    const result = {
      id: 'gone',
      title: 'Gone',
      previousVersion: '1',
      newVersion: '2',
      conformed: false,
      status: 'ok',
      outputs: [{ kind: 'json', file: 'link/victim.txt' }],
      declaredSources: [],
      changes: 0,
      byKind: {},
      bySource: {},
      unattributed: 0,
    };
    writeFileSync(join(dir, 'out', '.redline-state.json'), JSON.stringify({ documents: { gone: { fingerprint: 'x', outputs: { 'link/victim.txt': 'h', '../elsewhere/victim.txt': 'h' }, result } } }));
    return ['release', manifest, '-o', join(dir, 'out'), '-q'];
  },
});

/** Every case, in catalogue order. */
export const EXTREME_CASES: readonly ExtremeCase[] = cases;

/** Files a case must leave untouched (outside its output folder), checked after the run. */
export const GUARDED_FILES: Readonly<Record<string, readonly string[]>> = {
  'release-state-deletes-through-symlink': ['elsewhere/victim.txt'],
};
