/**
 * The normalised document model: the contract between importers, the diff core and exporters.
 *
 * Importers only produce it; exporters only consume it. Every node that came from OOXML keeps its
 * original XML (`props`, `xml`) so that exporters can write the user's own formatting back.
 */

/** Direct run formatting that the comparison looks at (and the PDF exporter draws). */
export interface RunFormat {
  readonly bold?: boolean;
  readonly italic?: boolean;
  /** The underline style (`single`, `double`, …) when underlined. */
  readonly underline?: string;
  readonly strike?: boolean;
  readonly doubleStrike?: boolean;
  readonly vertAlign?: 'superscript' | 'subscript';
  readonly smallCaps?: boolean;
  readonly caps?: boolean;
  readonly font?: string;
  /** Size in points. */
  readonly size?: number;
  /** `RRGGBB`. */
  readonly color?: string;
  readonly highlight?: string;
  /** Character style id. */
  readonly styleId?: string;
}

/**
 * A wrapper around runs that must be written back around them (a hyperlink, a content control,
 * custom XML, a smart tag), with the wrapper it sits in, if any.
 */
export interface InlineWrapper {
  /** Unique within its document: consecutive runs with the same id share one wrapper. */
  readonly id: string;
  /**
   * The same in both versions for the same wrapper (a content control's `w:id`, a link's
   * target): deleted runs that stood in a wrapper the new version still has are written inside
   * it, so that a word changed inside a control does not split the control in two.
   */
  readonly key: string;
  readonly kind: 'hyperlink' | 'content-control' | 'custom-xml' | 'smart-tag' | 'bidi';
  /** The wrapper's start tag(s) as written in the source (`<w:hyperlink r:id="rId4">`). */
  readonly open: string;
  readonly close: string;
  /** For hyperlinks: the link target, for comparison and the PDF. */
  readonly target?: string;
  /** The wrapper this one sits in. */
  readonly parent?: InlineWrapper;
}

interface InlineBase {
  /** Effective formatting (styles resolved), for rendering. */
  readonly format: RunFormat;
  /** Formatting set on the run itself, which is what a formatting change compares. */
  readonly direct: RunFormat;
  /** The run's `w:rPr` as written in the source. */
  readonly props?: string;
  readonly wrapper?: InlineWrapper;
}

/** A run of text with its formatting. */
export interface TextRun extends InlineBase {
  readonly type: 'text';
  readonly text: string;
}

/** The kinds of atom: tabs, breaks, symbols, pictures, equations, fields, note references, text boxes, content controls and others. */
export type AtomKind =
  | 'tab'
  | 'break'
  | 'page-break'
  | 'column-break'
  | 'symbol'
  | 'image'
  | 'drawing'
  | 'math'
  | 'object'
  | 'field-char'
  | 'field-code'
  | 'simple-field'
  | 'note-reference'
  | 'note-mark'
  | 'textbox'
  | 'content-control'
  | 'other';

/**
 * Anything inline that is not plain text: kept as its original XML and compared by `key` (its
 * content, not its ids). `text` is what it contributes to the plain text of its paragraph.
 */
export interface Atom extends InlineBase {
  readonly type: 'atom';
  readonly kind: AtomKind;
  readonly text: string;
  readonly key: string;
  /** The run content as written (`<w:tab/>`, `<w:drawing>…</w:drawing>`), without the `w:r`. */
  readonly xml: string;
  /** When `xml` is a whole run-level element (`w:fldSimple`, `m:oMath`, `w:sdt`) not run content. */
  readonly isRunLevel?: boolean;
  /** For note references: which note. */
  readonly note?: { readonly kind: NoteKind; readonly id: string };
  /** For text boxes: the stories inside, compared as stories of their own. */
  readonly stories?: readonly (readonly Block[])[];
}

/**
 * Zero-width markup kept in place but never compared: bookmarks, comment anchors and references,
 * permission ranges, proofing marks.
 */
export interface Marker {
  readonly type: 'marker';
  readonly xml: string;
  /**
   * For the start, end or reference of a range (a bookmark, a comment, a permission range): the
   * range, named the same in both versions (`bookmark _Ref12`; a comment by its author and text),
   * so that a range of the old version in deleted text can be carried into the redline and one
   * both versions have is written once, where both views need it. Absent for proofing marks.
   */
  readonly range?: MarkerRange;
}

