package docs

import (
	"context"
	"database/sql"
	"encoding/binary"
	"errors"
	"math"
	"sort"
	"sync"
	"time"

	"github.com/kulturskoleradet/kulturbot/store"
)

// vecSnapshot is every stored embedding of one model, normalised, in one
// flat slice so a query is a tight loop of dot products.
type vecSnapshot struct {
	stamp string
	model string
	dim   int
	ids   []int64
	vecs  []float32
}

// vecCache holds the current snapshot; it is rebuilt when the corpus
// stamp changes (an ingest here or in another process).
type vecCache struct {
	mu   sync.Mutex
	snap *vecSnapshot
}

// encodeVector stores a vector as little-endian float32.
func encodeVector(v []float32) []byte {
	b := make([]byte, 4*len(v))
	for i, f := range v {
		binary.LittleEndian.PutUint32(b[4*i:], math.Float32bits(f))
	}
	return b
}

// decodeVector reads a stored vector.
func decodeVector(b []byte) []float32 {
	v := make([]float32, len(b)/4)
	for i := range v {
		v[i] = math.Float32frombits(binary.LittleEndian.Uint32(b[4*i:]))
	}
	return v
}

func normalize(v []float32) {
	var s float64
	for _, f := range v {
		s += float64(f) * float64(f)
	}
	if s == 0 {
		return
	}
	inv := float32(1 / math.Sqrt(s))
	for i := range v {
		v[i] *= inv
	}
}

