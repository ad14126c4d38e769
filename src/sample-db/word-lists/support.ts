/** Support ticket subjects (a fixed list) and the sentences their bodies are made of. */

export interface TicketSubject {
  subject: string;
  /** Relative share of tickets. */
  weight: number;
  /** Opening sentences; `{order}` becomes `order #123` (or `order`), `{product}` a product name. */
  openings: readonly string[];
}

export const TICKET_SUBJECTS: readonly TicketSubject[] = [
  {
    subject: 'Where is my order?', weight: 22,
    openings: ['My {order} has not arrived yet.', 'The tracking for my {order} has not changed for a week.', 'I am still waiting for my {order}, can you check where it is?'],
  },
  {
    subject: 'Refund request', weight: 12,
    openings: ['I would like a refund for my {order}.', 'I returned the {product} two weeks ago and have not been refunded.', 'Please refund my {order}, it is no longer needed.'],
  },
  {
    subject: 'Damaged item', weight: 10,
    openings: ['The {product} in my {order} arrived broken.', 'The box of my {order} was crushed and the {product} is damaged.', 'My {product} stopped working after two days.'],
  },
  {
    subject: 'Wrong item received', weight: 8,
    openings: ['I received the wrong item in my {order}: I ordered the {product}.', 'Instead of the {product} the parcel contained something else.'],
  },
  {
    subject: 'Change delivery address', weight: 9,
    openings: ['I moved recently, please deliver my {order} to my new address.', 'Can you change the delivery address of my {order}?'],
  },
  {
    subject: 'Cancel my order', weight: 9,
    openings: ['Please cancel my {order}.', 'I ordered the {product} by mistake, please cancel my {order}.'],
  },
  {
    subject: 'Payment failed', weight: 8,
    openings: ['My card was charged but my {order} still shows as pending.', 'The payment for my {order} failed twice.', 'I was charged twice for my {order}.'],
  },
  {
    subject: 'Invoice request', weight: 8,
    openings: ['Could you send me an invoice for my {order}?', 'I need an invoice with my company details for my {order}.'],
  },
  {
    subject: 'Account access problem', weight: 7,
    openings: ['I cannot log in to my account.', 'The password reset e-mail never arrives.', 'My account was locked after too many attempts.'],
  },
  {
    subject: 'Product question', weight: 7,
    openings: ['Is the {product} available in another colour?', 'Does the {product} come with a warranty?', 'When will the {product} be back in stock?'],
  },
];

export const TICKET_CLOSINGS: readonly string[] = [
  'Thank you.',
  'Thanks in advance.',
  'Please help, this is urgent.',
  'Looking forward to your reply.',
  'Kind regards.',
  'This is the second time I write about this.',
  '',
];
