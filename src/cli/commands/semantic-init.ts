import { z } from 'zod';
import { buildCatalog } from '../../catalog/build-catalog.ts';
import { loadPolicies } from '../../config/load-config-files.ts';
import { emptySemanticModel, semanticModelSchema } from '../../config/semantic-model.ts';
import { renderSemanticModel } from '../../fast-lane/render-semantic-model.ts';
import { createPostgresDatasource } from '../../providers/postgres/create-postgres-datasource.ts';
import { discoverSchemas } from '../../providers/postgres/discover-schemas.ts';
import { STATE_SCHEMA } from '../../providers/postgres-state/ensure-state-schema.ts';
import { CliError } from '../cli-error.ts';
import { printJson, printText } from '../print.ts';
import { parse as parseYaml } from 'yaml';

/**
 * `sql-eval semantic init --database-url URL [--schemas a,b]`: prints a starting semantic model derived from the database.
 * Without --schemas, the schemas a zero-config datasource would expose (see discoverSchemas).
 */

const optionsSchema = z.object({
  databaseUrl: z.string().min(1, '--database-url must not be empty'),
  schemas: z
    .string()
    .transform((list) => list.split(',').map((schema) => schema.trim()).filter((schema) => schema.length > 0))
    .refine((schemas) => schemas.length > 0, '--schemas must name at least one schema')
    .optional(),
  datasource: z.string().min(1).default('database'),
  policies: z.string().min(1).optional(),
  config: z.string().min(1).default('configs'),
  json: z.boolean().default(false),
});

export async function semanticInitCommand(raw: unknown): Promise<number> {
  const parsed = optionsSchema.safeParse(raw);
  if (!parsed.success) throw new CliError(parsed.error.issues.map((issue) => issue.message).join('; '));
  const options = parsed.data;
  const policies = await loadPolicies(options.policies, options.config);
  const schemas = options.schemas ?? (await discoverSchemas(options.databaseUrl, { name: options.datasource, excluded: [STATE_SCHEMA] }));
  const datasource = createPostgresDatasource({ name: options.datasource, connectionString: options.databaseUrl, schemas });
  try {
    const catalog = buildCatalog({
      datasource: options.datasource,
      snapshot: await datasource.introspect(),
      semantic: emptySemanticModel,
      semanticSource: '(none)',
      searchPath: schemas,
      largeTableRows: policies.limits.largeTableRows,
    });
    if (catalog.tables.length === 0) throw new CliError(`The database has no tables or views ${schemas.length > 0 ? `in schemas ${schemas.join(', ')} ` : ''}that this role may read.`);
    const yamlText = renderSemanticModel(catalog);
    // --json: the same model as JSON (the YAML parsed back), for tools.
    if (options.json) printJson(semanticModelSchema.parse(parseYaml(yamlText)));
    else printText(yamlText.trimEnd());
    return 0;
  } finally {
    await datasource.close();
  }
}
