import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express, { type Application } from 'express';

/**
 * The one HTTP server every chat surface shares: an express app with `GET /healthz` (the process is up) and `GET /readyz`
 * (its dependencies answer), on which
 * Slack mounts `POST /slack/events` and Teams `POST /api/messages`; `GET /metrics` when given. No body parser is
 * installed globally: Slack verifies signatures over the raw body, and each surface parses its own.
 */

export interface HttpServer {
  app: Application;
  /** Starts listening; resolves with the port (useful with port 0). */
  listen(port: number, host?: string): Promise<number>;
  /** Stops accepting connections, lets open requests finish for at most `graceMs`, then drops the rest. */
  close(graceMs?: number): Promise<void>;
  /** Set while shutting down: `/healthz` then answers 503, so a load balancer stops sending traffic. */
  draining: boolean;
}

/** What `GET /readyz` reports: each dependency `ok` or `unreachable` (names only, never an error's text). */
export interface Readiness {
  ready: boolean;
  checks: Record<string, string>;
}

export interface HttpServerOptions {
  /** Answers `GET /readyz` (503 when not ready); without it the route is absent. */
  readiness?: (() => Promise<Readiness>) | undefined;
  /** Answers `GET /metrics` in the Prometheus text format; without it the route is absent. */
  metrics?: { contentType: string; render(): Promise<string> } | undefined;
}

export function createHttpServer(options: HttpServerOptions = {}): HttpServer {
  const app = express();
  app.disable('x-powered-by');
  let server: Server | undefined;
  const state: HttpServer = {
    app,
    draining: false,
    listen(port, host) {
      return new Promise((resolve, reject) => {
        server = createServer(app);
        // Slack keeps connections alive; keep them a little longer than a typical load balancer's idle time-out.
        server.keepAliveTimeout = 65_000;
        server.once('error', reject);
        server.listen(port, host, () => resolve((server?.address() as AddressInfo).port));
      });
    },
    close(graceMs = 3_000) {
      state.draining = true;
      const running = server;
      if (!running) return Promise.resolve();
      return new Promise<void>((resolve) => {
        const timer = setTimeout(() => running.closeAllConnections(), graceMs);
        running.close(() => {
          clearTimeout(timer);
          resolve();
        });
        running.closeIdleConnections();
      });
    },
  };
  app.get('/healthz', (_request, response) => {
    response.status(state.draining ? 503 : 200).json({ status: state.draining ? 'draining' : 'ok' });
  });
  const { readiness } = options;
  if (readiness) {
    app.get('/readyz', (_request, response) => {
      if (state.draining) {
        response.status(503).json({ status: 'draining' });
        return;
      }
      readiness().then(
        (report) => response.status(report.ready ? 200 : 503).json({ status: report.ready ? 'ready' : 'not-ready', checks: report.checks }),
        () => response.status(503).json({ status: 'not-ready' }),
      );
    });
  }
  const { metrics } = options;
  if (metrics) {
    app.get('/metrics', (_request, response) => {
      metrics.render().then(
        (text) => response.type(metrics.contentType).send(text),
        () => response.status(500).type('text/plain').send('metrics could not be collected\n'),
      );
    });
  }
  return state;
}
