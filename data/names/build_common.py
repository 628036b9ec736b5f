#!/usr/bin/env python3
"""Builds common.txt: English words that news text writes in lower case more often than capitalised
mid-sentence (so a capitalised occurrence is most likely a sentence start or a name of a thing, not a
person's name). Only a word list is kept, no text. Usage: build_common.py REUTERS_SGM_DIR > common.txt"""
import collections, glob, os, re, sys

lc, cap = collections.Counter(), collections.Counter()
for fn in sorted(glob.glob(os.path.join(sys.argv[1], "*.sgm"))):
    text = open(fn, encoding="latin-1").read()
    for body in re.findall(r"<BODY>(.*?)</BODY>", text, re.S):
        if sum(c.isupper() for c in body) > 0.5 * sum(c.isalpha() for c in body):
            continue  # all-caps wire copy says nothing about case
        for sent in re.split(r"[.!?\n]\s+", body):
            words = re.findall(r"[A-Za-z]+", sent)
            for i, w in enumerate(words):
                if w.islower():
                    lc[w] += 1
                elif i > 0 and w[0].isupper() and not w.isupper():
                    cap[w.lower()] += 1
for w, n in sorted(lc.items()):
    if n >= 3 and len(w) > 1 and n >= cap[w]:
        print(w)
