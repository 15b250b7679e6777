"""dedupe.py [+OLDDIR...] VALDIR... drops from new split files (nb/nn/en.tsv in each
VALDIR) every question that is word for word (case and punctuation folded)
in a training set, an existing split, a corpus phrasing or an earlier line
of the new splits. Needs PyYAML."""
import re,glob,sys,os,yaml
R=os.path.join(os.path.dirname(os.path.abspath(__file__)),'..','..','faq')
def norm(s): return ' '.join(re.sub(r'[^\w]+',' ',s.lower()).split())
seen=set()
for f in glob.glob(R+'/testdata/*.tsv')+glob.glob(R+'/testdata/*/*.tsv'):
    for l in open(f):
        p=l.rstrip('\n').split('\t')
        if len(p)>=2: seen.add(norm(p[1]))
        if len(p)==3 and p[0] not in('in','out'): seen.add(norm(p[2]))
for f in glob.glob(R+'/corpus/*.yaml'):
    d=yaml.safe_load(open(f))
    for e in d.get('entries',[]):
        for k,v in e.items():
            if k.startswith('questions') and isinstance(v,list):
                for q in v: seen.add(norm(str(q)))
mine={}
# A directory given as +DIR is read, not changed: new splits already
# written (and perhaps under audit) that the later ones must not repeat.
for d in [a[1:] for a in sys.argv[1:] if a.startswith('+')]:
    for L in ['nb','nn','en']:
        p=f'{d}/{L}.tsv'
        if os.path.exists(p):
            for l in open(p):
                if '\t' in l: mine[norm(l.split('\t')[1])]=1
for d in [a for a in sys.argv[1:] if not a.startswith('+')]:
    for L in ['nb','nn','en']:
        p=f'{d}/{L}.tsv'
        if not os.path.exists(p): continue
        lines=open(p).read().splitlines(); keep=[]; drop=0
        for l in lines:
            q=l.split('\t')[1]; n=norm(q)
            if n in seen or n in mine: drop+=1; continue
            mine[n]=1; keep.append(l)
        open(p,'w').write('\n'.join(keep)+'\n')
        ins=sum(1 for l in keep if l.startswith('in\t')); outs=len(keep)-ins
        print(d,L,'dropped',drop,'left in',ins,'out',outs)
