import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { datasourceConnection } from '../../compose/datasource-connection.ts';
import { openSecrets, type SecretResolver } from '../../compose/open-secrets.ts';
import { ConfigError } from '../../config/config-error.ts';
import { datasourcesFileSchema, type DatasourcesFile } from '../../config/datasources.ts';
import { entitlementsFileSchema } from '../../config/entitlements.ts';
import { findCredentialProblems, isDevelopment } from '../../config/plaintext-credentials.ts';
import { policiesSchema } from '../../config/policies.ts';
import { isSecretReference } from '../../config/resolve-secret.ts';
import { semanticModelSchema } from '../../config/semantic-model.ts';
import { tenantsFileSchema } from '../../config/tenants.ts';
import { SecretError } from '../../ports/secret-store.ts';
import { loadOpenAiSettings } from '../../providers/openai/load-openai-settings.ts';
import { CliError } from '../cli-error.ts';
import { printJson, printText } from '../print.ts';

/**
 * `sql-eval config check`: validates every config file and resolves every `secret://` reference (in
 * configs/datasources.yaml and in the environment) without printing a value. One line per check; each problem names
 * the file (or `environment`) and the key. Exit 0 when there is none, 2 otherwise.
 */

const configCheckOptionsSchema = z.object({
  config: z.string().min(1).default('configs'),
  policies: z.string().min(1).optional(),
  json: z.boolean().default(false),
});

export type ConfigCheckOptions = z.infer<typeof configCheckOptionsSchema>;

export function parseConfigCheckOptions(raw: unknown): ConfigCheckOptions {
  const parsed = configCheckOptionsSchema.safeParse(raw);
  if (!parsed.success) throw new CliError(parsed.error.issues.map((issue) => issue.message).join('; '));
  return parsed.data;
}

export interface ConfigCheck {
  status: 'ok' | 'problem';
  /** `<file>[: <key>]: what`, or `environment: <VARIABLE>: what`. Never a value. */
  message: string;
}

/** Variables that hold database URLs: checked to be PostgreSQL URLs once resolved. */
const DATABASE_URL_VARIABLES = ['DATABASE_URL', 'STATE_DATABASE_URL', 'AUDIT_DATABASE_URL'];

export async function configCheckCommand(options: ConfigCheckOptions, environment: NodeJS.ProcessEnv = process.env): Promise<number> {
  const checks = await checkConfiguration(options, environment);
  const problems = checks.filter((check) => check.status === 'problem');
  if (options.json) {
    printJson({ ok: problems.length === 0, checks });
  } else {
    for (const check of checks) printText(`${check.status === 'ok' ? 'ok     ' : 'problem'}  ${check.message}`);
    printText(problems.length === 0 ? 'Configuration is valid.' : `${problems.length} problem${problems.length === 1 ? '' : 's'}.`);
  }
  return problems.length === 0 ? 0 : 2;
}

export async function checkConfiguration(options: ConfigCheckOptions, environment: NodeJS.ProcessEnv): Promise<ConfigCheck[]> {
  const checks: ConfigCheck[] = [];
  const ok = (message: string) => checks.push({ status: 'ok', message });
  const problem = (message: string) => checks.push({ status: 'problem', message });
  const checkFile = async <T>(file: string, schema: z.ZodType<T>, required: boolean): Promise<T | undefined> => {
    if (!required && !existsSync(file)) return undefined;
    const result = await validateYamlFile(file, schema);
    if (result.problems.length === 0) ok(file);
    result.problems.forEach(problem);
    return result.value;
  };

  await checkFile(options.policies ?? join(options.config, 'policies.yaml'), policiesSchema, options.policies !== undefined);
  await checkFile(join(options.config, 'entitlements.yaml'), entitlementsFileSchema, false);
  await checkFile(join(options.config, 'tenants.yaml'), tenantsFileSchema, false);
  const datasourcesFile = join(options.config, 'datasources.yaml');
  const datasources = await checkFile(datasourcesFile, datasourcesFileSchema, false);

  const semanticFiles = new Set<string>(datasources ? Object.values(datasources.datasources).flatMap((config) => (config.semantic ? [config.semantic] : [])) : []);
  const semanticFolder = join(options.config, 'semantic');
  if (existsSync(semanticFolder)) {
    for (const entry of (await readdir(semanticFolder)).sort()) if (/\.ya?ml$/.test(entry)) semanticFiles.add(join(semanticFolder, entry));
  }
  for (const file of semanticFiles) await checkFile(file, semanticModelSchema, true);

  let secrets: SecretResolver;
  try {
    secrets = openSecrets(environment);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    error.message.split('\n').slice(1).forEach((line) => problem(line.trim()));
    return checks;
  }
  if (datasources) await checkDatasourceCredentials(datasourcesFile, datasources, secrets, environment, ok, problem);
  await checkEnvironment(environment, secrets, ok, problem);
  return checks;
}

