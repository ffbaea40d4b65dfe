/**
 * The library as the browser app uses it: the one module through which the app reaches the
 * engine, so that it runs the same code as the command line (the application API's comparison and
 * exporters) and nothing of the command line's own (files, processes). The API's own entry
 * (`api/index.ts`) also offers the program's fingerprint, which reads the installed files: the app
 * takes the modules it needs from the API instead.
 */
export { type CompareStage, type Comparison, compare } from '../api/compare.js';
export { toPdf } from '../api/exporters.js';
export type { SourceInput } from '../api/sources.js';
export { InputError, OptionError } from '../diagnostics/errors.js';
export { type RedlineView, redlineView } from '../exporters/html/redline-view.js';
export { htmlPage } from '../exporters/html/to-html.js';
export { DEJAVU_PACKAGE, FONT_FILES } from '../exporters/pdf/fonts.js';
export { summariseChanges } from '../model/change-set.js';
export { provideFontFiles } from '../platform/font-files.browser.js';
