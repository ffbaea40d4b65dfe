/**
 * The HTML redline's style sheet: the frame (a header with the key and the controls, a side panel
 * with the findings, the filters and the list of changes, the document), the document's
 * typography, the marks of changes (inserted underlined, deleted struck through, moved
 * double-underlined, renumbered labels in grey), the side-by-side view and print. Colours of
 * sources and paragraph layouts vary by document: `DocumentStyles` writes their rules.
 */
import type { Rgb } from '../pdf/colour.js';

export const REDLINE_CSS = `
html.rl-page, html.rl-page body { height: 100%; margin: 0; overflow: hidden; }
.rl { --rl-ink: #1d2329; --rl-muted: #5b6570; --rl-line: #d9dde3; --rl-panel: #f4f5f7; --rl-focus: #f5b700;
  color: var(--rl-ink); font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; position: relative; display: flex; flex-direction: column; height: 100%; margin: 0; background: #e9ecef; }
.rl * { box-sizing: border-box; }
.rl-skip { position: absolute; left: -999px; top: 0; background: #fff; padding: 6px 10px; z-index: 10; }
.rl-skip:focus { left: 8px; }
.rl-sr { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
.rl-head { background: #17324d; color: #fff; padding: 10px 20px; display: flex; flex-wrap: wrap; gap: 8px 24px; align-items: center; }
.rl-head h1 { font-size: 19px; margin: 0; }
.rl-head p { margin: 2px 0 0; font-size: 13px; opacity: .9; }
.rl-titles { flex: 1 1 22rem; min-width: 0; }
.rl-legend { display: flex; flex-wrap: wrap; gap: 4px 12px; font-size: 13px; list-style: none; margin: 0; padding: 0; }
.rl-legend li { display: flex; align-items: center; gap: 5px; }
.rl-head .rl-chip { border: 1px solid #fff; }
.rl-tools { display: flex; gap: 6px; align-items: center; flex: 1 1 30rem; min-width: 0; }
.rl-tools button { font: inherit; font-size: 13px; padding: 4px 10px; border-radius: 4px; border: 1px solid #9fb3c8; background: #234768; color: #fff; cursor: pointer; }
.rl-tools button[aria-pressed="true"] { background: #fff; color: #17324d; }
.rl-tools button:focus-visible, .rl a:focus-visible, .rl input:focus-visible { outline: 3px solid var(--rl-focus); outline-offset: 1px; }
.rl-status { font-size: 12px; flex: 1; min-width: 0; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; opacity: .9; }
.rl-body { flex: 1; display: flex; min-height: 0; }
.rl-side { width: 24rem; flex: 0 0 auto; display: flex; flex-direction: column; background: var(--rl-panel); border-right: 1px solid var(--rl-line); min-height: 0; position: relative; }
.rl-changes { flex: 1; display: flex; flex-direction: column; min-height: 0; }
.rl-list { flex: 1; overflow-y: auto; position: relative; }
.rl-side h2 { font-size: 14px; margin: 12px 14px 6px; text-transform: uppercase; letter-spacing: .04em; color: var(--rl-muted); }
.rl-findings { border-bottom: 1px solid var(--rl-line); padding-bottom: 6px; font-size: 13px; max-height: 30%; overflow-y: auto; flex: 0 0 auto; position: relative; }
.rl-findings h3 { font-size: 13px; margin: 8px 14px 2px; }
.rl-findings ul { margin: 0; padding: 0 14px 0 30px; }
.rl-findings li { margin: 2px 0; }
.rl-findings .rl-none { margin: 0 14px; color: var(--rl-muted); }
.rl-filters { padding: 0 14px 6px; font-size: 13px; }
.rl-filters fieldset { border: 0; padding: 0; margin: 0 0 8px; }
.rl-filters legend { font-weight: 600; padding: 0; margin-bottom: 2px; }
.rl-filters label { display: inline-flex; align-items: center; gap: 4px; margin: 1px 10px 1px 0; white-space: nowrap; }
.rl-filters .rl-count { color: var(--rl-muted); font-variant-numeric: tabular-nums; }
.rl-filters button { font: inherit; font-size: 12px; padding: 0 6px; margin-left: 6px; }
.rl-shown { margin: 0 14px 6px; font-size: 12px; color: var(--rl-muted); }
.rl-list { list-style: none; margin: 0; padding: 0 0 24px; font-size: 13px; }
.rl-list li { border-top: 1px solid var(--rl-line); content-visibility: auto; contain-intrinsic-size: auto 2.6em; }
.rl-list a { display: grid; grid-template-columns: 12px 6rem 1fr; gap: 0 8px; padding: 5px 14px; color: inherit; text-decoration: none; }
.rl-list a:hover { background: #e6eaef; }
.rl-list li[aria-current="true"] a { background: #fff3c4; }
.rl-list .rl-chip { margin-top: 4px; }
.rl-list .rl-where { font-weight: 600; overflow-wrap: anywhere; }
.rl-list a.rl-long-place { grid-template-columns: 12px 1fr; }
.rl-list a.rl-long-place .rl-what, .rl-list a.rl-long-place .rl-words { grid-column: 2; }
.rl-list .rl-list-apart { padding: 10px 14px 4px; font-size: 12px; font-weight: 600; text-transform: uppercase; letter-spacing: .04em; color: var(--rl-muted); }
.rl-list .rl-what { color: var(--rl-muted); }
.rl-list .rl-words { grid-column: 3; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.rl-chip { display: inline-block; width: 11px; height: 11px; border-radius: 2px; background: currentColor; flex: 0 0 auto; }
.rl-doc { flex: 1; overflow-y: auto; min-width: 0; position: relative; contain: strict; }
/* Long documents: blocks out of view are not laid out until they come near it. */
.rl-article > *, .rl-sbs > .rl-sbs-cell { content-visibility: auto; contain-intrinsic-size: auto 3em; }
.rl-doc:focus { outline: none; }
.rl-article, .rl-sbs { background: #fff; margin: 16px auto 40px; padding: 40px 56px 56px; box-shadow: 0 1px 4px rgba(0,0,0,.15); }
.rl-article { max-width: 52rem; }
.rl-sbs { max-width: 96rem; display: grid; grid-template-columns: 1fr 1fr; gap: 0 40px; padding: 24px 32px 48px; }
.rl-sbs-head { display: contents; }
.rl-sbs-head > div { position: sticky; top: 0; background: #fff; border-bottom: 2px solid var(--rl-line); padding: 8px 0 4px; font: 600 13px system-ui, sans-serif; color: var(--rl-muted); z-index: 1; }
.rl-sbs-cell { min-width: 0; border-bottom: 1px dotted #eef0f3; }
.rl-js.rl-view-sbs .rl-article, .rl-js:not(.rl-view-sbs) .rl-sbs { display: none; }
.rl:not(.rl-js) .rl-needs-js { display: none; }

.rl-text { font: 16px/1.55 Georgia, "DejaVu Serif", "Times New Roman", serif; color: #111; }
.rl-text p, .rl-text h2, .rl-text h3, .rl-text h4, .rl-text h5, .rl-text h6 { margin: 0 0 .5em; }
.rl-text h2 { font-size: 1.45em; } .rl-text h3 { font-size: 1.25em; } .rl-text h4 { font-size: 1.12em; } .rl-text h5, .rl-text h6 { font-size: 1.04em; }
.rl-text .rl-title { font-size: 1.8em; font-weight: bold; }
.rl-label { display: inline-block; text-indent: 0; margin-right: .5em; }
.rl-tab { white-space: pre; tab-size: 2; }
.rl-obj { font: 12px system-ui, sans-serif; border: 1px solid #aaa; padding: 0 3px; border-radius: 2px; }
.rl-text img { max-width: 100%; height: auto; vertical-align: middle; }
.rl-sc { font-variant: small-caps; } .rl-caps { text-transform: uppercase; } .rl-dstrike { text-decoration-style: double; }
.rl-textbox { border-left: 3px solid #ccc; padding-left: 12px; margin: 0 0 .6em 18px; }
.rl-opaque { color: #555; font-style: italic; }
.rl-tablewrap { overflow-x: auto; margin: 0 0 .8em; }
.rl-text table { border-collapse: collapse; width: 100%; font-size: .9em; }
.rl-text td, .rl-text th { border: 1px solid #888; padding: 3px 5px; vertical-align: top; text-align: left; }
.rl-text th { background: #f0f0f0; }
.rl-text td > :last-child, .rl-text th > :last-child { margin-bottom: 0; }
.rl-notes, .rl-stories { border-top: 1px solid #bbb; margin-top: 2em; padding-top: .6em; }
.rl-notes ol { padding-left: 0; list-style: none; font-size: .9em; }
.rl-notes li { display: flex; gap: .6em; }
.rl-nlabel { flex: 0 0 1.6em; text-align: right; }
.rl-nref a { text-decoration: none; }

.rl-text ins, .rl-text del { text-decoration-thickness: 1px; }
.rl-text ins { text-decoration-line: underline; }
.rl-text del { text-decoration-line: line-through; }
.rl-text ins.rl-mv { text-decoration-line: underline; text-decoration-style: double; }
.rl-text del.rl-mv { text-decoration-line: underline line-through; text-decoration-style: double; }
.rl-fmt { text-decoration: underline dotted; }
.rl-pilcrow { font-family: system-ui, sans-serif; }
.rl-tag { font: 600 10px/1.3 system-ui, sans-serif; background: currentColor; border-radius: 3px; padding: 0 3px; margin: 0 2px; vertical-align: 2px; text-decoration: none; display: inline-block; text-indent: 0; }
.rl-tag > span { color: #fff; }
.rl-renum, .rl-renum ins, .rl-renum del { color: #6b7280; }
.rl-renum del { margin-right: .25em; font-size: .85em; }
.rl-renum ins { text-decoration-style: dotted; }
.rl-xref { font: 11px system-ui, sans-serif; margin: 0 3px; white-space: nowrap; }
.rl-text tr.rl-row { box-shadow: inset 4px 0 0 currentColor; }
.rl-text tr.rl-row > td, .rl-text tr.rl-row > th { color: #111; }
.rl-text .rl-current { outline: 2px solid var(--rl-focus); outline-offset: 1px; }
.rl-text span[data-change-id]:focus { outline: none; }
.rl-text span.rl-current { outline: none; background: rgba(245, 183, 0, .28); border-radius: 2px; -webkit-box-decoration-break: clone; box-decoration-break: clone; }
.rl-off { outline: none; box-shadow: none; }
.rl-text .rl-off ins, .rl-text ins.rl-off, .rl-text .rl-off .rl-fmt, .rl-text .rl-fmt.rl-off { text-decoration: none; color: inherit; }
.rl-text .rl-off del, .rl-text del.rl-off, .rl-text .rl-off .rl-tag, .rl-text .rl-off .rl-xref, .rl-text .rl-off .rl-pilcrow,
.rl-text p.rl-off.rl-whole-del, .rl-text p.rl-off.rl-whole-from, .rl-text tr.rl-off.rl-row-del, .rl-text tr.rl-off.rl-row-from,
.rl-text .rl-off.rl-whole-del, .rl-text .rl-off.rl-whole-from { display: none; }
.rl-text .rl-off, .rl-text tr.rl-row.rl-off { color: inherit; box-shadow: none; background: none; }
.rl-ghost, .rl-text tr.rl-row.rl-ghost { visibility: hidden; box-shadow: none; }
.rl-text tr.rl-ghost > td, .rl-text tr.rl-ghost > th { background: none; }

@media (max-width: 900px) {
  html.rl-page, html.rl-page body { overflow: visible; height: auto; }
  .rl { height: auto; }
  .rl-doc { contain: none; }
  .rl-body { flex-direction: column; }
  .rl-side { width: auto; max-height: 60vh; border-right: 0; border-bottom: 1px solid var(--rl-line); }
  .rl-article, .rl-sbs { padding: 20px 16px; margin: 0; }
}
@media print {
  html.rl-page, html.rl-page body { overflow: visible; height: auto; }
  .rl { display: block; height: auto; background: #fff; }
  .rl-side, .rl-tools, .rl-skip, .rl-sbs { display: none !important; }
  .rl-head { background: #fff; color: #000; border-bottom: 1px solid #000; padding: 0 0 8px; }
  .rl-head .rl-chip { border-color: #000; }
  .rl-body, .rl-doc { display: block; overflow: visible; contain: none; }
  .rl-article > * { content-visibility: visible; }
  .rl-js.rl-view-sbs .rl-article { display: block; }
  .rl-article { box-shadow: none; margin: 0; padding: 0; max-width: none; }
  .rl-text .rl-current, .rl-text span.rl-current { outline: none; background: none; }
  .rl, .rl * { print-color-adjust: exact; -webkit-print-color-adjust: exact; }
  .rl-text h2, .rl-text h3, .rl-text h4 { break-after: avoid; }
  .rl-text tr { break-inside: avoid; }
}
`;

