/** Product categories of the sample shop: names are built from an adjective and an item. */

export interface CategoryProfile {
  name: string;
  /** Relative share of the 200 products. */
  weight: number;
  adjectives: readonly string[];
  items: readonly string[];
  /** Typical list price range, in euro cents. */
  minimumPriceCents: number;
  maximumPriceCents: number;
}

export const CATEGORIES: readonly CategoryProfile[] = [
  {
    name: 'Electronics', weight: 16,
    adjectives: ['Wireless', 'Compact', 'Smart', 'Portable', 'Noise-Cancelling', 'Ultra HD', 'Bluetooth', 'Pro'],
    items: ['Headphones', 'Speaker', 'Keyboard', 'Mouse', 'Monitor', 'Webcam', 'Router', 'Power Bank', 'Smartwatch', 'E-Reader', 'Charger', 'Earbuds'],
    minimumPriceCents: 1_499, maximumPriceCents: 59_900,
  },
  {
    name: 'Books', weight: 14,
    adjectives: ['Illustrated', 'Pocket', 'Collected', 'Complete', 'Beginner’s', 'Essential', 'Little', 'Big'],
    items: ['Cookbook', 'Atlas', 'Novel', 'Poetry Anthology', 'Field Guide', 'Travel Guide', 'History of Europe', 'Garden Handbook', 'Puzzle Book', 'Science Primer'],
    minimumPriceCents: 699, maximumPriceCents: 4_999,
  },
  {
    name: 'Home', weight: 14,
    adjectives: ['Ceramic', 'Linen', 'Bamboo', 'Cast Iron', 'Glass', 'Oak', 'Stainless', 'Cotton'],
    items: ['Mug Set', 'Frying Pan', 'Table Lamp', 'Cushion Cover', 'Cutting Board', 'Vase', 'Bath Towel', 'Tea Kettle', 'Storage Box', 'Wall Clock'],
    minimumPriceCents: 899, maximumPriceCents: 14_900,
  },
  {
    name: 'Garden', weight: 11,
    adjectives: ['Galvanised', 'Folding', 'Solar', 'Ergonomic', 'Heavy-Duty', 'Terracotta', 'Weatherproof'],
    items: ['Watering Can', 'Pruning Shears', 'Garden Hose', 'Plant Pot', 'Lawn Rake', 'Bird Feeder', 'Garden Light', 'Kneeling Pad', 'Seed Tray'],
    minimumPriceCents: 599, maximumPriceCents: 12_900,
  },
  {
    name: 'Sports', weight: 12,
    adjectives: ['Lightweight', 'Breathable', 'Adjustable', 'Waterproof', 'Training', 'Trail', 'Insulated'],
    items: ['Yoga Mat', 'Running Shoes', 'Water Bottle', 'Dumbbell Set', 'Cycling Helmet', 'Backpack', 'Tennis Racket', 'Jump Rope', 'Resistance Bands'],
    minimumPriceCents: 999, maximumPriceCents: 17_900,
  },
  {
    name: 'Clothing', weight: 13,
    adjectives: ['Merino', 'Organic Cotton', 'Slim-Fit', 'Relaxed', 'Hooded', 'Knitted', 'Denim', 'Quilted'],
    items: ['T-Shirt', 'Sweater', 'Jeans', 'Jacket', 'Scarf', 'Socks (3 pairs)', 'Rain Coat', 'Beanie', 'Shirt'],
    minimumPriceCents: 1_299, maximumPriceCents: 19_900,
  },
  {
    name: 'Toys', weight: 10,
    adjectives: ['Wooden', 'Magnetic', 'Plush', 'Remote-Control', 'Educational', 'Musical', 'Giant'],
    items: ['Building Blocks', 'Puzzle', 'Train Set', 'Teddy Bear', 'Race Car', 'Board Game', 'Kite', 'Dinosaur', 'Doll House'],
    minimumPriceCents: 799, maximumPriceCents: 8_999,
  },
  {
    name: 'Beauty', weight: 10,
    adjectives: ['Hydrating', 'Vegan', 'Fragrance-Free', 'Herbal', 'Vitamin C', 'Travel-Size', 'Soothing'],
    items: ['Face Cream', 'Shampoo', 'Lip Balm', 'Hand Soap', 'Body Lotion', 'Serum', 'Sunscreen', 'Conditioner', 'Face Mask'],
    minimumPriceCents: 399, maximumPriceCents: 5_999,
  },
];
