package docs

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"strings"
	"sync"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/kulturskoleradet/kulturbot/bot"
	"github.com/kulturskoleradet/kulturbot/faq"
	"github.com/kulturskoleradet/kulturbot/internal/relit"
	openai "github.com/sashabaranov/go-openai"
)

var messages = bot.Messages{
	"docs.refused": {
		"Det kan jeg ikke hjelpe med. Jeg svarer bare på spørsmål om Fremtidens kulturskole, ut fra programmets egne dokumenter.",
		"I can't help with that. I only answer questions about Fremtidens kulturskole, from the programme's own documents."},
	"docs.passage": {"Fra «%s»%s:\n> %s", "From “%s”%s:\n> %s"},
	"docs.page":    {", s. %d", ", p. %d"},
}

// Answer paths (faq.Answer.Path).
const (
	PathPassage = "passage"
	PathLLM     = "llm"
)

// maxLLMQuestion bounds what is sent to the model; longer questions are
// answered from retrieval only.
const maxLLMQuestion = 1000

// llmPassages is how many fused passages the model sees.
const llmPassages = 5

var _ faq.Answerer = (*Library)(nil)

// Answer answers a question from the documents. Without an LLM (or when it
// fails) a confident full-text hit is answered with a short quote, its
// document and page (Path "passage"). With an LLM, the best passages of
// hybrid retrieval go to the model for a grounded answer with citations
// (Path "llm"); when the model finds no answer there, Answered is false so
// the question reaches the working group. Questions that try to instruct
// the bot are refused (OutOfScope) and never reach the model.
func (l *Library) Answer(ctx context.Context, question, lang string) (faq.Answer, error) {
	return l.AnswerWith(ctx, question, lang, nil)
}

// llmEntries is how many FAQ entries the model sees beside the passages.
const llmEntries = 3

var _ faq.Grounder = (*Library)(nil)

// AnswerWith is Answer grounded on the FAQ too: entries are the FAQ entries
// nearest the question (those the FAQ was not sure enough to answer with).
// With an LLM they go to the model first, as passages like the documents',
// so an unsure FAQ question reaches the model even with no document
// ingested; a citation of an entry answers with that entry's id and source.
// Without an LLM the entries change nothing: the answer is the passage's.
func (l *Library) AnswerWith(ctx context.Context, question, lang string, entries []faq.Entry) (faq.Answer, error) {
	question = strings.TrimSpace(question)
	if len(entries) > llmEntries {
		entries = entries[:llmEntries]
	}
	if lang == "" {
		lang = DetectLang(question)
	}
	a := faq.Answer{Question: question, Lang: lang}
	if question == "" {
		return a, nil
	}
	if IsInjection(question) {
		return l.refusal(a), nil
	}
	stamp, err := l.stamp(ctx)
	if err != nil {
		return a, err
	}
	key := lang + "|" + normQuestion(question)
	for _, e := range entries {
		key += "|" + e.ID
	}
	if c, ok := l.ans.get(key, stamp); ok {
		c.Question = question
		return c, nil
	}
	q, err := l.analyse(ctx, question)
	if err != nil {
		return a, err
	}
	fts, err := l.ftsSearch(ctx, q, ftsCandidates)
	if err != nil {
		return a, err
	}
	passage := l.passageAnswer(a, q, fts)
	if l.llm == nil || l.llm.chatModel == "" {
		return passage, nil
	}
	if utf8.RuneCountInString(question) > maxLLMQuestion {
		l.log.Info("question too long for the llm; answering from the passage", "runes", utf8.RuneCountInString(question))
		return passage, nil
	}
	// The LLM step has its own deadline, whatever the caller's is.
	lctx, cancel := context.WithTimeout(ctx, l.opt.Timeout)
	defer cancel()
	cands := fts
	if l.EmbeddingsEnabled() {
		vec, err := l.vectorSearch(lctx, question, stamp, q, ftsCandidates)
		if err != nil {
			l.log.Warn("vector search failed; full-text ranking only", "reason", reason(err), "err", err)
		}
		cands = fuse(fts, vec)
	}
	if len(cands) == 0 && len(entries) == 0 {
		return passage, nil
	}
	// The document passages keep their numbers; the FAQ entries follow.
	top := append(cands[:min(llmPassages, len(cands)):min(llmPassages, len(cands))], entryHits(entries, lang)...)
	start := time.Now()
	reply, err := l.llm.ask(lctx, question, lang, top)
	if err != nil {
		l.log.Warn("llm answer failed; answering from the passage", "reason", reason(err), "err", err,
			"elapsed", time.Since(start).Round(time.Millisecond), "passage", passage.Answered)
		return passage, nil
	}
	switch {
	case reply.refused:
		a = l.refusal(a)
	case reply.noAnswer:
		a.Score = passage.Score
		a.Related = passage.Related
	default:
		a.Answered = true
		a.Path = PathLLM
		a.Text = reply.text
		for _, n := range reply.cited {
			h := top[n-1]
			a.Citations = append(a.Citations, citation(n, h, ""))
		}
		first := top[reply.cited[0]-1]
		a.EntryID = fmt.Sprintf("chunk:%d", first.id)
		if first.entry != nil {
			a.EntryID = first.entry.ID // the FAQ entry the model answered from
		}
		a.Source = SourceLine(a.Citations, lang)
		a.Score = max(passage.Score, first.conf)
	}
	l.ans.put(key, stamp, a)
	return a, nil
}

