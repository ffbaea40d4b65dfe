/**
 * Loads DOCX files in a real LibreOffice (`lo-redline --batch`, one soffice for all): a file that
 * LibreOffice cannot open without a question (it answers Abort to every one) fails. Used by the
 * fuzz suite to check that every DOCX written from damaged input still opens.
 */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface LoadFailure {
  readonly file: string;
  readonly exitCode: number;
  readonly detail: string;
}

/** Loads each file; returns those that did not load. `tool` is the path of `lo-redline`. */
export function loadInLibreOffice(files: readonly string[], tool: string, workDir: string): LoadFailure[] {
  if (files.length === 0) return [];
  const batch = join(workDir, 'lo-batch.txt');
  writeFileSync(batch, `${files.map((f) => `info ${JSON.stringify(f)}`).join('\n')}\n`);
  const result = spawnSync(tool, ['--timeout', '120', '--batch', batch], { encoding: 'utf8', maxBuffer: 256 << 20, timeout: 60 * 60_000 });
  const failures: LoadFailure[] = [];
  const sections = result.stdout.split(/^### \[\d+\/\d+\] /m).slice(1);
  sections.forEach((section, i) => {
    const code = Number(/^### exit (\d+)/m.exec(section)?.[1] ?? '-1');
    if (code !== 0) failures.push({ file: files[i] as string, exitCode: code, detail: section.split('\n').slice(1, 4).join(' ').slice(0, 300) });
  });
  if (sections.length < files.length)
    failures.push({ file: files[sections.length] ?? '?', exitCode: result.status ?? -1, detail: `lo-redline stopped after ${sections.length} of ${files.length} files: ${result.stderr.slice(-300)}` });
  return failures;
}
