import { describe, expect, it } from 'vitest';
import { findCredentialProblems, refusePlaintextCredentials } from '../../src/config/plaintext-credentials.ts';
import { parseSecretReference, pickJsonKey } from '../../src/config/resolve-secret.ts';
import { SecretError, type SecretStore } from '../../src/ports/secret-store.ts';
import { createEnvSecretStore } from '../../src/providers/env/env-secret-store.ts';
import { createSecretResolver } from '../../src/providers/secrets/create-secret-resolver.ts';

/** References, the cache and its time to live, nesting, and errors that name the reference but never the value. */

const VALUE = 'p4ss-Wörd-never-shown';

/** A store whose values a test changes, counting fetches; `failing` makes every fetch fail. */
function scriptedStore(scheme: string, values: Record<string, string>) {
  const fetches: string[] = [];
  let failing = false;
  const release: (() => void)[] = [];
  let holding = false;
  const store: SecretStore = {
    scheme,
    async resolve(path) {
      fetches.push(path);
      if (holding) await new Promise<void>((resolve) => release.push(resolve));
      if (failing) throw new SecretError('the store is down.');
      const value = values[path];
      if (value === undefined) throw new SecretError('no such secret.');
      return value;
    },
  };
  return {
    store,
    fetches,
    values,
    fail: (on: boolean) => (failing = on),
    hold: () => (holding = true),
    releaseAll: () => {
      holding = false;
      release.splice(0).forEach((resolve) => resolve());
    },
  };
}

function clock() {
  let time = 1_000_000;
  return { now: () => time, advance: (ms: number) => (time += ms) };
}

describe('secret references', () => {
  it('parses the scheme, the path and an optional #json-key', () => {
    expect(parseSecretReference('secret://aws/prod/warehouse#password', 'k')).toEqual({ scheme: 'aws', path: 'prod/warehouse', jsonKey: 'password', text: 'secret://aws/prod/warehouse#password' });
    expect(parseSecretReference('secret://azure/my-vault/db-url', 'k')).toMatchObject({ scheme: 'azure', path: 'my-vault/db-url', jsonKey: undefined });
    expect(parseSecretReference('postgres://u@h/db', 'k')).toBeUndefined();
    expect(() => parseSecretReference('secret://aws', 'datasources.w.url')).toThrow(/datasources\.w\.url: "secret:\/\/aws" is not a secret reference; write secret:\/\/env\/VAR/);
  });

  it('reads a key of a JSON secret, and never quotes the secret when it cannot', () => {
    expect(pickJsonKey(JSON.stringify({ username: 'reader', password: VALUE, port: 5432 }), 'password')).toBe(VALUE);
    expect(pickJsonKey(JSON.stringify({ port: 5432 }), 'port')).toBe('5432');
    for (const [secret, key] of [[VALUE, 'password'], [JSON.stringify({ other: VALUE }), 'password'], [JSON.stringify([VALUE]), 'password'], [JSON.stringify({ password: { nested: VALUE } }), 'password']] as const) {
      let message = '';
      try {
        pickJsonKey(secret, key);
      } catch (error) {
        message = (error as Error).message;
      }
      expect(message).toMatch(/password/);
      expect(message).not.toContain(VALUE);
    }
  });
});

