import { splitWords } from './split-words.js';

/** Words and abbreviations of chat and social-media register (written for this project). */
export const INFORMAL_MARKERS: readonly string[] = splitWords(
  `lol lmao lmfao rofl omg omfg haha hahaha hehe tbh ngl imo imho idk btw fr af dude bro bruh yo gonna
  wanna gotta kinda sorta u ur pls plz thx ty yay ugh meh nah yep yeah nope literally lowkey highkey
  legit vibes vibe y'all cuz coz dunno lemme gimme smh wtf fam bestie woah whoa`,
);
