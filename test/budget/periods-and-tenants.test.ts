import { describe, expect, it } from 'vitest';
import { describeReset, periodsAt } from '../../src/budget/periods.ts';
import { namedTenant, tenantFor } from '../../src/budget/tenant.ts';
import { tenantsFileSchema } from '../../src/config/tenants.ts';
import type { Actor, Place } from '../../src/vocabulary/index.ts';

describe('budget periods', () => {
  it('names the UTC day and month and when each resets', () => {
    const periods = periodsAt(Date.UTC(2026, 10, 30, 21, 15), 'UTC');
    expect(periods).toEqual({
      day: '2026-11-30',
      month: '2026-11',
      dayResetsAt: Date.UTC(2026, 11, 1),
      monthResetsAt: Date.UTC(2026, 11, 1),
    });
    const december = periodsAt(Date.UTC(2026, 11, 31, 23, 59), 'UTC');
    expect(december.monthResetsAt).toBe(Date.UTC(2027, 0, 1));
  });

  it('follows the configured time zone, across a daylight-saving change', () => {
    // 23:30 UTC on 2026-03-28 is already the 29th in Tokyo.
    expect(periodsAt(Date.UTC(2026, 2, 28, 23, 30), 'Asia/Tokyo').day).toBe('2026-03-29');
    // Lisbon moves to UTC+1 on 2026-03-29 at 01:00 UTC; midnight of the 30th is 23:00 UTC on the 29th.
    const lisbon = periodsAt(Date.UTC(2026, 2, 29, 12), 'Europe/Lisbon');
    expect(lisbon.day).toBe('2026-03-29');
    expect(lisbon.dayResetsAt).toBe(Date.UTC(2026, 2, 29, 23));
    expect(lisbon.monthResetsAt).toBe(Date.UTC(2026, 2, 31, 23));
  });

  it('says when a budget resets', () => {
    expect(describeReset(Date.UTC(2026, 11, 1), Date.UTC(2026, 10, 30, 20, 40))).toBe('at 2026-12-01 00:00 UTC (in 3 h 20 min)');
  });
});

describe('tenants', () => {
  const file = tenantsFileSchema.parse({
    defaults: { tokensPerDay: 1000 },
    tenants: { finance: { channels: ['slack:T1:C0FIN'], tokensPerDay: 50 } },
  });
  const ana: Actor = { platform: 'slack', workspaceId: 'T1', userId: 'U1' };
  const place = (channelId: string, isDirect = false): Place => ({ platform: 'slack', channelId, isDirect });

  it('charges a listed channel to its tenant, with its own limits over the defaults', () => {
    expect(tenantFor(ana, place('C0FIN'), file)).toEqual({ id: 'finance', limits: { tokensPerDay: 50, tokensPerMonth: 3_000_000, tokensPerRequest: 60_000 } });
  });

  it('makes any other channel its own tenant, a direct message the asker’s, and eval the eval tenant', () => {
    expect(tenantFor(ana, place('C0OTHER'), file).id).toBe('channel:slack:T1:C0OTHER');
    expect(tenantFor(ana, place('D0DM', true), file).id).toBe('user:slack:T1:U1');
    expect(tenantFor({ platform: 'eval', workspaceId: 'eval', userId: 'x' }, { platform: 'eval', channelId: 'golden', isDirect: false }, file).id).toBe('eval');
    expect(namedTenant('nobody', file).limits.tokensPerDay).toBe(1000);
  });

  it('rejects a channel charged to two tenants, a bad time zone and unknown keys, naming the key', () => {
    const result = tenantsFileSchema.safeParse({
      timezone: 'Mars/Olympus',
      tenants: { a: { channels: ['slack:T1:C1'] }, b: { channels: ['slack:T1:C1'], tokensPerWeek: 5 } },
    });
    expect(result.success).toBe(false);
    const paths = result.error?.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    expect(paths).toEqual(expect.arrayContaining([expect.stringMatching(/^timezone: not a time zone/), expect.stringMatching(/^tenants\.b: Unrecognized key/)]));
    const duplicate = tenantsFileSchema.safeParse({ tenants: { a: { channels: ['slack:T1:C1'] }, b: { channels: ['slack:T1:C1'] } } });
    expect(duplicate.error?.issues[0]).toMatchObject({ path: ['tenants', 'b', 'channels', 0], message: 'slack:T1:C1 is already charged to tenant "a"' });
  });
});
