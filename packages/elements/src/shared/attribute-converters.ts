/** A Lit attribute converter that reads the attribute and gives the property's default back when it is removed. */
export interface DefaultingConverter<T> {
  /** The property value for the attribute's text, or the default when the attribute is absent. */
  readonly fromAttribute: (text: string | null) => T;
}

/**
 * A number attribute that restores `fallback` when removed (Lit's own converter would give `null`);
 * text that is not a number becomes `NaN`, for the element to report. Use as `converter: numberOr(4)`.
 */
export function numberOr(fallback: number): DefaultingConverter<number> {
  return { fromAttribute: (text) => (text === null ? fallback : Number(text)) };
}

/**
 * A text attribute that restores `fallback` when removed. Use as `converter: textOr('sentiment')`.
 */
export function textOr(fallback: string): DefaultingConverter<string> {
  return { fromAttribute: (text) => text ?? fallback };
}
