import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { zipSync } from 'fflate';
import { z } from 'zod';
import { CliError } from '../cli-error.ts';
import { printJson, printText } from '../print.ts';

/**
 * `sql-eval teams package [--app-id GUID] [--out FILE]`: the Teams app package to side-load or upload, a zip of
 * manifests/teams/manifest.json (with the bot's Microsoft App ID filled in as the app id and the bot id) and its two
 * icons. The app id comes from the flag or MICROSOFT_APP_ID.
 */

const guid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const teamsPackageOptionsSchema = z.object({
  appId: z.string().trim().regex(guid, '--app-id (or MICROSOFT_APP_ID) must be the Microsoft App ID of the Azure bot, a GUID such as 6f1c2d3e-…').optional(),
  out: z.string().min(1).default('sql-eval-teams.zip'),
  manifest: z.string().min(1).default('manifests/teams'),
  appVersion: z.string().regex(/^\d+\.\d+\.\d+$/, '--app-version must look like 1.0.0').optional(),
  json: z.boolean().default(false),
});

export type TeamsPackageOptions = z.infer<typeof teamsPackageOptionsSchema>;

export function parseTeamsPackageOptions(raw: unknown): TeamsPackageOptions {
  const parsed = teamsPackageOptionsSchema.safeParse(raw);
  if (!parsed.success) throw new CliError(parsed.error.issues.map((issue) => issue.message).join('; '));
  return parsed.data;
}

export async function teamsPackageCommand(options: TeamsPackageOptions, environment: NodeJS.ProcessEnv = process.env): Promise<number> {
  const appId = options.appId ?? environment.MICROSOFT_APP_ID?.trim();
  if (!appId) throw new CliError('Name the bot: --app-id <Microsoft App ID> or MICROSOFT_APP_ID (the Azure bot\'s app registration client id).');
  if (!guid.test(appId)) throw new CliError(`MICROSOFT_APP_ID must be a GUID such as 6f1c2d3e-…, not "${appId}".`);
  const manifestPath = path.join(options.manifest, 'manifest.json');
  let manifest: { id?: unknown; version?: unknown; icons?: { color?: unknown; outline?: unknown }; bots?: { botId?: unknown }[] };
  try {
    manifest = JSON.parse(await readFile(manifestPath, 'utf8')) as typeof manifest;
  } catch (error) {
    throw new CliError(`Could not read ${manifestPath}: ${(error as Error).message}`, { cause: error });
  }
  const colorName = String(manifest.icons?.color ?? 'color.png');
  const outlineName = String(manifest.icons?.outline ?? 'outline.png');
  const filled = {
    ...manifest,
    id: appId,
    ...(options.appVersion ? { version: options.appVersion } : {}),
    bots: (manifest.bots ?? [{}]).map((bot) => ({ ...bot, botId: appId })),
  };
  const icons: Record<string, Uint8Array> = {};
  for (const name of [colorName, outlineName]) {
    try {
      icons[name] = await readFile(path.join(options.manifest, name));
    } catch (error) {
      throw new CliError(`Could not read the icon ${path.join(options.manifest, name)}: ${(error as Error).message}`, { cause: error });
    }
  }
  const zip = zipSync({ 'manifest.json': new TextEncoder().encode(`${JSON.stringify(filled, null, 2)}\n`), ...icons });
  await writeFile(options.out, zip);
  if (options.json) printJson({ file: options.out, appId, bytes: zip.length });
  else printText(`Wrote ${options.out} (${zip.length} bytes) for bot ${appId}: in Teams, Apps → Manage your apps → Upload an app → Upload a custom app.`);
  return 0;
}
