#!/bin/bash
# writer-brief.sh SPLIT LANG "personas" > brief.md
# Prints the brief for one blind writer of a validation split. The writer
# reads only the product description and the programme document and writes
# $VAL/valSPLIT/LANG.tsv. Give every split new personas.
S=$1; L=$2; P=$3
VAL=${VAL:-/work/notes/val}
SHARED=${SHARED:-/work/shared}
case $L in
nb) LN="Norwegian bokmål"; N="about 55 in-scope and 8 out-of-scope";;
nn) LN="Norwegian nynorsk (dialect-coloured nynorsk as people type it in chat is welcome)"; N="about 45 in-scope and 6 out-of-scope";;
en) LN="English (written by Norwegians and by people of other backgrounds who work in Norwegian municipalities, and by a few foreign partners; Norwegian programme words mixed into English are common)"; N="about 60 in-scope and 12 out-of-scope";;
esac
cat <<B
You are writing a BLIND test set of chat questions for a chat bot. Work alone and fast (aim to finish within 8 minutes; do not list directories).

Context: kulturbot is a Slack/Discord bot for Norsk kulturskoleråd's regional development programme "Fremtidens kulturskole". County leaders, board members, municipal staff, culture-school teachers and mentors ask it questions about the programme, and also ask how to use the bot's own commands and about the programme's own data (gatherings, RSVPs, interest).

READ ONLY these two files: ${SHARED}/PRODUCT.md and ${SHARED}/seeds/000_d3f28cc09bd5d4ab.txt (read both whole).
DO NOT read, list or grep anything else: nothing in the kulturbot repository (no corpus, no code, no docs, no test data), nothing under ${VAL} except your own output files, no other question set. Do not run the bot or any program. This must stay blind.

Write ${N} questions in ${LN}, as these people would type them into Slack (new personas, vary them across the file):
${P}

Mix: short and long, typos, abbreviations (kom., evt., ifm., mtp., fylkesavd., KS, etc.), lowercase chat style, questions with background before the question, two questions in one (a few), follow-ups typed without context, questions about the bot's commands (how do I RSVP, register interest, log mentoring, change my answer, see gatherings, what can you do) and a few greetings are fine as in-scope only if the bot's PRODUCT.md says what the answer would be. Spread questions over ALL the facts of the document (duration, gatherings, municipal group, mentoring, who can take part, county boards applying on behalf, regions, development areas, purpose, concept "Fremtidens kulturskole", framework/dialogue booklet, theme and cooperation with oppvekst, funding/travel, registration deadline and start, information meetings, more rounds, value for municipalities/counties, working group …), not only the easy ones. Do not copy sentences from the document; write as a user who has only a vague idea of the programme.

Out-of-scope questions: things a user might plausibly ask this bot that the document and PRODUCT.md do NOT answer (e.g. specific dates of a gathering in a named town, salaries, other Kulturskolerådet programmes, the weather, general music-teaching advice, details the document does not give). Make some of them near the domain.

File format — write ${VAL}/val${S}/${L}.tsv, one question per line, TAB-separated, no header, no comments:
  in<TAB>question<TAB>pattern|pattern|pattern...
  out<TAB>question<TAB>
The patterns are lowercase substrings of which AT LEAST ONE must appear in any correct answer, and NONE should appear in a typical wrong answer. The answer may be written in bokmål, nynorsk or English, so give variants in all three (e.g. "tre semest|three semest|3 semest|halvannet år|halvanna år|18 måned|18 month"). Use word stems so inflections match (e.g. "medlemskommun", "on behalf"). Avoid patterns so generic that a wrong answer would also contain them (no "kommune", "program", "samling" alone). For a two-questions-in-one line, list patterns for the main fact. For questions about the bot's commands use the command words as patterns (e.g. "/rsvp|rsvp ", "/interesse").

Also write ${VAL}/val${S}/${L}-facts.md: a markdown table | id | fact | section of the document | patterns | listing each fact you used.

Other writers write their own files into the same folder at the same time: create it with mkdir -p if it is missing, and never delete, move or recreate the folder or any file in it but your own two.

Check your file: every line starts with "in" or "out", has exactly 3 TAB-separated fields (the out lines end with a TAB), no line breaks inside a question. When done reply with one line: the counts of in and out lines.
B
