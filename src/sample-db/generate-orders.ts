import type { GeneratedCustomer } from './generate-customers.ts';
import type { GeneratedProduct } from './generate-products.ts';
import { createRandom, createWeightedPicker, type Random } from './random.ts';
import { countBefore } from './count-before.ts';
import { drawMoment, SAMPLE_PERIOD_END_MS } from './sample-time.ts';

/** Orders and their lines: placed after the customer signed up, 2–4 distinct products each, totals that add up. */

export type OrderStatus = 'pending' | 'paid' | 'shipped' | 'delivered' | 'cancelled' | 'refunded';

export interface GeneratedOrder {
  id: number;
  customer_id: number;
  status: OrderStatus;
  total_cents: number;
  created_at: number;
}

export interface GeneratedOrderItem {
  order_id: number;
  product_id: number;
  quantity: number;
  unit_price_cents: number;
}

export interface GeneratedOrders {
  orders: GeneratedOrder[];
  orderItems: GeneratedOrderItem[];
}

export const ORDER_COUNT = 40_000;

/** Orders per day at the end of the period, relative to the start, minus one. */
const ORDER_GROWTH = 3;
const DAY_MS = 86_400_000;
const LINE_COUNTS = createWeightedPicker<number>([[2, 40], [3, 35], [4, 25]]);
const QUANTITIES = createWeightedPicker<number>([[1, 70], [2, 20], [3, 6], [4, 3], [5, 1]]);
/** List prices rose every year; an order paid the price of its year. */
const PRICE_FACTOR_BY_YEAR: Readonly<Record<number, number>> = { 2022: 0.88, 2023: 0.93, 2024: 0.97, 2025: 1 };

const RECENT_STATUSES = createWeightedPicker<OrderStatus>([['pending', 30], ['paid', 40], ['shipped', 25], ['cancelled', 5]]);
const IN_TRANSIT_STATUSES = createWeightedPicker<OrderStatus>([['paid', 8], ['shipped', 52], ['delivered', 34], ['cancelled', 6]]);
const SETTLED_STATUSES = createWeightedPicker<OrderStatus>([['delivered', 86], ['cancelled', 7.5], ['refunded', 5], ['shipped', 1], ['pending', 0.5]]);

export function generateOrders(seed: number, customers: readonly GeneratedCustomer[], products: readonly GeneratedProduct[]): GeneratedOrders {
  const random = createRandom(seed ^ 0x04de75aa);
  // Customers are sorted by sign-up time, so "the customers who existed at moment t" is a prefix of the list.
  const customerPicker = createWeightedPicker(customers.map((customer) => [customer, customer.orderingWeight] as const));
  const productPicker = createWeightedPicker(products.map((product) => [product, product.popularity] as const));
  const signUpTimes = customers.map((customer) => customer.created_at);
  const firstOrderingCustomer = customers.find((customer) => customer.orderingWeight > 0);
  if (firstOrderingCustomer === undefined) throw new Error('no customer places orders');

  const drafts = Array.from({ length: ORDER_COUNT }, () => {
    let createdAt = drawMoment(random, ORDER_GROWTH);
    while (createdAt <= firstOrderingCustomer.created_at) createdAt = drawMoment(random, ORDER_GROWTH);
    return { customer: customerPicker.pickAmongFirst(random, countBefore(signUpTimes, createdAt)), createdAt };
  });
  drafts.sort((first, second) => first.createdAt - second.createdAt);

  const orders: GeneratedOrder[] = [];
  const orderItems: GeneratedOrderItem[] = [];
  drafts.forEach(({ customer, createdAt }, index) => {
    const orderId = index + 1;
    const priceFactor = PRICE_FACTOR_BY_YEAR[new Date(createdAt).getUTCFullYear()] ?? 1;
    const lineCount = LINE_COUNTS.pick(random);
    const chosen = new Set<GeneratedProduct>();
    while (chosen.size < lineCount) chosen.add(productPicker.pick(random));
    let totalCents = 0;
    for (const product of chosen) {
      const quantity = QUANTITIES.pick(random);
      const unitPriceCents = Math.max(99, Math.round((product.price_cents * priceFactor) / 10) * 10 - 1);
      totalCents += quantity * unitPriceCents;
      orderItems.push({ order_id: orderId, product_id: product.id, quantity, unit_price_cents: unitPriceCents });
    }
    orders.push({ id: orderId, customer_id: customer.id, status: statusFor(random, createdAt), total_cents: totalCents, created_at: createdAt });
  });
  return { orders, orderItems };
}


function statusFor(random: Random, createdAt: number): OrderStatus {
  const ageDays = (SAMPLE_PERIOD_END_MS - createdAt) / DAY_MS;
  if (ageDays < 3) return RECENT_STATUSES.pick(random);
  if (ageDays < 12) return IN_TRANSIT_STATUSES.pick(random);
  return SETTLED_STATUSES.pick(random);
}
