package handlers

import (
	"context"
	"fmt"
	"strings"

	"github.com/kulturskoleradet/kulturbot/bot"
	"github.com/kulturskoleradet/kulturbot/faq"
	"github.com/kulturskoleradet/kulturbot/internal/relit"
	"github.com/kulturskoleradet/kulturbot/store"
)

// The programme's live state that is not a gathering: whether a county
// or a municipality has registered interest, which commands there are,
// how many municipalities the bot knows. Each is answered from the
// database (or the register it was loaded with), with an honest "nothing
// yet" when it is empty.

// interestHasRE is "har Nordland meldt interesse?", "has our county
// registered interest yet?", "er det noen som har meldt interesse enda?":
// m[2] is who is asked about.
var interestHasRE = relit.MustCompile(`^ (har|has|have) ((?:[\p{L}\d]+ ){1,5}?)(allerede |alt |already |egentlig |eigentleg |noen gang )?` +
	`(meldt interesse|meldt seg pa|meldt seg|meldt pa|registrert interesse|registrert seg|registered interest|registered|signed up|sendt inn interesse\w*|sendt interesse\w*|sent in (a |an |their |its |our )?(registration|interest)|shown interest|levert interesse\w*|sendt inn)` +
	`( (for|til|pa|i|in|to) (programmet|the programme|the program|fremtidens kulturskole|fk|the regional programme|det regionale programmet))?( (sa langt|so langt|hittil|enna|enno|enda|ennu|yet|so far|already|allerede|alt|na|no|now|i ar|this year))* $`)

// interestAnyRE is "er det noen som har meldt interesse enda?", "are
// there any counties that have signed up?": the list.
var interestAnyRE = relit.MustCompile(`^ (er det|is there|are there|finnes det|fins det|finst det|har det) ((?:[\p{L}\d]+ ){1,3}?)(som |who |that )?(har |have |has )?(allerede |alt |already )?` +
	`(meldt interesse|meldt seg pa|registrert interesse|registered interest|registered|signed up|sendt inn interesse\w*)( (for|til|pa|i|in|to) (programmet|the programme|the program))?( (sa langt|so langt|hittil|enna|enno|enda|ennu|yet|so far|already|allerede|alt|na|no|now|i ar|this year))* $`)

// interestListRE is the registrations named alone: "interessemeldinger
// så langt?", "oversikt over påmeldingene", "interest registrations so
// far?" (with no gathering named, a sign-up is the programme's).
var interestListRE = relit.MustCompile(`^ (en |ei |an |the )?((oversikt|oversikten|liste|lista|listen|list|overview) (over|of|med) )?(alle |all |the )?` +
	`(interessemeldinger|interessemeldingene|interessemeldingar|interessemeldingane|pameldinger|pameldingene|pameldingar|pameldingane|` +
	`interest registrations|registrations of interest|registrations|sign ups|signups)` +
	`( (sa langt|so langt|hittil|til na|til no|enna|enno|enda|ennu|yet|so far|na|no|now|i ar|this year))* $`)

// interestListFirst are the words interestListRE's questions start with.
var interestListFirst = wordSet("en ei an the oversikt oversikten liste lista listen list overview alle all interessemeldinger interessemeldingene " +
	"interessemeldingar interessemeldingane pameldinger pameldingene pameldingar pameldingane interest registrations sign signups")

// interestInRE: "which counties are in so far?", "who has joined?".
var interestInRE = relit.MustCompile(`^ (which|what|who) (counties|county branches|municipalities)? ?(are|is|have|has) (in|joined|on board|signed on)( so far| yet| now| already)* $`)

// interestAll are the askers that mean "anyone": the whole list.
var interestAll = map[string]bool{}

func init() {
	for _, w := range strings.Split("noen,nokon,any,anyone,anybody,someone,alle,all,everyone,some,andre,others,noen fylker,nokon fylke,"+
		"any counties,some counties,any municipalities,noen kommuner,nokon kommunar,the counties,fylkene,alle fylkene,all the counties,"+
		"kommunene,kommunane,the municipalities,any county branches,noen fylkesavdelinger,nokon fylkesavdelingar,other counties,andre fylker,andre fylke", ",") {
		interestAll[w] = true
	}
}

