/**
 * The source palette: readable as text, told apart for normal vision and for the three kinds of
 * colour blindness (simulated as Machado, Oliveira and Fernandes 2009 do, at full severity, and
 * measured with CIEDE2000), apart from the warning colour and from black; twenty sources and more
 * with a style of their own; one style per source whatever a document's own list of sources.
 */
import { describe, expect, it } from 'vitest';
import { WARNING_ORANGE } from '../../src/exporters/pdf/change-palette.js';
import { BAR_PATTERNS, DISTINCT_SOURCE_STYLES, SOURCE_COLOURS, SourceStyles, sourceStyle } from '../../src/exporters/source-styles.js';

type Vec = readonly [number, number, number];

const VISION: Readonly<Record<string, readonly Vec[]>> = {
  normal: [
    [1, 0, 0],
    [0, 1, 0],
    [0, 0, 1],
  ],
  protanopia: [
    [0.152286, 1.052583, -0.204868],
    [0.114503, 0.786281, 0.099216],
    [-0.003882, -0.048116, 1.051998],
  ],
  deuteranopia: [
    [0.367322, 0.860646, -0.227968],
    [0.280085, 0.672501, 0.047413],
    [-0.01182, 0.04294, 0.968881],
  ],
  tritanopia: [
    [1.255528, -0.076749, -0.178779],
    [-0.078411, 0.930809, 0.147602],
    [0.004733, 0.691367, 0.3039],
  ],
};

const channels = (hex: string): Vec => [0, 2, 4].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255) as unknown as Vec;
const linear = (c: number): number => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
const times = (m: readonly Vec[], v: Vec): Vec => m.map((row) => row[0] * v[0] + row[1] * v[1] + row[2] * v[2]) as unknown as Vec;

function lab(hex: string, vision: string): Vec {
  const rgb = times(VISION[vision] as readonly Vec[], channels(hex).map(linear) as unknown as Vec).map((c) => Math.min(1, Math.max(0, c))) as unknown as Vec;
  const xyz = times(
    [
      [0.4124, 0.3576, 0.1805],
      [0.2126, 0.7152, 0.0722],
      [0.0193, 0.1192, 0.9505],
    ],
    rgb,
  );
  const f = (t: number): number => (t > 0.008856 ? Math.cbrt(t) : 7.787 * t + 16 / 116);
  const [fx, fy, fz] = [f(xyz[0] / 0.95047), f(xyz[1]), f(xyz[2] / 1.08883)];
  return [116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz)];
}

/** CIEDE2000 colour difference. */
function deltaE(x: Vec, y: Vec): number {
  const rad = Math.PI / 180;
  const [L1, a1, b1] = x;
  const [L2, a2, b2] = y;
  const Cb = (Math.hypot(a1, b1) + Math.hypot(a2, b2)) / 2;
  const G = 0.5 * (1 - Math.sqrt(Cb ** 7 / (Cb ** 7 + 25 ** 7)));
  const [a1p, a2p] = [(1 + G) * a1, (1 + G) * a2];
  const [C1p, C2p] = [Math.hypot(a1p, b1), Math.hypot(a2p, b2)];
  const hue = (b: number, a: number): number => (((Math.atan2(b, a) / rad) % 360) + 360) % 360;
  const [h1p, h2p] = [hue(b1, a1p), hue(b2, a2p)];
  let dh = h2p - h1p;
  if (C1p * C2p === 0) dh = 0;
  else if (dh > 180) dh -= 360;
  else if (dh < -180) dh += 360;
  const dL = L2 - L1;
  const dC = C2p - C1p;
  const dH = 2 * Math.sqrt(C1p * C2p) * Math.sin((dh / 2) * rad);
  const Lb = (L1 + L2) / 2;
  const Cbp = (C1p + C2p) / 2;
  const hb = C1p * C2p === 0 ? h1p + h2p : Math.abs(h1p - h2p) <= 180 ? (h1p + h2p) / 2 : h1p + h2p < 360 ? (h1p + h2p + 360) / 2 : (h1p + h2p - 360) / 2;
  const T = 1 - 0.17 * Math.cos((hb - 30) * rad) + 0.24 * Math.cos(2 * hb * rad) + 0.32 * Math.cos((3 * hb + 6) * rad) - 0.2 * Math.cos((4 * hb - 63) * rad);
  const dTheta = 30 * Math.exp(-(((hb - 275) / 25) ** 2));
  const RC = 2 * Math.sqrt(Cbp ** 7 / (Cbp ** 7 + 25 ** 7));
  const SL = 1 + (0.015 * (Lb - 50) ** 2) / Math.sqrt(20 + (Lb - 50) ** 2);
  const SC = 1 + 0.045 * Cbp;
  const SH = 1 + 0.015 * Cbp * T;
  const RT = -Math.sin(2 * dTheta * rad) * RC;
  return Math.sqrt((dL / SL) ** 2 + (dC / SC) ** 2 + (dH / SH) ** 2 + RT * (dC / SC) * (dH / SH));
}

