#!/bin/bash
# dumpval.sh OUT [first last]: dumps splits validationFIRST..LAST through the
# FAQ engine alone (TestDumpStudy; one JSON line per question with every
# candidate's signals) and prints the engine-only totals. Split 9 is the
# directory "validation". WT is the tree to run (default: this repository).
OUT=$(realpath -m "$1"); A=${2:-9}; B=${3:-32}
WT=${WT:-$(cd "$(dirname "$0")/../.." && pwd)}
G=$(for i in $(seq $A $B); do [ $i = 9 ] && printf "validation/*.tsv " || printf "validation%s/*.tsv " $i; done)
cd "$WT" && FAQ_DUMP="$G" FAQ_DUMP_OUT=$OUT go test ./faq -run TestDumpStudy -count=1 >/dev/null 2>&1 || echo FAIL
python3 - $OUT <<'P'
import json,sys,collections
rows=[json.loads(l) for l in open(sys.argv[1])]
c=collections.Counter()
for r in rows:
    L=r['File'].split('/')[-1][:2]
    for k in (L,'all'):
        if r['In']:
            c[k,'n']+=1
            if not r['Answered']: c[k,'unsure']+=1
            elif r['Entry'] in (r['Right'] or []): c[k,'right']+=1
            else: c[k,'wrong']+=1
        else:
            c[k,'out']+=1
            if r['Answered']: c[k,'outans']+=1
for k in ['nb','nn','en','all']:
    n=c[k,'n']; tot=n+c[k,'out']; w=c[k,'wrong']+c[k,'outans']
    print(f"{k}: right {c[k,'right']}/{n} ({100*c[k,'right']/n:.1f}%) wrong {w}/{tot} ({100*w/tot:.2f}%) unsure {c[k,'unsure']} declined {c[k,'out']-c[k,'outans']}/{c[k,'out']}")
P
