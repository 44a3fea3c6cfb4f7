import type { InjectedMetadata } from './core/entry';

function escapeJsonForScript(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c');
}

/** `window.__kbnBundles__` as Kibana's bootstrap template defines it (render_template.ts). */
const KBN_BUNDLES_LOADER = `
window.__kbnBundles__ = (function () {
  var modules = {};
  function has(key) { return Object.prototype.hasOwnProperty.call(modules, key); }
  function define(key, bundleRequire, bundleModuleKey) {
    if (has(key)) throw new Error('__kbnBundles__ already has a module defined for "' + key + '"');
    modules[key] = { bundleRequire: bundleRequire, bundleModuleKey: bundleModuleKey };
  }
  function get(key) {
    if (!has(key)) throw new Error('__kbnBundles__ does not have a module defined for "' + key + '"');
    return modules[key].bundleRequire(modules[key].bundleModuleKey);
  }
  return { has: has, define: define, get: get };
})();
`;

export function renderPage(options: { metadata: InjectedMetadata; scripts: string[] }): string {
  const { metadata, scripts } = options;
  // Assets live under the server base path, not the space's (rendering_service.tsx).
  const base = metadata.serverBasePath;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width">
<title>Elastic</title>
<link rel="icon" type="image/svg+xml" href="${base}/bundles/favicon.svg">
<style>
  html, body { margin: 0; min-height: 100%; }
  body { font-family: 'Inter', 'Inter UI', -apple-system, BlinkMacSystemFont, 'Segoe UI', Helvetica, Arial, sans-serif; }
  #kbn-loading { position: fixed; inset: 0; display: flex; align-items: center; justify-content: center; color: #5a6d8c; font: 14px sans-serif; }
</style>
<script>${KBN_BUNDLES_LOADER}</script>
<script id="kbn-injected-metadata" type="application/json">${escapeJsonForScript(metadata)}</script>
</head>
<body>
<div id="kibana-body"><div id="kbn-loading">Loading Elastic</div></div>
${scripts.map((src) => `<script src="${src}"></script>`).join('\n')}
<script>
  __kbnBundles__.get('entry/core/public').__kbnBootstrap__().catch(function (error) {
    console.error(error);
    document.getElementById('kibana-body').innerHTML =
      '<div style="padding:48px;font-family:sans-serif"><h1>Kibana did not load properly.</h1><pre></pre></div>';
    document.querySelector('#kibana-body pre').textContent = String(error && error.stack || error);
  });
</script>
</body>
</html>
`;
}

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]);
}

/** Longest `msg` / `next` shown: they come from the URL. */
const MAX_LOGOUT_PARAM_CHARS = 500;

/**
 * The host's `/logout`: Kibana's clears the session and shows the login form with `msg`; with
 * HTTP Basic there is no session to clear, so this page only says so and links back to `next`
 * (a same-origin path only: `next` comes from the URL).
 */
export function renderLogoutPage(options: { basePath: string; msg: string; next: string }): string {
  const msg = options.msg.slice(0, MAX_LOGOUT_PARAM_CHARS);
  const nextParam = options.next.slice(0, MAX_LOGOUT_PARAM_CHARS);
  const next =
    nextParam.startsWith('/') && !nextParam.startsWith('//') && !nextParam.startsWith('/\\')
      ? nextParam
      : `${options.basePath}/`;
  return `<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>Logged out - Elastic</title></head>
<body style="font-family:sans-serif;padding:48px">
<div data-test-subj="loggedOutPage">
<h1>You are logged out</h1>
<p data-test-subj="logoutReason">${escapeHtml(msg || 'LOGGED_OUT')}</p>
<a data-test-subj="loginAgain" href="${escapeHtml(next)}">Log in again</a>
</div>
</body>
</html>
`;
}

/**
 * The host's stand-in for the spaces plugin's space selector (`/spaces/space_selector`), where
 * Kibana sends an app request in a space that does not exist (on_post_auth_interceptor.ts). It
 * knows no list of spaces: it offers the default space.
 */
export function renderSpaceSelectorPage(options: { defaultSpaceUrl: string }): string {
  return `<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>Select your space - Elastic</title></head>
<body style="font-family:sans-serif;padding:48px">
<div data-test-subj="kibanaSpaceSelector">
<h1>Select your space</h1>
<p>The space you asked for does not exist.</p>
<a data-test-subj="space-card-default" href="${escapeHtml(options.defaultSpaceUrl)}">Default</a>
</div>
</body>
</html>
`;
}

export const FAVICON_SVG = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><path fill="#FEC514" d="M4 10a12 12 0 0 1 23-3H8z"/><path fill="#00BFB3" d="M4 16l23 0a12 12 0 0 1-23 6z"/><path fill="#F04E98" d="M4 10h24v6H4z"/></svg>`;
