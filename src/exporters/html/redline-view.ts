/**
 * The HTML redline's markup and the style rules it needs, shared by the self-contained page
 * (`to-html.ts`) and the browser app, which shows the same view inside its own page.
 *
 * A header (title, versions, the key of sources and colours, the controls), a side panel (the
 * verification findings, filters by source and kind, the list of every change linking to it) and
 * the document. Without the viewer script it is still a readable, linked, printable redline.
 */
import type { AttributionReport, SourceEditIssue } from '../../attribution/report.js';
import { type Change, type ChangeKind, isRenumberOnly, summariseChanges } from '../../model/change-set.js';
import type { Redline } from '../../model/redline.js';
import { fileName } from '../../util/file-name.js';
import { citation, moveEnds } from '../change-citation.js';
import { ChangePalette } from '../pdf/change-palette.js';
import type { Rgb } from '../pdf/colour.js';
import { CHANGE_KIND_LABELS, clauseOf, excerpt } from '../pdf/summary-pages.js';
import { changeAnchor, clauseAnchor, DocumentMarkup } from './document-markup.js';
import { escapeHtml } from './escape.js';
import { DocumentStyles } from './page-style.js';

export interface RedlineViewOptions {
  /** Default: the new version's title, or its file name. */
  readonly title?: string;
  readonly subtitle?: string;
  /** The attribution report: its findings are listed and linked. */
  readonly report?: AttributionReport;
  /** The order sources take their colours in (a release's manifest order); default the redline's. */
  readonly sourceOrder?: readonly string[];
}

export interface RedlineView {
  readonly title: string;
  /** The redline's root element (`.rl`) and everything in it. */
  readonly html: string;
  /** The rules for this document's colours, layouts and column widths (with `REDLINE_CSS`). */
  readonly css: string;
}

/** The change list's excerpts are cut to a line. */
const EXCERPT_LENGTH = 90;
/** The characters a place fits in its column of the list (`G12.34(a)(iv)`). */
const LONG_PLACE = 12;
const KIND_ORDER = Object.keys(CHANGE_KIND_LABELS) as ChangeKind[];
/** The source filter's value for changes no source explains (renumbering, which no source makes, is not counted under it). */
const NO_SOURCE = '';

export function redlineView(redline: Redline, options: RedlineViewOptions = {}): RedlineView {
  const palette = new ChangePalette(redline, options.sourceOrder);
  const styles = new DocumentStyles();
  const colour = (rgb: Rgb): string => styles.colourClass(rgb);
  const markup = new DocumentMarkup(redline, palette, styles);
  const document = markup.render();
  const title = options.title ?? redline.new.title ?? fileName(redline.new.name);
  const count = redline.changes.length;
  const { total, renumbered } = summariseChanges(redline.changes);

  const legend = palette
    .legend(redline)
    .map(
      (entry) =>
        `<li><span class="rl-chip ${colour(entry.colour)}"></span><span>${escapeHtml(entry.label)}${entry.title === undefined ? '' : ` <small>${escapeHtml(entry.title)}</small>`}</span></li>`,
    );
  const head = `<header class="rl-head">
<div class="rl-titles"><h1>${escapeHtml(title)}</h1>${options.subtitle === undefined ? '' : `<p>${escapeHtml(options.subtitle)}</p>`}<p>Old: ${escapeHtml(fileName(redline.old.name))} · New: ${escapeHtml(fileName(redline.new.name))} · ${counted(total, renumbered)}</p></div>
<ul class="rl-legend" aria-label="Key">${legend.join('')}</ul>
<div class="rl-tools rl-needs-js" role="toolbar" aria-label="Changes">
<button type="button" data-action="previous" aria-keyshortcuts="p Alt+ArrowUp" title="Previous change (p, Alt+↑)">◀ Previous</button>
<button type="button" data-action="next" aria-keyshortcuts="n Alt+ArrowDown" title="Next change (n, Alt+↓)">Next ▶</button>
<button type="button" data-action="view" aria-pressed="false">Side by side</button>
<span class="rl-status" role="status" aria-live="polite"></span>
</div>
</header>`;

  // Clauses only renumbered are listed apart, after the changes, so they never drown them.
  const item = (change: Change): string => changeItem(change, colour(palette.colour(change.id)), palette.hasSources);
  const list = redline.changes.filter((change) => !isRenumberOnly(change)).map(item);
  const renumberedList = redline.changes.filter(isRenumberOnly).map(item);
  const side = `<div class="rl-side">
${findings(redline, options.report, markup.anchoredClauses)}
<nav class="rl-changes" aria-labelledby="rl-changes-title">
<h2 id="rl-changes-title">Changes</h2>
${filters(redline, palette.hasSources)}
<p class="rl-shown rl-needs-js">Showing <span data-count="shown">${count}</span> of ${count}</p>
<ol class="rl-list">
${[...list, ...renumberedHeading(renumberedList.length), ...renumberedList].join('\n')}
</ol>
</nav>
</div>`;

  const html = `<div class="rl">
<a class="rl-skip" href="#rl-document">Skip to the document</a>
${head}
<div class="rl-body">
${side}
<main class="rl-doc" id="rl-document" tabindex="-1" aria-label="Redline of ${escapeHtml(title)}">
<article class="rl-article rl-text" data-old-name="${escapeHtml(fileName(redline.old.name))}" data-new-name="${escapeHtml(fileName(redline.new.name))}">
${document}
</article>
</main>
</div>
</div>`;
  return { title, html, css: styles.css() };
}

