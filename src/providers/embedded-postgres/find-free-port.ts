import { createServer } from 'node:net';

/** A TCP port on 127.0.0.1 that is free right now (the kernel picks it; never the PostgreSQL default 5432). */
export async function findFreePort(): Promise<number> {
  for (;;) {
    const port = await new Promise<number>((resolve, reject) => {
      const server = createServer();
      server.unref();
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => {
        const address = server.address();
        const chosen = typeof address === 'object' && address !== null ? address.port : 0;
        server.close(() => resolve(chosen));
      });
    });
    if (port !== 0 && port !== 5432) return port;
  }
}
