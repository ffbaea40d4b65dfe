/** Bookmarks of a merged version: each name once, each id once, the old version's kept first. */
import { describe, expect, it } from 'vitest';
import { uniqueBookmarks } from '../../src/apply/unique-bookmarks.js';
import { document, paragraph, textRun } from '../../src/model/build.js';
import type { Document, Marker } from '../../src/model/document.js';

const start = (id: number, name: string): Marker => ({ type: 'marker', xml: `<w:bookmarkStart w:id="${id}" w:name="${name}"/>`, range: { name: `bookmark ${name}`, role: 'start' } });
const end = (id: number, name: string): Marker => ({ type: 'marker', xml: `<w:bookmarkEnd w:id="${id}"/>`, range: { name: `bookmark ${name}`, role: 'end' } });

/** The bookmark markup of a document, paragraph by paragraph. */
const bookmarks = (doc: Document): string[] =>
  doc.body.map((b) =>
    b.type === 'paragraph'
      ? b.inlines
          .filter((i) => i.type === 'marker')
          .map((m) => (m as Marker).xml.replace(/<w:bookmark(Start|End) /, '$1 ').replace(/\/>/, ''))
          .join(' ')
      : '',
  );

describe('uniqueBookmarks', () => {
  const oldFirst = paragraph([start(0, '_GoBack'), end(0, '_GoBack'), textRun('First.')]);
  const old = document('old', 'docx', [oldFirst, paragraph([start(1, '_Ref1'), textRun('Second.'), end(1, '_Ref1')])]);

  it("keeps the old version's bookmark of a name and drops a source's of the same name", () => {
    const fromSource = paragraph([textRun('Added.'), start(0, '_GoBack'), end(0, '_GoBack')]);
    const merged = uniqueBookmarks({ ...old, body: [...old.body, fromSource] }, old);
    expect(bookmarks(merged)).toEqual(['Start w:id="0" w:name="_GoBack" End w:id="0"', 'Start w:id="1" w:name="_Ref1" End w:id="1"', '']);
  });

  it("gives a source's bookmark whose id is taken an id of its own, start and end alike", () => {
    const fromSource = paragraph([start(1, '_Ref9'), textRun('Added.'), end(1, '_Ref9')]);
    const merged = uniqueBookmarks({ ...old, body: [...old.body, fromSource] }, old);
    expect(bookmarks(merged)[2]).toBe('Start w:id="2" w:name="_Ref9" End w:id="2"');
  });

  it('keeps the first of two sources bookmarks of one name, and leaves a merge without clashes as it is', () => {
    const a = paragraph([start(5, 'X'), textRun('A.'), end(5, 'X')]);
    const b = paragraph([start(7, 'X'), textRun('B.'), end(7, 'X')]);
    const merged = uniqueBookmarks({ ...old, body: [...old.body, a, b] }, old);
    expect(bookmarks(merged).slice(2)).toEqual(['Start w:id="5" w:name="X" End w:id="5"', '']);
    const plain = { ...old, body: [...old.body] };
    expect(uniqueBookmarks(plain, old).body[0]).toBe(oldFirst);
  });
});
