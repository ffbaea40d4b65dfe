/**
 * The documents the fuzz cases start from: a numbered legal text with a table, a footnote and
 * tracked changes as DOCX parts (mutated part by part), and the same text as plain text and
 * Markdown. Each seed is small, so that a case runs in about a second.
 */

import type { Random } from '../synthetic/random.js';
import { packageParts, para } from './docx-package.js';

const CLAUSES = [
  'The Supplier shall notify the Authority of any Security Incident within 24 hours.',
  'Each Party shall keep the Confidential Information of the other Party secret.',
  'The Panel may, by notice, require a Party to provide information it reasonably requests.',
  'Where a Modification Proposal is approved, the Code Administrator shall implement it.',
  'Nothing in this Section G limits the obligations of a User under Section H.',
  'Any dispute shall be referred to the Panel for determination in accordance with Section M.',
];

const NUMBERING =
  '<w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="G%1"/></w:lvl>' +
  '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="(%2)"/></w:lvl>' +
  '<w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="lowerRoman"/><w:lvlText w:val="(%3)"/></w:lvl></w:abstractNum>' +
  '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>';

function clause(text: string, level: number): string {
  return para(text, `<w:numPr><w:ilvl w:val="${level}"/><w:numId w:val="1"/></w:numPr>`);
}

function cell(text: string): string {
  return `<w:tc><w:tcPr><w:tcW w:w="3000" w:type="dxa"/></w:tcPr>${para(text)}</w:tc>`;
}

/** A version of the seed document: `variant` edits some clauses, so two variants differ. */
export function seedBody(random: Random, variant: number): string {
  const parts: string[] = [para('Section G: Security', '<w:pStyle w:val="Heading1"/>')];
  CLAUSES.forEach((text, i) => {
    const edited = variant > 0 && (i + variant) % 3 === 0 ? text.replace(/shall/, random.pick(['must', 'shall promptly', 'may'])) : text;
    parts.push(clause(edited, i % 3));
  });
  parts.push(`<w:tbl><w:tblPr><w:tblW w:w="9000" w:type="dxa"/></w:tblPr><w:tblGrid><w:gridCol w:w="3000"/><w:gridCol w:w="3000"/><w:gridCol w:w="3000"/></w:tblGrid>`);
  for (let r = 0; r < 3; r++) parts.push(`<w:tr>${cell(`Term ${r + 1}`)}${cell(`Meaning ${r + 1}${variant === r ? ' (amended)' : ''}`)}${cell(String(r * 7))}</w:tr>`);
  parts.push('</w:tbl>');
  parts.push('<w:p><w:r><w:t xml:space="preserve">See the note</w:t></w:r><w:r><w:footnoteReference w:id="1"/></w:r><w:r><w:t>.</w:t></w:r></w:p>');
  parts.push(
    `<w:p><w:ins w:id="90" w:author="Drafter"><w:r><w:t>Inserted by a drafter${variant}.</w:t></w:r></w:ins><w:del w:id="91" w:author="Drafter"><w:r><w:delText>Deleted text.</w:delText></w:r></w:del></w:p>`,
  );
  return parts.join('');
}

export function seedParts(random: Random, variant: number): Map<string, Uint8Array> {
  return packageParts({ body: seedBody(random, variant), numbering: NUMBERING, footnotes: `<w:footnote w:id="1">${para(`A footnote of version ${variant}.`)}</w:footnote>` });
}

export function seedText(variant: number): string {
  return `Section G: Security\n\n${CLAUSES.map((c, i) => `G${i + 1} ${variant > 0 && i % 3 === variant % 3 ? c.replace('shall', 'must') : c}`).join('\n\n')}\n`;
}

export function seedMarkdown(variant: number): string {
  const items = CLAUSES.map((c, i) => `${'   '.repeat(i % 3)}1. ${variant > 0 && i === variant % CLAUSES.length ? c.replace('shall', '**must**') : c}`).join('\n');
  return `# Section G\n\n${items}\n\n> A quoted _note_ with \`code\`.\n\n| Term | Meaning |\n|---|---|\n| A | one |\n| B | two${variant} |\n`;
}