export interface MarkerRange {
  readonly name: string;
  readonly role: 'start' | 'end' | 'reference';
}

/** What a paragraph holds: text runs, atoms (anything inline that is not plain text) and markers (bookmarks, comment anchors). */
export type Inline = TextRun | Atom | Marker;

/** Paragraph layout resolved from direct formatting and styles, in points. */
export interface ParagraphLayout {
  readonly align?: 'left' | 'center' | 'right' | 'both';
  readonly indentLeft?: number;
  readonly indentRight?: number;
  /** Positive: first-line indent; negative: hanging indent. */
  readonly indentFirstLine?: number;
  readonly spaceBefore?: number;
  readonly spaceAfter?: number;
  readonly keepWithNext?: boolean;
  readonly pageBreakBefore?: boolean;
  /** `w:bidi`: a right-to-left paragraph (Arabic, Hebrew); absent when the source does not say. */
  readonly rightToLeft?: boolean;
}

/** A paragraph's automatic number: the label Word shows (`G3.5`, `(a)`, `(iii)`) and the list and level it comes from. */
export interface Numbering {
  readonly numId: string;
  readonly level: number;
  /** The label Word shows, e.g. `G3.5`, `(a)`, `(iii)`, `•`. */
  readonly label: string;
  readonly isBullet: boolean;
  /**
   * A number typed at the start of the paragraph (text and Markdown inputs), recognised as its
   * label: not in the paragraph's text, written back as text with the white space after it.
   */
  readonly typed?: { readonly separator: string };
}

/** A paragraph: its inlines, its clause number (as Word shows it), its style and layout, and its original XML. */
export interface Paragraph {
  readonly type: 'paragraph';
  readonly styleId?: string;
  readonly styleName?: string;
  /** 1-9 for headings (from the style or outline level). */
  readonly headingLevel?: number;
  readonly numbering?: Numbering;
  readonly layout: ParagraphLayout;
  readonly inlines: readonly Inline[];
  /** The paragraph's `w:pPr` as written (tracked-change markup removed). */
  readonly props?: string;
  /** The whole `w:p` as written; absent when it held tracked changes (it is then rebuilt). */
  readonly xml?: string;
  /** The `w:p` start tag as written (keeps `w14:paraId`, which comments may point at). */
  readonly open?: string;
  /** The `w:rPr` of the paragraph mark, when the source had one. */
  readonly markProps?: string;
  /**
   * Markup written before this block that belongs to no block (bookmarks at body level); it is
   * also among the inlines, as markers at the start, for when the paragraph is written anew.
   */
  readonly leading?: string;
  /** Likewise markup after the last block of a story or container (a bookmark end before the final `w:sectPr`). */
  readonly trailing?: string;
  readonly container?: BlockContainer;
}

/** A border line: width in points, `RRGGBB` colour (automatic when absent). */
export interface Border {
  readonly width: number;
  readonly color?: string;
  readonly double?: boolean;
}

/** A table's borders, resolved from its properties and style; null where there is none. */
export interface TableBorders {
  readonly top: Border | null;
  readonly bottom: Border | null;
  readonly left: Border | null;
  readonly right: Border | null;
  readonly insideH: Border | null;
  readonly insideV: Border | null;
}

/** A table cell: its blocks (a story of its own), its span and vertical merge. */
export interface TableCell {
  readonly blocks: readonly Block[];
  /** Background fill `RRGGBB` (`w:shd`: the cell's own, else the table's or its style's). */
  readonly shading?: string;
  /** The cell's own borders (`w:tcBorders`), over the table's; null: explicitly none. */
  readonly borders?: Readonly<Partial<Record<'top' | 'bottom' | 'left' | 'right', Border | null>>>;
  readonly props?: string;
  readonly gridSpan: number;
  readonly vMerge?: 'restart' | 'continue';
  /** Width in points, when given. */
  readonly width?: number;
  /** A cell-level content control (or custom XML) around this cell and its neighbours. */
  readonly container?: BlockContainer;
}

