import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { inflateSync } from 'node:zlib';
import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { COMMAND_WORDS } from '../../../adapters/teams/teams-command.ts';
import { teamsPackageCommand, parseTeamsPackageOptions } from '../../../src/cli/commands/teams-package.ts';
import { pngSize } from '../../render/png-size.ts';

/**
 * The Teams app package side-loads: the manifest validates against Microsoft's JSON schema for its version, the icons
 * have the sizes Teams requires (the outline transparent), and `sql-eval teams package` fills in the bot id.
 *
 * `test/fixtures/teams-manifest-v1.30.schema.json` is the schema Microsoft publishes at
 * developer.microsoft.com/json-schemas/teams/v1.30/MicrosoftTeams.schema.json, copied unchanged from the npm package
 * `@microsoft/app-manifest` 1.1.2 (`build/json-schemas/teams/v1.30/`, MIT licence), which ships every version.
 */

type Validate = ((data: unknown) => boolean) & { errors?: unknown[] | null };
const require = createRequire(import.meta.url);
const { default: Ajv04 } = require('ajv-draft-04') as { default: new (options: object) => { compile(schema: object): Validate; addFormat(name: string, format: RegExp): void } };

async function validator(): Promise<Validate> {
  const schema = JSON.parse(await readFile('test/fixtures/teams-manifest-v1.30.schema.json', 'utf8')) as object;
  const ajv = new Ajv04({ allErrors: true, strict: false });
  ajv.addFormat('uri', /^[a-z][a-z0-9+.-]*:\S+$/i);
  ajv.addFormat('regex', /.*/);
  return ajv.compile(schema);
}

async function manifest(): Promise<Record<string, unknown> & { manifestVersion: string; bots: { botId: string; scopes: string[]; commandLists: { scopes: string[]; commands: { title: string }[] }[] }[] }> {
  return JSON.parse(await readFile('manifests/teams/manifest.json', 'utf8')) as Awaited<ReturnType<typeof manifest>>;
}

/** The RGBA pixels of an 8-bit RGBA PNG (non-interlaced), unfiltered. */
function rgbaPixels(png: Buffer): { width: number; height: number; pixels: Buffer } {
  const { width, height } = pngSize(png);
  expect(png[24]).toBe(8);
  expect(png[25]).toBe(6);
  const chunks: Buffer[] = [];
  for (let offset = 8; offset < png.length; ) {
    const length = png.readUInt32BE(offset);
    const type = png.subarray(offset + 4, offset + 8).toString('ascii');
    if (type === 'IDAT') chunks.push(png.subarray(offset + 8, offset + 8 + length));
    offset += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(chunks));
  const stride = width * 4;
  const pixels = Buffer.alloc(stride * height);
  for (let row = 0; row < height; row += 1) {
    const filter = raw[row * (stride + 1)] as number;
    for (let index = 0; index < stride; index += 1) {
      const value = raw[row * (stride + 1) + 1 + index] as number;
      const left = index >= 4 ? (pixels[row * stride + index - 4] as number) : 0;
      const up = row > 0 ? (pixels[(row - 1) * stride + index] as number) : 0;
      const upLeft = row > 0 && index >= 4 ? (pixels[(row - 1) * stride + index - 4] as number) : 0;
      const paeth = () => {
        const estimate = left + up - upLeft;
        const [a, b, c] = [Math.abs(estimate - left), Math.abs(estimate - up), Math.abs(estimate - upLeft)];
        return a <= b && a <= c ? left : b <= c ? up : upLeft;
      };
      const predictor = [0, left, up, Math.floor((left + up) / 2), paeth()][filter] as number;
      pixels[row * stride + index] = (value + predictor) & 0xff;
    }
  }
  return { width, height, pixels };
}

describe('the Teams app manifest', () => {
  it('validates against the JSON schema of its manifest version', async () => {
    const validate = await validator();
    const document = await manifest();
    expect(document.manifestVersion).toBe('1.30');
    expect(validate(document), JSON.stringify(validate.errors, null, 2)).toBe(true);
    // The schema really is applied: a manifest without icons, or with a bot id that is not a GUID, fails.
    expect(validate({ ...document, icons: undefined })).toBe(false);
    expect(validate({ ...document, bots: [{ ...document.bots[0], botId: 'bot' }] })).toBe(false);
  });

  it('declares a bot for personal chats, teams and group chats, with the commands the adapter knows', async () => {
    const [bot] = (await manifest()).bots;
    expect(bot?.scopes.sort()).toEqual(['groupChat', 'personal', 'team']);
    for (const list of bot?.commandLists ?? []) for (const command of list.commands) expect(COMMAND_WORDS.has(command.title)).toBe(true);
    expect(bot?.commandLists.flatMap((list) => list.scopes).sort()).toEqual(['groupChat', 'personal', 'team']);
  });

  it('has a 192 × 192 color icon and a 32 × 32 outline icon, white on transparent', async () => {
    expect(pngSize(await readFile('manifests/teams/color.png'))).toEqual({ width: 192, height: 192 });
    const outline = rgbaPixels(await readFile('manifests/teams/outline.png'));
    expect([outline.width, outline.height]).toEqual([32, 32]);
    let transparent = 0;
    for (let index = 0; index < outline.pixels.length; index += 4) {
      const [red, green, blue, alpha] = outline.pixels.subarray(index, index + 4);
      if (alpha === 0) transparent += 1;
      else expect([red, green, blue]).toEqual([255, 255, 255]);
    }
    expect(transparent).toBeGreaterThan(32 * 32 * 0.5);
    expect(outline.pixels[3]).toBe(0);
  });

  it('is packaged by `sql-eval teams package` with the bot id filled in, still valid', async () => {
    const folder = await mkdtemp(path.join(tmpdir(), 'sql-eval-teams-package-'));
    try {
      const out = path.join(folder, 'app.zip');
      const appId = '6f1c2d3e-4a5b-4c6d-8e9f-0a1b2c3d4e5f';
      expect(await teamsPackageCommand(parseTeamsPackageOptions({ out, json: true }), { MICROSOFT_APP_ID: appId })).toBe(0);
      const files = unzipSync(new Uint8Array(await readFile(out)));
      expect(Object.keys(files).sort()).toEqual(['color.png', 'manifest.json', 'outline.png']);
      const packaged = JSON.parse(new TextDecoder().decode(files['manifest.json'])) as { id: string; bots: { botId: string }[] };
      expect(packaged.id).toBe(appId);
      expect(packaged.bots[0]?.botId).toBe(appId);
      const validate = await validator();
      expect(validate(packaged), JSON.stringify(validate.errors)).toBe(true);
      await expect(teamsPackageCommand(parseTeamsPackageOptions({ out }), {})).rejects.toThrow(/MICROSOFT_APP_ID/);
      await expect(teamsPackageCommand(parseTeamsPackageOptions({ out }), { MICROSOFT_APP_ID: 'not-a-guid' })).rejects.toThrow(/GUID/);
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });
});
