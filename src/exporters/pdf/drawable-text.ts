/**
 * Text as a reader should see it, whatever draws it (the PDF's painter, the HTML redline): NFC,
 * no control characters, no invisible formatting characters, and the private-use bullets of the
 * Symbol and Wingdings fonts as the characters they look like.
 */

/** Private-use characters of the Symbol and Wingdings fonts that Word uses for bullets. */
const SYMBOLS: Readonly<Record<number, string>> = {
  61623: '•',
  61548: '●',
  61607: '▪',
  61608: '□',
  61656: '➢',
  61664: '→',
  61692: '✓',
  61558: '❖',
  61551: '○',
};

/** Text as it can be drawn: NFC, no control characters, no invisible formatting characters. */
export function drawableText(text: string): string {
  return visibleSymbols(
    text
      .normalize('NFC')
      .replace(/[\u0000-\u001f\u007f]/g, ' ')
      .replace(/[\u00ad\u200b-\u200f\u2028\u2029\u2060\ufeff]/g, ''),
  );
}

function visibleSymbols(text: string): string {
  return text.replace(/[\uf000-\uf0ff]/g, (char) => SYMBOLS[char.charCodeAt(0)] ?? char);
}
