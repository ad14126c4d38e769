import type { App } from '@slack/bolt';
import { homeView } from './blocks/home-view.ts';
import type { SlackDeps } from './slack-deps.ts';
import { slackActor, slackPlace } from './slack-identity.ts';

/** App Home (`app_home_opened` → `views.publish`): what the bot can do, examples, the user's access and budget. */
export function registerHomeListener(app: App, deps: SlackDeps): void {
  app.event('app_home_opened', async ({ event, body }) => {
    if (event.tab !== 'home') return;
    deps.tasks.run('app home', async () => {
      const actor = slackActor(body.team_id, event.user, await deps.poster.profile(event.user));
      const place = slackPlace(event.channel, undefined, true);
      const access = await deps.assistant.command('whoami', actor, place);
      // `budget` arrives with token budgets; until then the command is unknown and the section is left out.
      const budget = await deps.assistant.command('budget', actor, place);
      await deps.poster.publishHome(
        event.user,
        homeView({
          examples: deps.suggestions,
          access: access.kind === 'notice' ? access.message : 'I could not look up your access just now.',
          budget: budget.kind === 'notice' && !/^unknown command/i.test(budget.message) ? budget.message : undefined,
        }),
      );
    });
  });
}
