#!/usr/bin/env bash
# Builds Flourish's CSS and JS from GOV.UK Frontend and htmx into
# flourish/core/static/core/. The output is committed, so running the site
# needs no Node; run this only after changing frontend/src/ or package.json.
#
# Reproducible: packages come from package-lock.json (`npm ci`), the CSS has no
# source map and no timestamp, and two runs give byte-identical files.
#
#   bash frontend/build.sh
set -euo pipefail

frontend_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo_dir="$(dirname "$frontend_dir")"
out_dir="$repo_dir/flourish/core/static/core"
modules="$frontend_dir/node_modules"

# sass 1.108 needs Node 20.19 or later.
node -e '
  const [major, minor] = process.versions.node.split(".").map(Number);
  if (major < 20 || (major === 20 && minor < 19)) {
    console.error(`build.sh needs Node 20.19 or later; this is Node ${process.versions.node}.`);
    process.exit(1);
  }
'

cd "$frontend_dir"

# Exactly what package-lock.json says. No install scripts: none of these
# packages needs one. No optional packages: they are only sass's file watcher.
npm ci --ignore-scripts --omit=optional --no-audit --no-fund --loglevel=error

mkdir -p "$out_dir"

# --- CSS, left to right ------------------------------------------------------
"$modules/.bin/sass" \
  --load-path="$modules" \
  --style=compressed \
  --no-source-map \
  --fatal-deprecation=import \
  src/flourish.scss "$out_dir/flourish.css"

# --- CSS, right to left (Arabic, Urdu, ...) -----------------------------------
# rtlcss through its API with its default options, so no .rtlcssrc lying around
# on this machine can change the output. It keeps the compressed formatting.
node -e '
  const fs = require("fs");
  const rtlcss = require("rtlcss");
  const [from, to] = process.argv.slice(1);
  fs.writeFileSync(to, rtlcss.process(fs.readFileSync(from, "utf8"), {}));
' "$out_dir/flourish.css" "$out_dir/flourish.rtl.css"

# --- Fonts and images the CSS asks for ----------------------------------------
# Ideally none: no GDS Transport, and the Royal Arms crest resolves to `none`
# (frontend/src/_image-url.scss). Anything else must live under /static/core/
# and come from GOV.UK Frontend's assets, or the build fails.
govuk_assets="$modules/govuk-frontend/dist/govuk/assets"
for css in "$out_dir/flourish.css" "$out_dir/flourish.rtl.css"; do
  if grep -q '@font-face' "$css"; then
    echo "build.sh: $css has an @font-face; Flourish uses system fonts only." >&2
    exit 1
  fi
  { grep -o 'url([^)]*)' "$css" || true; } | sed -E 's/^url\(["'\'']?//; s/["'\'']?\)$//'
done | LC_ALL=C sort -u | while read -r url; do
  case "$url" in
    /static/core/*) ;;
    *)
      echo "build.sh: the CSS asks for $url, which is not under /static/core/." >&2
      exit 1
      ;;
  esac
  relative="${url#/static/core/}"
  if [[ ! -f "$govuk_assets/$relative" ]]; then
    echo "build.sh: the CSS asks for $url, but GOV.UK Frontend has no $relative." >&2
    exit 1
  fi
  mkdir -p "$(dirname "$out_dir/$relative")"
  cp "$govuk_assets/$relative" "$out_dir/$relative"
  echo "copied $relative"
done

# --- JavaScript -------------------------------------------------------------
# GOV.UK Frontend's ES module bundle: load it with <script type="module">.
# We ship no .map files, so drop the sourceMappingURL comment: browsers would
# ask for a file that is not there, and Django's ManifestStaticFilesStorage
# fails collectstatic on a source map it cannot find.
strip_source_map() {
  sed -E '$ s@//# sourceMappingURL=[^[:space:]]*[[:space:]]*$@@' "$1" > "$2"
}
strip_source_map "$modules/govuk-frontend/dist/govuk/govuk-frontend.min.js" "$out_dir/govuk-frontend.min.js"
strip_source_map "$modules/htmx.org/dist/htmx.min.js" "$out_dir/htmx.min.js"

# --- Licences -----------------------------------------------------------------
version_of() { node -p "require('$modules/$1/package.json').version"; }
licence_of() { node -p "require('$modules/$1/package.json').license"; }

govuk_version="$(version_of govuk-frontend)"
govuk_licence="$(licence_of govuk-frontend)"
htmx_version="$(version_of htmx.org)"
htmx_licence="$(licence_of htmx.org)"
sass_version="$(version_of sass)"
sass_licence="$(licence_of sass)"
rtlcss_version="$(version_of rtlcss)"
rtlcss_licence="$(licence_of rtlcss)"

if [[ "$govuk_licence" != "MIT" ]]; then
  echo "build.sh: govuk-frontend's licence is now $govuk_licence; update the MIT text below." >&2
  exit 1
fi

{
  cat <<EOF
Third-party code in this folder
===============================

Built by frontend/build.sh from the exact versions in frontend/package-lock.json.

Bundled here
------------

govuk-frontend ${govuk_version} (${govuk_licence})
  https://github.com/alphagov/govuk-frontend
  Compiled into flourish.css and flourish.rtl.css; copied as govuk-frontend.min.js.

htmx.org ${htmx_version} (${htmx_licence})
  https://github.com/bigskysoftware/htmx
  Copied as htmx.min.js.

Used to build, not bundled
--------------------------

sass ${sass_version} (${sass_licence}): compiles frontend/src/flourish.scss.
rtlcss ${rtlcss_version} (${rtlcss_licence}): makes flourish.rtl.css from flourish.css.

Flourish does not use GOV.UK's crown, logotype, Royal Arms or the GDS Transport
font, none of which is covered by the licence below.


govuk-frontend licence
----------------------

The MIT License (MIT)

Copyright (C) 2017 Crown Copyright (Government Digital Service)

Permission is hereby granted, free of charge, to any person obtaining a copy of
this software and associated documentation files (the "Software"), to deal in
the Software without restriction, including without limitation the rights to
use, copy, modify, merge, publish, distribute, sublicense, and/or sell copies
of the Software, and to permit persons to whom the Software is furnished to do
so, subject to the following conditions:

The above copyright notice and this permission notice shall be included in all
copies or substantial portions of the Software.

THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR
IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY,
FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE
AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER
LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM,
OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE
SOFTWARE.


htmx.org licence
----------------

EOF
  cat "$modules/htmx.org/LICENSE"
} > "$out_dir/LICENCES.txt"

# --- Report ------------------------------------------------------------------
cd "$out_dir"
wc -c flourish.css flourish.rtl.css govuk-frontend.min.js htmx.min.js LICENCES.txt
