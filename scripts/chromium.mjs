// How every test and screenshot in this repo starts Chromium: Debian's package (no browser downloads
// are possible here), headless, with the background services off (this machine has no network, and
// Chromium would otherwise keep trying to reach Google's hosts).

/** Path of the Chromium binary; override with CHROMIUM_PATH. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Command-line switches for a headless, sandboxless (root), offline Chromium. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];