// vectors returns the snapshot for the configured embedding model.
func (l *Library) vectors(ctx context.Context, stamp string) (*vecSnapshot, error) {
	l.vecs.mu.Lock()
	defer l.vecs.mu.Unlock()
	model := l.llm.embedModel
	if s := l.vecs.snap; s != nil && s.stamp == stamp && s.model == model {
		return s, nil
	}
	rows, err := l.db.Reader().QueryContext(ctx, `SELECT chunk_id, dim, vector FROM embeddings WHERE model = ? ORDER BY chunk_id`, model)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	s := &vecSnapshot{stamp: stamp, model: model}
	for rows.Next() {
		var id int64
		var dim int
		var blob []byte
		if err := rows.Scan(&id, &dim, &blob); err != nil {
			return nil, err
		}
		if s.dim == 0 {
			s.dim = dim
		}
		if dim != s.dim || len(blob) != 4*dim {
			continue // a half-migrated model; recomputed by EmbedMissing
		}
		v := decodeVector(blob)
		normalize(v)
		s.ids = append(s.ids, id)
		s.vecs = append(s.vecs, v...)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	l.vecs.snap = s
	return s, nil
}

// search returns the ids of the k chunks nearest to q by cosine.
func (s *vecSnapshot) search(q []float32, k int) []int64 {
	if s.dim == 0 || len(q) != s.dim {
		return nil
	}
	q = append([]float32(nil), q...)
	normalize(q)
	type scored struct {
		id  int64
		sim float32
	}
	top := make([]scored, 0, k+1)
	for i, id := range s.ids {
		v := s.vecs[i*s.dim : (i+1)*s.dim]
		sim := dot(q, v)
		if len(top) == k && sim <= top[k-1].sim {
			continue
		}
		j := sort.Search(len(top), func(j int) bool { return top[j].sim < sim })
		top = append(top, scored{})
		copy(top[j+1:], top[j:])
		top[j] = scored{id, sim}
		if len(top) > k {
			top = top[:k]
		}
	}
	ids := make([]int64, len(top))
	for i, t := range top {
		ids[i] = t.id
	}
	return ids
}

// dot is the dot product, unrolled by four.
func dot(a, b []float32) float32 {
	b = b[:len(a)]
	var s0, s1, s2, s3 float32
	i := 0
	for ; i+4 <= len(a); i += 4 {
		s0 += a[i] * b[i]
		s1 += a[i+1] * b[i+1]
		s2 += a[i+2] * b[i+2]
		s3 += a[i+3] * b[i+3]
	}
	for ; i < len(a); i++ {
		s0 += a[i] * b[i]
	}
	return s0 + s1 + s2 + s3
}

// embedText is what is embedded for a chunk: its document and section give
// the passage its context.
func embedText(title, section, text string) string {
	if section != "" && section != title {
		return title + "\n" + section + "\n\n" + text
	}
	return title + "\n\n" + text
}

// EmbedMissing computes embeddings for every chunk that has none for the
// configured model (new chunks, or all of them after a model change), in
// batches, retried with backoff. It returns how many it stored. Without an
// embedding model it does nothing.
func (l *Library) EmbedMissing(ctx context.Context) (int, error) {
	if !l.EmbeddingsEnabled() {
		return 0, nil
	}
	l.embedMu.Lock()
	defer l.embedMu.Unlock()
	model := l.llm.embedModel
	total := 0
	for {
		rows, err := l.db.Reader().QueryContext(ctx, `
			SELECT c.id, d.title, c.section, c.text
			FROM chunks c JOIN documents d ON d.id = c.doc_id
			LEFT JOIN embeddings e ON e.chunk_id = c.id
			WHERE e.chunk_id IS NULL OR e.model != ?
			ORDER BY c.id LIMIT 256`, model)
		if err != nil {
			return total, err
		}
		var ids []int64
		var texts []string
		for rows.Next() {
			var id int64
			var title, section, text string
			if err := rows.Scan(&id, &title, &section, &text); err != nil {
				rows.Close()
				return total, err
			}
			ids = append(ids, id)
			texts = append(texts, embedText(title, section, text))
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return total, err
		}
		if len(ids) == 0 {
			return total, nil
		}
		vecs, err := l.llm.embedTexts(ctx, texts)
		if err != nil {
			return total, err
		}
		n, err := l.storeVectors(ctx, model, ids, vecs)
		total += n
		if err != nil {
			return total, err
		}
		if n == 0 {
			return total, errors.New("embeddings: nothing stored (chunks removed meanwhile?)")
		}
	}
}

func (l *Library) storeVectors(ctx context.Context, model string, ids []int64, vecs [][]float32) (int, error) {
	n := 0
	err := store.InTx(ctx, l.db.Writer(), func(tx *sql.Tx) error {
		st, err := tx.PrepareContext(ctx, `INSERT OR REPLACE INTO embeddings (chunk_id, model, dim, vector)
		SELECT ?, ?, ?, ? WHERE EXISTS (SELECT 1 FROM chunks WHERE id = ?)`)
		if err != nil {
			return err
		}
		defer st.Close()
		for i, id := range ids {
			res, err := st.ExecContext(ctx, id, model, len(vecs[i]), encodeVector(vecs[i]), id)
			if err != nil {
				return err
			}
			if k, _ := res.RowsAffected(); k > 0 {
				n++
			}
		}
		return nil
	})
	if err != nil {
		return 0, err
	}
	return n, nil
}

// RunEmbedder keeps embeddings complete while the bot runs: at start (a
// changed KULTURBOT_EMBED_MODEL recomputes everything) and every minute
// (documents uploaded with /kulturbot dokument or ingested by the CLI).
// Failures are logged and retried on the next round; it returns when ctx
// ends.
func (l *Library) RunEmbedder(ctx context.Context) error {
	if !l.EmbeddingsEnabled() {
		return nil
	}
	t := time.NewTicker(time.Minute)
	defer t.Stop()
	for {
		n, err := l.EmbedMissing(ctx)
		if err != nil && ctx.Err() == nil {
			l.log.Warn("embeddings incomplete; retrying later", "err", err, "stored", n)
		} else if n > 0 {
			l.log.Info("embeddings computed", "chunks", n, "model", l.llm.embedModel)
		}
		select {
		case <-ctx.Done():
			return nil
		case <-t.C:
		}
	}
}

// rrfK is reciprocal rank fusion's constant (the usual 60): a document's
// fused score is the sum of 1/(60+rank) over the rankings it appears in.
const rrfK = 60

// fuse merges the full-text and vector rankings by reciprocal rank fusion.
func fuse(fts []*hit, vec []*hit) []*hit {
	by := map[int64]*hit{}
	var all []*hit
	for _, h := range fts {
		by[h.id] = h
		all = append(all, h)
	}
	for i, h := range vec {
		if o, ok := by[h.id]; ok {
			o.vecRank = i + 1
			continue
		}
		h.vecRank = i + 1
		by[h.id] = h
		all = append(all, h)
	}
	for _, h := range all {
		if h.ftsRank > 0 {
			h.fused += 1 / float64(rrfK+h.ftsRank)
		}
		if h.vecRank > 0 {
			h.fused += 1 / float64(rrfK+h.vecRank)
		}
	}
	sort.SliceStable(all, func(i, j int) bool { return all[i].fused > all[j].fused })
	return all
}
