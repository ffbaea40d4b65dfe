/**
 * The HTML redline (`-o OUT.html`). In Node: every change of the change set is an element with its
 * id and sources and no element names another, the Content-Security-Policy names exactly the
 * page's inline style and script, text is escaped, output is deterministic. In real headless
 * Chromium, on the 160-page sample with its three sources (through the CLI): the page shows the
 * JSON's changes and no other, filters by source and kind, moves through the changes with the
 * keyboard in order, shows old and new side by side, prints the document, and makes no request
 * and no error.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import fc from 'fast-check';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compareDocuments } from '../../src/diff/compare-documents.js';
import { redlineToHtml } from '../../src/exporters/html/to-html.js';
import { fromDocx } from '../../src/importers/docx/from-docx.js';
import { paragraph, document as textDocument, textRun } from '../../src/model/build.js';
import type { Change } from '../../src/model/change-set.js';
import type { Redline } from '../../src/model/redline.js';
import { sha256Base64 } from '../../src/util/sha256.js';
import { launchChromium, type PageWatch, requireChromium, watchPage } from '../helpers/browser.js';
import { runCli, tempDir } from '../helpers/cli.js';
import { buildDocx } from '../helpers/docx-builder.js';
import { featurePair, syntheticPair } from '../helpers/pdf-tools.js';

const RELEASE = resolve(__dirname, '../../samples/release');

/** `data-change-id` → `data-sources` of every change element of a page (regex over the markup). */
function changeElements(html: string): Map<string, Set<string>> {
  const elements = new Map<string, Set<string>>();
  for (const match of html.matchAll(/data-change-id="([^"]*)" data-sources="([^"]*)"/g)) {
    const sources = elements.get(match[1] as string) ?? new Set<string>();
    sources.add(match[2] as string);
    elements.set(match[1] as string, sources);
  }
  return elements;
}

function expectEveryChangeMarked(html: string, changes: readonly Change[]): void {
  const elements = changeElements(html);
  expect([...elements.keys()].sort()).toEqual(changes.map((c) => c.id).sort());
  for (const change of changes) expect([...(elements.get(change.id) ?? [])], change.id).toEqual([change.sources.join(' ')]);
}

