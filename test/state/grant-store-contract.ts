import { describe, expect, it } from 'vitest';
import type { ChatGrant, GrantStore } from '../../src/ports/grant-store.ts';

/** The chat-grant contract every StateStore provider passes; `open` gets a clock the test moves and a fresh store. */

export interface GrantsUnderTest {
  grants: GrantStore;
  close(): Promise<void>;
}

const grant = (overrides: Partial<ChatGrant> = {}): ChatGrant => ({
  grantee: 'slack:T1:U2',
  entitlement: 'pii:customers.email',
  grantedBy: 'slack:T1:UADMIN',
  grantedAt: 1_000,
  expiresAt: null,
  ...overrides,
});

export function grantStoreContract(name: string, open: (now: () => number) => Promise<GrantsUnderTest>): void {
  describe(`${name}: chat grant contract`, () => {
    it('saves, replaces, lists by grantee, expires and revokes grants', async () => {
      const clock = { at: 1_000 };
      const opened = await open(() => clock.at);
      try {
        const { grants } = opened;
        await grants.saveGrant(grant());
        await grants.saveGrant(grant({ entitlement: 'pii:customers.*', expiresAt: 5_000 }));
        await grants.saveGrant(grant({ grantee: 'email:ana@example.com', entitlement: 'pii:*' }));
        // The same grantee and entitlement again replaces the first.
        await grants.saveGrant(grant({ grantedBy: 'slack:T1:UOTHER', grantedAt: 2_000 }));
        const listed = await grants.listGrants(['slack:T1:U2', 'email:nobody@example.com']);
        expect(listed.sort((left, right) => left.entitlement.localeCompare(right.entitlement))).toEqual([
          grant({ entitlement: 'pii:customers.*', expiresAt: 5_000 }),
          grant({ grantedBy: 'slack:T1:UOTHER', grantedAt: 2_000 }),
        ]);
        expect(await grants.listGrants(['email:ana@example.com'])).toEqual([grant({ grantee: 'email:ana@example.com', entitlement: 'pii:*' })]);
        clock.at = 5_000;
        expect((await grants.listGrants(['slack:T1:U2'])).map((entry) => entry.entitlement)).toEqual(['pii:customers.email']);
        expect(await grants.revokeGrant('slack:T1:U2', 'pii:customers.email')).toBe(true);
        expect(await grants.revokeGrant('slack:T1:U2', 'pii:customers.email')).toBe(false);
        expect(await grants.listGrants(['slack:T1:U2'])).toEqual([]);
      } finally {
        await opened.close();
      }
    });
  });
}
