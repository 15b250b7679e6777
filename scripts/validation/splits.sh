#!/bin/bash
# splits.sh REPO TAG [dirs...]: runs validation splits (faq/testdata/DIR)
# through kulturbot ask, two at a time, and prints the totals per language.
# The default is every split selected on (validation, validation10-32).
# Per-split lines go to $VAL/sp_TAG.txt, one JSON line per question to
# $VAL/sp_TAG.jsonl.
D=$(cd "$1" && pwd); TAG=$2; shift 2
VAL=${VAL:-/work/notes/val}; mkdir -p "$VAL"
DIRS=${@:-validation $(for i in $(seq 10 32); do echo validation$i; done)}
cd $D && go test -c -o /tmp/kb_$TAG.test ./cmd/kulturbot >/dev/null || exit 1
cd $D/cmd/kulturbot
out=$VAL/sp_$TAG.txt; : > $out; rm -f $VAL/sp_$TAG.jsonl
for d in $DIRS; do
  echo "== $d" >> $out
  FAQ_VALIDATION=1 FAQ_VALIDATION_DIR=$d FAQ_VALIDATION_OUTCOMES=$VAL/sp_$TAG.jsonl /tmp/kb_$TAG.test -test.run 'TestValidationAsk$' -test.v 2>&1 | grep "^ask validation" >> $out &
  while [ $(jobs -r | wc -l) -ge 2 ]; do sleep 0.2; done
done
wait
python3 - $out <<'P'
import re,sys,collections
t=collections.Counter()
for l in open(sys.argv[1]):
    m=re.match(r'ask validation (\w+): in scope right (\d+)/(\d+).*confidently wrong (\d+)/(\d+).*out of scope declined (\d+)/(\d+)',l)
    if not m: continue
    L=m.group(1); v=list(map(int,m.groups()[1:]))
    for k,x in zip(['r','n','w','tot','d','o'],v): t[L,k]+=x
for L in ['nb','nn','en','all']:
    print(f"{L}: right {t[L,'r']}/{t[L,'n']} ({100*t[L,'r']/max(1,t[L,'n']):.1f}%) wrong {t[L,'w']}/{t[L,'tot']} ({100*t[L,'w']/max(1,t[L,'tot']):.2f}%) declined {t[L,'d']}/{t[L,'o']} ({100*t[L,'d']/max(1,t[L,'o']):.1f}%)")
P
