import { loadSampleDatabase } from '../../sample-db/load.ts';
import { SAMPLE_TODAY } from '../../sample-db/sample-time.ts';
import { describeServer } from '../../compose/open-runtime.ts';
import { printJson, printText } from '../print.ts';
import { CliError } from '../cli-error.ts';

/** `sql-eval sample-db load --database-url URL`: the same sample shop into any PostgreSQL ≥ 14. */
export async function sampleDbLoadCommand(options: { databaseUrl: string; schema: string; replace: boolean; json: boolean }): Promise<number> {
  let result;
  try {
    result = await loadSampleDatabase(options.databaseUrl, { schema: options.schema, replace: options.replace });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new CliError(`Cannot load the sample into ${describeServer(options.databaseUrl)}: ${reason}`, { cause: error });
  }
  if (options.json) printJson(result);
  else {
    const counts = Object.entries(result.rowCounts).map(([table, count]) => `${table} ${count}`).join(', ');
    printText(`Loaded the sample shop (v${result.version}) into ${describeServer(options.databaseUrl)}, schema ${result.schema}, in ${Math.round(result.elapsedMs)} ms: ${counts}.`);
    printText(`Its "today" is ${SAMPLE_TODAY}: pass --today ${SAMPLE_TODAY} (and --semantic configs/semantic/sample.yaml) when you ask or evaluate against it.`);
  }
  return 0;
}
