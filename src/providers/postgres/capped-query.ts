import pg from 'pg';

/**
 * Runs one statement with the extended protocol and asks the server for at most `rowLimit` rows (the Execute
 * message's row count). When the limit is reached the portal is suspended and we end the exchange with Sync
 * instead of asking for more, so a huge result never leaves the server. The SQL is sent as-is: not wrapped,
 * not prefixed, and a string with several statements is rejected by the server (42601).
 * Note: node-postgres uses the simple protocol (which runs every statement of a string) for a query whose `values`
 * is empty unless `queryMode: 'extended'` or a row limit is set; this query always sets both.
 *
 * This relies on node-postgres's `Query` hooks (`handlePortalSuspended`, `handleError`, ...), the same ones
 * `pg-cursor` uses; the contract tests cover it.
 */

interface ProtocolConnection {
  sync(): void;
}

interface QueryHooks {
  handleCommandComplete(message: unknown, connection: ProtocolConnection): void;
  handleEmptyQuery(connection: ProtocolConnection): void;
  handlePortalSuspended(connection: ProtocolConnection): void;
  handleError(error: Error, connection: ProtocolConnection): void;
}

interface QueryResultShape {
  fields: pg.FieldDef[];
  rows: unknown[][];
}

const HookedQuery = pg.Query as unknown as new (config: object) => pg.Query & QueryHooks;

export interface CappedResult {
  fields: pg.FieldDef[];
  rows: unknown[][];
  /** True when the server had more rows than `rowLimit`. */
  limitReached: boolean;
}

class CappedQuery extends HookedQuery {
  limitReached = false;
  private syncSent = false;

  constructor(text: string, rowLimit: number) {
    super({ text, values: [], rows: rowLimit, rowMode: 'array', queryMode: 'extended' });
  }

  override handleCommandComplete(message: unknown, connection: ProtocolConnection): void {
    super.handleCommandComplete(message, connection); // sends Sync, since `rows` is set
    this.syncSent = true;
  }

  override handleEmptyQuery(connection: ProtocolConnection): void {
    super.handleEmptyQuery(connection); // sends Sync, since `rows` is set
    this.syncSent = true;
  }

  override handlePortalSuspended(connection: ProtocolConnection): void {
    // The row limit was reached: stop here instead of fetching the next batch.
    this.limitReached = true;
    this.syncSent = true;
    connection.sync();
  }

  override handleError(error: Error, connection: ProtocolConnection): void {
    // After an ErrorResponse the server waits for Sync before it answers ReadyForQuery.
    if (!this.syncSent) {
      this.syncSent = true;
      connection.sync();
    }
    super.handleError(error, connection);
  }
}

/** Executes `text` on `client`, keeping at most `rowLimit` rows. */
export function runCappedQuery(client: pg.ClientBase, text: string, rowLimit: number): Promise<CappedResult> {
  return new Promise((resolve, reject) => {
    const query = new CappedQuery(text, rowLimit);
    query.on('error', reject);
    query.on('end', (result) => {
      const shape = result as unknown as QueryResultShape;
      resolve({ fields: shape.fields, rows: shape.rows, limitReached: query.limitReached });
    });
    client.query(query);
  });
}
