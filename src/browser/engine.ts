/**
 * The library as the browser app uses it: the one module through which the app reaches the
 * engine, so that it runs the same code as the command line (the comparison, the exporters) and
 * nothing of the command line's own (files, processes).
 */
export { runCompare, type CompareResult, type CompareStage, type SourceFileInput } from '../api/compare.js';
export { pdfExporter } from '../api/pdf-exporter.js';
export { InputError } from '../diagnostics/errors.js';
export { redlineView, type RedlineView } from '../exporters/html/redline-view.js';
export { htmlPage } from '../exporters/html/to-html.js';
export { FONT_FILES } from '../exporters/pdf/fonts.js';
export { provideFontFiles } from '../platform/font-files.browser.js';
