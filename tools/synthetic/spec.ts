/**
 * A synthetic code document as plain data (parts, numbered clauses with limbs, definitions and
 * matrix tables, footnotes), generated from a seed. Edits address clauses and rows by id, so the
 * true change between two generated versions is known.
 */
import { cellText, clauseText, definitionText, termName } from './legal-text.js';
import { Random } from './random.js';

export interface LimbSpec {
  readonly id: string;
  readonly text: string;
  readonly limbs: readonly LimbSpec[];
}

export interface ClauseSpec {
  readonly id: string;
  readonly text: string;
  readonly limbs: readonly LimbSpec[];
  /** A footnote attached to the end of the clause text. */
  readonly footnote?: string;
}

export interface RowSpec {
  readonly id: string;
  readonly cells: readonly string[];
}

export interface TableSpec {
  readonly id: string;
  readonly kind: 'definitions' | 'matrix';
  readonly header: readonly string[];
  readonly rows: readonly RowSpec[];
}

export interface PartSpec {
  readonly id: string;
  readonly heading: string;
  readonly clauses: readonly ClauseSpec[];
  readonly table?: TableSpec;
}

export interface DocSpec {
  readonly id: string;
  readonly title: string;
  /** The section letter that prefixes clause numbers (`G` gives G1, G1.1, G1.1(a)). */
  readonly prefix: string;
  readonly parts: readonly PartSpec[];
}

export interface GenerateOptions {
  readonly id: string;
  readonly title: string;
  readonly prefix: string;
  /** About how many words of text. */
  readonly words: number;
  readonly seed: number;
  /** Rows of a definitions table in the first part (0: none). */
  readonly definitions?: number;
  /** Rows and columns of a matrix table in the last part (0 rows: none). */
  readonly matrixRows?: number;
  readonly matrixColumns?: number;
  /** One clause in this many has a footnote (0: none). */
  readonly footnoteEvery?: number;
}

const PART_HEADINGS = [
  'Introduction',
  'Scope and Application',
  'Obligations of the Parties',
  'Security Requirements',
  'Incident Management',
  'Testing and Assurance',
  'Release Management',
  'Data Retention',
  'Performance Reporting',
  'Audit',
  'Suspension and Termination',
  'Transitional Arrangements',
];

export function generateDocSpec(options: GenerateOptions): DocSpec {
  const random = new Random(options.seed);
  const terms = new Set<string>();
  const parts: PartSpec[] = [];

  let clauseCount = 0;
  const partCount = Math.max(2, Math.round(options.words / 2500));
  const wordsPerPart = options.words / partCount;
  for (let p = 1; p <= partCount; p++) {
    const clauses: ClauseSpec[] = [];
    let partWords = 0;
    for (let c = 1; partWords < wordsPerPart; c++) {
      clauseCount++;
      const id = `${options.id}-${p}.${c}`;
      const text = clauseText(random, 1 + random.int(3));
      const limbs: LimbSpec[] = [];
      if (random.chance(0.35)) {
        for (let l = 1; l <= 2 + random.int(3); l++) {
          const sub: LimbSpec[] = random.chance(0.2) ? [1, 2].map((s) => ({ id: `${id}.${l}.${s}`, text: clauseText(random, 1), limbs: [] })) : [];
          limbs.push({ id: `${id}.${l}`, text: clauseText(random, 1), limbs: sub });
        }
      }
      const footnote = options.footnoteEvery && clauseCount % options.footnoteEvery === 0 ? `See the guidance note published by the Panel for clause ${c}.` : undefined;
      const clause: ClauseSpec = { id, text, limbs, ...(footnote !== undefined && { footnote }) };
      clauses.push(clause);
      partWords += countWords(clause);
    }

    let table: TableSpec | undefined;
    if (p === 1 && options.definitions) {
      table = {
        id: `${options.id}-definitions`,
        kind: 'definitions',
        header: ['Term', 'Definition'],
        rows: Array.from({ length: options.definitions }, (_, r) => ({ id: `${options.id}-def-${r + 1}`, cells: [termName(random, terms), definitionText(random)] })).sort((a, b) =>
          (a.cells[0] as string).localeCompare(b.cells[0] as string),
        ),
      };
    }
    if (p === partCount && options.matrixRows) {
      const columns = options.matrixColumns ?? 6;
      table = {
        id: `${options.id}-matrix`,
        kind: 'matrix',
        header: ['Requirement', ...Array.from({ length: columns - 1 }, (_, i) => `Role ${String.fromCharCode(65 + i)}`)],
        rows: Array.from({ length: options.matrixRows }, (_, r) => ({
          id: `${options.id}-row-${r + 1}`,
          cells: [`${options.prefix}-R${String(r + 1).padStart(3, '0')}`, ...Array.from({ length: columns - 1 }, () => cellText(random))],
        })),
      };
    }
    parts.push({ id: `${options.id}-${p}`, heading: PART_HEADINGS[(p - 1) % PART_HEADINGS.length] as string, clauses, ...(table && { table }) });
  }
  return { id: options.id, title: options.title, prefix: options.prefix, parts };
}

export function countWords(clause: ClauseSpec | LimbSpec): number {
  const own = clause.text.split(/\s+/).length;
  return own + clause.limbs.reduce((n, l) => n + countWords(l), 0);
}

/** Every word of the document's text, in reading order (for measuring edits). */
export function specWords(spec: DocSpec): number {
  let total = 0;
  for (const part of spec.parts) {
    total += part.heading.split(/\s+/).length;
    for (const clause of part.clauses) total += countWords(clause);
    if (part.table) for (const row of part.table.rows) for (const cell of row.cells) total += cell.split(/\s+/).length;
  }
  return total;
}
