/** Turns names into the ASCII local part of an e-mail address: `João de Sousa` → `joaodesousa`. */
export function toEmailWord(text: string): string {
  return text
    .replace(/ß/g, 'ss')
    .replace(/[łŁ]/g, 'l')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}
