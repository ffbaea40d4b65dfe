/**
 * The HTML exporter: a redline as one self-contained, interactive HTML file (`-o OUT.html`). The
 * style sheet and the viewer script are inlined, pictures are inlined as data, and a strict
 * Content-Security-Policy allows nothing else: no request of any kind, no other script or style
 * (the two inline ones are named by their SHA-256). It opens from disk in any current browser,
 * can be published beside the PDF, and prints as the marked-up document. The same input always
 * gives the same bytes.
 */
import type { AttributionReport } from '../../attribution/report.js';
import type { Redline } from '../../model/redline.js';
import { sha256Base64 } from '../../util/sha256.js';
import { escapeHtml } from './escape.js';
import { REDLINE_CSS } from './page-style.js';
import { type RedlineView, redlineView } from './redline-view.js';
import { redlineViewer } from './viewer.js';

/** The HTML page's heading and the findings it lists. */
export interface HtmlOptions {
  /** Default: the new version's title, or its file name. */
  readonly title?: string;
  /** e.g. "Marked up against v26.0". */
  readonly subtitle?: string;
  /** The attribution report, whose findings the page lists and links. */
  readonly report?: AttributionReport;
  /** The order sources take their colours in (a release's manifest order); default the redline's. */
  readonly sourceOrder?: readonly string[];
}

/**
 * The viewer's source, called on the page's redline once the document is parsed. Called as a
 * function expression, not by name: a minifying bundler (the browser app's) renames it.
 */
export const VIEWER_SCRIPT = `(${redlineViewer.toString()})(document.querySelector('.rl'));\n`;

export function redlineToHtml(redline: Redline, options: HtmlOptions = {}): string {
  return htmlPage(redlineView(redline, options));
}

/** The self-contained page of a redline view (the browser app makes the view once, for its page and this). */
export function htmlPage(view: RedlineView): string {
  const style = `${REDLINE_CSS}${view.css}`;
  const policy = [
    "default-src 'none'",
    `style-src 'sha256-${sha256Base64(style)}'`,
    `script-src 'sha256-${sha256Base64(VIEWER_SCRIPT)}'`,
    'img-src data:',
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
  return `<!DOCTYPE html>
<html lang="en" class="rl-page">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${policy}">
<meta name="referrer" content="no-referrer">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="Redline">
<title>${escapeHtml(`Redline: ${view.title}`)}</title>
<style>${style}</style>
</head>
<body>
${view.html}
<script>${VIEWER_SCRIPT}</script>
</body>
</html>
`;
}
