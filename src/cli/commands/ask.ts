import { randomUUID } from 'node:crypto';
import { createInterface } from 'node:readline/promises';
import type { Reply } from '../../vocabulary/index.ts';
import { cliIdentity, type IdentityOptions } from '../identity-options.ts';
import { describeReply } from '../../render/describe-reply.ts';
import type { GlobalOptions } from '../global-options.ts';
import { openRuntime } from '../../compose/open-runtime.ts';
import { printJson, printText } from '../print.ts';

/** `sql-eval ask "question"`: preview, confirm (asked on a terminal, or --yes), answer. Exit 1 when no answer. */
export async function askCommand(question: string, options: GlobalOptions & IdentityOptions & { yes: boolean }): Promise<number> {
  const runtime = await openRuntime(options);
  try {
    const { actor, place } = cliIdentity(options, 'cli');
    let reply: Reply = await runtime.assistant.ask({ text: question, actor, place, requestId: randomUUID() });
    if (reply.kind === 'preview') {
      if (options.yes) reply = await runtime.assistant.confirm(reply.previewId, actor);
      else if (options.json) {
        printJson(reply);
        return 0;
      } else {
        printText(describeReply(reply));
        const confirmed = process.stdin.isTTY ? await askYesNo('Run it? [Y/n] ') : false;
        if (!process.stdin.isTTY) printText('Not run: pass --yes to run the query without a terminal.');
        reply = confirmed ? await runtime.assistant.confirm(reply.previewId, actor) : await runtime.assistant.cancel(reply.previewId, actor);
      }
    }
    if (options.json) printJson(reply);
    else printText(describeReply(reply));
    return reply.kind === 'answer' || reply.kind === 'notice' ? 0 : 1;
  } finally {
    await runtime.close();
  }
}

async function askYesNo(prompt: string): Promise<boolean> {
  const lines = createInterface({ input: process.stdin, output: process.stdout });
  try {
    const answer = (await lines.question(prompt)).trim();
    return answer === '' || /^y(es)?$/i.test(answer);
  } finally {
    lines.close();
  }
}
