"""cmp.py A.jsonl B.jsonl [-v]: how each question's outcome moved between
two dumps — of dumpval.sh (the engine alone) or of splits.sh and
FAQ_VALIDATION_OUTCOMES (through ask: right/wrong/unsure, declined,
answered-out); with a third argument, lists every moved question with the
entry before and after."""
import json,sys,collections
def load(f):
    d={}
    for l in open(f):
        r=json.loads(l); d[(r.get('File') or r.get('Set'),r['Q'])]=r
    return d
def out(r):
    if 'How' in r: return r['How']
    if r['In']:
        if not r['Answered']: return 'unsure'
        return 'right' if r['Entry'] in (r['Right'] or []) else 'wrong'
    return 'outans' if r['Answered'] else 'declined'
a=load(sys.argv[1]); b=load(sys.argv[2])
c=collections.Counter(); tot=collections.Counter()
for k in b:
    if k not in a: continue
    tot[out(b[k])]+=1
    if out(a[k])!=out(b[k]) or a[k].get('Entry')!=b[k].get('Entry'):
        c[out(a[k])+'->'+out(b[k])]+=1
        if len(sys.argv)>3: print(out(a[k]),'->',out(b[k]),a[k].get('Entry'),'->',b[k].get('Entry'),k[0],'|',k[1][:140])
print(dict(tot)); print(dict(c))