// entryHits turns FAQ entries into passages for the model: the entry's
// first phrasing and its answer in the asker's language, named by its
// source so a citation shows where the answer comes from.
func entryHits(entries []faq.Entry, lang string) []*hit {
	out := make([]*hit, 0, len(entries))
	for i := range entries {
		e := &entries[i]
		doc := e.Source
		if doc == "" {
			doc = "FAQ"
		}
		q := ""
		if len(e.Questions) > 0 {
			q = e.Questions[0]
		}
		label := "Spørsmål: %s\nSvar: %s"
		if lang == "en" {
			label = "Question: %s\nAnswer: %s"
		}
		out = append(out, &hit{doc: doc, section: "FAQ: " + e.Section, text: fmt.Sprintf(label, q, e.Answer.In(lang)), entry: e})
	}
	return out
}

func (l *Library) refusal(a faq.Answer) faq.Answer {
	a.Answered = false
	a.OutOfScope = true
	a.Text = messages.T(bot.Lang(a.Lang), "docs.refused")
	return a
}

// passageAnswer answers with the best full-text hit when it is confident.
func (l *Library) passageAnswer(a faq.Answer, q query, hits []*hit) faq.Answer {
	b := best(hits)
	if b == nil {
		return a
	}
	a.Score = b.conf
	if b.conf < l.opt.Threshold {
		return a
	}
	qt := quote(&l.an, q, b)
	c := citation(1, b, qt)
	lang := bot.Lang(a.Lang)
	page := ""
	if b.page > 0 {
		page = messages.T(lang, "docs.page", b.page)
	}
	a.Answered = true
	a.Path = PathPassage
	a.Text = messages.T(lang, "docs.passage", b.doc, page, qt)
	a.Citations = []faq.Citation{c}
	a.Source = SourceLine(a.Citations, a.Lang)
	a.EntryID = fmt.Sprintf("chunk:%d", b.id)
	return a
}

// CitationLine renders a citation as "[1] Rammeverket, s. 3" ("p. 3" in
// English); the section is left out to keep the line short.
func CitationLine(c faq.Citation, lang string) string {
	s := fmt.Sprintf("[%d] %s", c.N, c.Doc)
	if c.Page > 0 {
		s += messages.T(bot.Lang(lang), "docs.page", c.Page)
	}
	return s
}

// SourceLine renders citations for an answer's Source: "[1] A, s. 3 · [2] B, s. 7".
func SourceLine(cs []faq.Citation, lang string) string {
	parts := make([]string, len(cs))
	for i, c := range cs {
		parts[i] = CitationLine(c, lang)
	}
	return strings.Join(parts, " · ")
}

