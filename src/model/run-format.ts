/** Helpers over {@link RunFormat} shared by the stages. */
import type { RunFormat } from './document.js';

/** Drops properties that are off, so that formats compare by what is visible. */
export function visibleRunFormat(format: RunFormat): RunFormat {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(format)) {
    if (value === false || value === undefined || value === 'none') continue;
    out[key] = value;
  }
  return out as RunFormat;
}
