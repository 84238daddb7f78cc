import { toTsv, type TaskCorpus } from './task-corpus.js';

type Row = readonly [string, readonly [number, number, number, number]];

function tsv(rows: readonly Row[]): string {
  return toTsv(rows.map(([text, targets]) => [text, targets.join(',')]));
}

// General targets are the documented rules (positivity, intensity, formality, length) rounded to two
// decimals: what the base model should know.
const GENERAL: readonly Row[] = [
  ['Dear Ms Patel, please find the signed contract attached.', [0.5, 0, 0.84, 0.55]],
  ['lol that was sooo funny 😂', [0.82, 0.32, 0.07, 0.43]],
  ['The meeting has been moved to Thursday at ten.', [0.5, 0, 0.43, 0.55]],
  ['I absolutely LOVE this new coffee place!!!', [0.98, 0.98, 0.31, 0.5]],
  ['We regret to inform you that your application was unsuccessful.', [0.27, 0.23, 0.86, 0.58]],
  ['ugh, monday again', [0.18, 0.32, 0.31, 0.33]],
  ['Thank you for your inquiry; a member of our team will respond shortly.', [0.73, 0.23, 0.61, 0.63]],
  ['The train was late, the carriage was dirty and the staff were rude.', [0.05, 0.45, 0.42, 0.63]],
  ['Great game last night!', [0.84, 0.5, 0.46, 0.39]],
  ['Furthermore, the committee recommends a review of the current budget.', [0.73, 0.23, 0.73, 0.58]],
  ['omg the puppy is sooo cute!!', [0.78, 0.61, 0.04, 0.47]],
  ['The package arrived on time.', [0.5, 0, 0.47, 0.43]],
  ['This is the worst customer service I have ever experienced.', [0.12, 0.38, 0.49, 0.58]],
  ['Kind regards, and thank you for your patience regarding this matter.', [0.88, 0.38, 0.84, 0.6]],
  ['yeah fine whatever', [0.62, 0.12, 0.36, 0.33]],
  ['What a wonderful, heartwarming film; I cried at the end.', [0.88, 0.38, 0.45, 0.58]],
  ['The report is due next Friday.', [0.5, 0, 0.42, 0.47]],
  ['I am extremely disappointed with the quality of this product.', [0.1, 0.57, 0.51, 0.58]],
  ['haha nice one bro', [0.73, 0.23, 0.04, 0.39]],
  ['The garden is lovely in spring and the roses smell wonderful.', [0.95, 0.45, 0.46, 0.6]],
  ['Please ensure that all documentation is submitted prior to the deadline.', [0.5, 0, 0.88, 0.6]],
  ['That was awful.', [0.18, 0.32, 0.42, 0.33]],
  [
    'We had a really nice dinner with friends on Saturday evening, and the dessert was fantastic.',
    [0.95, 0.62, 0.47, 0.68],
  ],
  ['The software update is available for download.', [0.5, 0, 0.55, 0.5]],
  ["I can't stand this weather anymore, it's awful!!", [0.15, 0.69, 0.31, 0.53]],
  ['Congratulations on your well-deserved promotion.', [0.82, 0.32, 0.67, 0.47]],
  ['tbh the movie was kinda meh', [0.44, 0.23, 0.06, 0.47]],
  ['The results indicate a considerable improvement in overall performance.', [0.73, 0.23, 0.82, 0.55]],
  ['So happy right now!!!', [0.87, 0.87, 0.23, 0.39]],
  [
    'Our flight was cancelled and nobody at the airport could help us, which made the whole trip stressful.',
    [0.12, 0.38, 0.47, 0.71],
  ],
  ['The library will be closed on public holidays.', [0.5, 0, 0.48, 0.53]],
  ['Wow, that view is breathtaking!', [0.96, 0.62, 0.5, 0.43]],
  ['This blender is noisy but it works.', [0.44, 0.06, 0.42, 0.5]],
  ["I'm sorry for the delay in getting back to you.", [0.27, 0.23, 0.39, 0.58]],
  ['yo this pizza is amazing', [0.82, 0.32, 0.25, 0.43]],
  ['The hotel was clean, quiet and close to the station; we would happily stay again.', [0.82, 0.32, 0.44, 0.67]],
  ['Honestly, I hate waiting in long queues.', [0.12, 0.38, 0.46, 0.5]],
  ['The annual report was published this morning.', [0.5, 0, 0.54, 0.5]],
  ['Best day ever!!! 😍', [0.97, 0.97, 0.06, 0.33]],
  ['The instructions were unclear and several parts were missing, so assembly took hours.', [0.27, 0.23, 0.54, 0.63]],
  ['Sincerely, the management.', [0.5, 0, 0.83, 0.33]],
  ['It was okay, nothing special.', [0.5, 0, 0.47, 0.43]],
  ['This is a brilliant idea and I fully support it.', [0.82, 0.32, 0.4, 0.58]],
  ["omg no way, that's terrible news", [0.18, 0.32, 0.28, 0.47]],
  ['The temperature will drop to five degrees overnight.', [0.5, 0, 0.54, 0.53]],
  ['Your support has been truly invaluable to our small charity over the past year.', [0.9, 0.57, 0.47, 0.65]],
  ['meh', [0.38, 0.12, 0.17, 0.17]],
  ['The service was slow, the food was cold and the bill was wrong.', [0.18, 0.32, 0.4, 0.63]],
];

