import { splitWords } from './split-words.js';

/** Vocabulary of product and service reviews: buying, delivery, value, ratings (written for this project). */
export const REVIEW_WORDS: readonly string[] = Object.freeze([
  ...splitWords(
    `bought purchased purchase ordered arrived delivery delivered shipping shipped package packaging seller
    product item price priced quality value money worth stars star rating rated recommend recommended refund
    returned warranty charger fits sizing described unboxing durable customer store service staff waiter
    portions menu hotel stayed booked`,
  ),
  'customer service',
  'build quality',
  'five stars',
  'one star',
  'out of five',
  'out of ten',
  'buy again',
  'money back',
  'works as described',
]);
