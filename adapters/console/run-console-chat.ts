import { randomUUID } from 'node:crypto';
import { createInterface } from 'node:readline/promises';
import type { Actor, Assistant, FollowUp, Place, Reply } from '../../src/index.ts';
import { describeReply } from '../../src/index.ts';

/** A terminal chat over the Assistant: questions in, previews confirmed at the prompt, tables out. */

export interface ConsoleChatOptions {
  assistant: Assistant;
  input: NodeJS.ReadableStream;
  output: NodeJS.WritableStream;
  greeting: string;
  actor: Actor;
  /** Where the questions are asked (for tenant budgets); a direct conversation when absent. Each session is a thread. */
  place?: Place | undefined;
  /** Confirm every preview without asking (for scripted sessions). */
  autoConfirm?: boolean;
}

export async function runConsoleChat(options: ConsoleChatOptions): Promise<void> {
  const { assistant, output, actor } = options;
  const place: Place = { ...(options.place ?? { platform: 'console', channelId: 'console', isDirect: true }), threadId: randomUUID() };
  const lines = createInterface({ input: options.input, output, terminal: false });
  const write = (text: string) => output.write(`${text}\n`);
  write(options.greeting);
  const prompt = () => output.write('\nsql-eval> ');
  let pendingPreview: string | undefined;
  // A command that goes on in the background (`/eval`) reports here between prompts.
  let background: { finished: Promise<void>; finish: () => void } | undefined;
  const followUp: FollowUp = {
    progress: async (message) => {
      if (!background) {
        let finish = () => {};
        background = { finished: new Promise<void>((resolve) => (finish = resolve)), finish };
      }
      write(`\n${message}`);
    },
    deliver: async (reply) => {
      write(`\n${describeReply(reply)}`);
      background?.finish();
      background = undefined;
    },
  };
  prompt();
  for await (const rawLine of lines) {
    const line = rawLine.trim();
    if (pendingPreview) {
      const previewId = pendingPreview;
      pendingPreview = undefined;
      const yes = line === '' || /^y(es)?$/i.test(line);
      write(describeReply(yes ? await assistant.confirm(previewId, actor) : await assistant.cancel(previewId, actor)));
      prompt();
      continue;
    }
    if (line === '') {
      prompt();
      continue;
    }
    if (['exit', 'quit', '\\q'].includes(line.toLowerCase())) break;
    let reply: Reply;
    if (line.startsWith('/')) reply = await assistant.command(line.replace(/^\/(sql-eval\s*)?/, ''), actor, place, { followUp });
    else reply = await assistant.ask({ text: line, actor, place, requestId: randomUUID() });
    write(describeReply(reply));
    if (reply.kind === 'preview') {
      if (options.autoConfirm) write(describeReply(await assistant.confirm(reply.previewId, actor)));
      else {
        pendingPreview = reply.previewId;
        output.write('Run it? [Y/n] ');
        continue;
      }
    }
    prompt();
  }
  lines.close();
  if (background) {
    write('Waiting for the evaluation to finish (Ctrl-C stops it)…');
    await background.finished;
  }
  write('Bye.');
}
