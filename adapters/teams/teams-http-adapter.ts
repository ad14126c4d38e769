import express, { type Application, type NextFunction, type Request, type Response } from 'express';
import type { IHttpServerAdapter } from '@microsoft/teams.apps';
import type { TeamsLogger } from './teams-logger.ts';

/**
 * The Teams SDK's HTTP adapter over the express app of the one server `serve` runs: it registers the SDK's
 * `POST /api/messages` with its own JSON parser (others' routes keep their raw bodies, which Slack's signatures need),
 * answers a body that is not JSON with 400 instead of express's page with a stack trace, and, without authentication,
 * logs a loud warning on every request. The server's lifecycle stays with `serve` (no start or stop here).
 */
export function teamsHttpAdapter(expressApp: Application, logger: TeamsLogger, options: { insecureNoAuth: boolean }): IHttpServerAdapter {
  return {
    registerRoute(method, path, handler) {
      if (method !== 'POST') throw new Error(`teamsHttpAdapter: unsupported method ${method}`);
      const warn = (_request: Request, _response: Response, next: NextFunction) => {
        if (options.insecureNoAuth) logger.warn({ path }, 'INSECURE: a Teams request accepted without checking its token (--insecure-no-auth)');
        next();
      };
      expressApp.post(
        path,
        warn,
        express.json({ limit: '1mb' }),
        async (request: Request, response: Response) => {
          try {
            const result = await handler({ body: request.body, headers: request.headers as Record<string, string | string[]> });
            response.status(result.status);
            if (result.body === undefined) response.end();
            else response.json(result.body);
          } catch (error) {
            logger.error({ err: error }, 'Teams request failed');
            if (!response.headersSent) response.status(500).json({ error: 'internal error' });
          }
        },
        (error: unknown, _request: Request, response: Response, _next: NextFunction) => {
          logger.warn({ err: error instanceof Error ? error.message : String(error) }, 'a Teams request that is not JSON');
          if (!response.headersSent) response.status(400).json({ error: 'the body must be a JSON activity' });
        },
      );
    },
  };
}
