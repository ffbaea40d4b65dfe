/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
/**
 * The HTML redline's behaviour: next and previous change (buttons, `n`/`p`, Alt or Ctrl with the
 * arrow keys), the list of changes scrolling the document to each, filters by source and by kind
 * (the changes of the others show as plain text, as Word shows a reviewer's markup hidden; the
 * counts follow), and a side-by-side view (old | new, one row per block of the document so that
 * paragraphs stay aligned, in one scrolling pane).
 *
 * `redlineViewer` is written into the self-contained page as its source text
 * (`Function.prototype.toString`), so it refers to nothing outside itself; the browser app calls
 * it on the same markup.
 */
export function redlineViewer(root: HTMLElement): void {
  interface Entry {
    /** Its place in the list (the change set's order). */
    readonly index: number;
    readonly id: string;
    readonly sources: readonly string[];
    readonly kind: string;
    readonly item: HTMLLIElement;
    visible: boolean;
  }
  type View = 'inline' | 'sbs';

  const doc = root.ownerDocument;
  const foundArticle = root.querySelector<HTMLElement>('.rl-article');
  const foundPane = root.querySelector<HTMLElement>('.rl-doc');
  if (!foundArticle || !foundPane) return;
  const article: HTMLElement = foundArticle;
  const pane: HTMLElement = foundPane;
  const status = root.querySelector<HTMLElement>('.rl-status');
  root.classList.add('rl-js');
  const entries: Entry[] = Array.from(root.querySelectorAll<HTMLLIElement>('.rl-list > li[data-change-ref]'), (item, index) => ({
    index,
    id: item.dataset.changeRef ?? '',
    sources: (item.dataset.sources ?? '').split(' ').filter((s) => s !== ''),
    kind: item.dataset.kind ?? '',
    item,
    visible: true,
  }));
  const byId = new Map(entries.map((entry) => [entry.id, entry]));
  const sourceBoxes = Array.from(root.querySelectorAll<HTMLInputElement>('input[data-filter="source"]'));
  const kindBoxes = Array.from(root.querySelectorAll<HTMLInputElement>('input[data-filter="kind"]'));
  let view: View = 'inline';
  let sideBySide: HTMLElement | undefined;
  let current: Entry | undefined;
  /** Every element of each change, in both views. */
  let elements = new Map<string, HTMLElement[]>();

  function indexElements(): void {
    elements = new Map();
    for (const element of pane.querySelectorAll<HTMLElement>('[data-change-id]')) {
      const id = element.dataset.changeId ?? '';
      const list = elements.get(id);
      if (list) list.push(element);
      else elements.set(id, [element]);
    }
  }

  function activeView(): HTMLElement {
    return view === 'sbs' && sideBySide ? sideBySide : article;
  }

  // Filters

  function checked(boxes: readonly HTMLInputElement[]): Set<string> {
    return new Set(boxes.filter((box) => box.checked).map((box) => box.value));
  }

  function sourceMatches(entry: Entry, sources: ReadonlySet<string>): boolean {
    if (sourceBoxes.length === 0) return true;
    // A renumbering has no source and is no unattributed change: shown unless the view is narrowed to some sources.
    if (entry.kind === 'renumber') return sourceBoxes.every((box) => box.checked);
    return entry.sources.length === 0 ? sources.has('') : entry.sources.some((source) => sources.has(source));
  }

  function applyFilters(): void {
    const sources = checked(sourceBoxes);
    const kinds = checked(kindBoxes);
    let shown = 0;
    for (const entry of entries) {
      entry.visible = sourceMatches(entry, sources) && kinds.has(entry.kind);
      entry.item.hidden = !entry.visible;
      for (const element of elements.get(entry.id) ?? []) element.classList.toggle('rl-off', !entry.visible);
      if (entry.visible) shown++;
    }
    // Each box counts the changes it would show, given the other group's choice.
    for (const box of sourceBoxes)
      setCount(`source:${box.value}`, entries.filter((e) => kinds.has(e.kind) && e.kind !== 'renumber' && (box.value === '' ? e.sources.length === 0 : e.sources.includes(box.value))).length);
    for (const box of kindBoxes) setCount(`kind:${box.value}`, entries.filter((e) => e.kind === box.value && sourceMatches(e, sources)).length);
    setCount('shown', shown);
    const renumberShown = entries.some((e) => e.visible && e.kind === 'renumber');
    for (const apart of root.querySelectorAll<HTMLElement>('.rl-list-apart')) apart.hidden = !renumberShown;
    if (current && !current.visible) select(undefined);
  }

  function setCount(name: string, value: number): void {
    const counter = root.querySelector<HTMLElement>(`[data-count="${CSS.escape(name)}"]`);
    if (counter) counter.textContent = String(value);
  }

  // Navigation

  function firstElement(entry: Entry): HTMLElement | null {
    return activeView().querySelector<HTMLElement>(`[data-change-id="${CSS.escape(entry.id)}"]`);
  }

  function select(entry: Entry | undefined): void {
    for (const element of pane.querySelectorAll('.rl-current')) element.classList.remove('rl-current');
    for (const other of root.querySelectorAll('.rl-list li[aria-current]')) other.removeAttribute('aria-current');
    current = entry;
    if (!entry) return;
    entry.item.setAttribute('aria-current', 'true');
    for (const element of elements.get(entry.id) ?? []) if (activeView().contains(element)) element.classList.add('rl-current');
  }

  function show(entry: Entry): void {
    select(entry);
    const target = firstElement(entry);
    entry.item.scrollIntoView({ block: 'nearest' });
    const visible = entries.filter((e) => e.visible);
    const parts = Array.from(entry.item.querySelectorAll('.rl-where, .rl-what, .rl-words'), (part) => part.textContent ?? '');
    if (status) status.textContent = `Change ${visible.indexOf(entry) + 1} of ${visible.length}: ${parts.join(' · ')}`;
    if (!target) return;
    if (!target.hasAttribute('tabindex')) target.setAttribute('tabindex', '-1');
    target.focus({ preventScroll: true });
    target.scrollIntoView({ block: 'center' });
  }

  function step(direction: 1 | -1): void {
    const visible = entries.filter((e) => e.visible);
    if (visible.length === 0) {
      if (status) status.textContent = 'No change is shown: check a source and a kind.';
      return;
    }
    let next: Entry | undefined;
    if (!current) next = direction > 0 ? visible[0] : visible[visible.length - 1];
    else {
      const position = current.index;
      next = direction > 0 ? visible.find((e) => e.index > position) : visible.findLast((e) => e.index < position);
    }
    if (next) show(next);
    else if (status) status.textContent = direction > 0 ? 'That was the last change.' : 'That was the first change.';
  }

  function isTyping(target: EventTarget | null): boolean {
    return target instanceof HTMLElement && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));
  }

  doc.addEventListener('keydown', (event) => {
    if (event.defaultPrevented || isTyping(event.target) || !root.isConnected) return;
    const modified = event.altKey || event.ctrlKey || event.metaKey;
    let direction: 1 | -1 | undefined;
    if (!modified && !event.shiftKey && (event.key === 'n' || event.key === 'p')) direction = event.key === 'n' ? 1 : -1;
    else if (modified && (event.key === 'ArrowDown' || event.key === 'ArrowUp')) direction = event.key === 'ArrowDown' ? 1 : -1;
    if (direction === undefined) return;
    event.preventDefault();
    step(direction);
  });

  // Links: the list, cross-references between the ends of a move, findings, notes.

  function linkTarget(hash: string): HTMLElement | null {
    const id = decodeURIComponent(hash.slice(1));
    if (view === 'inline') return doc.getElementById(id);
    return doc.getElementById(`R-${id}`) ?? doc.getElementById(`L-${id}`);
  }

  root.addEventListener('click', (event) => {
    const target = event.target instanceof Element ? event.target : null;
    const button = target?.closest<HTMLButtonElement>('button[data-action]');
    if (button && root.contains(button)) {
      const action = button.dataset.action;
      if (action === 'next' || action === 'previous') step(action === 'next' ? 1 : -1);
      else if (action === 'view') toggleView(button);
      else if (action === 'all') {
        const boxes = button.dataset.group === 'source' ? sourceBoxes : kindBoxes;
        for (const box of boxes) box.checked = true;
        applyFilters();
      }
      return;
    }
    const link = target?.closest<HTMLAnchorElement>('a[href^="#"]');
    if (!link || !root.contains(link)) return;
    const item = link.closest<HTMLLIElement>('.rl-list > li');
    const entry = item ? byId.get(item.dataset.changeRef ?? '') : undefined;
    event.preventDefault();
    if (entry) {
      show(entry);
      return;
    }
    const destination = linkTarget(link.hash);
    if (!destination) return;
    const changed = destination.closest<HTMLElement>('[data-change-id]');
    const owner = changed ? byId.get(changed.dataset.changeId ?? '') : undefined;
    if (owner) select(owner);
    if (!destination.hasAttribute('tabindex')) destination.setAttribute('tabindex', '-1');
    destination.focus({ preventScroll: true });
    destination.scrollIntoView({ block: 'center' });
  });

  root.addEventListener('change', (event) => {
    if (event.target instanceof HTMLInputElement && event.target.dataset.filter) applyFilters();
  });

  // Side by side

  /** One side of a block: the other side's text removed, its whole blocks and rows kept invisible. */
  function sideOf(block: Element, side: 'old' | 'new'): Element {
    const copy = block.cloneNode(true) as Element;
    const gone = side === 'old' ? 'ins' : 'del';
    const ghosts = side === 'old' ? '.rl-whole-ins, .rl-whole-to, .rl-row-ins, .rl-row-to, .rl-col-ins' : '.rl-whole-del, .rl-whole-from, .rl-row-del, .rl-row-from, .rl-col-del';
    const ghostList = copy.matches(ghosts) ? [copy, ...copy.querySelectorAll(ghosts)] : Array.from(copy.querySelectorAll(ghosts));
    for (const ghost of ghostList) {
      // Kept for its height, so that the rows beside it stay aligned; not a change of this side.
      ghost.classList.add('rl-ghost');
      ghost.setAttribute('aria-hidden', 'true');
      for (const marked of [ghost, ...ghost.querySelectorAll('[data-change-id], [id]')]) {
        marked.removeAttribute('data-change-id');
        marked.removeAttribute('id');
      }
    }
    for (const element of copy.querySelectorAll(gone)) if (!element.closest('.rl-ghost')) element.remove();
    // A change with nothing left on this side (an insertion on the old side) leaves no trace.
    for (const wrapper of copy.querySelectorAll('.rl-c')) if (!wrapper.querySelector('ins, del, .rl-fmt')) wrapper.remove();
    for (const named of [copy, ...copy.querySelectorAll('[id]')]) if (named.id !== '') named.id = `${side === 'old' ? 'L' : 'R'}-${named.id}`;
    return copy;
  }

  function buildSideBySide(): HTMLElement {
    const grid = doc.createElement('div');
    grid.className = 'rl-sbs rl-text';
    grid.setAttribute('role', 'region');
    grid.setAttribute('aria-label', 'Side by side: old version, new version');
    const head = doc.createElement('div');
    head.className = 'rl-sbs-head';
    for (const text of [`Old: ${article.dataset.oldName ?? ''}`, `New: ${article.dataset.newName ?? ''}`]) {
      const cell = doc.createElement('div');
      cell.textContent = text;
      head.append(cell);
    }
    grid.append(head);
    for (const block of article.children) {
      for (const side of ['old', 'new'] as const) {
        const cell = doc.createElement('div');
        cell.className = `rl-sbs-cell rl-sbs-${side}`;
        cell.append(sideOf(block, side));
        grid.append(cell);
      }
    }
    return grid;
  }

  function toggleView(button: HTMLButtonElement): void {
    const focused = current;
    view = view === 'inline' ? 'sbs' : 'inline';
    if (view === 'sbs' && !sideBySide) {
      sideBySide = buildSideBySide();
      article.after(sideBySide);
      indexElements();
      applyFilters();
    }
    root.classList.toggle('rl-view-sbs', view === 'sbs');
    button.setAttribute('aria-pressed', String(view === 'sbs'));
    if (status) status.textContent = view === 'sbs' ? 'Side by side: old version left, new version right.' : 'Inline view.';
    if (focused) show(focused);
  }

  indexElements();
  applyFilters();
}
