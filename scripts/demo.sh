#!/usr/bin/env bash
# The demo: builds bin/codraft, then a throwaway draft repository in out/demo
# from the four sample rounds in drafts/, and shows what codraft makes of it.
# Later steps (diff, summary, export) go at the end of this file.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
demo=out/demo

make -s build
codraft() { "$root/bin/codraft" "$@"; }
step() { printf '\n$ codraft %s\n' "$*"; }

# A fixed author, so that the demo needs no git identity.
export CODRAFT_AUTHOR="${CODRAFT_AUTHOR:-Drafting Secretariat <secretariat@example.org>}"

rm -rf "$demo"
mkdir -p "$demo"
codraft -C "$demo" init >/dev/null
cp drafts/codraft.yaml "$demo/codraft.yaml"

# Each round file NN-YYYY-MM-DD-LABEL.md becomes draft.md, recorded with its
# date and label, citing the four working groups.
for f in drafts/[0-9][0-9]-*.md; do
	name=$(basename "$f" .md)
	rest=${name#*-}
	date=${rest:0:10}
	label=${rest:11}
	label=${label//-/ }
	[ -n "$label" ] || label=$date
	cp "$f" "$demo/draft.md"
	codraft -C "$demo" round "$label" --date "$date" --wg WG1 --wg WG2 --wg WG3 --wg WG4
done

step -C "$demo" rounds
codraft -C "$demo" rounds

step -C "$demo" show 2 "| head"
codraft -C "$demo" show 2 >"$demo/.show.tmp"
head "$demo/.show.tmp"
rm -f "$demo/.show.tmp"

# --- further demo steps (diff, summary, export) below this line ---
step -C "$demo" diff 3 4 --no-pager
codraft -C "$demo" diff 3 4 --no-pager

step -C "$demo" diff 1 4 --format json -o "$demo/redline-1-4.json"
codraft -C "$demo" diff 1 4 --format json -o "$root/$demo/redline-1-4.json"
echo "wrote $demo/redline-1-4.json"

step -C "$demo" summary 3 4
codraft -C "$demo" summary 3 4 --no-pager

step -C "$demo" export 1 4 -o "$demo/redline-1-4.html"
codraft -C "$demo" export 1 4 -o "$root/$demo/redline-1-4.html"
echo "wrote $demo/redline-1-4.html: the first draft against the final one, for reviewers (open it in a browser; n and p step through the changes)"

step -C "$demo" check --from round/1 --to round/4
codraft -C "$demo" check --from round/1 --to round/4

step -C "$demo" site -o "$demo/site"
codraft -C "$demo" site -o "$root/$demo/site"
echo "wrote $demo/site: open $demo/site/index.html in a browser (every round, redline, section history and blame view)"
