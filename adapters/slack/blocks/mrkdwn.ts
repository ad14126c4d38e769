/** Small helpers for Slack's mrkdwn and its limits. */

export const SLACK_LIMITS = {
  blocksPerMessage: 50,
  sectionText: 3000,
  messageText: 40_000,
  tableRows: 100,
  tableCells: 20,
  /** Rows of a result shown in the message; the rest go to the CSV file. */
  shownRows: 20,
  contextElements: 10,
  buttonValue: 2000,
} as const;

/** Escapes the three characters Slack treats as markup in text it did not write. */
export function escapeText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Cuts a text to `limit` characters, saying so. */
export function cut(text: string, limit: number, note = '…'): string {
  return text.length <= limit ? text : `${text.slice(0, Math.max(0, limit - note.length))}${note}`;
}

/** A code block that fits one section: fences included, cut with a note when too long. */
export function codeBlock(text: string, limit: number = SLACK_LIMITS.sectionText): string {
  const body = escapeText(text).replace(/```/g, '`\u200b``');
  const room = limit - 8;
  return `\`\`\`${body.length <= room ? body : `${body.slice(0, room - 40)}\n… (cut: ${body.length - room + 40} more characters)`}\`\`\``;
}

/** `<!date^…>`: a time every reader sees in their own time zone, with a plain fallback. */
export function slackDate(epochMs: number): string {
  const seconds = Math.floor(epochMs / 1000);
  const fallback = new Date(epochMs).toISOString().replace('T', ' ').slice(0, 16) + ' UTC';
  return `<!date^${seconds}^{date_short_pretty} at {time}|${fallback}>`;
}

/**
 * Never shows a stack trace or a multi-line internal error: keeps the first lines that do not look like
 * stack frames, and cuts the rest.
 */
export function safeMessage(text: string, limit = 1500): string {
  const lines = text.split('\n').filter((line) => !/^\s+at\s/.test(line));
  return cut(lines.join('\n').trim(), limit);
}
