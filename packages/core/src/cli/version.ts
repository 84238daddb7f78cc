// Bundled by tsup and resolved by vitest, so the CLI reports the version it was built from.
import { version } from '../../package.json';

/** The version of @lora-viz/core, as in its package.json. */
export const VERSION: string = version;
