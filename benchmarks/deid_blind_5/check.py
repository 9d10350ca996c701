"""Validate deid_blind_5/labels.yaml against the texts in this folder.

Checks: every identifier and keep text occurs verbatim (case-sensitive) in its file; no keep
occurrence overlaps an identifier occurrence; every kind has at least 6 entries; every file
has 300-700 words. Prints the counts used in README.md. Exit status 1 on any failure.
Run: /work/main/.venv/bin/python benchmarks/deid_blind_5/check.py
"""
import collections
import pathlib
import re
import sys

import yaml

HERE = pathlib.Path(__file__).resolve().parent


def occurrences(text, s):
    return [(m.start(), m.start() + len(s)) for m in re.finditer(re.escape(s), text)]


def main(folder=HERE):
    HERE = folder  # the folder checked: this one, or a later set's
    labels = yaml.safe_load((HERE / 'labels.yaml').read_text(encoding='utf-8'))
    files = sorted(p.name for p in HERE.glob('*.txt'))
    texts = {f: (HERE / f).read_text(encoding='utf-8') for f in files}
    errors = []
    seen = set()
    id_spans = collections.defaultdict(list)
    per_file = collections.defaultdict(lambda: [0, 0])
    kinds = collections.Counter()
    for e in labels['identifiers']:
        f, k, t = e['file'], e['kind'], e['text']
        if f not in texts:
            errors.append(f'unknown file {f}')
            continue
        if (f, t) in seen:
            errors.append(f'duplicate entry {f}: {t!r}')
        seen.add((f, t))
        occ = occurrences(texts[f], t)
        if not occ:
            errors.append(f'identifier not found in {f}: {t!r}')
        id_spans[f].extend(occ)
        kinds[k] += 1
        per_file[f][0] += 1
    for e in labels['keep']:
        f, t = e['file'], e['text']
        if f not in texts:
            errors.append(f'unknown file {f}')
            continue
        occ = occurrences(texts[f], t)
        if not occ:
            errors.append(f'keep not found in {f}: {t!r}')
        for a, b in occ:
            if any(a < y and x < b for x, y in id_spans[f]):
                errors.append(f'keep overlaps an identifier in {f}: {t!r}')
                break
        per_file[f][1] += 1
    for k, n in sorted(kinds.items()):
        if n < 6:
            errors.append(f'kind {k} has only {n} entries')
    print(f'{"file":32} {"words":>5} {"ids":>4} {"keep":>4}')
    for f in files:
        words = len(texts[f].split())
        if not 300 <= words <= 700:
            errors.append(f'{f} has {words} words')
        print(f'{f:32} {words:5} {per_file[f][0]:4} {per_file[f][1]:4}')
    total_words = sum(len(t.split()) for t in texts.values())
    print(f'{"total":32} {total_words:5} {len(labels["identifiers"]):4} {len(labels["keep"]):4}')
    print()
    for k, n in kinds.most_common():
        print(f'{k:28} {n}')
    if errors:
        print('\nFAILED')
        print('\n'.join(errors))
        return 1
    print('\nOK: every text occurs verbatim; no keep overlaps an identifier')
    return 0


if __name__ == '__main__':
    sys.exit(main())
