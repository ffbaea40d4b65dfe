/**
 * Page sizes and the fixed frame every page is laid out in: margins, the running header and
 * footer lines, and where change bars go. All lengths are in points, measured from the top left
 * corner (the canvas turns them into PDF coordinates).
 */

export type PageSize = 'A4' | 'Letter';

export interface PageGeometry {
  readonly width: number;
  readonly height: number;
  readonly marginLeft: number;
  readonly marginRight: number;
  /** Where the body starts and ends. */
  readonly bodyTop: number;
  readonly bodyBottom: number;
  /** Baselines of the running header and footer. */
  readonly headerBaseline: number;
  readonly footerBaseline: number;
  readonly textWidth: number;
}

const SIZES: Record<PageSize, { readonly width: number; readonly height: number }> = {
  A4: { width: 595.28, height: 841.89 },
  Letter: { width: 612, height: 792 },
};

/** One inch each side leaves room in the outer margin for change bars and their source labels. */
const SIDE_MARGIN = 72;
const TOP_MARGIN = 68;
const BOTTOM_MARGIN = 64;

export function pageGeometry(size: PageSize): PageGeometry {
  const { width, height } = SIZES[size];
  return {
    width,
    height,
    marginLeft: SIDE_MARGIN,
    marginRight: SIDE_MARGIN,
    bodyTop: TOP_MARGIN,
    bodyBottom: height - BOTTOM_MARGIN,
    headerBaseline: TOP_MARGIN - 26,
    footerBaseline: height - BOTTOM_MARGIN + 34,
    textWidth: width - 2 * SIDE_MARGIN,
  };
}

/** Odd pages are right-hand pages: their outer margin is on the right, as in a printed book. */
export function outerMarginIsRight(pageNumber: number): boolean {
  return pageNumber % 2 === 1;
}
