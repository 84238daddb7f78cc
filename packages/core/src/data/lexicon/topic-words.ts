import { splitWords } from './split-words.js';

/** The everyday topics of the similarity featurizer, in feature order. */
export const TOPICS = ['food', 'sport', 'weather', 'technology', 'travel', 'money', 'music'] as const;

/** One of {@link TOPICS}. */
export type Topic = (typeof TOPICS)[number];

/** Words that signal each topic (written for this project); no word belongs to two topics. */
export const TOPIC_WORDS: Readonly<Record<Topic, readonly string[]>> = Object.freeze({
  food: splitWords(
    `food eat eating ate meal dinner lunch breakfast recipe cook cooking cooked bake baking baked bread pasta
    pizza soup salad cheese chicken rice curry cake chocolate coffee tea restaurant kitchen oven flavour
    flavor spicy sauce vegetables fruit dessert taste tasty delicious menu chef snack sandwich burger noodles
    garlic cafe bakery vegan steak`,
  ),
  sport: splitWords(
    `sport football soccer basketball tennis cricket rugby baseball hockey golf match game team player coach
    goal score scored striker keeper referee league season championship tournament cup stadium fans
    marathon race running runner cycling swimming gym workout olympics medal pitch penalty halftime derby
    athlete`,
  ),
  weather: splitWords(
    `weather rain raining rainy sun sunny sunshine cloud cloudy snow snowing snowy storm stormy wind windy
    forecast temperature degrees hot heat heatwave cold chilly freezing frost fog foggy humid humidity
    thunder lightning drizzle hail umbrella climate celsius fahrenheit flood flooding drought breeze sky
    skies winter summer autumn`,
  ),
  technology: splitWords(
    `technology tech phone smartphone laptop computer software app update battery screen wifi internet
    router browser website online download install installed keyboard charger bluetooth tablet camera
    processor chip gadget device code coding programming server email password settings console gaming
    robot ai algorithm digital printer headphones`,
  ),
  travel: splitWords(
    `travel travelling traveling trip holiday vacation flight airport plane airline train station hotel
    hostel passport luggage suitcase beach tourist tour journey destination abroad booked visa cruise
    sightseeing backpacking island resort museum border`,
  ),
  money: splitWords(
    `money cash price cost pay paid paying salary wage rent mortgage bank loan debt savings save saving
    budget bill tax expensive cheap afford affordable invest investment invested stock income spend
    spending spent euro dollar pound bargain discount sale wallet credit refund fee pension inflation
    economy profit`,
  ),
  music: splitWords(
    `music song album band singer sing singing sang concert gig guitar piano drums drummer bass melody
    lyrics chorus track playlist beat rhythm tune vinyl festival dj rap rapper jazz rock orchestra violin
    musician listen listening radio`,
  ),
});
