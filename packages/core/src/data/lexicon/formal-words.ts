/** Words and phrases typical of formal, written English: letters, notices, reports (written for this project). */
export const FORMAL_WORDS: readonly string[] = Object.freeze([
  ...`therefore furthermore moreover regarding hereby sincerely respectfully accordingly consequently
  nevertheless thus hence whereas herein pursuant kindly request requested inform informed advise
  acknowledge assistance inquiry enquiry documentation attached enclosed additionally subsequently prior
  approximately ensure receipt obtain regards dear apologies notify notified concerning commence
  considerable sufficient`
    .split(/\s+/)
    .filter((w) => w.length > 0),
  'kind regards',
  'we regret',
  'in accordance with',
  'with respect to',
  'at your earliest convenience',
]);
