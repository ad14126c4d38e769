import { createHmac, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import type { Application, Request, Response } from 'express';

/**
 * Files offered in Teams (the CSV of a result, a chart too large to inline) as expiring signed links served by
 * `sql-eval serve` itself: `GET /teams/files/<id>?expires=<ms>&signature=<hmac>`. The bytes stay in this process's
 * memory until the link expires (an hour by default, a day for a chart; at most 64 MiB in all, the oldest dropped first), and the key
 * signing the links is made at start, so a link works only on the process that made it.
 */

export interface DownloadLinks {
  /** An absolute URL for the file, or undefined when no public address is configured. */
  offer(file: { content: Buffer | string; filename: string; contentType: string; ttlMs?: number | undefined }): string | undefined;
  readonly enabled: boolean;
}

export const FILES_PATH = '/teams/files';

interface StoredFile {
  content: Buffer;
  filename: string;
  contentType: string;
  expiresAt: number;
}

export function createDownloadLinks(options: { publicUrl: string | undefined; expressApp: Application; ttlMs?: number; maxBytes?: number; now?: () => number }): DownloadLinks {
  const ttlMs = options.ttlMs ?? 60 * 60 * 1000;
  const maxBytes = options.maxBytes ?? 64 * 1024 * 1024;
  const now = options.now ?? Date.now;
  const key = randomBytes(32);
  const files = new Map<string, StoredFile>();
  let bytes = 0;
  const sign = (id: string, expires: number) => createHmac('sha256', key).update(`${id}.${expires}`).digest('base64url');
  const drop = (id: string) => {
    const file = files.get(id);
    if (!file) return;
    bytes -= file.content.length;
    files.delete(id);
  };
  const sweep = () => {
    for (const [id, file] of files) if (file.expiresAt <= now()) drop(id);
    while (bytes > maxBytes && files.size > 0) drop(files.keys().next().value as string);
  };

  options.expressApp.get(`${FILES_PATH}/:id`, (request: Request, response: Response) => {
    const id = String(request.params.id ?? '');
    const expires = Number(request.query.expires);
    const signature = typeof request.query.signature === 'string' ? request.query.signature : '';
    const expected = Buffer.from(sign(id, expires));
    const given = Buffer.from(signature);
    const valid = Number.isFinite(expires) && given.length === expected.length && timingSafeEqual(given, expected);
    if (!valid) {
      response.status(403).type('text/plain').send('This link is not valid.');
      return;
    }
    sweep();
    const file = files.get(id);
    if (expires <= now() || !file) {
      response.status(410).type('text/plain').send('This link has expired. Ask the question again for a fresh one.');
      return;
    }
    response.setHeader('Content-Disposition', `attachment; filename="${file.filename.replace(/[^\w.-]/g, '_')}"`);
    response.setHeader('Cache-Control', 'private, no-store');
    response.type(file.contentType).send(file.content);
  });

  const base = options.publicUrl?.replace(/\/+$/, '');
  return {
    enabled: base !== undefined,
    offer(file) {
      if (!base) return undefined;
      sweep();
      const id = randomUUID();
      const expires = now() + (file.ttlMs ?? ttlMs);
      const content = typeof file.content === 'string' ? Buffer.from(file.content, 'utf8') : file.content;
      files.set(id, { content, filename: file.filename, contentType: file.contentType, expiresAt: expires });
      bytes += content.length;
      sweep();
      return `${base}${FILES_PATH}/${id}?expires=${expires}&signature=${sign(id, expires)}`;
    },
  };
}
