#!/usr/bin/env bash
# Debian packages the test suite uses, installed when missing (as root) so no test is skipped:
# graphviz (Debian's `dot` 2.43, the second engine the graph style supports), LibreOffice
# Impress with poppler-utils (decks are opened and drawn by a real presentation program), and
# LuaLaTeX with latexmk and the DejaVu fonts (`make docs-pdf`: the docs' own PDF, whose text has
# Unicode that pdflatex cannot set), fonts other than DejaVu Sans for the theme tests. librsvg's
# rsvg-convert draws written SVG files, as cairosvg does, to check they look the same outside a
# browser. Chromium runs the viewer's browser tests (playwright drives Debian's build; it cannot
# download its own here).
set -euo pipefail
needed=()
command -v dot >/dev/null 2>&1 || needed+=(graphviz)
command -v soffice >/dev/null 2>&1 || needed+=(libreoffice-impress)
command -v pdftoppm >/dev/null 2>&1 || needed+=(poppler-utils)
command -v rsvg-convert >/dev/null 2>&1 || needed+=(librsvg2-bin)
command -v chromium >/dev/null 2>&1 || needed+=(chromium)
command -v lualatex >/dev/null 2>&1 || needed+=(texlive-luatex)
command -v latexmk >/dev/null 2>&1 || needed+=(latexmk)
# Sphinx's LaTeX writer loads packages from these two collections (tikz, fncychap, tabulary, …).
kpsewhich tikz.sty >/dev/null 2>&1 || needed+=(texlive-pictures)
kpsewhich fncychap.sty >/dev/null 2>&1 || needed+=(texlive-latex-extra)
# DejaVu Sans sets the PDF; its oblique faces come in the -extra package. (No `grep -q`: it
# would close the pipe early, and pipefail would count fc-list's SIGPIPE as "not found".)
fonts=$(fc-list : file 2>/dev/null || true)
[[ $fonts == *DejaVuSans.ttf* ]] || needed+=(fonts-dejavu-core)
[[ $fonts == *DejaVuSans-Oblique.ttf* ]] || needed+=(fonts-dejavu-extra)
# Theme tests measure cards in fonts other than DejaVu Sans: DejaVu Serif (fonts-dejavu-core)
# and Liberation Serif (fonts-liberation), found through fontconfig as users' fonts are.
[[ $fonts == *DejaVuSerif.ttf* ]] || needed+=(fonts-dejavu-core)
[[ $fonts == *LiberationSerif-Regular.ttf* ]] || needed+=(fonts-liberation)
command -v fc-match >/dev/null 2>&1 || needed+=(fontconfig)
[ ${#needed[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -ne 0 ]; then
  echo "warning: missing Debian packages: ${needed[*]} (run: sudo apt-get install ${needed[*]})" >&2
  exit 0
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${needed[@]}" >/dev/null
echo "installed: ${needed[*]}"
