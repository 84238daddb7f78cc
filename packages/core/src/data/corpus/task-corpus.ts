/** A task's built-in text: the general corpus its base model is pretrained on, and the default scenario. */
export interface TaskCorpus {
  /** General corpus, one labelled line per sample in the user format (TSV). */
  readonly general: string;
  /** Default fine-tuning lines of the scenario (TSV, explicit labels). */
  readonly training: string;
  /** Default held-out lines of the scenario (TSV, explicit labels). */
  readonly eval: string;
  /** The scenario in plain words. */
  readonly scenario: { readonly title: string; readonly description: string };
}

/** Joins rows of columns into the user format: columns separated by TAB, one row per line. */
export function toTsv(rows: readonly (readonly (string | number)[])[]): string {
  return rows.map((row) => row.join('\t')).join('\n');
}