/** A table row: its cells, and whether it repeats as a header row. */
export interface TableRow {
  readonly cells: readonly TableCell[];
  readonly props?: string;
  readonly isHeader: boolean;
  /** The `w:tr` start tag as written (keeps `w14:paraId` and friends). */
  readonly open?: string;
  /** The row's table-property exceptions (`w:tblPrEx`), written before its properties. */
  readonly exceptions?: string;
  /** Bookmarks and similar markers at row level, written back before the cells. */
  readonly markers?: string;
  /** A row-level content control (or custom XML) around this row and its neighbours. */
  readonly container?: BlockContainer;
}

/** A table: its rows, column widths and original XML. */
export interface Table {
  readonly type: 'table';
  readonly rows: readonly TableRow[];
  readonly props?: string;
  readonly grid?: string;
  /** Column widths in points, from the grid. */
  readonly columnWidths: readonly number[];
  /** The borders a DOCX gives the table; absent for tables of text and Markdown (drawn as a grid). */
  readonly borders?: TableBorders;
  readonly xml?: string;
  readonly leading?: string;
  readonly trailing?: string;
  readonly container?: BlockContainer;
}

/** A block-level element we do not model (kept verbatim, compared by key). */
export interface OpaqueBlock {
  readonly type: 'opaque';
  readonly text: string;
  readonly key: string;
  readonly xml: string;
  readonly leading?: string;
  readonly trailing?: string;
  readonly container?: BlockContainer;
}

/** A top-level block of a story: a paragraph, a table, or an element kept as it was (opaque). */
export type Block = Paragraph | Table | OpaqueBlock;

/**
 * A wrapper (content control, custom XML) around consecutive blocks, or around rows or cells of
 * a table.
 */
export interface BlockContainer {
  /** Unique within its document. */
  readonly id: string;
  /** The same in both versions for the same container (see {@link InlineWrapper.key}). */
  readonly key: string;
  readonly open: string;
  readonly close: string;
  readonly parent?: BlockContainer;
}

/** Footnote or endnote. */
export type NoteKind = 'footnote' | 'endnote';

/** A footnote or endnote: its id and blocks. */
export interface Note {
  readonly kind: NoteKind;
  readonly id: string;
  readonly blocks: readonly Block[];
  /** The `w:footnote`/`w:endnote` start tag as written. */
  readonly open?: string;
}

/** Header or footer. */
export type StoryKind = 'header' | 'footer';

/** A header or footer part. */
export interface Story {
  readonly kind: StoryKind;
  /** `default`, `first` or `even`, from the section that uses it. */
  readonly variant: string;
  readonly part: string;
  readonly blocks: readonly Block[];
}

/** The format a version was read from. */
export type SourceFormat = 'docx' | 'text' | 'markdown';

/** Which view of a document that carries tracked changes was read. */
export type RevisionView = 'after' | 'before';

/** A version of a document as every stage sees it: its stories (body, notes, headers and footers), its name and format, and for DOCX its package. */
export interface Document {
  readonly name: string;
  readonly format: SourceFormat;
  readonly title?: string;
  /** When the version was last modified (`dcterms:modified` of a DOCX), ISO 8601 in UTC. */
  readonly modified?: string;
  /** The language text is in unless it says otherwise (BCP 47, `en-GB`), from the DOCX's defaults. */
  readonly language?: string;
  readonly body: readonly Block[];
  readonly footnotes: readonly Note[];
  readonly endnotes: readonly Note[];
  readonly headers: readonly Story[];
  readonly footers: readonly Story[];
  /** True when the source carried tracked changes (the model holds one view of them). */
  readonly hadTrackedChanges: boolean;
  /** For DOCX sources: the package, so exporters can keep styles, numbering and page setup. */
  readonly docx?: DocxSource;
}

/** What an exporter needs from a DOCX source to write into its package. */
export interface DocxSource {
  /** All parts of the package, by part name. */
  readonly parts: ReadonlyMap<string, Uint8Array>;
  readonly mainPart: string;
  /** The main part's XML text before and after the body's blocks. */
  readonly bodyPrefix: string;
  readonly bodySuffix: string;
}
