"""cmp.py A.jsonl B.jsonl [-v]: how each question's outcome moved between
two dumps of dumpval.sh (right/wrong/unsure, declined/answered out of
scope); with a third argument, lists every moved question."""
import json,sys,collections
def load(f):
    d={}
    for l in open(f):
        r=json.loads(l); d[(r['File'],r['Q'])]=r
    return d
def out(r):
    if r['In']:
        if not r['Answered']: return 'unsure'
        return 'right' if r['Entry'] in (r['Right'] or []) else 'wrong'
    return 'outans' if r['Answered'] else 'declined'
a=load(sys.argv[1]); b=load(sys.argv[2])
c=collections.Counter(); tot=collections.Counter()
for k in b:
    if k not in a: continue
    L=k[0].split('/')[-1][:2] if '/' in k[0] else 'tr'
    tot[out(b[k])]+=1
    if out(a[k])!=out(b[k]):
        c[out(a[k])+'->'+out(b[k])]+=1
        if len(sys.argv)>3: print(out(a[k]),'->',out(b[k]),k[0],'|',k[1][:140])
print(dict(tot)); print(dict(c))
