/**
 * Valence of English words, emoticons and emoji, as integers from −4 (very negative) to +4 (very
 * positive), written for this project in the spirit of VADER's lexicon (Hutto & Gilbert 2014, "VADER: A
 * Parsimonious Rule-based Model for Sentiment Analysis of Social Media Text", ICWSM) without copying its
 * list or values. Entries are lower-case; plurals and possessives are found through `wordForms`.
 * Words with an informal sense of praise (`sick`, `insane`) carry their dictionary sense here on purpose:
 * see `SLANG_PRAISE_WORDS`. `like` counts only as a verb (see `LIKE_VERB_CUES`).
 */
const BY_VALENCE: Readonly<Record<number, string>> = {
  4: `
    superb magnificent phenomenal flawless perfect perfection masterpiece breathtaking exceptional extraordinary
    spectacular marvelous marvellous sublime outstanding ecstatic euphoric glorious exquisite heavenly divine
    triumphant unbeatable overjoyed elated exhilarating legendary impeccable unforgettable`,
  3: `
    excellent amazing amazed awesome wonderful wonderfully fantastic fabulous terrific brilliant great
    incredible love loved loves loving adore adored adorable delighted delightful delight thrilled thrilling
    beautiful beautifully gorgeous stunning impressive impressed remarkable superior best favorite favourite joy
    joyful joyous excited exciting grateful thankful blessed stellar splendid lovely charming enchanting magical
    heartwarming inspiring inspirational fascinating captivating dazzling radiant cherish cherished treasured
    bliss blissful paradise spotless immaculate genius masterful majestic hooray bravo victory celebrate
    celebration delicious scrumptious mouthwatering yummy sensational stoked congratulations congrats beloved
    admire admirable ideal hilarious excellence masterclass gem perfectly invaluable nicest greatest finest
    happiest loveliest :d :-d <3 😍 🥰 🤩 ❤ 💕`,
  2: `
    good nice happy happily glad pleased pleasing enjoy enjoyed enjoying enjoys enjoyable liked fun helpful
    useful reliable solid smooth comfortable comfy friendly kind fresh tasty cheerful recommend recommended
    worthwhile win wins winning winner success successful succeed succeeded satisfying satisfied pleasant sweet
    cute cozy cosy better improve improved improvement gentle generous polite honest trustworthy sturdy durable
    efficient effective convenient handy intuitive elegant stylish classy sleek crisp vibrant lively relaxing
    relaxed peaceful refreshing affordable bargain thanks thank appreciate appreciated welcome welcoming
    encouraging hopeful optimistic positive proud pride confident lucky fortunate smile smiling smiled laugh
    laughing laughed funny witty clever smart talented skilled skillful creative neat glowing attractive
    handsome healthy powerful speedy responsive accurate precise versatile spacious benefit beneficial advantage
    bonus reward rewarding supportive caring loyal courteous attentive punctual seamless painless effortless wow
    yay hug kiss fond eager interesting engaging entertaining memorable touching sincere graceful harmony peace
    freedom juicy crispy flavorful flavourful hearty promising authentic nicer champion kudos admired thriving
    thrive celebrated superbly lovable awesomeness helpfulness like likes knowledgeable special helped :) :-) =)
    :* 😀 😃 😄 😁 😊 😘 👍 👏 🙌 💯 🎉`,
  1: `
    fine decent fair easy easier cool calm safe secure bright sunny fast quick warm simple tidy prompt free
    worth strong trust trusted hope interested reasonable satisfactory alright acceptable cheaper steady stable
    improving cleaner agree agreed yes clear legit playful quiet roomy soft fluffy tender okay ;) ;-) :p :-p 🙂 😂
    😎`,
  [-1]: `
    meh bland slow slower late delay delayed tired nervous weak lost miss missed concern concerned doubt
    doubtful unfortunately expensive pricey costly complicated difficult awkward crowded noisy risk risky sour
    greasy lag bug issue lukewarm sorry odd weird strange average dated outdated forgettable bloated suspicious
    fragile crazy argue argument struggle missing unclear dragged drags :/ :-/ :| 🙁`,
  [-2]: `
    bad badly poor poorly sad sadly sadness problem problematic wrong mistake worse worried worry worrying upset
    sick sickness ill illness insane mad wicked ridiculous annoying annoyed irritating irritated unhappy
    unfortunate fear afraid anxious stress stressed stressful exhausted exhausting hurt pain painful ache aching
    injury injured flimsy sluggish laggy buggy glitch glitchy error froze cancelled canceled dirty messy smelly
    stink stinks overcooked undercooked uncomfortable cramped sloppy careless lazy unreliable unhelpful
    unfriendly impolite arrogant selfish greedy guilty shame embarrassing embarrassed fake misleading lie lied
    unfair unjust harsh bitter gloomy grim bleak cry crying cried tears yelled attack attacked suffer failed
    lose losing defeat defeated poverty debt broke fired layoffs chaos chaotic mess hassle nuisance headache
    trouble troubled threat threatening alarming shady sketchy dodgy tacky overrated underwhelming pointless
    waste wasted wasting regret regretted complain complaint complained stupid dumb lame boring bored dull
    tedious mediocre dangerous savage deadly lonely scared panic crash crashed crashing dead died dies damaged
    damage leaking leak stale soggy burnt overpriced struggling helpless overcrowded ew eww boo shouting ignored
    ignore ignoring refuse refused refuses unanswered overcharged nonsense :( :-( 😞 😢 😭 👎 😩 😫 😒 😤 😖 ☹`,
  [-3]: `
    terrible awful useless pathetic miserable misery disappointing disappointed disappointment disappoints
    disappoint broken fail failure fails failing scam fraud garbage trash rubbish junk ruined ruin ugly gross
    nasty rude angry anger outraged outrageous frustrating frustrated frustration infuriating hostile cruel
    abusive agony agonizing toxic poisonous killer brutal shameful disgrace disgraceful inexcusable unacceptable
    incompetent worthless hopeless depressing depressed grief terrified terrifying stolen stole theft defective
    faulty moldy mouldy rotten ripoff crap sucks suck sucked idiot idiotic lousy shoddy liar cheat cheated
    cheating steal sorrow war violence violent kill killed death dying suffering crisis yuck ugh filthy </3 😡 😠
    🤬 🤮 💔`,
  [-4]: `
    horrible horrendous atrocious abysmal disgusting vile despicable appalling dreadful catastrophic catastrophe
    disastrous disaster nightmare hate hated hates hating loathe loathed worst unbearable devastating devastated
    horrific horrifying heartbreaking heartbroken furious enraged livid repulsive revolting sickening hideous
    evil tragic tragedy murder`,
};

function build(): ReadonlyMap<string, number> {
  const map = new Map<string, number>();
  for (const [valence, words] of Object.entries(BY_VALENCE)) {
    for (const word of words.split(/\s+/)) if (word.length > 0) map.set(word, Number(valence));
  }
  return map;
}

/** Word (or emoticon, or emoji) → integer valence from −4 to +4; over 700 entries. */
export const SENTIMENT_LEXICON: ReadonlyMap<string, number> = build();
