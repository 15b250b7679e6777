#!/bin/bash
# audit-brief.sh SPLIT LANG > brief.md
# Prints the brief for one blind label auditor. The auditor reads the split,
# the programme document and a snapshot of the corpus and the bot's own
# texts ($REF, copied before the audit: faq/corpus and handlers/live*.go),
# never the bot's answers. Copy $VAL/valSPLIT to $VAL/valSPLIT.orig first.
S=$1; L=$2
VAL=${VAL:-/work/notes/val}
REF=${REF:-$VAL/ref}
SHARED=${SHARED:-/work/shared}
cat <<B
You are a LABEL AUDITOR for a blind test set of chat questions for kulturbot, a Slack/Discord bot for Norsk kulturskoleråd's programme "Fremtidens kulturskole". The set was written by people who never saw the bot's FAQ. Your job: make each label say correctly what a right answer from the bot must contain, using the FAQ corpus, WITHOUT ever seeing how the bot actually answers. Finish within ~10 minutes. Use a scratch directory of your own named after your file (e.g. /tmp/audit-${S}-${L}), never a shared one.

Files you may read:
- The questions: ${VAL}/val${S}/${L}.tsv (lines: in<TAB>question<TAB>pattern|pattern…  or  out<TAB>question<TAB>) and the writer's fact table ${VAL}/val${S}.orig/${L}-facts.md
- The programme document ${SHARED}/seeds/000_d3f28cc09bd5d4ab.txt and ${SHARED}/PRODUCT.md
- The FAQ corpus: ${REF}/faq/corpus/*.yaml (each entry has id, questions, and answers in bokmål/nynorsk/English)
- The bot's own how-to and small-talk texts: ${REF}/handlers/live_howto.go, live_small.go, live.go (strings only; read them as texts)
Do NOT run the bot, any test, or any program that uses the code. Do not read other test sets under the repository's faq/testdata, docs, or any other code. Do not look at any output of the bot.

How the set is scored: an in-scope question counts right when the bot's answer text, OR any language version (bokmål, nynorsk, English) of the FAQ entry the answer came from, contains at least one pattern (case-insensitive substring). So:
1. For each "in" line decide which corpus entry or entries (or which how-to text) truly answer the question as asked. Make sure at least one pattern occurs (exact lowercase substring — check it by searching the yaml text) in the answer text of EVERY entry that answers it correctly, in at least one of its languages.
2. Make sure NO pattern occurs in the answers of entries that do NOT answer the question (search the whole corpus for each pattern; remove or narrow a pattern that appears in the answer of an entry that would be a wrong answer to this question). Generic patterns ("kommune", "program", "2025", "may ") must go unless they only occur in right entries.
3. If no corpus entry and no how-to text answers the question, but the document does, keep the line "in" with patterns from the document's facts (the bot is then expected to be unsure; fine). If neither the document nor PRODUCT.md answers it, turn it to "out".
4. For each "out" line: if a corpus entry answers it, turn it "in" with patterns.
5. Two questions in one: the patterns should accept an answer to the main question (the first or the more important one).
6. Questions about gatherings' dates/places ("when is the next samling", "where is the gathering in X", "when and where is the first samling for region Y"), also with a second part the bot cannot answer ("…, and which hotel?"): the bot answers the date/place from its database (the test database is empty: it says no gatherings are published yet, or that it finds no upcoming gathering in X or for region Y). Mark every such question "in" with patterns from those texts in live.go (all of them: the empty-database text, the "no gathering in <place>" text, the "no gatherings for region <name>" text and, when the question names a gathering by its number ("samling 2"), the "no gathering number <n>" text, in all three languages); never mark it "out" because of the place named or the hotel half. A hotel asked alone (no date or place) is not such a question.
7. A question that asks for an exact amount, number, name or date that neither the corpus nor the document gives ("how many kroner of travel support per person?", "what is a mentor paid per hour?", "who is in the working group?") is "out", even when an entry speaks of the subject (the training sets label these out, and the bot declines what it cannot state rather than answering around it).
Keep the question text byte for byte; change only the first and third fields. Keep the file format (TAB-separated, out lines end with a TAB).

Write the audited file back to ${VAL}/val${S}/${L}.tsv and a short log to ${VAL}/audit${S}-${L}.md (per changed line: the line number, what changed, why). Reply with one line: lines changed, turned in→out, out→in.
B
