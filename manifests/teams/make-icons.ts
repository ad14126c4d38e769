import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Resvg } from '@resvg/resvg-js';

/**
 * Draws the Teams app icons (`pnpm tsx manifests/teams/make-icons.ts`): color.png, 192 × 192, a database and a speech
 * bubble on the accent colour; outline.png, 32 × 32, the same in white on a transparent background, as Teams asks.
 */

const accent = '#2E5C8A';
const folder = dirname(fileURLToPath(import.meta.url));

const color = `<svg xmlns="http://www.w3.org/2000/svg" width="192" height="192" viewBox="0 0 192 192">
  <rect width="192" height="192" rx="36" fill="${accent}"/>
  <g fill="none" stroke="#FFFFFF" stroke-width="9" stroke-linecap="round">
    <ellipse cx="80" cy="58" rx="42" ry="15"/>
    <path d="M38 58 v76 c0 8 19 15 42 15 s42 -7 42 -15 v-76"/>
    <path d="M38 96 c0 8 19 15 42 15 s42 -7 42 -15"/>
  </g>
  <path d="M118 104 h48 a10 10 0 0 1 10 10 v26 a10 10 0 0 1 -10 10 h-22 l-14 14 v-14 h-12 a10 10 0 0 1 -10 -10 v-26 a10 10 0 0 1 10 -10 z" fill="#FFFFFF"/>
  <g fill="${accent}"><circle cx="128" cy="127" r="5"/><circle cx="142" cy="127" r="5"/><circle cx="156" cy="127" r="5"/></g>
</svg>`;

const outline = `<svg xmlns="http://www.w3.org/2000/svg" width="32" height="32" viewBox="0 0 32 32">
  <g fill="none" stroke="#FFFFFF" stroke-width="2" stroke-linecap="round">
    <ellipse cx="13" cy="9" rx="8" ry="3"/>
    <path d="M5 9 v14 c0 1.7 3.6 3 8 3 s8 -1.3 8 -3 v-14"/>
    <path d="M5 16 c0 1.7 3.6 3 8 3 s8 -1.3 8 -3"/>
  </g>
  <path d="M20 17 h8 a2 2 0 0 1 2 2 v5 a2 2 0 0 1 -2 2 h-4 l-3 3 v-3 h-1 a2 2 0 0 1 -2 -2 v-5 a2 2 0 0 1 2 -2 z" fill="#FFFFFF"/>
</svg>`;

for (const [name, svg] of [['color.png', color], ['outline.png', outline]] as const) {
  // No background: outline.png must stay transparent; color.png fills its own square.
  const png = new Resvg(svg).render().asPng();
  writeFileSync(join(folder, name), png);
  process.stdout.write(`${name}: ${png.length} bytes\n`);
}