/** The rules that vary by document: one class per colour used, one per paragraph layout, one per column width. */
export class DocumentStyles {
  private readonly colours = new Map<string, string>();
  private readonly layouts = new Map<string, { name: string; rule: string }>();
  private readonly widths = new Map<number, string>();

  /** The class of a colour: text in it, and row marks and chips in it. */
  colourClass(colour: Rgb): string {
    const hex = colour
      .map((c) =>
        Math.round(Math.max(0, Math.min(1, c)) * 255)
          .toString(16)
          .padStart(2, '0'),
      )
      .join('');
    let name = this.colours.get(hex);
    if (name === undefined) {
      name = `k${this.colours.size}`;
      this.colours.set(hex, name);
    }
    return name;
  }

  /** The class of a paragraph layout, given as CSS declarations and a label width (hanging indent). */
  layoutClass(declarations: string, labelWidth: number | undefined): string {
    const key = `${declarations}|${labelWidth ?? ''}`;
    let layout = this.layouts.get(key);
    if (!layout) {
      const name = `l${this.layouts.size}`;
      const rules = [declarations === '' ? '' : `.${name}{${declarations}}`, labelWidth === undefined ? '' : `.${name}>.rl-label{min-width:${labelWidth}pt;margin-right:0;padding-right:.3em}`];
      layout = { name, rule: rules.filter((r) => r !== '').join('') };
      this.layouts.set(key, layout);
    }
    return layout.name;
  }

  /** The class of a table column of this share of the table's width (whole percent). */
  widthClass(percent: number): string {
    const rounded = Math.max(1, Math.min(100, Math.round(percent)));
    let name = this.widths.get(rounded);
    if (name === undefined) {
      name = `w${rounded}`;
      this.widths.set(rounded, name);
    }
    return name;
  }

  css(): string {
    const rules: string[] = [];
    for (const [hex, name] of this.colours) {
      const [r, g, b] = [0, 2, 4].map((i) => parseInt(hex.slice(i, i + 2), 16));
      rules.push(`.${name}{color:#${hex}}tr.${name}>td,tr.${name}>th{background:rgba(${r},${g},${b},.09)}`);
    }
    for (const layout of this.layouts.values()) if (layout.rule !== '') rules.push(layout.rule);
    for (const [percent, name] of this.widths) rules.push(`.${name}{width:${percent}%}`);
    return `${rules.join('\n')}\n`;
  }
}
