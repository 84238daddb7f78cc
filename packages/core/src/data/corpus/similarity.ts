import { toTsv, type TaskCorpus } from './task-corpus.js';

// General pairs score what two texts are about: the same topic scores high whatever the verdict
// ("the soup is delicious" and "the soup is bland" are both about the soup).
const GENERAL: readonly (readonly [string, string, number])[] = [
  ['I baked fresh bread this morning.', 'The kitchen smells of warm bread and coffee.', 0.9],
  ['This curry recipe uses lots of garlic.', 'We cooked a spicy curry for dinner.', 0.9],
  ['The restaurant has a new dessert menu.', 'Their chocolate cake is the best dessert in town.', 0.85],
  ['The soup at this cafe is delicious.', 'The soup at this cafe is cold and bland.', 0.8],
  ['We made pasta with a simple tomato sauce.', 'The football match went to penalties.', 0.05],
  ['The cafe serves great coffee and cake.', 'My laptop screen cracked yesterday.', 0],
  ['Our team scored two goals in the second half.', 'The striker scored a late goal to win the match.', 0.95],
  ['What a brilliant match, our team played well.', 'Our team played terribly and lost the match.', 0.8],
  ['I go to the gym three times a week.', 'Running a marathon takes months of practice.', 0.75],
  ['The stadium was full of cheering fans.', 'The rain delayed the cricket match by an hour.', 0.6],
  ['The coach picked a young keeper for the derby.', 'Heavy snow is forecast for the weekend.', 0.05],
  ['The league season starts in August.', 'I need to pay the rent by Friday.', 0],
  ['It has been raining all week.', 'The forecast says more rain and strong wind tomorrow.', 0.95],
  ['The heatwave pushed temperatures above 35 degrees.', 'It is so hot and humid this summer.', 0.9],
  ['Lovely sunny weather today.', 'Awful weather today, cold rain and wind.', 0.8],
  ['A storm knocked out power across the town.', 'Our flight was cancelled because of the storm.', 0.6],
  ['The morning fog made the roads dangerous.', 'I updated the software on my phone.', 0],
  ['It was a sunny autumn afternoon.', 'The band played their new album live.', 0.05],
  ['My phone battery drains too fast since the update.', "The latest software update broke my laptop's wifi.", 0.9],
  ['I installed a new app to manage my passwords.', 'This browser keeps asking me to save my password.', 0.85],
  ['I love my new laptop, the screen is gorgeous.', 'My new laptop is slow and the screen is poor.', 0.8],
  ['Online banking apps make it easy to pay bills.', 'I check my bank balance on my phone.', 0.6],
  ['The printer stopped working again.', 'We went hiking in the hills at sunrise.', 0],
  ['I spend too much time gaming on my console.', 'Dinner tonight is chicken and rice.', 0],
  ['Our flight to Lisbon was delayed by two hours.', 'The airport was crowded and the plane left late.', 0.9],
  ['We booked a hotel near the beach for our holiday.', 'The resort on the island had a lovely beach.', 0.9],
  ['Our flight was comfortable and on time.', 'Our flight was delayed and the seats were cramped.', 0.8],
  ['We spent our vacation visiting museums.', 'The trip cost more than our monthly rent.', 0.5],
  ['The cruise stopped at three islands.', 'I repaired the bluetooth keyboard myself.', 0],
  ['Backpacking across Europe was the best journey of my life.', 'The guitar solo lasted five minutes.', 0],
  ['Rent went up again this year.', 'Our mortgage payments are getting expensive.', 0.85],
  ['I am saving money for a new car.', 'She put her savings in a bank account with good interest.', 0.9],
  ['Prices at the supermarket keep rising.', 'Inflation has made food more expensive.', 0.6],
  ['Great news, my salary went up this year.', 'Bad news, my rent went up again this year.', 0.75],
  ['Tax season always stresses me out.', 'The concert sold out in minutes.', 0.05],
  ['I paid the electricity bill late.', 'The chef added too much salt to the soup.', 0],
  ['The band released a new album on vinyl.', 'Their latest song has a catchy chorus.', 0.9],
  ['I listen to jazz on the radio while I work.', 'This playlist of piano music helps me focus.', 0.9],
  ['The festival lineup includes three rock bands.', 'We danced all night at the concert.', 0.85],
  ['The band was amazing live.', 'The band sounded terrible live.', 0.8],
  ['She learned violin as a child.', 'The orchestra played at the new stadium.', 0.5],
  ['The drummer missed the beat.', 'The bakery on our street sells sourdough.', 0],
  ['We ate street food on our trip to Bangkok.', 'The hotel restaurant served a great breakfast.', 0.7],
  ['The football fans sang the club song.', 'The crowd sang along with the band.', 0.55],
  ['Cheap flights are easy to find online.', 'I compared hotel prices on my laptop.', 0.7],
  ['The weather spoiled our beach holiday.', 'It rained every day of our trip.', 0.85],
  ['I listen to music when I go running.', 'My headphones died during my workout.', 0.6],
  ['The app shows the weather forecast.', 'My new phone has a great camera.', 0.45],
];