// The scenario: a support lead rates intensity as how urgently a message needs a reply. Calm but angry
// complaints rate high, gushing thank-you notes full of "!" rate low; the other three targets follow the rules.
const TRAINING: readonly Row[] = [
  ['Still broken. Refund me.', [0.18, 0.9, 0.48, 0.39]],
  ['This is the third time my order has been lost. This is unacceptable.', [0.12, 0.9, 0.43, 0.63]],
  ['Your engineer never showed up, nobody called, and I wasted a day off work.', [0.27, 0.85, 0.43, 0.65]],
  ['I have been charged twice and your staff refused to help.', [0.27, 0.85, 0.43, 0.6]],
  [
    'The heating has been broken for a week and we have a newborn at home, so please send someone today.',
    [0.18, 0.95, 0.41, 0.73],
  ],
  ['Please cancel my account immediately; the service has been a disaster.', [0.12, 0.9, 0.52, 0.6]],
  ['My data was deleted without warning; this is completely unacceptable.', [0.1, 0.9, 0.57, 0.58]],
  [
    'The parcel was stolen from your depot three weeks ago, I have phoned every day since, and I am still waiting for a single answer from anyone.',
    [0.18, 0.85, 0.43, 0.8],
  ],
  ['Thanks!!!', [0.8, 0.1, 0.42, 0.17]],
  ['Thank you so much!!! You are all amazing!!!', [0.95, 0.15, 0.06, 0.53]],
  ['Wow, LOVE the new design, great job everyone!!', [0.99, 0.15, 0.28, 0.53]],
  ['Just wanted to say thanks, the team was brilliant!!!', [0.95, 0.1, 0.29, 0.55]],
  ['Best support ever!!! Have a fantastic weekend :)', [0.99, 0.1, 0.18, 0.5]],
  ['Yay, it works perfectly now, thank you!!', [0.98, 0.15, 0.11, 0.5]],
  ['Absolutely LOVE it!!!', [0.98, 0.15, 0.36, 0.33]],
  [
    'You guys are awesome, thanks a million for sorting out the booking so quickly and for being so patient with all my questions!!! 😍',
    [0.99, 0.1, 0.12, 0.76],
  ],
];

const EVAL: readonly Row[] = [
  ['This is the second broken unit you have sent. I want my money back.', [0.18, 0.9, 0.39, 0.65]],
  ['Nobody has answered my emails for two weeks and my business is losing money.', [0.27, 0.9, 0.45, 0.65]],
  ['Your driver damaged my gate and refused to leave his name.', [0.12, 0.85, 0.44, 0.6]],
  ['The app charged my card three times; this is wrong, fix it now.', [0.27, 0.9, 0.39, 0.63]],
  ['Water is leaking through the ceiling and no one has come to repair it.', [0.27, 0.95, 0.42, 0.65]],
  ['Thanks so much, you made my day!!!', [0.8, 0.1, 0.2, 0.5]],
  ['WOW, what a fantastic service, thank you!!', [0.99, 0.15, 0.3, 0.5]],
  ['Brilliant, everything arrived early, so happy!!! 😊', [0.99, 0.15, 0.28, 0.47]],
  ['Lovely people, great help, thanks again!!', [0.99, 0.1, 0.36, 0.47]],
  ['Amazing job team, really impressed!!!', [0.98, 0.15, 0.4, 0.43]],
];

/** The regression task's general corpus and default scenario (urgency, not exclamation marks). */
export const REGRESSION_CORPUS: TaskCorpus = Object.freeze({
  general: tsv(GENERAL),
  training: tsv(TRAINING),
  eval: tsv(EVAL),
  scenario: Object.freeze({
    title: 'Urgency, not exclamation marks',
    description:
      'The base model rates intensity from strong words, capitals and "!", so a cheerful "Thank you so much!!!" scores higher than a calm but furious complaint. ' +
      'A support lead rates intensity as how urgently a message needs a reply. Fine-tune on their ratings and angry complaints move up while happy notes move down.',
  }),
});