describe('HTML redline in Node', () => {
  it('computes SHA-256 as Node does, for any text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 300 }), (text) => {
        expect(sha256Base64(text)).toBe(createHash('sha256').update(text, 'utf8').digest('base64'));
      }),
    );
    for (const length of [0, 55, 56, 63, 64, 65, 119, 120, 1000]) expect(sha256Base64('a'.repeat(length))).toBe(createHash('sha256').update('a'.repeat(length)).digest('base64'));
  });

  it('marks every change of a redline of every feature, with its id and sources, and nothing else', () => {
    const pair = featurePair();
    const plain = compareDocuments(pair.old, pair.new);
    const kinds = new Set(plain.changes.map((c) => c.kind));
    for (const kind of ['insert', 'replace', 'move', 'renumber', 'table-row-insert'] as const) expect(kinds, kind).toContain(kind);
    const redline: Redline = {
      ...plain,
      sources: [{ id: 'MP1' }, { id: 'MP2' }],
      changes: plain.changes.map((c, i) => ({ ...c, sources: i % 3 === 0 ? [] : i % 3 === 1 ? ['MP1'] : ['MP1', 'MP2'] })),
    };
    expectEveryChangeMarked(redlineToHtml(redline), redline.changes);
    expectEveryChangeMarked(redlineToHtml(plain), plain.changes);
  });

  it('marks every change of thirty pages with footnotes, tables, moves and renumbered clauses', async () => {
    const pair = await syntheticPair({ seed: 7 });
    const redline = compareDocuments(pair.old, pair.new);
    expect(redline.changes.some((c) => c.kind === 'renumber')).toBe(true);
    const html = redlineToHtml(redline);
    expectEveryChangeMarked(html, redline.changes);
    // One entry in the list of changes for each, in the change set's order, clauses only renumbered apart after the changes.
    const renumbered = redline.changes.filter((c) => c.kind === 'renumber');
    const changed = redline.changes.filter((c) => c.kind !== 'renumber');
    expect([...html.matchAll(/<li data-change-ref="([^"]*)"/g)].map((m) => m[1])).toEqual([...changed, ...renumbered].map((c) => c.id));
    expect(html).toContain(`${changed.length} changes · ${renumbered.length} clause${renumbered.length === 1 ? '' : 's'} only renumbered</p>`);
    expect(html).toContain(`<li class="rl-list-apart" role="presentation">Clauses only renumbered (${renumbered.length})</li>`);
    // A move is listed by both its ends.
    for (const move of redline.changes.filter((c) => c.kind === 'move')) {
      const entry = new RegExp(`<li data-change-ref="${move.id}"[^>]*>.*?<span class="rl-where">([^<]*)</span>`).exec(html);
      expect(entry?.[1], move.id).toBe(`${move.from?.path} → ${move.to?.path}`);
    }
  });

  it('allows exactly its own inline style and script, and no request of any kind', () => {
    const pair = featurePair();
    const html = redlineToHtml(compareDocuments(pair.old, pair.new));
    const policy = /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(html)?.[1] ?? '';
    const style = /<style>([\s\S]*?)<\/style>/.exec(html)?.[1] ?? '';
    const script = /<script>([\s\S]*?)<\/script>/.exec(html)?.[1] ?? '';
    const hash = (text: string): string => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
    expect(policy.split('; ').sort()).toEqual(["base-uri 'none'", "default-src 'none'", "form-action 'none'", 'img-src data:', `script-src ${hash(script)}`, `style-src ${hash(style)}`].sort());
    expect(html.match(/<script/g)).toHaveLength(1);
    expect(html.match(/<style/g)).toHaveLength(1);
    expect(html).not.toMatch(/\sstyle="/);
    expect(html).not.toMatch(/\son[a-z]+="/);
    expect(html).not.toMatch(/\b(src|href)="(?!#|data:|https?:\/\/example\.com)/);
  });

  it('marks formatting changes, keeping the text’s own formatting', () => {
    const run = (text: string, props = ''): string => `<w:r>${props === '' ? '' : `<w:rPr>${props}</w:rPr>`}<w:t xml:space="preserve">${text}</w:t></w:r>`;
    const old = fromDocx(buildDocx({ body: `<w:p>${run('The Supplier shall deliver the Goods.')}</w:p>` }), 'a.docx').document;
    const neu = fromDocx(buildDocx({ body: `<w:p>${run('The Supplier ')}${run('shall', '<w:b/>')}${run(' deliver the Goods.')}</w:p>` }), 'b.docx').document;
    const redline = compareDocuments(old, neu);
    expect(redline.changes.map((c) => c.kind)).toEqual(['format']);
    const html = redlineToHtml(redline);
    expectEveryChangeMarked(html, redline.changes);
    expect(html).toMatch(/data-kind="format"><span class="rl-sr">Formatting: <\/span><span class="rl-fmt k\d+"><b>shall<\/b><\/span>/);
  });

  it('escapes the documents’ text', () => {
    const hostile = '<script>alert(1)</script> & "quoted" <img src=x onerror=alert(2)>';
    const old = textDocument('a<b>.txt', 'text', [paragraph([textRun('Plain words.')])]);
    const neu = textDocument('a<b>.txt', 'text', [paragraph([textRun(`Plain words. ${hostile}`)])], hostile);
    const html = redlineToHtml(compareDocuments(old, neu));
    expect(html).not.toContain('<script>alert');
    expect(html).not.toContain('<img src=x');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quoted&quot;');
  });

  it('writes the same bytes for the same input', async () => {
    const pair = await syntheticPair({ seed: 3 });
    expect(redlineToHtml(compareDocuments(pair.old, pair.new))).toBe(redlineToHtml(compareDocuments(pair.old, pair.new)));
  });
});

interface ChangeJson {
  readonly changes: readonly Change[];
}

const runChromium = requireChromium('the HTML redline');

describe.runIf(runChromium)('HTML redline in Chromium: the 160-page sample with its sources', () => {
  const out = tempDir('redline-html-');
  let changes: readonly Change[];
  let browser: Browser;
  let page: Page;
  let watch: PageWatch;

  beforeAll(async () => {
    const file = (name: string): string => join(RELEASE, name);
    const run = runCli([
      'compare',
      file('documents/section-g-v14.0.docx'),
      file('documents/section-g-v15.0.docx'),
      '--source',
      `MP201=${file('sources/mp201-section-g.docx')}`,
      '--source',
      `MP202=${file('sources/mp202-section-g-tracked.docx')}`,
      '--source',
      `BEIS=${file('sources/beis-section-g.docx')}`,
      '-o',
      join(out, 'g.html'),
      '-o',
      join(out, 'g.json'),
    ]);
    expect(run.status, run.stderr).toBe(4);
    changes = (JSON.parse(readFileSync(join(out, 'g.json'), 'utf8')) as ChangeJson).changes;
    browser = await launchChromium();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
  });

  /** A fresh page of the redline. */
  async function open(): Promise<void> {
    await page?.close();
    page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    watch = await watchPage(page);
    await page.goto(`file://${join(out, 'g.html')}`);
  }

  /** The change id of the focused element, as `n`/`p` leave it. */
  const focusedChange = (): Promise<string | undefined> => page.evaluate(() => document.activeElement?.closest<HTMLElement>('[data-change-id]')?.dataset.changeId);

  it('shows the JSON’s changes, each with its sources, and no other', async () => {
    await open();
    const shown = await page.$$eval('[data-change-id]', (elements) => elements.map((e) => [(e as HTMLElement).dataset.changeId ?? '', (e as HTMLElement).dataset.sources ?? '']));
    const byId = new Map<string, Set<string>>();
    for (const [id, sources] of shown) byId.set(id as string, (byId.get(id as string) ?? new Set()).add(sources as string));
    expect(byId.size).toBe(changes.length);
    for (const change of changes) expect([...(byId.get(change.id) ?? [])], change.id).toEqual([change.sources.join(' ')]);
    expect(await page.locator('.rl-list li a[href^="#chg-"]').count()).toBe(changes.length);
    expect(watch.errors).toEqual([]);
  });

  it('filtered to one source, hides every other source’s changes and counts what it shows', async () => {
    await open();
    for (const box of await page.locator('input[data-filter="source"]').all()) if ((await box.getAttribute('value')) !== 'MP201') await box.uncheck();
    const own = changes.filter((c) => c.sources.includes('MP201'));
    expect(own.length).toBeGreaterThan(5);
    expect(await page.locator('[data-count="shown"]').textContent()).toBe(String(own.length));
    expect(await page.locator('.rl-list li:not([hidden])').count()).toBe(own.length);
    const marks = await page.evaluate(() => {
      const decorated = (e: Element): boolean => {
        const style = getComputedStyle(e);
        return style.display !== 'none' && (e as HTMLElement).offsetParent !== null && style.textDecorationLine !== 'none';
      };
      // Every mark still drawn (text under- or struck through, a source tag, a marked row) and whose change it is.
      const drawn = [...document.querySelectorAll('.rl-article ins, .rl-article del, .rl-article .rl-fmt')].filter(decorated);
      const tags = [...document.querySelectorAll('.rl-article .rl-tag')].filter((e) => (e as HTMLElement).offsetParent !== null);
      const rows = [...document.querySelectorAll('.rl-article tr.rl-row')].filter((e) => (e as HTMLElement).offsetParent !== null && getComputedStyle(e).boxShadow !== 'none');
      return [...drawn, ...tags, ...rows].map((e) => e.closest<HTMLElement>('[data-change-id]')?.dataset.sources ?? '(none)');
    });
    expect(marks.length).toBeGreaterThan(own.length);
    expect(marks.filter((sources) => !sources.split(' ').includes('MP201'))).toEqual([]);
    // The kind filter narrows it further, and the counts follow.
    await page.locator('input[data-filter="kind"][value="replace"]').uncheck();
    expect(await page.locator('[data-count="shown"]').textContent()).toBe(String(own.filter((c) => c.kind !== 'replace').length));
    expect(await page.locator('[data-count="source:BEIS"]').textContent()).toBe(String(changes.filter((c) => c.sources.includes('BEIS') && c.kind !== 'replace').length));
    expect(watch.errors).toEqual([]);
  });

  it('moves through the changes in order with n and p and Alt+arrows, also filtered', async () => {
    await open();
    const visited: (string | undefined)[] = [];
    for (let i = 0; i < 12; i++) {
      await page.keyboard.press('n');
      visited.push(await focusedChange());
    }
    // The list's order: the changes, then the clauses only renumbered.
    const listed = [...changes.filter((c) => c.kind !== 'renumber'), ...changes.filter((c) => c.kind === 'renumber')];
    expect(visited).toEqual(listed.slice(0, 12).map((c) => c.id));
    expect(visited.some((id) => changes.find((c) => c.id === id)?.kind === 'renumber')).toBe(false);
    await page.keyboard.press('p');
    expect(await focusedChange()).toBe(listed[10]?.id);
    await page.keyboard.press('Alt+ArrowDown');
    expect(await focusedChange()).toBe(listed[11]?.id);
    await page.keyboard.press('Alt+ArrowUp');
    expect(await focusedChange()).toBe(listed[10]?.id);
    // The focused change is in view and announced.
    expect(
      await page.evaluate(() => {
        const box = document.activeElement?.getBoundingClientRect();
        return box !== undefined && box.top >= 0 && box.bottom <= innerHeight;
      }),
    ).toBe(true);
    expect(await page.locator('.rl-status').textContent()).toMatch(/^Change 11 of \d+: /);

    await open();
    for (const box of await page.locator('input[data-filter="source"]').all()) if ((await box.getAttribute('value')) !== 'BEIS') await box.uncheck();
    await page.locator('.rl-article').click({ position: { x: 5, y: 5 } });
    const beis: (string | undefined)[] = [];
    for (const _ of changes.filter((c) => c.sources.includes('BEIS'))) {
      await page.keyboard.press('n');
      beis.push(await focusedChange());
    }
    expect(beis).toEqual(changes.filter((c) => c.sources.includes('BEIS')).map((c) => c.id));
    expect(watch.errors).toEqual([]);
  });

  it('scrolls to a change from its entry in the list, and between the two ends of a move', async () => {
    await open();
    const move = changes.find((c) => c.kind === 'move');
    expect(move).toBeDefined();
    await page.locator(`.rl-list li[data-change-ref="${move?.id}"] a`).click();
    expect(await focusedChange()).toBe(move?.id);
    const first = await page.evaluate(() => document.activeElement?.closest<HTMLElement>('[data-end]')?.dataset.end);
    await page.locator(`[data-change-id="${move?.id}"][data-end="${first}"] a.rl-xref`).first().click();
    expect(await page.evaluate(() => document.activeElement?.closest<HTMLElement>('[data-end]')?.dataset.end)).toBe(first === 'to' ? 'from' : 'to');
    expect(watch.errors).toEqual([]);
  });

  it('shows old and new side by side, one row per block, each side without the other’s text', async () => {
    await open();
    const blocks = await page.locator('.rl-article > *').count();
    await page.locator('button[data-action="view"]').click();
    expect(await page.locator('.rl-sbs').isVisible()).toBe(true);
    expect(await page.locator('.rl-article').isVisible()).toBe(false);
    expect(await page.locator('.rl-sbs-old').count()).toBe(blocks);
    expect(await page.locator('.rl-sbs-new').count()).toBe(blocks);
    expect(await page.locator('.rl-sbs-old ins:not(.rl-ghost ins)').count()).toBe(0);
    expect(await page.locator('.rl-sbs-new del:not(.rl-ghost del)').count()).toBe(0);
    const move = changes.find((c) => c.kind === 'move');
    expect(await page.locator(`.rl-sbs-old [data-change-id="${move?.id}"]`).count()).toBeGreaterThan(0);
    expect(await page.locator(`.rl-sbs-new [data-change-id="${move?.id}"]`).count()).toBeGreaterThan(0);
    // Rows of a block start level on both sides.
    const tops = await page.evaluate(() => {
      const olds = [...document.querySelectorAll('.rl-sbs-old')].slice(0, 200);
      const news = [...document.querySelectorAll('.rl-sbs-new')].slice(0, 200);
      return olds.map((o, i) => Math.abs(o.getBoundingClientRect().top - (news[i] as Element).getBoundingClientRect().top));
    });
    expect(Math.max(...tops)).toBeLessThan(1);
    await page.keyboard.press('n');
    expect(await focusedChange()).toBe(changes[0]?.id);
    expect(await page.evaluate(() => document.activeElement?.closest('.rl-sbs') !== null)).toBe(true);
    expect(watch.errors).toEqual([]);
  });

  it('lists the findings with links to the change, and prints the document alone', async () => {
    await open();
    const unattributed = changes.filter((c) => c.sources.length === 0 && c.kind !== 'renumber');
    expect(unattributed).toHaveLength(1);
    const link = page.locator('.rl-findings a');
    expect(await link.getAttribute('href')).toBe(`#chg-${unattributed[0]?.id}`);
    await link.click();
    expect(await focusedChange()).toBe(unattributed[0]?.id);
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.rl-side').isVisible()).toBe(false);
    expect(await page.locator('.rl-tools').isVisible()).toBe(false);
    expect(await page.locator('.rl-article').isVisible()).toBe(true);
    expect(await page.evaluate(() => getComputedStyle(document.querySelector('.rl-doc') as Element).overflowY)).toBe('visible');
    expect(watch.errors).toEqual([]);
  });

  it('is usable by its landmarks and names each change’s kind and sources for screen readers', async () => {
    await open();
    for (const landmark of ['header', 'nav', 'main', 'aside']) expect(await page.locator(`.rl ${landmark}`).count(), landmark).toBeGreaterThan(0);
    const said = await page.$$eval('.rl-article .rl-c[data-kind="replace"]', (elements) =>
      elements.map((e) => [(e as HTMLElement).dataset.sources ?? '', e.querySelector('.rl-sr')?.textContent ?? '']),
    );
    expect(said.length).toBeGreaterThan(10);
    for (const [sources, text] of said) expect(text).toBe(sources === '' ? 'Replacement, unattributed: ' : `Replacement by ${(sources as string).split(' ').join(' and ')}: `);
    // Tab reaches the controls and the list, and Enter on an entry goes to its change.
    await page.locator('.rl-list li a').nth(2).focus();
    await page.keyboard.press('Enter');
    expect(await focusedChange()).toBe(changes[2]?.id);
  });

  it('made no request: nothing but the file itself', async () => {
    await open();
    await page.keyboard.press('n');
    await page.locator('button[data-action="view"]').click();
    expect(watch.requests).toEqual([`file://${join(out, 'g.html')}`]);
    expect(watch.errors).toEqual([]);
  });
});
