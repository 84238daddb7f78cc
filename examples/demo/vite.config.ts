import { defineConfig, type Plugin } from 'vite';

/**
 * The page's Content-Security-Policy. No inline or remote script; 'wasm-unsafe-eval' only because
 * tfjs-core's `long` dependency probes WebAssembly at start-up (harmless, but it would report).
 */
const CSP = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
].join('; ');

/**
 * Vite's dev client starts a blob: worker to poll for the server after a restart; allow that in
 * dev only, so the dev page still runs under (nearly) the same policy as the built site.
 */
const DEV_CSP = `${CSP}; worker-src 'self' blob:`;

function contentSecurityPolicy(): Plugin {
  let policy = CSP;
  return {
    name: 'lora-viz-demo:csp',
    configResolved(config) {
      policy = config.command === 'serve' ? DEV_CSP : CSP;
    },
    transformIndexHtml(html) {
      // Right after <meta charset>, ahead of every script and stylesheet the policy must govern.
      const charset = /<meta charset="utf-8"\s*\/?>/i;
      if (!charset.test(html)) throw new Error('index.html needs <meta charset="utf-8"> for the CSP to follow.');
      return html.replace(
        charset,
        (tag) => `${tag}\n    <meta http-equiv="Content-Security-Policy" content="${policy}" />`,
      );
    },
  };
}

export default defineConfig({
  plugins: [contentSecurityPolicy()],
  build: { target: 'es2022', sourcemap: true },
  server: { host: '127.0.0.1', port: 5173, strictPort: true },
  preview: { host: '127.0.0.1', port: 4173, strictPort: true },
});
