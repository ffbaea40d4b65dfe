/**
 * Constructs of a tracked-change DOCX that LibreOffice reads differently from Word, found in the
 * redlines real users open in both, so that `verify` fails where LibreOffice would:
 *
 * - a paragraph mark tracked as moved (`w:pPr/w:rPr/w:moveFrom` or `w:moveTo`) in a paragraph
 *   that holds no moved text: LibreOffice 7 applies a moved mark only together with moved text, so
 *   the paragraph stays, empty, after Accept All (moved away) or Reject All (moved here). Word
 *   applies it. (Found on licence version pairs whose numbered paragraphs moved around an
 *   unchanged one, with empty paragraphs between them taken into the move.)
 */
import { DEFAULT_PACKAGE_LIMITS, OpcPackage, REL_TYPES } from '../../ooxml/package.js';
import { findAll, firstChild, type XmlElement } from '../../ooxml/xml.js';

export function libreOfficeDifferences(bytes: Uint8Array, fileName: string): string[] {
  const pkg = OpcPackage.read(bytes, fileName, DEFAULT_PACKAGE_LIMITS);
  const mainPart = pkg.relatedPart('', REL_TYPES.officeDocument) ?? 'word/document.xml';
  const body = pkg.xml(mainPart) && firstChild(pkg.xml(mainPart)?.root, 'w:body');
  if (!body) return [];
  const problems: string[] = [];
  findAll(body, 'w:p').forEach((p, index) => {
    const mark = firstChild(firstChild(firstChild(p, 'w:pPr'), 'w:rPr'), 'w:moveFrom') ?? firstChild(firstChild(firstChild(p, 'w:pPr'), 'w:rPr'), 'w:moveTo');
    if (!mark || hasMovedText(p, mark.name)) return;
    problems.push(
      `paragraph ${index + 1}: its mark is tracked as ${mark.name === 'w:moveFrom' ? 'moved away' : 'moved here'} but it holds no moved text; LibreOffice leaves it as an empty paragraph in both views`,
    );
  });
  return problems;
}

function hasMovedText(p: XmlElement, move: string): boolean {
  return findAll(p, move).some((wrapper) => findAll(wrapper, 'w:t').length + findAll(wrapper, 'w:delText').length > 0);
}