async function checkDatasourceCredentials(
  file: string,
  datasources: DatasourcesFile,
  secrets: SecretResolver,
  environment: NodeJS.ProcessEnv,
  ok: (message: string) => void,
  problem: (message: string) => void,
): Promise<void> {
  for (const [name, config] of Object.entries(datasources.datasources)) {
    if (config.kind !== 'postgres') continue;
    const credentialProblems = findCredentialProblems(file, name, config);
    for (const credentialProblem of credentialProblems) {
      if (credentialProblem.kind === 'invalid' || !isDevelopment(environment)) problem(credentialProblem.message);
    }
    if (credentialProblems.some((credentialProblem) => credentialProblem.kind === 'invalid')) continue;
    try {
      await datasourceConnection(config, `datasources.${name}`, secrets)({ refresh: false });
      const references = [config.url, config.password].filter((value): value is string => value !== undefined && isSecretReference(value));
      ok(`${file}: datasources.${name}: ${references.length > 0 ? `resolved ${references.map((reference) => reference.trim()).join(' and ')}` : 'connection URL'}`);
    } catch (error) {
      if (!(error instanceof SecretError)) throw error;
      problem(`${file}: ${error.message}`);
    }
  }
}

async function checkEnvironment(environment: NodeJS.ProcessEnv, secrets: SecretResolver, ok: (message: string) => void, problem: (message: string) => void): Promise<void> {
  const resolved: NodeJS.ProcessEnv = { ...environment };
  for (const [name, value] of Object.entries(environment).sort(([a], [b]) => a.localeCompare(b))) {
    if (value === undefined || !isSecretReference(value)) continue;
    try {
      resolved[name] = await secrets.resolve(value, name);
      ok(`environment: ${name}: resolved ${value.trim()}`);
    } catch (error) {
      if (!(error instanceof SecretError)) throw error;
      problem(`environment: ${error.message}`);
      delete resolved[name];
    }
  }
  for (const name of DATABASE_URL_VARIABLES) {
    const value = resolved[name]?.trim();
    if (value && !/^postgres(ql)?:\/\/\S/.test(value)) problem(`environment: ${name}: not a PostgreSQL connection URL (postgres://user:password@host:5432/database).`);
  }
  try {
    loadOpenAiSettings(resolved);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    error.message.split('\n').slice(1).forEach((line) => problem(line.trim()));
  }
}

/** The file's problems, one line each: `<file>: <key>: <message>`. */
async function validateYamlFile<T>(file: string, schema: z.ZodType<T>): Promise<{ value: T | undefined; problems: string[] }> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return { value: undefined, problems: [`${file}: ${code === 'ENOENT' ? 'the file does not exist' : `cannot be read (${code ?? 'unknown error'})`}.`] };
  }
  let data: unknown;
  try {
    data = parseYaml(text);
  } catch (error) {
    return { value: undefined, problems: [`${file}: not valid YAML: ${error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error)}`] };
  }
  const parsed = schema.safeParse(data ?? {});
  if (parsed.success) return { value: parsed.data, problems: [] };
  return { value: undefined, problems: parsed.error.issues.map((issue) => `${file}: ${issue.path.length > 0 ? issue.path.join('.') : '(top level)'}: ${issue.message}`) };
}
