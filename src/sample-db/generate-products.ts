import { CATEGORIES } from './word-lists/catalog.ts';
import { createRandom } from './random.ts';

/** The shop's catalogue: 200 products in 8 categories, some much more popular than others. */

export interface GeneratedProduct {
  id: number;
  name: string;
  category: string;
  price_cents: number;
  /** Relative chance of appearing on an order line. */
  popularity: number;
}

export const PRODUCT_COUNT = 200;

export function generateProducts(seed: number): GeneratedProduct[] {
  const random = createRandom(seed ^ 0x9e0d0c75);
  const totalWeight = CATEGORIES.reduce((sum, category) => sum + category.weight, 0);
  const products: GeneratedProduct[] = [];
  CATEGORIES.forEach((category, categoryIndex) => {
    const isLast = categoryIndex === CATEGORIES.length - 1;
    const count = isLast ? PRODUCT_COUNT - products.length : Math.round((PRODUCT_COUNT * category.weight) / totalWeight);
    const usedNames = new Set<string>();
    while (usedNames.size < count) {
      const name = `${random.pick(category.adjectives)} ${random.pick(category.items)}`;
      if (usedNames.has(name)) continue;
      usedNames.add(name);
      const logMinimum = Math.log(category.minimumPriceCents);
      const logMaximum = Math.log(category.maximumPriceCents);
      const rawPrice = Math.exp(logMinimum + random.next() * (logMaximum - logMinimum));
      products.push({
        id: products.length + 1,
        name,
        category: category.name,
        price_cents: Math.max(99, Math.round(rawPrice / 100) * 100 - 1),
        popularity: 0,
      });
    }
  });
  // Zipf-like popularity over a shuffled ranking, so best sellers are spread over categories.
  const ranking = products.map((product) => ({ product, key: random.next() })).sort((first, second) => first.key - second.key);
  ranking.forEach(({ product }, rank) => {
    product.popularity = 1 / (rank + 4) ** 0.9;
  });
  return products;
}
