// Options of the custom-elements analyzer, which scripts/docs.mjs runs (`pnpm docs:gen`, `docs:check`).
// packagejson: false, because the analyzer would otherwise point package.json's "customElements" at
// whatever --outdir a run uses — in check mode a scratch folder. The field is kept by hand.
export default { packagejson: false };
