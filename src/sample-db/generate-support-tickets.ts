import type { GeneratedCustomer } from './generate-customers.ts';
import type { GeneratedOrder, GeneratedOrderItem } from './generate-orders.ts';
import type { GeneratedProduct } from './generate-products.ts';
import { TICKET_CLOSINGS, TICKET_SUBJECTS } from './word-lists/support.ts';
import { createRandom, createWeightedPicker, type Random } from './random.ts';
import { drawMoment, remainingShare } from './sample-time.ts';

/** Support tickets: a subject from a fixed list and a body that sometimes names the customer (personal data). */

export interface GeneratedSupportTicket {
  id: number;
  customer_id: number;
  subject: string;
  body: string;
  created_at: number;
}

export const SUPPORT_TICKET_COUNT = 8_000;

const MINUTE_MS = 60_000;

interface TicketSources {
  customers: readonly GeneratedCustomer[];
  orders: readonly GeneratedOrder[];
  orderItems: readonly GeneratedOrderItem[];
  products: readonly GeneratedProduct[];
}

export function generateSupportTickets(seed: number, sources: TicketSources): GeneratedSupportTicket[] {
  const random = createRandom(seed ^ 0x71c4e75e);
  const { customers, orders, orderItems, products } = sources;
  const ordersByCustomer = new Map<number, GeneratedOrder[]>();
  for (const order of orders) {
    const list = ordersByCustomer.get(order.customer_id) ?? [];
    list.push(order);
    ordersByCustomer.set(order.customer_id, list);
  }
  const productIdsByOrder = new Map<number, number[]>();
  for (const item of orderItems) {
    const list = productIdsByOrder.get(item.order_id) ?? [];
    list.push(item.product_id);
    productIdsByOrder.set(item.order_id, list);
  }
  const productsById = new Map(products.map((product) => [product.id, product]));
  // Customers who order more write more tickets; a ticket comes after its customer signed up.
  const customerPicker = createWeightedPicker(
    customers.map((customer) => [customer, (0.5 + Math.sqrt(ordersByCustomer.get(customer.id)?.length ?? 0)) * remainingShare(customer.created_at, 0)] as const),
  );
  const subjectPicker = createWeightedPicker(TICKET_SUBJECTS.map((subject) => [subject, subject.weight] as const));

  const drafts = Array.from({ length: SUPPORT_TICKET_COUNT }, () => {
    const customer = customerPicker.pick(random);
    const createdAt = drawMoment(random, 0, customer.created_at + MINUTE_MS);
    const earlierOrders = (ordersByCustomer.get(customer.id) ?? []).filter((order) => order.created_at < createdAt);
    const order = earlierOrders.length > 0 ? random.pick(earlierOrders.slice(-3)) : undefined;
    const orderProductIds = order === undefined ? undefined : productIdsByOrder.get(order.id);
    const product = orderProductIds === undefined ? random.pick(products) : productsById.get(random.pick(orderProductIds));
    const subject = subjectPicker.pick(random);
    const opening = random
      .pick(subject.openings)
      .replaceAll('{order}', order === undefined ? 'order' : `order #${order.id}`)
      .replaceAll('{product}', product?.name ?? 'item');
    return { customer, subject: subject.subject, body: composeBody(random, customer, opening), createdAt };
  });
  drafts.sort((first, second) => first.createdAt - second.createdAt);
  return drafts.map((draft, index) => ({
    id: index + 1,
    customer_id: draft.customer.id,
    subject: draft.subject,
    body: draft.body,
    created_at: draft.createdAt,
  }));
}

function composeBody(random: Random, customer: GeneratedCustomer, opening: string): string {
  const greeting = random.chance(0.25)
    ? random.pick([`Hello, this is ${customer.full_name}.`, `Hi, my name is ${customer.full_name}.`])
    : random.pick(['Hello,', 'Hi,', 'Good morning,', 'Dear support team,']);
  const sentences = [opening];
  if (random.chance(0.2)) sentences.push(random.pick([`You can reach me at ${customer.email}.`, `My account e-mail is ${customer.email}.`, `Please reply to ${customer.email}.`]));
  if (customer.phone !== null && random.chance(0.08)) sentences.push(`Call me on ${customer.phone} if needed.`);
  const closing = random.pick(TICKET_CLOSINGS);
  if (closing !== '') sentences.push(closing);
  const firstName = customer.full_name.split(' ')[0] ?? customer.full_name;
  const signature = random.chance(0.25) ? `\n${random.chance(0.5) ? customer.full_name : firstName}` : '';
  // A greeting like `Hello,` stands on its own line.
  return `${greeting}${greeting.endsWith(',') ? '\n' : ' '}${sentences.join(' ')}${signature}`;
}
