import { createPrivateKey, generateKeyPairSync, randomUUID, sign, type KeyObject } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpServer, type HttpServer } from '../../../adapters/http/create-http-server.ts';
import { createTeamsApp, type TeamsApp } from '../../../adapters/teams/create-teams-app.ts';
import { silentLogger } from '../../../adapters/teams/teams-logger.ts';
import { readTeamsSettings } from '../../../adapters/teams/teams-settings.ts';
import { notice, type Assistant } from '../../../src/index.ts';
import { createMemoryStateStore } from '../../../src/providers/memory/memory-state-store.ts';
import { startFakeTeamsConnector, type FakeTeamsConnector } from '../../fixtures/fake-teams-connector.ts';
import { personalConversation, personalMessage, postActivity, ASKER } from './teams-harness.ts';

/**
 * The bot's own outbound token: the SDK reads it as a JWT, so it is made JWT-shaped here at run time (an unsigned
 * header and claims, and a placeholder signature), never written out as a token-like literal.
 */
const OUTBOUND_TOKEN = [{ alg: 'none' }, { aud: 'bot' }].map((part) => Buffer.from(JSON.stringify(part)).toString('base64url')).concat('test-placeholder').join('.');

/**
 * With credentials configured, the Teams SDK checks every request's Bot Framework token. The signing keys come from a
 * local OpenID metadata endpoint (the SDK's cloud overrides), so no Microsoft endpoint is needed; outbound calls use
 * a token provider instead of a client secret for the same reason.
 */

const APP_ID = '00000000-0000-0000-0000-00000000b0a7';
const ISSUER = 'https://api.botframework.com';

let keys: { server: Server; url: string; privateKey: KeyObject; kid: string };
let connector: FakeTeamsConnector;
let http: HttpServer;
let teams: TeamsApp;
let url: string;

const assistant: Assistant = {
  ask: async (question) => notice(question.requestId, 'none', 'asked'),
  confirm: async () => notice('r', 'none', 'confirmed'),
  cancel: async () => notice('r', 'none', 'cancelled'),
  command: async (text) => notice('command', 'none', `command: ${text}`),
  check: async (sql) => ({ verdict: 'allow', sql, violations: [], hiddenColumns: [] }),
};

function jwt(payload: Record<string, unknown>, privateKey: KeyObject, kid: string): string {
  const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const unsigned = `${encode({ alg: 'RS256', typ: 'JWT', kid })}.${encode(payload)}`;
  return `${unsigned}.${sign('sha256', Buffer.from(unsigned), privateKey).toString('base64url')}`;
}

function serviceToken(overrides: Record<string, unknown> = {}, privateKey = keys.privateKey): string {
  const now = Math.floor(Date.now() / 1000);
  return jwt({ iss: ISSUER, aud: APP_ID, serviceurl: connector.serviceUrl, nbf: now - 60, exp: now + 600, ...overrides }, privateKey, keys.kid);
}

