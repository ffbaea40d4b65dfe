/**
 * A redline is for review: it must never be locked against it. The new version's enforced editing
 * protection (`w:documentProtection` with enforcement on, ECMA-376 Part 1 §17.15.1.29) and its
 * write protection (`w:writeProtection`, §17.15.1.93) are left out of the redline's settings, and
 * a diagnostic says so; clean outputs keep them. (LibreOffice refuses Accept All and Reject All
 * in a document protected for tracked changes.)
 */
import type { Diagnostics } from '../../diagnostics/diagnostic.js';
import type { DocxSource } from '../../model/document.js';
import { OpcPackage, REL_TYPES } from '../../ooxml/package.js';
import type { PackageBuilder } from '../../ooxml/package-builder.js';
import { parseXml, type XmlElement } from '../../ooxml/xml.js';

export function removeProtection(source: DocxSource, out: PackageBuilder, versionName: string, diagnostics: Diagnostics): void {
  const part = OpcPackage.fromParts(new Map(source.parts)).relatedPart(source.mainPart, REL_TYPES.settings);
  const text = part === undefined ? undefined : out.text(part);
  if (part === undefined || text === undefined) return;
  const doc = parseXml(text, part);
  const removed = doc.root.children.filter((child): child is XmlElement => typeof child !== 'string' && isEnforced(child));
  if (removed.length === 0) return;
  let result = text;
  for (const element of [...removed].reverse()) result = result.slice(0, element.start) + result.slice(element.end);
  out.setText(part, result);
  for (const element of removed) {
    const what = element.name === 'w:writeProtection' ? 'write protection' : `editing protection (${element.attrs['w:edit'] ?? 'enforced'})`;
    diagnostics.warn('docx/protection-removed', `the ${what} of ${versionName} was left out of the redline, so that it can be reviewed (clean outputs keep it)`, versionName);
  }
}

function isEnforced(element: XmlElement): boolean {
  if (element.name === 'w:writeProtection') return true;
  if (element.name !== 'w:documentProtection') return false;
  const enforcement = element.attrs['w:enforcement'];
  return enforcement === '1' || enforcement === 'true' || enforcement === 'on';
}
