import type { CardElement } from './card-types.ts';

/** Text elements and the small helpers every card uses: cutting with a note, no stack traces, times in the reader's zone. */

export function textBlock(text: string, options: Record<string, unknown> = {}): CardElement {
  return { type: 'TextBlock', text, wrap: true, ...options };
}

export function subtle(text: string): CardElement {
  return textBlock(text, { isSubtle: true, size: 'Small', spacing: 'Small' });
}

/**
 * SQL as a Teams code block (highlighted, copyable), falling back to monospace text where the client has no CodeBlock
 * element. Cut with a note when very long.
 */
export function codeBlock(code: string, limit: number): CardElement {
  const shown = code.length <= limit ? code : `${code.slice(0, limit)}\n-- … (cut: ${code.length - limit} more characters)`;
  return { type: 'CodeBlock', codeSnippet: shown, language: 'Sql', fallback: textBlock(shown, { fontType: 'Monospace' }) };
}

/** Cuts a text to `limit` characters, saying so. */
export function cut(text: string, limit: number, note = '…'): string {
  return text.length <= limit ? text : `${text.slice(0, Math.max(0, limit - note.length))}${note}`;
}

/** Never a stack trace or a multi-line internal error: the lines that are not stack frames, cut. */
export function safeMessage(text: string, limit = 1500): string {
  return cut(text.split('\n').filter((line) => !/^\s+at\s/.test(line)).join('\n').trim(), limit);
}

/**
 * A time every reader sees in their own time zone: Adaptive Cards' DATE and TIME functions (Teams renders them
 * locally), over an RFC 3339 time without milliseconds.
 */
export function cardTime(epochMs: number): string {
  const iso = new Date(epochMs).toISOString().replace(/\.\d{3}Z$/, 'Z');
  return `{{DATE(${iso}, SHORT)}} at {{TIME(${iso})}}`;
}

/** The same time as plain UTC text, for notification text where card functions are not rendered. */
export function plainTime(epochMs: number): string {
  return `${new Date(epochMs).toISOString().replace('T', ' ').slice(0, 16)} UTC`;
}