// interestWe are the askers that mean the asker's own county.
var interestWe = map[string]bool{"vi": true, "me": true, "we": true, "dere": true, "de": true, "you": true, "fylket": true, "fylket vart": true,
	"fylket vaart": true, "vart fylke": true, "our county": true, "the county": true, "our county branch": true, "fylkesavdelingen": true,
	"fylkesavdelinga": true, "fylkesavdelingen var": true, "fylkesavdelinga var": true, "fylkesstyret": true, "styret": true, "our board": true,
	"the county board": true, "our county board": true, "kommunene i fylket vart": true, "kommunane i fylket vart": true,
	"kommunene vare": true, "kommunane vare": true, "our municipalities": true, "the municipalities in our county": true,
	"kommunene i fylket": true, "kommunane i fylket": true, "kommunen": true, "kommunen var": true, "our municipality": true, "we already": true}

// liveInterestOf answers interestHasRE for who (as liveNorm wrote it).
func (h *Handlers) liveInterestOf(ctx context.Context, q Query, lang, who string) (string, bool, error) {
	who = strings.TrimSpace(who)
	all, err := h.DB.Interests(ctx, store.InterestFilter{})
	if err != nil {
		return "", false, err
	}
	deadline := factIn(faq.DefaultFacts.With(h.Config.Facts())["interessefrist"], lang)
	switch {
	case interestAll[who]:
		text, err := h.liveInterests(ctx, lang)
		return text, err == nil, err
	case interestWe[who]:
		// The asker's own county, when they told the bot their
		// municipality (/kulturbot kommune); otherwise the whole list.
		if county := h.userCounty(ctx, q.User); county != "" {
			return h.interestOfCounty(lang, all, county, deadline), true, nil
		}
		text, err := h.liveInterests(ctx, lang)
		if err != nil {
			return "", false, err
		}
		if len(all) > 0 {
			we := "live.i.we"
			if q.User == "" {
				we = "live.i.we.nouser"
			}
			text = lt(lang, we) + "\n" + text
		}
		return text, true, nil
	}
	if county, ok := h.matchCounty(who); ok {
		return h.interestOfCounty(lang, all, county, deadline), true, nil
	}
	m, err := h.DB.FindMunicipality(ctx, who)
	if err != nil {
		if bot.ErrorCode(err) != bot.ENotFound {
			return "", false, err
		}
		return "", false, nil // not a name: the FAQ's
	}
	bl := dateLang(lang)
	var lines []string
	for _, i := range all {
		for _, x := range i.Municipalities {
			if x.Number == m.Number && m.Number != "" || x.Number == "" && bot.Fold(x.Name) == bot.Fold(m.Name) {
				lines = append(lines, "• "+interestLine(i, bl))
				break
			}
		}
	}
	if len(lines) == 0 {
		return lt(lang, "live.i.mun.none", bot.Esc(m.Name), deadline), true, nil
	}
	return lt(lang, "live.i.mun.yes", bot.Esc(m.Name)) + "\n" + strings.Join(lines, "\n") + "\n" + lt(lang, "live.i.howto"), true, nil
}

// interestOfCounty: the county's registrations, or that it has none yet.
func (h *Handlers) interestOfCounty(lang string, all []store.Interest, county, deadline string) string {
	bl := dateLang(lang)
	var lines []string
	for _, i := range all {
		if bot.Fold(i.County) == bot.Fold(county) {
			lines = append(lines, "• "+interestLine(i, bl))
		}
	}
	if len(lines) == 0 {
		return lt(lang, "live.i.county.none", bot.Esc(county), deadline)
	}
	return lt(lang, "live.i.county.yes", bot.Esc(county)) + "\n" + strings.Join(lines, "\n") + "\n" + lt(lang, "live.i.howto")
}

func interestLine(i store.Interest, bl bot.Lang) string {
	return fmt.Sprintf("#%d %s – %s (%s)", i.ID, bot.Esc(i.County), bot.Esc(store.MunicipalityNames(i.Municipalities)), bot.FormatDate(i.CreatedAt, bl))
}

// userCounty is the county of the asker's own municipality, or "".
func (h *Handlers) userCounty(ctx context.Context, user string) string {
	if user == "" {
		return ""
	}
	m, ok, err := h.DB.UserMunicipality(ctx, user)
	if err != nil || !ok {
		return ""
	}
	if reg := h.DB.Register(); reg != nil && m.Number != "" {
		if e, ok := reg.ByNumber(m.Number); ok {
			return e.County
		}
	}
	// The profile stores the register's name, which resolves to itself.
	if e, err := h.DB.ResolveMunicipality(m.Name); err == nil {
		return e.County
	}
	return ""
}

// dateLang is the language dates are written in (nynorsk writes them as
// bokmål does).
func dateLang(lang string) bot.Lang {
	if lang == "en" {
		return bot.EN
	}
	return bot.NB
}

