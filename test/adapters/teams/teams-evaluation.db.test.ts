import { afterAll, describe, expect, it } from 'vitest';
import type { FakeTeamsCall } from '../../fixtures/fake-teams-connector.ts';
import { openChatEvaluations, QUICK_CASES, QUICK_SUITE, type ChatEvaluations } from '../../support/chat-evaluations.ts';
import { ADMIN, ASKER, cardOf, channelMention, contentOf, personalConversation, personalMessage, postActivity, TENANT, useTeamsHarness } from './teams-harness.ts';

// `sql-eval eval <suite>` through the Teams SDK app against the fake Bot Connector, with the real evaluation runner.

let evaluations: ChatEvaluations | undefined;
const harness = useTeamsHarness({
  evaluations: async (databaseUrl) => {
    evaluations = await openChatEvaluations({ databaseUrl, admins: [`teams:${TENANT}:${ADMIN.aadObjectId}`] });
    return evaluations.jobs;
  },
});
afterAll(async () => {
  await evaluations?.close();
});

const sentTo = (conversationId: string) => (call: FakeTeamsCall) => call.kind === 'send' && call.conversationId === conversationId;
const isScorecard = (conversationId: string) => (call: FakeTeamsCall) => sentTo(conversationId)(call) && contentOf(call).includes(`Evaluation of ${QUICK_SUITE}`);

describe('Teams: sql-eval eval', () => {
  it('an admin starts a suite in a channel: a progress card, updated in place, then the scorecard card in the same reply chain with links to the chart and reports', async () => {
    const activity = channelMention(harness.teams.serviceUrl, `sql-eval eval ${QUICK_SUITE}`, { from: ADMIN });
    const conversation = activity.conversation.id;
    const before = harness.teams.calls.length;
    expect((await postActivity(harness.url, activity)).status).toBe(200);

    const calls = await harness.teams.waitFor((all) => all.slice(before).some(isScorecard(conversation)), 60_000);
    const sent = calls.slice(before).filter(sentTo(conversation));
    const progress = sent[0] as FakeTeamsCall;
    expect(contentOf(progress)).toContain(`Evaluating ${QUICK_SUITE} for Ada Admin: 0/${QUICK_CASES} cases`);
    expect(sent.some((call) => contentOf(call).includes(`Started an evaluation of ${QUICK_SUITE} (${QUICK_CASES} cases) in the background`))).toBe(true);

    // The progress card is updated in place (the same activity) with the cases done, before the scorecard comes.
    const scorecard = calls.slice(before).find(isScorecard(conversation)) as FakeTeamsCall;
    const updates = calls.slice(before, calls.indexOf(scorecard)).filter((call) => call.kind === 'update' && call.conversationId === conversation);
    expect(updates.length).toBeGreaterThan(0);
    expect(updates.every((call) => call.activityId === progress.activityId)).toBe(true);
    expect(updates.some((call) => contentOf(call).includes(`${QUICK_CASES}/${QUICK_CASES} cases`))).toBe(true);
    expect(contentOf(updates.at(-1))).toContain('finished: the scorecard is in the thread');

    // The scorecard: each figure against its target, met or not in words.
    const card = cardOf(scorecard);
    const facts = (card.body.find((element) => element.type === 'FactSet')?.facts ?? []) as { title: string; value: string }[];
    expect(facts.find((fact) => fact.title === 'Execution accuracy')?.value).toMatch(/^❌ NOT met: 66\.7% \(target/);
    expect(facts.find((fact) => fact.title === 'Security score')?.value).toMatch(/^✅ met: 100\.0% \(target/);
    expect(facts.find((fact) => fact.title === 'Fast-lane P95')?.value).toMatch(/^✅ met: \d+ ms/);
    expect(contentOf(scorecard)).toContain('Failing: quick/wrong-gold.');
    expect(String(scorecard.body.text)).toMatch(/targets met\.$/);

    // The chart and the report files behind expiring links of this server, which serve them.
    const image = card.body.find((element) => element.type === 'Image') as { url: string } | undefined;
    expect(image?.url.startsWith(`${harness.url}/teams/files/`)).toBe(true);
    const chart = await fetch(image?.url as string);
    expect(chart.headers.get('content-type')).toContain('image/png');
    const links = (card.actions ?? []).filter((action) => action.type === 'Action.OpenUrl');
    // The HTML report and the failing cases as CSV.
    expect(links).toHaveLength(2);
    const [html, csv] = await Promise.all(links.map(async (link) => (await fetch(link.url as string)).text()));
    expect(html).toContain('<html');
    expect(csv).toContain('wrong-gold');
    expect(contentOf(scorecard)).not.toMatch(/\n\s+at |Error:/);
  });

  it('refuses someone who is not an admin and starts nothing', async () => {
    const before = harness.teams.calls.length;
    await postActivity(harness.url, personalMessage(harness.teams.serviceUrl, `sql-eval eval ${QUICK_SUITE}`, { from: ASKER }));
    const calls = await harness.teams.waitFor((all) => all.slice(before).some(sentTo(personalConversation(ASKER))));
    const sent = calls.slice(before).filter(sentTo(personalConversation(ASKER)));
    expect(sent.map(contentOf).join('\n')).toContain('Only admins (configs/entitlements.yaml: admins) can run evaluations.');
    expect(sent.map(contentOf).join('\n')).not.toContain('Evaluating');
  });

  it('a progress card Teams refuses is logged, not thrown: the scorecard still comes', async () => {
    harness.teams.failNext('send', { status: 403, code: 'BotNotInConversationRoster' });
    const before = harness.teams.calls.length;
    await postActivity(harness.url, personalMessage(harness.teams.serviceUrl, `sql-eval eval ${QUICK_SUITE}`, { from: ADMIN }));
    const calls = await harness.teams.waitFor((all) => all.slice(before).some(isScorecard(personalConversation(ADMIN))), 60_000);
    const later = calls.slice(before);
    expect(later.find((call) => call.kind === 'send')?.status).toBe(403);
    expect(later.filter((call) => call.kind === 'update')).toEqual([]);
    expect(later.filter(sentTo(personalConversation(ADMIN))).some((call) => contentOf(call).includes('Started an evaluation'))).toBe(true);
  });
});
