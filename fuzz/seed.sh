#!/bin/sh
# Seeds fuzz/corpus/front_end from the example project (revisions/) and the
# test projects (tests/projects/*): one input per project (its retort.yaml
# and every revision file, joined by `%%` lines, as retort::fuzz reads them)
# and one input per revision file. Run from the repository root.
set -eu
corpus=fuzz/corpus/front_end
mkdir -p "$corpus"
project_input() { # $1: project folder, $2: its revisions folder
    if [ -f "$1/retort.yaml" ]; then
        printf '# retort.yaml\n'
        cat "$1/retort.yaml"
        printf '\n%%%%\n'
    fi
    find "$2" -name '*.yaml' -o -name '*.yml' | sort | while read -r file; do
        cat "$file"
        printf '\n%%%%\n'
    done
}
n=0
for project in . tests/projects/*; do
    revisions="$project/revisions"
    [ -d "$revisions" ] || continue
    n=$((n + 1))
    project_input "$project" "$revisions" > "$corpus/project-$n"
    for file in $(find "$revisions" -name '*.yaml' -o -name '*.yml'); do
        n=$((n + 1))
        cp "$file" "$corpus/file-$n"
    done
done
echo "seeded $corpus with $n inputs"