beforeAll(async () => {
  const pair = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const kid = `key-${randomUUID()}`;
  const jwk = { ...pair.publicKey.export({ format: 'jwk' }), kid, use: 'sig', alg: 'RS256' };
  const server = createServer((request, response) => {
    response.setHeader('content-type', 'application/json');
    if (request.url === '/v1/.well-known/keys') return void response.end(JSON.stringify({ keys: [jwk] }));
    response.statusCode = 404;
    response.end('{}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  keys = { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, privateKey: createPrivateKey(pair.privateKey.export({ format: 'pem', type: 'pkcs8' })), kid };
  connector = await startFakeTeamsConnector();
  http = createHttpServer();
  teams = createTeamsApp({
    assistant,
    claims: createMemoryStateStore(),
    logger: silentLogger,
    auth: { kind: 'token-provider', appId: APP_ID, tenantId: 'tenant-1', token: async () => OUTBOUND_TOKEN },
    cloud: { openIdMetadataUrl: `${keys.url}/v1/.well-known/openidconfiguration` },
    expressApp: http.app,
  });
  await teams.start();
  url = `http://127.0.0.1:${await http.listen(0, '127.0.0.1')}`;
});

afterAll(async () => {
  await teams?.stop(1_000);
  await http?.close(100);
  await connector?.close();
  await new Promise((resolve) => keys?.server.close(resolve));
});

describe('Teams authentication with credentials configured', () => {
  it('answers 401 to an activity without a token, and sends nothing', async () => {
    const response = await postActivity(url, personalMessage(connector.serviceUrl, 'help'));
    expect(response.status).toBe(401);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(connector.calls).toEqual([]);
  });

  it('answers 401 to a token signed with another key, for another bot, or expired', async () => {
    const stranger = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
    for (const token of [serviceToken({}, stranger), serviceToken({ aud: 'another-bot' }), serviceToken({ exp: Math.floor(Date.now() / 1000) - 3600 }), 'not-a-jwt']) {
      const response = await postActivity(url, personalMessage(connector.serviceUrl, 'help'), { authorization: `Bearer ${token}` });
      expect(response.status).toBe(401);
    }
    expect(connector.calls).toEqual([]);
  });

  it('accepts a valid token and answers through the connector with the bot\'s own token', async () => {
    const response = await postActivity(url, personalMessage(connector.serviceUrl, 'help'), { authorization: `Bearer ${serviceToken()}` });
    expect(response.status).toBe(200);
    const calls = await connector.waitFor((all) => all.some((call) => call.kind === 'send' && call.conversationId === personalConversation(ASKER)));
    const sent = calls.find((call) => call.kind === 'send');
    expect(String(sent?.body.text)).toContain('command: help');
    expect(sent?.authorization).toBe(`Bearer ${OUTBOUND_TOKEN}`);
  });
});

describe('Teams settings from the environment', () => {
  it('is not configured without MICROSOFT_APP_* and without --insecure-no-auth', () => {
    expect(readTeamsSettings({}, false)).toEqual({ kind: 'none' });
    expect(readTeamsSettings({}, true)).toMatchObject({ kind: 'configured', auth: { kind: 'insecure-no-auth' } });
  });

  it('refuses a client id without a secret (the SDK would silently use a managed identity) unless UserAssignedMSI asks for it', () => {
    expect(readTeamsSettings({ MICROSOFT_APP_ID: APP_ID }, false)).toMatchObject({ kind: 'invalid', problem: expect.stringContaining('MICROSOFT_APP_PASSWORD') });
    expect(readTeamsSettings({ MICROSOFT_APP_ID: APP_ID, MICROSOFT_APP_TYPE: 'UserAssignedMSI' }, false)).toMatchObject({ kind: 'configured', auth: { kind: 'managed-identity', appId: APP_ID } });
  });

  it('reads a client secret, a single tenant, and refuses --insecure-no-auth next to credentials', () => {
    expect(readTeamsSettings({ MICROSOFT_APP_ID: APP_ID, MICROSOFT_APP_PASSWORD: 's3cret', MICROSOFT_APP_TENANT_ID: 'tenant-1', MICROSOFT_APP_TYPE: 'SingleTenant', PUBLIC_URL: 'https://bot.example.com' }, false)).toEqual({
      kind: 'configured',
      auth: { kind: 'client-secret', appId: APP_ID, appPassword: 's3cret', tenantId: 'tenant-1' },
      publicUrl: 'https://bot.example.com',
    });
    expect(readTeamsSettings({ MICROSOFT_APP_ID: APP_ID, MICROSOFT_APP_PASSWORD: 's3cret', MICROSOFT_APP_TYPE: 'SingleTenant' }, false)).toMatchObject({ kind: 'invalid', problem: expect.stringContaining('MICROSOFT_APP_TENANT_ID') });
    expect(readTeamsSettings({ MICROSOFT_APP_ID: APP_ID, MICROSOFT_APP_PASSWORD: 's3cret' }, true)).toMatchObject({ kind: 'invalid', problem: expect.stringContaining('--insecure-no-auth') });
  });
});
