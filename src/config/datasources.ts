import { z } from 'zod';

/** `configs/datasources.yaml`: named databases; credentials only as `secret://` references. */

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date as YYYY-MM-DD');

const common = {
  /** The date relative questions ("last month") are answered against; the server's date when absent. */
  today: isoDate.optional(),
  /** Path of the semantic model, relative to the config file's folder's parent (the project root). */
  semantic: z.string().optional(),
  /**
   * Schemas exposed, in search-path order. When absent: the schemas on the role's search_path that hold tables, else
   * every schema the role can read (see discoverSchemas).
   */
  schemas: z.array(z.string().min(1)).min(1, 'schemas must name at least one schema, or be left out to find them').optional(),
  /** Optional role switched to (`SET LOCAL ROLE`) for every statement. */
  role: z.string().optional(),
};

const embeddedSchema = z
  .object({
    kind: z.literal('embedded'),
    database: z.string().default('sample'),
    ...common,
  })
  .strict();

const postgresSchema = z
  .object({
    kind: z.literal('postgres'),
    /**
     * A connection URL, or a reference to one: `secret://env/VAR`, `secret://aws/<secret-id>#<json-key>`,
     * `secret://azure/<vault-name>/<secret-name>`. Outside development a password written here is refused.
     */
    url: z.string().min(1),
    /**
     * The password as a reference (`secret://aws/<secret-id>#password`), for a `url` without one: it replaces the URL's
     * password, so a secret holding only the password (as a rotated database secret does) is enough.
     */
    password: z.string().min(1).optional(),
    ...common,
  })
  .strict();

export const datasourceSchema = z.discriminatedUnion('kind', [embeddedSchema, postgresSchema]);

export const datasourcesFileSchema = z
  .object({
    default: z.string(),
    datasources: z.record(z.string(), datasourceSchema),
  })
  .strict()
  .refine((file) => file.default in file.datasources, {
    message: 'default must name one of the datasources listed under datasources',
    path: ['default'],
  });

export type DatasourceConfig = z.infer<typeof datasourceSchema>;
export type DatasourcesFile = z.infer<typeof datasourcesFileSchema>;
