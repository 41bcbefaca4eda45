#!/bin/sh
# The parse floor on one thread: tree-sitter's C library (static, UTF-8 and UTF-16), node tree-sitter,
# and ast-grep (which parses every file whatever the pattern), over the .py files directly in DIR.
# Not part of npm run bench (a one-off comparison; docs/benchmarks.md, eighth round).
#   bench/native-parse/run.sh DIR [ROUNDS]     (needs cc; uses the sources npm installed)
set -eu
dir=$1; rounds=${2:-3}
here=$(cd "$(dirname "$0")" && pwd); root=$(cd "$here/../.." && pwd)
ts=$root/node_modules/tree-sitter/vendor/tree-sitter/lib; py=$root/node_modules/tree-sitter-python/src
out=$(mktemp -d); trap 'rm -rf "$out"' EXIT
cc -O3 -std=c11 -D_POSIX_C_SOURCE=200112L -D_DEFAULT_SOURCE -I"$ts/include" -I"$ts/src" -c "$ts/src/lib.c" -o "$out/lib.o"
cc -O3 -std=c11 -I"$py" -c "$py/parser.c" -o "$out/parser.o"
cc -O3 -std=c11 -I"$py" -c "$py/scanner.c" -o "$out/scanner.o"
cc -O3 -std=c11 -I"$ts/include" "$here/parse.c" "$out/lib.o" "$out/parser.o" "$out/scanner.o" -o "$out/parse"
cat > "$out/node-parse.cjs" <<'JS'
const { readdirSync, readFileSync } = require('node:fs');
const Parser = require(process.argv[2] + '/node_modules/tree-sitter');
const parser = new Parser();
parser.setLanguage(require(process.argv[2] + '/node_modules/tree-sitter-python'));
(async () => {
  let files = 0;
  for (const name of readdirSync(process.argv[3]).filter((n) => n.endsWith('.py'))) {
    const text = readFileSync(`${process.argv[3]}/${name}`, 'utf8');
    parser.parse(text, null, { bufferSize: text.length + 1 });
    // Trees are freed when their handles are collected: let the event loop turn, as the engine does.
    if (++files % 10 === 0) await new Promise(setImmediate);
  }
  console.log(`${files} files parsed (node tree-sitter)`);
})();
JS
astgrep=$(ls "$root"/node_modules/@ast-grep/cli-*/ast-grep 2>/dev/null | head -1)
i=0
while [ "$i" -lt "$rounds" ]; do
  i=$((i + 1))
  for tool in c8 c16 node ast-grep; do
    case $tool in
      c8) set -- "$out/parse" "$dir" 8 ;;
      c16) set -- "$out/parse" "$dir" 16 ;;
      node) set -- node "$out/node-parse.cjs" "$root" "$dir" ;;
      ast-grep) [ -n "$astgrep" ] || continue; set -- "$astgrep" run -j 1 --lang python --pattern 'zzqq($A)' "$dir" ;;
    esac
    # ast-grep exits 1 when nothing matches, which is the point here.
    /usr/bin/time -f "round $i $tool: %e s wall, %U s user, %S s system" "$@" >/dev/null 2>"$out/err" || [ "$tool" = ast-grep ]
    grep '^round' "$out/err" || cat "$out/err" >&2
  done
done