/** The header's count: changes, and clauses only renumbered apart ("75 changes · 146 clauses only renumbered"). */
function counted(total: number, renumbered: number): string {
  const changes = `${total} change${total === 1 ? '' : 's'}`;
  return renumbered === 0 ? changes : `${changes} · ${renumbered} clause${renumbered === 1 ? '' : 's'} only renumbered`;
}

/** The line that sets the renumbered clauses apart in the list (one scrolling list, so not a list of its own). */
function renumberedHeading(count: number): string[] {
  return count === 0 ? [] : [`<li class="rl-list-apart" role="presentation">Clauses only renumbered (${count})</li>`];
}

/** Where a change is, as the list cites it: a move by both its ends (`G24.42 → G8.24`). */
function listedPlace(change: Change): string {
  if (change.kind !== 'move') return clauseOf(change);
  const { from, to } = moveEnds(change);
  return `${citation(from)} → ${citation(to)}`;
}

/** One entry of the list: clause, kind, sources, a few words; a link to the change. */
function changeItem(change: Change, colourClass: string, hasSources: boolean): string {
  const sources = change.sources.length > 0 ? change.sources.join(', ') : hasSources && change.kind !== 'renumber' ? 'Unattributed' : '';
  const words = excerpt(change);
  const cut = words.length > EXCERPT_LENGTH ? `${words.slice(0, EXCERPT_LENGTH - 1)}…` : words;
  const place = listedPlace(change);
  // A place longer than its column (a move's two ends, a table row) takes a line of its own rather than being cut.
  const layout = place.length > LONG_PLACE ? ' class="rl-long-place"' : '';
  return `<li data-change-ref="${escapeHtml(change.id)}" data-sources="${escapeHtml(change.sources.join(' '))}" data-kind="${change.kind}"><a href="#${changeAnchor(change.id)}"${layout}><span class="rl-chip ${colourClass}"></span><span class="rl-where">${escapeHtml(place)}</span><span class="rl-what">${CHANGE_KIND_LABELS[change.kind]}${sources === '' ? '' : ` · ${escapeHtml(sources)}`}</span><span class="rl-words">${escapeHtml(cut)}</span></a></li>`;
}