describe('the secret resolver', () => {
  it('passes plain values through and names the setting and reference in every failure', async () => {
    const aws = scriptedStore('aws', {});
    const secrets = createSecretResolver({ stores: [createEnvSecretStore({}), aws.store], ttlMs: 60_000 });
    await expect(secrets.resolve('postgres://reader@db/shop', 'k')).resolves.toBe('postgres://reader@db/shop');
    await expect(secrets.resolve('secret://aws/missing#url', 'datasources.warehouse.url')).rejects.toThrow('datasources.warehouse.url: could not resolve secret://aws/missing#url: no such secret.');
    await expect(secrets.resolve('secret://env/NOPE', 'OPENAI_API_KEY')).rejects.toThrow('OPENAI_API_KEY: could not resolve secret://env/NOPE: the environment variable NOPE is not set.');
    await expect(secrets.resolve('secret://vault/x', 'SLACK_BOT_TOKEN')).rejects.toThrow(/SLACK_BOT_TOKEN: secret:\/\/vault\/x: unknown secret store "vault" \(supported: secret:\/\/env\/…, secret:\/\/aws\/…\)/);
  });

  it('keeps a secret for the time to live, shared by its JSON keys, then fetches it again', async () => {
    const time = clock();
    const aws = scriptedStore('aws', { 'prod/db': JSON.stringify({ username: 'reader', password: VALUE }) });
    const secrets = createSecretResolver({ stores: [aws.store], ttlMs: 60_000, now: time.now });
    await expect(secrets.resolve('secret://aws/prod/db#username', 'a')).resolves.toBe('reader');
    await expect(secrets.resolve('secret://aws/prod/db#password', 'b')).resolves.toBe(VALUE);
    expect(aws.fetches).toEqual(['prod/db']);
    aws.values['prod/db'] = JSON.stringify({ username: 'reader', password: 'rotated' });
    time.advance(59_999);
    await expect(secrets.resolve('secret://aws/prod/db#password', 'b')).resolves.toBe(VALUE);
    time.advance(1);
    await expect(secrets.resolve('secret://aws/prod/db#password', 'b')).resolves.toBe('rotated');
    expect(aws.fetches).toEqual(['prod/db', 'prod/db']);
  });

  it('fetches again at once when asked for a fresh value, and concurrent requests share one fetch', async () => {
    const aws = scriptedStore('aws', { db: 'one' });
    const secrets = createSecretResolver({ stores: [aws.store], ttlMs: 3_600_000 });
    await secrets.resolve('secret://aws/db', 'k');
    aws.values.db = 'two';
    aws.hold();
    const fresh = Array.from({ length: 5 }, () => secrets.resolve('secret://aws/db', 'k', { fresh: true }));
    aws.releaseAll();
    expect(await Promise.all(fresh)).toEqual(['two', 'two', 'two', 'two', 'two']);
    expect(aws.fetches).toHaveLength(2);
  });

  it('keeps the last value through a store outage after the time to live, but never for a fresh request', async () => {
    const time = clock();
    const aws = scriptedStore('aws', { db: 'one' });
    const secrets = createSecretResolver({ stores: [aws.store], ttlMs: 1_000, now: time.now });
    await secrets.resolve('secret://aws/db', 'k');
    aws.fail(true);
    time.advance(1_000);
    await expect(secrets.resolve('secret://aws/db', 'k')).resolves.toBe('one');
    // Not asked again until another time to live has passed.
    await expect(secrets.resolve('secret://aws/db', 'k')).resolves.toBe('one');
    expect(aws.fetches).toHaveLength(2);
    await expect(secrets.resolve('secret://aws/db', 'k', { fresh: true })).rejects.toThrow('k: could not resolve secret://aws/db: the store is down.');
  });

  it('follows a variable that holds a reference (DATABASE_URL=secret://aws/…), fresh all the way', async () => {
    const aws = scriptedStore('aws', { 'prod/db': JSON.stringify({ url: 'postgres://reader:one@db/shop' }) });
    const environment = { DATABASE_URL: 'secret://aws/prod/db#url', LOOP: 'secret://env/LOOP' };
    const secrets = createSecretResolver({ stores: [createEnvSecretStore(environment), aws.store], ttlMs: 3_600_000 });
    await expect(secrets.resolve('secret://env/DATABASE_URL', '--database-url')).resolves.toBe('postgres://reader:one@db/shop');
    aws.values['prod/db'] = JSON.stringify({ url: 'postgres://reader:two@db/shop' });
    await expect(secrets.resolve('secret://env/DATABASE_URL', '--database-url', { fresh: true })).resolves.toBe('postgres://reader:two@db/shop');
    aws.fail(true);
    await expect(secrets.resolve('secret://env/DATABASE_URL', '--database-url', { fresh: true })).rejects.toThrow(
      '--database-url (through secret://env/DATABASE_URL): could not resolve secret://aws/prod/db#url: the store is down.',
    );
    await expect(secrets.resolve('secret://env/LOOP', 'X')).rejects.toThrow(/nest deeper than 3 levels/);
  });

  it('refuses an empty secret', async () => {
    const secrets = createSecretResolver({ stores: [scriptedStore('aws', { blank: '  ' }).store], ttlMs: 1 });
    await expect(secrets.resolve('secret://aws/blank', 'k')).rejects.toThrow('k: could not resolve secret://aws/blank: the secret is empty.');
  });
});

describe('plaintext credentials in datasources.yaml', () => {
  const withPassword = { kind: 'postgres' as const, url: `postgres://reader:${VALUE}@db:5432/shop` };

  it('are refused outside development, naming the key and the reference to write instead, never the value', () => {
    expect(() => refusePlaintextCredentials('configs/datasources.yaml', 'warehouse', withPassword, {})).toThrow(
      /configs\/datasources\.yaml: datasources\.warehouse\.url contains a plaintext password; write a reference instead: url: secret:\/\/env\/WAREHOUSE_DATABASE_URL/,
    );
    expect(() => refusePlaintextCredentials('d.yaml', 'warehouse', { kind: 'postgres', url: 'postgres://reader@db/shop', password: VALUE }, { NODE_ENV: 'production' })).toThrow(
      /datasources\.warehouse\.password is plain text; write a reference instead: password: secret:\/\/aws\/<secret-id>#password/,
    );
    const messages = findCredentialProblems('d.yaml', 'warehouse', { ...withPassword, password: VALUE }).map((problem) => problem.message);
    expect(messages).toHaveLength(2);
    expect(messages.join('\n')).not.toContain(VALUE);
  });

  it('are allowed with NODE_ENV=development; references and password-less URLs always', () => {
    expect(() => refusePlaintextCredentials('d.yaml', 'w', withPassword, { NODE_ENV: 'development' })).not.toThrow();
    expect(() => refusePlaintextCredentials('d.yaml', 'w', { kind: 'postgres', url: 'secret://aws/prod/db#url' }, {})).not.toThrow();
    expect(() => refusePlaintextCredentials('d.yaml', 'w', { kind: 'postgres', url: 'postgres://reader@db/shop', password: 'secret://azure/kv/db-password' }, {})).not.toThrow();
    expect(() => refusePlaintextCredentials('d.yaml', 'w', { kind: 'postgres', url: 'not a url' }, { NODE_ENV: 'development' })).toThrow(/datasources\.w\.url is neither a connection URL/);
  });
});
