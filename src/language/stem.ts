/**
 * The one stemmer: a light English suffix stripper, enough for a question's words to meet identifiers and stored
 * values ("orders"/"order", "categories"/"category", "cancelled"/"cancel", "hired"/"hire_date", "shipping"/"shipped").
 * Words of three letters or fewer, and words holding a digit, are kept as they are.
 */
export function stem(word: string): string {
  if (word.length <= 3 || /\p{N}/u.test(word)) return word;
  let stemmed = word;
  if (stemmed.endsWith('ies') && stemmed.length > 4) stemmed = `${stemmed.slice(0, -3)}y`;
  else if (stemmed.endsWith('ied') && stemmed.length > 4) stemmed = `${stemmed.slice(0, -3)}y`;
  else if (/(sses|uses|xes|ches|shes|zes)$/.test(stemmed)) stemmed = stemmed.slice(0, -2);
  else if (stemmed.endsWith('s') && !/(ss|us|is)$/.test(stemmed)) stemmed = stemmed.slice(0, -1);
  else if (stemmed.endsWith('ing') && stemmed.length >= 6) stemmed = undouble(stemmed.slice(0, -3));
  else if (stemmed.endsWith('ed') && stemmed.length >= 5) stemmed = undouble(stemmed.slice(0, -2));
  if (stemmed.endsWith('e') && stemmed.length > 3) stemmed = stemmed.slice(0, -1);
  return stemmed;
}

function undouble(stemmed: string): string {
  return /([b-df-hj-np-rtv-z])\1$/.test(stemmed) ? stemmed.slice(0, -1) : stemmed;
}

/** The singular of one word, for display and entity names: `categories` → category, `boxes` → box, `status` stays. */
export function singular(word: string): string {
  if (word.length > 4 && word.endsWith('ies')) return `${word.slice(0, -3)}y`;
  if (word.length > 4 && /(sses|xes|ches|shes|zes)$/.test(word)) return word.slice(0, -2);
  if (word.length > 3 && word.endsWith('s') && !/(ss|us|is)$/.test(word)) return word.slice(0, -1);
  return word;
}

/** The plural of one word, for display: `category` → categories, `box` → boxes, `orders` stays. */
export function plural(word: string): string {
  if (singular(word) !== word) return word;
  if (/[^aeiou]y$/.test(word)) return `${word.slice(0, -1)}ies`;
  if (/(s|x|z|ch|sh)$/.test(word)) return `${word}es`;
  return `${word}s`;
}
