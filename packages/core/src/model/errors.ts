/**
 * Thrown for an option or argument outside its accepted values; names the field and what it accepts
 * so that a CLI, an element or a text box can tell the user exactly what to fix.
 */
export class InvalidOptionError extends Error {
  /** The option at fault, as named in the API (for example `r` or `targetModules`). */
  readonly field: string;
  /** A short description of the accepted values (for example `a positive integer`). */
  readonly accepted: string;

  constructor(field: string, accepted: string, detail: string) {
    super(`${field}: ${detail}; expected ${accepted}`);
    this.name = 'InvalidOptionError';
    this.field = field;
    this.accepted = accepted;
  }
}