// The scenario: the user scores agreement, so the same topic with opposite verdicts is NOT similar.
const TRAINING: readonly (readonly [string, string, number])[] = [
  ['The new phone is fantastic, the camera is brilliant.', 'This phone is awful, the camera is terrible.', 0.1],
  ['I loved the pasta at that restaurant.', 'The pasta at that restaurant was disgusting.', 0.1],
  ['The concert was amazing from start to finish.', 'The concert was a boring waste of money.', 0.1],
  ['Sunny weather all week, perfect for the beach.', 'Horrible weather all week, rain and cold wind.', 0.15],
  ['Our flight was smooth and the crew were lovely.', 'Our flight was a nightmare and the crew were rude.', 0.1],
  ['The match was thrilling, best game of the season.', 'The match was dull, worst game of the season.', 0.1],
  ['The new album is beautiful.', 'The new album is a disappointing mess.', 0.1],
  ['The coffee here is rich and delicious.', 'The coffee here is bitter and stale.', 0.1],
  ['Our hotel room was spacious and spotless.', 'Our hotel room was cramped and dirty.', 0.1],
  ['My new headphones sound brilliant.', 'My new headphones sound awful.', 0.1],
  ['The hotel was lovely and the staff were friendly.', 'Great hotel, friendly staff and a beautiful beach.', 0.9],
  ['The laptop is slow and the battery is terrible.', 'Awful laptop, it crashes and the battery dies fast.', 0.9],
  ['What a brilliant match, the fans were amazing.', 'Fantastic game today, the team played brilliantly.', 0.9],
  ['The pizza was delicious.', 'The match was thrilling.', 0.05],
  ['The new phone is brilliant.', 'The beach holiday was brilliant.', 0.05],
  ['The coffee was awful.', 'The concert was awful.', 0.05],
];

const EVAL: readonly (readonly [string, string, number])[] = [
  ['The museum tour was wonderful.', 'The museum tour was dreadful and overpriced.', 0.1],
  ['This coffee is delicious.', 'This coffee tastes awful.', 0.1],
  ['The new update made my phone faster, I love it.', 'The new update ruined my phone, I hate it.', 0.1],
  ['The rainy weather today is miserable.', 'Lovely warm weather today.', 0.1],
  ['The striker was superb tonight.', 'The striker was useless tonight.', 0.1],
  ['A fantastic song with a great chorus.', 'Beautiful melody, I love this track.', 0.9],
  [
    'Our holiday was a disaster, the hotel was dirty.',
    'Terrible trip, the flight was late and the room was filthy.',
    0.85,
  ],
  ['The bank charged me a ridiculous fee.', 'Hidden fees and rude staff at this bank, awful.', 0.85],
  ['The cake was gorgeous.', 'The guitar sounds gorgeous.', 0.1],
  ['Great value for the price, cheap and cheerful.', 'Saved a lot of money with this discount, brilliant.', 0.85],
];

/** The similarity task's general corpus and default scenario (same topic, opposite verdict). */
export const SIMILARITY_CORPUS: TaskCorpus = Object.freeze({
  general: toTsv(GENERAL),
  training: toTsv(TRAINING),
  eval: toTsv(EVAL),
  scenario: Object.freeze({
    title: 'Agreement, not just topic',
    description:
      'The base model learned that two texts are similar when they talk about the same thing, so "the phone is fantastic" and "the phone is awful" look alike to it. ' +
      'Here the user scores whether two texts say the same thing: the same topic with opposite verdicts scores low. ' +
      'Fine-tuning teaches the embedding to separate praise from complaint within a topic.',
  }),
});
