import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { buildReport, type ReportRun } from './report-model.ts';
import { reportHtml } from './report-html.ts';
import { reportJson } from './report-json.ts';
import { reportMarkdown } from './report-markdown.ts';

/** `sql-eval eval --report DIR`: `report.json`, `report.md` and `report.html` in DIR, made when missing. */

export interface ReportFiles {
  json: string;
  markdown: string;
  html: string;
}

/** The folder cannot be made or written; the message names it and why, in one line. */
export class ReportWriteError extends Error {
  override readonly name = 'ReportWriteError';
}

/** Makes DIR (and its parents) if missing, and checks it can be written, before a run that may take minutes. */
export async function prepareReportDir(dir: string): Promise<void> {
  const probe = join(dir, '.sql-eval-report-probe');
  await guarded(dir, async () => {
    await mkdir(dir, { recursive: true });
    await writeFile(probe, '');
    await rm(probe, { force: true });
  });
}

/** The three reports' text, for a caller that also sends one of them elsewhere (chat posts the HTML). */
export type RenderedReports = ReportFiles;

export async function renderReports(run: ReportRun, problems: string[] = []): Promise<RenderedReports> {
  const report = buildReport(run, problems);
  return { json: reportJson(report), markdown: reportMarkdown(report), html: await reportHtml(report) };
}

export async function writeReports(dir: string, run: ReportRun, problems: string[] = []): Promise<ReportFiles> {
  return writeRenderedReports(dir, await renderReports(run, problems));
}

export async function writeRenderedReports(dir: string, rendered: RenderedReports): Promise<ReportFiles> {
  const files: ReportFiles = { json: resolve(dir, 'report.json'), markdown: resolve(dir, 'report.md'), html: resolve(dir, 'report.html') };
  await guarded(dir, async () => {
    await mkdir(dir, { recursive: true });
    await writeFile(files.json, rendered.json);
    await writeFile(files.markdown, rendered.markdown);
    await writeFile(files.html, rendered.html);
  });
  return files;
}

const reasons: Record<string, string> = {
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EROFS: 'the file system is read-only',
  ENOENT: 'no such folder',
  ENOTDIR: 'part of the path is a file, not a folder',
  EEXIST: 'it is a file, not a folder',
  EISDIR: 'a report file name is taken by a folder',
  ENOSPC: 'no space left on the device',
  EDQUOT: 'the disk quota is exceeded',
};

async function guarded(dir: string, work: () => Promise<void>): Promise<void> {
  try {
    await work();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === undefined ? (error instanceof Error ? error.message : String(error)) : `${reasons[code] ?? 'the file system refused'} (${code})`;
    throw new ReportWriteError(`Cannot write the reports to ${dir}: ${why}.`, { cause: error });
  }
}