/** Check boxes by source (with sources) and by kind, each with its count (the viewer keeps it current). */
function filters(redline: Redline, hasSources: boolean): string {
  const counts = new Map<string, number>();
  const kinds = new Map<ChangeKind, number>();
  for (const change of redline.changes) {
    kinds.set(change.kind, (kinds.get(change.kind) ?? 0) + 1);
    if (isRenumberOnly(change)) continue; // no source makes a renumbering: it is no unattributed change
    for (const source of change.sources.length > 0 ? change.sources : [NO_SOURCE]) counts.set(source, (counts.get(source) ?? 0) + 1);
  }
  const box = (group: 'source' | 'kind', value: string, label: string, n: number): string =>
    `<label><input type="checkbox" data-filter="${group}" value="${escapeHtml(value)}" checked> ${escapeHtml(label)} <span class="rl-count" data-count="${group}:${escapeHtml(value)}">${n}</span></label>`;
  const all = (group: string): string => `<button type="button" data-action="all" data-group="${group}">all</button>`;
  const parts: string[] = [];
  if (hasSources) {
    const sources = redline.sources.map((s) => s.id).filter((id) => counts.has(id));
    const boxes = sources.map((id) => box('source', id, id, counts.get(id) ?? 0));
    if (counts.has(NO_SOURCE)) boxes.push(box('source', NO_SOURCE, 'Unattributed', counts.get(NO_SOURCE) ?? 0));
    parts.push(`<fieldset><legend>Source ${all('source')}</legend>${boxes.join('')}</fieldset>`);
  }
  const kindBoxes = KIND_ORDER.filter((kind) => kinds.has(kind)).map((kind) => box('kind', kind, CHANGE_KIND_LABELS[kind], kinds.get(kind) ?? 0));
  parts.push(`<fieldset><legend>Kind ${all('kind')}</legend>${kindBoxes.join('')}</fieldset>`);
  return `<form class="rl-filters rl-needs-js" aria-label="Filter changes">${parts.join('')}</form>`;
}

/** The attribution report's findings, each linked to its change or clause. */
function findings(redline: Redline, report: AttributionReport | undefined, clauses: ReadonlySet<string>): string {
  if (!report) return '';
  const changeByLabel = new Map<string, string>();
  for (const change of redline.changes) if (change.location.label !== undefined && !changeByLabel.has(change.location.label)) changeByLabel.set(change.location.label, change.id);
  const clauseLink = (label: string | undefined, text: string): string => {
    if (label === undefined) return escapeHtml(text);
    if (clauses.has(label)) return `<a href="#${clauseAnchor(label)}">${escapeHtml(text)}</a>`;
    const change = changeByLabel.get(label);
    return change === undefined ? escapeHtml(text) : `<a href="#${changeAnchor(change)}">${escapeHtml(text)}</a>`;
  };
  const quote = (text: string): string => `“${clip(text)}”`;
  const edit = (issue: SourceEditIssue): string => `${issue.expected.oldText === '' ? '' : `${quote(issue.expected.oldText)} → `}${quote(issue.expected.newText)}`;
  const sections: string[] = [];
  const section = (title: string, items: readonly string[]): void => {
    if (items.length > 0) sections.push(`<h3>${title} (${items.length})</h3><ul>${items.map((item) => `<li>${item}</li>`).join('')}</ul>`);
  };
  section(
    'Unattributed',
    report.unattributed.map(
      (u) =>
        `<a href="#${changeAnchor(u.change)}">${escapeHtml(u.label ?? u.change)}</a>: ${escapeHtml(CHANGE_KIND_LABELS[u.kind])} ${escapeHtml(quote(u.newText || u.oldText))}${u.assignedTo === undefined ? '' : ` (given to ${escapeHtml(u.assignedTo)})`}`,
    ),
  );
  section(
    'Not applied',
    report.notApplied.map((i) => `${escapeHtml(i.source)} at ${clauseLink(i.label, i.label ?? 'an unnumbered clause')}: ${escapeHtml(edit(i))}`),
  );
  section(
    'Differs',
    report.differs.map(
      (i) =>
        `${escapeHtml(i.source)} at ${clauseLink(i.label, i.label ?? 'an unnumbered clause')}: expected ${escapeHtml(edit(i))}${i.actual ? `, found ${escapeHtml(quote(i.actual.newText || i.actual.oldText))}` : ''}`,
    ),
  );
  section(
    'Conflicts',
    report.conflicts.map(
      (c) =>
        `${escapeHtml(c.sources.join(' and '))} at ${clauseLink(c.label, c.label ?? 'an unnumbered clause')}: ${escapeHtml(
          Object.entries(c.texts)
            .map(([source, text]) => `${source} ${quote(text)}`)
            .join(' vs '),
        )}`,
    ),
  );
  const body = sections.length > 0 ? sections.join('') : '<p class="rl-none">None: every change is attributed and every source edit applied.</p>';
  return `<aside class="rl-findings" aria-labelledby="rl-findings-title"><h2 id="rl-findings-title">Verification findings</h2>${body}</aside>`;
}

function clip(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 70 ? `${flat.slice(0, 69)}…` : flat;
}
