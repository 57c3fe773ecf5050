// Builds the one stylesheet and the scripts the pages load, into ui/static/ui/dist/.
//
// The NL Design System component library and the theme hold every component and token
// (about 600 kB). PurgeCSS keeps only the rules whose classes appear in our templates and
// Python code, and only the custom properties those rules use: phones on slow connections
// download a few kilobytes instead. Run by `wijkbasis demo` and the test set-up through
// wijkbasis.bootstrap; by hand: `npm run build`.
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { PurgeCSS } from "purgecss";

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, "..", "..", "..", "..");
const packageRoot = join(here, "..", "..");
const out = join(here, "..", "static", "ui", "dist");
const modules = join(root, "node_modules");

const sources = [
  join(modules, "@nl-design-system-unstable/voorbeeld-design-tokens/dist/theme.css"),
  join(modules, "@utrecht/component-library-css/dist/index.css"),
  join(here, "wijkbasis.css"),
];
// Error styling only for errors the server reported (the --invalid classes and aria-invalid
// that ui/forms.py sets): the browser's :invalid and :user-invalid would paint a required,
// still empty field red before anyone typed, and again after a successful save.
const withoutBrowserValidation = (css) =>
  css.replace(/([^{}]+)\{([^{}]*)\}/g, (rule, selectors, body) => {
    if (!/:(user-)?invalid\b/.test(selectors)) return rule;
    const kept = selectors.split(",").filter((selector) => !/:(user-)?invalid\b/.test(selector));
    return kept.length ? `${kept.join(",")}{${body}}` : "";
  });
const raw = withoutBrowserValidation(sources.map((file) => readFileSync(file, "utf8")).join("\n"));

const [result] = await new PurgeCSS().purge({
  content: [join(packageRoot, "**/templates/**/*.html"), join(packageRoot, "**/*.py")],
  css: [{ raw }],
  variables: true,
  keyframes: true,
  fontFace: true,
  safelist: {
    standard: ["voorbeeld-theme", /^htmx-/],
    greedy: [/^utrecht-alert--/, /^utrecht-status-badge--/],
  },
  defaultExtractor: (content) => content.match(/[\w-/:.%]+(?<!:)/g) || [],
});

mkdirSync(out, { recursive: true });
const header =
  "/* wijkbasis: NL Design System (Utrecht component library, voorbeeld theme), EUPL-1.2. " +
  "Built from node_modules; do not edit. */\n";
// Comments (licence banners repeated per component, token annotations) are dropped: the
// header above names the licence once. Whitespace is collapsed; whitenoise compresses the rest.
const css = result.css
  .replace(/\/\*[\s\S]*?\*\//g, "")
  .replace(/\n\s*\n+/g, "\n")
  .replace(/^\s+/gm, "");
writeFileSync(join(out, "wijkbasis.css"), header + css);
copyFileSync(join(modules, "htmx.org/dist/htmx.min.js"), join(out, "htmx.min.js"));
console.log(`wijkbasis.css: ${Buffer.byteLength(css)} bytes (from ${Buffer.byteLength(raw)})`);
