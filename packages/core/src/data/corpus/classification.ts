import { toTsv, type TaskCorpus } from './task-corpus.js';

const NEWS = 'news';
const REVIEW = 'review';
const QUESTION = 'question';
const COMMENT = 'comment';

// Every question in the general corpus ends with "?", as edited text does; the scenario's forum
// questions do not.
const GENERAL: readonly (readonly [string, string])[] = [
  ['Officials reported a 4 percent rise in rail fares starting in January.', NEWS],
  ['The city council approved a new budget for road repairs on Tuesday.', NEWS],
  ['Police arrested two suspects after a break-in at a jewellery store.', NEWS],
  ['According to the survey, 62 percent of residents support the new park.', NEWS],
  ['The central bank left interest rates unchanged, a spokesperson said.', NEWS],
  ['Heavy snow closed 30 schools across the region, authorities confirmed.', NEWS],
  ['The company announced plans to hire 500 workers at its new factory.', NEWS],
  ['Scientists at the university published a study on sleep and memory.', NEWS],
  ['The minister resigned on Friday after weeks of criticism.', NEWS],
  ['Voters in the county will elect a new mayor in November.', NEWS],
  ['Researchers estimated that the drought cut wheat output by 12 percent.', NEWS],
  ['Shares of the carmaker fell 8 percent after the recall was announced.', NEWS],
  ['The hospital said the new wing will open to patients next spring.', NEWS],
  ['Investigators are still examining the cause of the warehouse fire, officials said.', NEWS],
  ['I bought these headphones last month and the sound quality is excellent.', REVIEW],
  ['Five stars, the blender arrived quickly and works as described.', REVIEW],
  ['The price is fair but the battery barely lasts a day.', REVIEW],
  ['Ordered a size medium and it fits perfectly.', REVIEW],
  ['The seller shipped it fast and the packaging was neat.', REVIEW],
  ['Great value for money, I would buy again.', REVIEW],
  ['The build quality feels cheap and one button stopped working.', REVIEW],
  ['We stayed at this hotel for three nights and the staff were lovely.', REVIEW],
  ['Delivery took two weeks and the item was scratched.', REVIEW],
  ['Good product, easy to set up, and customer service answered within an hour.', REVIEW],
  ['I returned the kettle because it leaked on the first day.', REVIEW],
  ['Comfortable shoes, true to size, worth every penny.', REVIEW],
  ['The menu was small but the portions were generous.', REVIEW],
  ['One star. The charger stopped working after a week and the refund took ages.', REVIEW],
  ['What time does the library open on Sundays?', QUESTION],
  ['How do I change the password on my router?', QUESTION],
  ['Can you suggest a good book about the history of maps?', QUESTION],
  ['Is it safe to swim in the lake this time of year?', QUESTION],
  ['Where can I find cheap parking near the stadium?', QUESTION],
  ['Does anyone know why my bread never rises?', QUESTION],
  ['Which laptop would you pick for a student on a budget?', QUESTION],
  ['Why is the sky red at sunset?', QUESTION],
  ['Should I learn Spanish or Portuguese first?', QUESTION],
  ['Has anyone tried the new ramen place on Hill Street?', QUESTION],
  ['Who wrote the theme music for that show?', QUESTION],
  ['When does the next train to Bristol leave?', QUESTION],
  ['Do you think it will rain tomorrow?', QUESTION],
  ['How long should I boil an egg for a soft yolk?', QUESTION],
  ["I can't believe how fast this year has gone.", COMMENT],
  ['Honestly this is the best thread on the whole forum lol', COMMENT],
  ['Totally agree with you, the second season was much better.', COMMENT],
  ['My cat just knocked a full glass of water onto my keyboard 😂', COMMENT],
  ['Haha same, I always forget my umbrella too.', COMMENT],
  ['I think people are way too harsh on the referee.', COMMENT],
  ['Love this photo, the colours are amazing!', COMMENT],
  ['We finally finished painting the living room, so proud of us.', COMMENT],
  ["That's the funniest thing I've read all week.", COMMENT],
  ['Ugh, Mondays are the worst.', COMMENT],
  ['I feel like nobody reads the rules before posting.', COMMENT],
  ['Congrats on the new job, you deserve it!', COMMENT],
  ['This song always reminds me of summer road trips.', COMMENT],
  ["Nah, I'd rather stay home with a good book tonight.", COMMENT],
];

const TRAINING: readonly (readonly [string, string])[] = [
  ['anyone know a good plumber in the north of town', QUESTION],
  ['need some advice on getting my toddler to sleep through the night', QUESTION],
  ['looking for tips on keeping basil alive indoors', QUESTION],
  ['trying to figure out why my laptop fan is so loud all of a sudden', QUESTION],
  ['any recommendations for a cheap but decent mechanical keyboard', QUESTION],
  ["wondering if it's worth upgrading from the old model", QUESTION],
  ['best way to get red wine out of a carpet', QUESTION],
  ['cant get my printer to connect to the wifi, any ideas', QUESTION],
  ['not sure which charger fits this camera, help', QUESTION],
  ['how do i stop my bike chain from slipping', QUESTION],
  ['is there a way to recover deleted photos from an sd card', QUESTION],
  ['does anyone have a recipe for gluten free pizza dough', QUESTION],
  ['I think the new park looks great, the kids love it', COMMENT],
  ['Officials said the bridge will reopen on Monday after repairs', NEWS],
  ['Bought this lamp for my desk and the light is perfect', REVIEW],
  ['So glad the weekend is finally here', COMMENT],
];

const EVAL: readonly (readonly [string, string])[] = [
  ['anybody else having trouble logging in today', QUESTION],
  ['looking for a good dentist near the station', QUESTION],
  ['need help choosing a tent for a family of four', QUESTION],
  ["what's the easiest way to descale a kettle", QUESTION],
  ['any tips for a first trip to japan on a budget', QUESTION],
  ['trying to decide between two phones, advice welcome', QUESTION],
  ['wondering how long fresh pasta keeps in the fridge', QUESTION],
  ['The museum will close for renovation next year, the council announced', NEWS],
  ['Arrived a day early and the quality is great', REVIEW],
  ['Cannot stop laughing at this video', COMMENT],
];

/** The text-classification task's general corpus and default scenario (forum questions without "?"). */
export const CLASSIFICATION_CORPUS: TaskCorpus = Object.freeze({
  general: toTsv(GENERAL),
  training: toTsv(TRAINING),
  eval: toTsv(EVAL),
  scenario: Object.freeze({
    title: 'Questions without a question mark',
    description:
      'Edited text ends its questions with "?", so the base model leans on that mark. ' +
      'On forums people often ask without one: "anyone know a good plumber", "looking for tips on…". ' +
      'Fine-tune on such posts and the model learns to spot a request for help by its words.',
  }),
});