function contrastOnWhite(hex: string): number {
  const [r, g, b] = channels(hex).map(linear) as unknown as Vec;
  return 1.05 / (0.2126 * r + 0.7152 * g + 0.0722 * b + 0.05);
}

const closest = (colours: readonly string[], vision: string): number => {
  let min = Number.POSITIVE_INFINITY;
  colours.forEach((a, i) => colours.slice(i + 1).forEach((b) => (min = Math.min(min, deltaE(lab(a, vision), lab(b, vision))))));
  return min;
};

describe('source colours', () => {
  it('read as text on white (contrast 4.5:1 or more)', () => {
    for (const colour of SOURCE_COLOURS) expect(contrastOnWhite(colour), colour).toBeGreaterThanOrEqual(4.5);
  });

  it('are told apart for normal vision (CIEDE2000 ≥ 23) and with each kind of colour blindness (≥ 11.8)', () => {
    expect(closest(SOURCE_COLOURS, 'normal')).toBeGreaterThanOrEqual(23);
    for (const vision of ['protanopia', 'deuteranopia', 'tritanopia']) expect(closest(SOURCE_COLOURS, vision), vision).toBeGreaterThanOrEqual(11.8);
  });

  it('stay apart from the warning colour of unattributed changes and from black text', () => {
    const warning = WARNING_ORANGE.map((c) =>
      Math.round(c * 255)
        .toString(16)
        .padStart(2, '0'),
    ).join('');
    for (const vision of Object.keys(VISION)) {
      for (const colour of SOURCE_COLOURS) {
        expect(deltaE(lab(colour, vision), lab(warning, vision)), `${colour} ${vision}`).toBeGreaterThanOrEqual(vision === 'normal' ? 18 : 9);
        expect(deltaE(lab(colour, vision), lab('000000', vision)), `${colour} ${vision}`).toBeGreaterThanOrEqual(vision === 'normal' ? 18 : 9);
      }
    }
  });
});

describe('source styles', () => {
  it('give twenty sources and more a colour and bar pattern of their own', () => {
    expect(DISTINCT_SOURCE_STYLES).toBeGreaterThanOrEqual(20);
    const styles = Array.from({ length: DISTINCT_SOURCE_STYLES }, (_, i) => sourceStyle(i));
    expect(new Set(styles.map((s) => `${s.colour}/${s.pattern}`)).size).toBe(DISTINCT_SOURCE_STYLES);
    // The first sources are told apart by colour alone, with a solid bar.
    expect(styles.slice(0, SOURCE_COLOURS.length).every((s) => s.pattern === 'solid')).toBe(true);
    expect(styles[SOURCE_COLOURS.length]?.pattern).toBe(BAR_PATTERNS[1]);
  });

  it('follow one order of sources, whatever the sources of a document and their order there', () => {
    const release = new SourceStyles(['MP201', 'MP202', 'MP203', 'BEIS']);
    const again = new SourceStyles(['MP201', 'MP202', 'MP203', 'BEIS']);
    expect(['BEIS', 'MP202'].map((id) => release.styleOf(id))).toEqual(['BEIS', 'MP202'].map((id) => again.styleOf(id)));
    expect(release.styleOf('BEIS')).toEqual(sourceStyle(3));
    // A source the order lacks takes the next style, not another source's.
    expect(release.styleOf('MP999')).toEqual(sourceStyle(4));
  });
});