// vectorSearch embeds the question and ranks chunks by cosine similarity.
func (l *Library) vectorSearch(ctx context.Context, question, stamp string, q query, k int) ([]*hit, error) {
	snap, err := l.vectors(ctx, stamp)
	if err != nil || len(snap.ids) == 0 {
		return nil, err
	}
	vs, err := l.llm.embedTexts(ctx, []string{question})
	if err != nil {
		return nil, err
	}
	ids := snap.search(vs[0], k)
	if len(ids) == 0 {
		return nil, nil
	}
	args := make([]any, len(ids))
	for i, id := range ids {
		args[i] = id
	}
	rows, err := l.db.Reader().QueryContext(ctx, `
		SELECT c.id, d.title, d.name, c.section, c.page, c.text, c.terms
		FROM chunks c JOIN documents d ON d.id = c.doc_id
		WHERE c.id IN (`+placeholders(len(ids))+`)`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	by := map[int64]*hit{}
	for rows.Next() {
		h := &hit{}
		if err := rows.Scan(&h.id, &h.doc, &h.docName, &h.section, &h.page, &h.text, &h.terms); err != nil {
			return nil, err
		}
		l.score(q, h)
		by[h.id] = h
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	out := make([]*hit, 0, len(ids))
	for _, id := range ids {
		if h, ok := by[id]; ok {
			out = append(out, h)
		}
	}
	return out, nil
}

// reason classifies an LLM failure for the log.
func reason(err error) string {
	var apiErr *openai.APIError
	var reqErr *openai.RequestError
	var netErr net.Error
	var synErr *json.SyntaxError
	var typeErr *json.UnmarshalTypeError
	switch {
	case errors.Is(err, context.DeadlineExceeded):
		return "timeout"
	case errors.Is(err, context.Canceled):
		return "canceled"
	case errors.Is(err, errMalformed):
		return "malformed answer"
	case errors.As(err, &apiErr):
		return fmt.Sprintf("http %d", apiErr.HTTPStatusCode)
	case errors.As(err, &reqErr):
		return fmt.Sprintf("http %d", reqErr.HTTPStatusCode)
	case errors.As(err, &netErr) && netErr.Timeout():
		return "timeout"
	case errors.Is(err, sql.ErrNoRows):
		return "database"
	case errors.Is(err, io.ErrUnexpectedEOF) || errors.As(err, &synErr) || errors.As(err, &typeErr):
		return "malformed response"
	}
	if strings.Contains(err.Error(), "invalid character") || strings.Contains(err.Error(), "unexpected end of JSON") {
		return "malformed response"
	}
	return "error"
}

// Prompt injection: questions that try to give the bot instructions. They
// are refused before any model sees them (the system prompt says the same,
// for what slips through). Patterns run over a normalised question: lower
// case, punctuation as spaces, padded with spaces so " word " is a whole
// word also for æøå (regexp's \b is ASCII only). They are relit patterns,
// compiled on first use: only the document path runs them, and compiled at
// package init they were ~110 KB of heap in every process for nothing.
var injection = []*relit.Regexp{
	relit.MustCompile(` (ignore|disregard|forget|override|bypass|skip) .{0,40}(instructions?|prompts?|guidelines|system message|your rules|all rules|previous rules|the rules above) `),
	relit.MustCompile(` (ignorer|ignorere|glem|gløym|gloym|overse|se bort fra|sjå bort frå|hopp over|overstyr) .{0,40}(instruks\pL*|prompt\pL*|føring\pL* dine|reglene dine|reglane dine|dine regler|alle regler|tidligere regler) `),
	relit.MustCompile(` (reveal|show|print|repeat|output|display|tell me|what is|what are|give me|leak|share) .{0,30}(system prompt|your prompt|the prompt|your instructions|hidden instructions|initial instructions|your rules|system message) `),
	relit.MustCompile(` (vis|avslør|avslor|gjenta|skriv ut|hva er|kva er|gi meg|fortell|del) .{0,30}(systemprompt\pL*|system prompt\pL*|prompten\pL*|instruksjonene dine|dine instruksjoner|instruksane dine|reglene dine|reglane dine|systemmelding\pL*) `),
	relit.MustCompile(` (you are now|from now on you|act as|pretend to be|pretend you are|roleplay as|jailbreak|developer mode|dan mode|do anything now) `),
	relit.MustCompile(` (du er nå|du er no|fra nå av er du|frå no av er du|late som du|lat som du|oppfør deg som|spill rollen|utviklermodus) `),
}

var markup = relit.MustCompile(`(?i)</?\s*(system|passages?|question|instructions?|assistant|user)\b[^>]*>`)

// IsInjection reports whether a question tries to instruct the bot (ignore
// its rules, reveal its prompt, take a role) or smuggles prompt markup.
func IsInjection(q string) bool {
	if markup.MatchString(q) {
		return true
	}
	var b strings.Builder
	b.WriteByte(' ')
	space := true
	for _, r := range strings.ToLower(q) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
			space = false
		} else if !space {
			b.WriteByte(' ')
			space = true
		}
	}
	if !space {
		b.WriteByte(' ')
	}
	s := b.String()
	for _, re := range injection {
		if re.MatchString(s) {
			return true
		}
	}
	return false
}

// answerCache reuses an answer for the same (normalised) question within
// its TTL, as long as the corpus has not changed. Bounded: the oldest
// entry goes first.
type answerCache struct {
	mu    sync.Mutex
	ttl   time.Duration
	size  int
	m     map[string]cached
	order []string
	now   func() time.Time
}

type cached struct {
	a       faq.Answer
	stamp   string
	expires time.Time
}

func newAnswerCache(size int, ttl time.Duration) *answerCache {
	return &answerCache{ttl: ttl, size: size, m: map[string]cached{}, now: time.Now}
}

func (c *answerCache) get(key, stamp string) (faq.Answer, bool) {
	if c.ttl < 0 {
		return faq.Answer{}, false
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.m[key]
	if !ok || e.stamp != stamp || c.now().After(e.expires) {
		return faq.Answer{}, false
	}
	a := e.a
	a.Citations = append([]faq.Citation(nil), e.a.Citations...)
	return a, true
}

func (c *answerCache) put(key, stamp string, a faq.Answer) {
	if c.ttl < 0 {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if _, ok := c.m[key]; !ok {
		c.order = append(c.order, key)
	}
	c.m[key] = cached{a: a, stamp: stamp, expires: c.now().Add(c.ttl)}
	for len(c.m) > c.size && len(c.order) > 0 {
		delete(c.m, c.order[0])
		c.order = c.order[1:]
	}
}

func (c *answerCache) clear() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.m = map[string]cached{}
	c.order = nil
}