// commandsRE is "which commands do you support?", "har du en oversikt
// over kommandoene?", "what can I type here?", "what are all the
// commands I can use with this bot?", "hva er kommandoene?": the list of
// what the bot does, with its commands.
var commandsRE = relit.MustCompile(`^( \S+){0,2} (which|what|hvilke|hvilken|hva|kva|kva for|kva slags|hva slags|what kind of|any)( (are|er)( all| alle)?( the)?)? (kommandoer|kommandoar|kommandoane|kommandoene|commands|slash commands|slash kommandoer|skastrek kommandoer)( (do|does|can|kan|finst|finnes|fins|har|has|have|is|are|there|you|du|dere|boten|the bot|this bot|kulturbot|support|supports|understand|forstar|skjonner|i|jeg|eg|we|vi|use|bruke|er|det|available|tilgjengelige|tilgjengelege|exist|know|kjenner|with|med|i boten|in the bot|here|her))* $` +
	// "kan du gå gjennom alle kommandoene steg for steg?"
	`|^( \S+){0,2} (ga gjennom|ga igjennom|go through|walk me through|walk us through|forklare|forklar|explain)( alle| all| all of)?( the| dei| de)? (kommandoene|kommandoane|kommandoer|kommandoar|commands)( (steg for steg|step by step|en for en|ein for ein|one by one|i boten|in the bot|for meg|for me|for oss|for us))* $` +
	`| (oversikt|liste|list|overview|lista|listen) (over|of|med) (alle |all |the )?(kommandoene|kommandoane|kommandoer|kommandoar|commands|the commands)( du har| you have| i boten| in the bot)? $` +
	`|^ (what|hva|kva) (can|kan) (i|jeg|eg|we|vi|me) (type|write|say|skrive|skriva|skrive til deg|si)( to you| to the bot| here| til deg| til boten| her)? $` +
	// "er det /hjelp eller noe sånt for å se kommandoene?"
	`|^ (er det|is it|is there|finnes det|fins det|finst det)( en| ei| a)? (hjelp|help|meny|menu)( eller noe sant| eller noko sant| or something| or similar| eller lignende| eller liknande)?( (for a se|for a sja|to see|to list))?( alle| all)? (kommandoene|kommandoane|kommandoer|kommandoar|commands|the commands) $` +
	// "finnes det en hjelpekommando?", "is there a help command?"
	`|^ (finnes|fins|finst|er|is|has|have|har)( det| there| du| you| boten| the bot| it)? (en |ei |et |eit |ein |a |an |noen |nokon |nokre |any )?(hjelpekommando|hjelpekommandoar|hjelpekommandoer|hjelp kommando|help command|help commands|hjelpemeny|help menu|kommandoliste|command list|list of commands)( (i boten|in the bot|du kan|for boten|for the bot|here|her))?( (or similar|or something|eller liknande|eller lignende|eller noe|eller noko))? $`)

// mayAskCommands: the cheap check before commandsRE, which most questions
// fail (its literals "list", "what can" are in many).
func mayAskCommands(n string) bool {
	return strings.Contains(n, "komman") || strings.Contains(n, "command") ||
		strings.HasPrefix(n, " what can ") || strings.HasPrefix(n, " hva kan ") || strings.HasPrefix(n, " kva kan ")
}

// muniCountRE is "hvor mange kommuner kjenner boten til?", "how many
// municipalities does the bot know?": the register's size.
var muniCountRE = relit.MustCompile(` (er|are|is) (alle|all)( landets| norges| norske| norwegian| the| of the| of norway s)? (kommuner|kommunar|kommunane|kommunene|municipalities)( \S+){0,2}? (lagt inn|lagd inn|registrert|in|i|with|known to|kjent for) (i |in |to )?(boten|kulturboten|kulturbot|the bot|deg|you)( |$)|` +
	` (hvor|kor|how) (mange|many) (kommuner|kommunar|municipalities)( \S+){0,6}? ((i folge|ifolge|i folgje|ifolgje|according to|folge|folgje) (boten|the bot|deg|you|kulturbot)|(boten|the bot|du|you|kulturbot|den) (kjenner|kjenner til|kjenn|know|knows|know of|knows of|vet om|veit om|har i registeret|has in its register|har registrert)|(kjenner|kjenn|know|knows|know of|vet|veit) (boten|the bot|du|you|kulturbot)( til| om| of| about)?)( |$)`)

