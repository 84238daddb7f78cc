/** The documentation of one input feature: its stable name and exactly how its value is computed. */
export interface FeatureSpec {
  /** Stable name, as in `NamedFeature.name`. */
  readonly name: string;
  /** One sentence saying how the value is computed, with its range. */
  readonly description: string;
}
