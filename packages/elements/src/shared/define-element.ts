/**
 * Registers `constructor` as `tag` unless the tag is already taken (the same package loaded twice,
 * or a page that registered it itself), so that loading an entry point twice never throws.
 */
export function defineElement(tag: string, constructor: CustomElementConstructor): void {
  if (customElements.get(tag) === undefined) customElements.define(tag, constructor);
}