// weatherRE: the weather at a gathering's place is not the bot's to say.
var weatherRE = relit.MustCompile(` (vaeret|veret|weather|vaermelding\w*|forecast|yr|temperatur\w*|temperature|rain|raining|regn|regne|regner|regnar|regnvaer|sno|snow|snoe|snor|vind|wind|storm|uvaer|uvaeret|kulde|minusgrader|kuldegrader) ` +
	// "blir det fint vær i Stavanger": the bare "vær" only with a word
	// of weather around it ("vær så snill" is please).
	`| (fint|godt|darlig|darleg|bra|kaldt|varmt|fine|nice) (vaer|ver) | vaer (i|pa|til|under) ` +
	// "blir det kaldt i tromsø i februar? trenger jeg ullundertøy til
	// samlinga": how cold it gets, and what to wear for it.
	`| (blir|er|bli|e|will it be|is it|gets|get) (det |it )?(kaldt|kalt|varmt|cold|warm|freezing|snowy|rainy) | ullundert\w* | (thermal|warm) (underwear|clothes|clothing) ` +
	// "snøvær", "regnvær", "ruskevær": a word ending in vær.
	`| \w+vaer(et)? ` +
	// "blir det glatte veier i Sarpsborg neste uke? vi skal kjøre dit
	// på samling": the roads on the way (split 92).
	`| (glatte|glatt|isete|icy|slippery) (veier|veiene|veger|vegar|vegane|vei|veien|veg|vegen|roads?) | (road|driving) conditions | foret (pa|paa) (veien|vegen|veiene|vegane) `)

// liveMunicipalityCount answers muniCountRE from the register.
func (h *Handlers) liveMunicipalityCount(lang string) (string, bool) {
	reg := h.DB.Register()
	if reg == nil || reg.Len() == 0 {
		return "", false
	}
	return lt(lang, "live.kommuner", reg.Len(), len(reg.Counties())), true
}

func init() {
	for k, v := range map[string][3]string{
		"live.i.we": {
			"Jeg vet ikke hvilket fylke du spør for – sett kommunen din med /kulturbot kommune <navn>, eller spør «har Nordland meldt interesse?». Slik står det nå:",
			"Eg veit ikkje kva fylke du spør for – set kommunen din med /kulturbot kommune <namn>, eller spør «har Nordland meldt interesse?». Slik står det no:",
			"I don't know which county you are asking for – set your municipality with /kulturbot kommune <name>, or ask “has Nordland registered interest?”. This is where things stand:"},
		"live.i.we.nouser": {
			"Jeg vet ikke hvilket fylke «dere» er her – spør for eksempel «har Nordland meldt interesse?». Slik står det nå:",
			"Eg veit ikkje kva fylke «de» er her – spør til dømes «har Nordland meldt interesse?». Slik står det no:",
			"I don't know which county “you” are here – ask, for example, “has Nordland registered interest?”. This is where things stand:"},
		"live.i.county.yes": {"Ja, %s har meldt interesse:", "Ja, %s har meldt interesse:", "Yes, %s has registered interest:"},
		"live.i.county.none": {
			"Jeg finner ingen interessemelding fra %s ennå. Fylkesavdelingen melder interesse med /interesse; fristen er %s.",
			"Eg finn inga interessemelding frå %s enno. Fylkesavdelinga melder interesse med /interesse; fristen er %s.",
			"I find no registration of interest from %s yet. The county branch registers interest with /interesse; the deadline is %s."},
		"live.i.mun.yes": {"Ja, %s er med i en interessemelding:", "Ja, %s er med i ei interessemelding:", "Yes, %s is in a registration of interest:"},
		"live.i.mun.none": {
			"Jeg finner ikke %s i noen interessemelding ennå. Fylkesavdelingen melder interesse på vegne av kommunene med /interesse; fristen er %s.",
			"Eg finn ikkje %s i noka interessemelding enno. Fylkesavdelinga melder interesse på vegner av kommunane med /interesse; fristen er %s.",
			"I don't find %s in any registration of interest yet. The county branch registers interest on behalf of its municipalities with /interesse; the deadline is %s."},
		"live.kommuner": {
			"Jeg kjenner alle de %d kommunene i kommuneregisteret (i %d fylker), og finner dem slik folk skriver dem – også uten æøå og med samiske navn.",
			"Eg kjenner alle dei %d kommunane i kommuneregisteret (i %d fylke), og finn dei slik folk skriv dei – òg utan æøå og med samiske namn.",
			"I know all %d municipalities in the register (in %d counties), and find them however people type them – without æøå and by their Sami names too."},
	} {
		liveMsgs[k] = v
	}
}
