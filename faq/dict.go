package faq

import (
	"slices"
	"sort"
	"strings"

	"github.com/kljensen/snowball/norwegian"
	"github.com/kulturskoleradet/kulturbot/bot"
)

// The word lists below are written as people spell them; init folds them
// (bot.Fold: æ->ae, ø->o, å->a, aa->a, oe->o) so lookups see one spelling.

// nynorskRaw maps frequent nynorsk forms to bokmål.
var nynorskRaw = map[string]string{
	"kva": "hva", "korleis": "hvordan", "kven": "hvem", "kvifor": "hvorfor", "kvar": "hvor", "kor": "hvor",
	"ikkje": "ikke", "eg": "jeg", "meg": "meg", "me": "vi", "dykk": "dere", "dokker": "dere", "dei": "de", "desse": "disse",
	"noko": "noe", "nokon": "noen", "nokre": "noen", "mykje": "mye", "meir": "mer", "berre": "bare", "vere": "være",
	"vert": "blir", "kjem": "kommer", "fleire": "flere", "heile": "hele", "eigen": "egen", "eige": "eget", "eigne": "egne",
	"kommunar": "kommuner", "kommunane": "kommunene", "fylka": "fylkene", "samlingar": "samlinger", "samlingane": "samlingene",
	"skule": "skole", "skulen": "skolen", "skular": "skoler", "kulturskule": "kulturskole", "kulturskulen": "kulturskolen",
	"kulturskular": "kulturskoler", "kulturskuleråd": "kulturskoleråd", "kulturskulerådet": "kulturskolerådet",
	"deltaking": "deltakelse", "deltakar": "deltaker", "deltakarar": "deltakere", "deltakarane": "deltakerne",
	"rettleiing": "veiledning", "rettleiar": "veileder", "rettleiarar": "veiledere", "pengar": "penger", "søkje": "søke",
	"søkjer": "søker", "kostar": "koster", "betalar": "betaler", "gjere": "gjøre", "gjer": "gjør", "spørje": "spørre",
	"regionar": "regioner", "regionane": "regionene", "berekraft": "bærekraft", "medverknad": "medvirkning",
	"tilbod": "tilbud", "stønad": "støtte", "arbeidsgruppa": "arbeidsgruppen", "gruppa": "gruppen", "rundar": "runder",
	"seinare": "senere", "seinere": "senere", "førehand": "forhånd", "startar": "starter", "byrjar": "begynner",
	"byrje": "begynne", "elevar": "elever", "elevane": "elevene", "føremål": "formål", "føremålet": "formålet",
	"kople": "koble", "koplar": "kobler", "frå": "fra", "byggjer": "bygger", "avgjer": "avgjør", "rolla": "rollen",
	"eigenart": "egenart", "eigenverdi": "egenverdi", "satsingar": "satsinger", "tenester": "tjenester", "dekka": "dekket",
	"reisa": "reisen", "samarbeide": "samarbeide", "sjølv": "selv", "att": "igjen", "ho": "hun", "han": "han", "kvart": "hvert",
	"velje": "velge", "kjenneteikn": "kjennetegn", "utviklingsområda": "utviklingsområdene", "vedtek": "vedtar", "prosessar": "prosesser",
}

// weakRaw are question words kept as weak terms (see Term).
var weakRaw = map[string]string{
	"hvem": "hvem", "who": "hvem", "whom": "hvem",
	"når": "nar", "when": "nar",
	"hvor": "hvor", "where": "hvor",
	"hjelp": "hjelp", "help": "hjelp", "hjelpe": "hjelp", "hjelper": "hjelp",
	// "må" is in half the phrasings ("må vi ...", "må kommunen ..."): a
	// question word, not a topic.
	"må": "ma",
	// "trenger vi ..." asks what "må vi ..." asks.
	"trenger": "ma", "treng": "ma", "trenge": "ma", "trengs": "ma",
	// "hvor finner jeg X": the X says which entry; finding is the asking.
	"finne": "finne", "finner": "finne", "find": "finne", "finn": "finne",
	"mange": "antall", "many": "antall", "antall": "antall", "number": "antall", "tal": "antall",
}

// stopRaw (lexicon/stopwords.txt) are words that carry no topic in a
// question: function words, greetings and polite filler.
var stopRaw = lexiconWords("stopwords.txt")

// commonWords (lexicon/common.txt) are everyday words that say little about
// a topic: an unknown one weighs like a question word, not like a foreign
// topic. Folded, as written; the engine also keeps their analysed terms.
var commonWords = foldedSet("common.txt")

// synRaw maps words (and the multi-word phrases below) to programme
// concepts shared by bokmål, nynorsk and English, so "penger", "økonomi"
// and "funding" all find the funding entry.
var synRaw = map[string][]string{
	// gatherings
	"samling": {"samling"}, "samlinger": {"samling"}, "samlingene": {"samling"}, "samlingen": {"samling"},
	"fellessamling": {"samling"}, "fellessamlinger": {"samling"}, "fellessamlingene": {"samling"},
	"gathering": {"samling"}, "gatherings": {"samling"}, "møte": {"samling"}, "møter": {"samling"},
	"møtet": {"samling"}, "møtene": {"samling"}, "meeting": {"samling"}, "meetings": {"samling"},
	"meetup": {"samling"}, "workshop": {"samling"}, "workshops": {"samling"}, "samlingsdager": {"samling"},
	"informasjonsmøte": {"digital", "samling", "informasjon"}, "informasjonsmøter": {"digital", "samling", "informasjon"},
	"informasjon": {"informasjon"}, "info": {"informasjon"}, "information": {"informasjon"}, "orientering": {"informasjon"},
	"webinar": {"digital", "samling"}, "webinarer": {"digital", "samling"}, "webinars": {"digital", "samling"},
	"digital": {"digital"}, "digitale": {"digital"}, "digitalt": {"digital"}, "online": {"digital"},
	"nett": {"digital"}, "teams": {"digital"}, "zoom": {"digital"},
	"møteplass": {"moteplass"}, "møteplasser": {"moteplass"}, "møteplassene": {"moteplass"},
	// registration of interest
	"påmelding": {"pamelding"}, "påmeldingen": {"pamelding"}, "registrering": {"pamelding"},
	"registreringen": {"pamelding"}, "registrere": {"pamelding"}, "registrerer": {"pamelding"}, "registrert": {"pamelding"},
	"register": {"pamelding"}, "registration": {"pamelding"}, "registrations": {"pamelding"}, "signup": {"pamelding"},
	"enrol": {"pamelding"}, "enroll": {"pamelding"}, "enrolment": {"pamelding"}, "melde": {"pamelding"},
	"meld": {"pamelding"}, "melder": {"pamelding"}, "meldt": {"pamelding"}, "interesse": {"pamelding"},
	"interessemelding": {"pamelding"}, "interessemeldingen": {"pamelding"}, "interest": {"pamelding"},
	"påmeldingsfrist": {"pamelding", "frist"}, "påmeldingsfristen": {"pamelding", "frist"},
	"frist": {"frist"}, "fristen": {"frist"}, "frister": {"frist"}, "deadline": {"frist"}, "deadlines": {"frist"},
	"tidsfrist": {"frist"}, "søknadsfrist": {"soke", "frist"}, "søknadsfristen": {"soke", "frist"},
	"runde": {"runde"}, "runder": {"runde"}, "runden": {"runde"}, "round": {"runde"}, "rounds": {"runde"},
	"senere": {"senere"}, "later": {"senere"}, "etterpå": {"etter"}, "afterwards": {"etter"}, "etter": {"etter"}, "after": {"etter"},
	"søke": {"soke"}, "søker": {"soke"}, "søknad": {"soke"}, "søknaden": {"soke"}, "søkes": {"soke"},
	"apply": {"soke"}, "applies": {"soke"}, "application": {"soke"}, "applying": {"soke"}, "applied": {"soke"},
	// mentoring
	"veiledning": {"veiledning"}, "veiledningen": {"veiledning"}, "veileder": {"veiledning"}, "veiledere": {"veiledning"},
	"veilederen": {"veiledning"}, "mentor": {"veiledning"}, "mentors": {"veiledning"}, "mentoring": {"veiledning"},
	"guidance": {"veiledning"}, "coaching": {"veiledning"}, "coach": {"veiledning"}, "oppfølging": {"veiledning"},
	"veiledningsøkt": {"veiledning"}, "veiledningsøkter": {"veiledning"}, "rådgivning": {"veiledning"},
	// money
	"økonomi": {"okonomi"}, "økonomien": {"okonomi"}, "økonomisk": {"okonomi"}, "penger": {"okonomi"}, "pengene": {"okonomi"},
	"money": {"okonomi"}, "funding": {"okonomi"}, "funded": {"okonomi"}, "fund": {"okonomi"}, "funds": {"okonomi"},
	"finansiering": {"okonomi"}, "finansieres": {"okonomi"}, "finansiert": {"okonomi"}, "finansierer": {"okonomi"},
	"midler": {"okonomi"}, "midlene": {"okonomi"}, "tilskudd": {"okonomi"}, "tilskot": {"okonomi"},
	"budsjett": {"okonomi"}, "statsbudsjett": {"okonomi", "stat"}, "statsbudsjettet": {"okonomi", "stat"},
	"koster": {"okonomi"}, "kostnad": {"okonomi"}, "kostnader": {"okonomi"}, "cost": {"okonomi"}, "costs": {"okonomi"},
	"betale": {"okonomi"}, "betaler": {"okonomi"}, "betalt": {"okonomi"}, "pay": {"okonomi"}, "pays": {"okonomi"},
	"paid": {"okonomi"}, "gratis": {"okonomi"}, "free": {"okonomi"}, "price": {"okonomi"}, "pris": {"okonomi"},
	"utgift": {"okonomi"}, "utgifter": {"okonomi"}, "utgiftene": {"okonomi"}, "expenses": {"okonomi"},
	"dekke": {"okonomi"}, "dekker": {"okonomi"}, "dekkes": {"okonomi"}, "dekket": {"okonomi"}, "dekt": {"okonomi"},
	"cover": {"okonomi"}, "covers": {"okonomi"}, "covered": {"okonomi"}, "budget": {"okonomi"},
	"støtte": {"stotte"}, "støtten": {"stotte"}, "support": {"stotte"}, "stipend": {"stotte"}, "refusjon": {"stotte"},
	"reisestøtte": {"reise", "stotte"}, "reisestøtten": {"reise", "stotte"}, "reiseutgifter": {"reise", "okonomi"},
	"reiseutgiftene": {"reise", "okonomi"}, "reisekostnader": {"reise", "okonomi"}, "reisepenger": {"reise", "okonomi"},
	"reise": {"reise"}, "reiser": {"reise"}, "reisen": {"reise"}, "travel": {"reise"}, "travelling": {"reise"},
	"traveling": {"reise"}, "trip": {"reise"}, "fly": {"reise"}, "flybillett": {"reise"}, "kjøring": {"reise"},
	"opphold": {"opphold"}, "oppholdet": {"opphold"}, "overnatting": {"opphold"}, "overnattingen": {"opphold"},
	"hotell": {"opphold"}, "hotellet": {"opphold"}, "hotel": {"opphold"}, "accommodation": {"opphold"},
	"stay": {"opphold"}, "lodging": {"opphold"}, "overnight": {"opphold"},
	"kombinere": {"koble"}, "combine": {"koble"}, "koble": {"koble"}, "kobles": {"koble"}, "kobler": {"koble"},
	"kobling": {"koble"}, "koblinger": {"koble"}, "link": {"koble"}, "linked": {"koble"}, "connect": {"koble"},
	// organisation
	"region": {"region"}, "regioner": {"region"}, "regionen": {"region"}, "regionene": {"region"}, "regions": {"region"},
	"regional": {"regional"}, "regionale": {"regional"}, "regionalt": {"regional"}, "regionally": {"regional"},
	"nasjonal": {"nasjonal"}, "nasjonale": {"nasjonal"}, "nasjonalt": {"nasjonal"}, "national": {"nasjonal"}, "nationally": {"nasjonal"},
	"kommune": {"kommune"}, "kommuner": {"kommune"}, "kommunen": {"kommune"}, "kommunene": {"kommune"},
	"municipality": {"kommune"}, "municipalities": {"kommune"}, "municipal": {"kommune"}, "kommunal": {"kommune"},
	"kommunale": {"kommune"}, "town": {"kommune"}, "deltakerkommune": {"delta", "kommune"}, "deltakerkommuner": {"delta", "kommune"},
	"deltakerkommunene": {"delta", "kommune"}, "medlemskommune": {"medlem", "kommune"}, "medlemskommuner": {"medlem", "kommune"},
	"medlemskommunene": {"medlem", "kommune"}, "medlem": {"medlem"}, "medlemmer": {"medlem"}, "member": {"medlem"},
	"members": {"medlem"}, "membership": {"medlem"}, "medlemskap": {"medlem"},
	"kommunegruppe": {"kommune", "gruppe"}, "kommunegruppen": {"kommune", "gruppe"}, "kommunegruppa": {"kommune", "gruppe"},
	"gruppe": {"gruppe"}, "gruppen": {"gruppe"}, "grupper": {"gruppe"}, "group": {"gruppe"}, "groups": {"gruppe"},
	"team": {"gruppe"}, "teamet": {"gruppe"},
	"fylke": {"fylke"}, "fylket": {"fylke"}, "fylker": {"fylke"}, "fylkene": {"fylke"}, "county": {"fylke"}, "counties": {"fylke"},
	"fylkesavdeling": {"fylke"}, "fylkesavdelingen": {"fylke"}, "fylkesavdelinger": {"fylke"}, "fylkesavdelingene": {"fylke"},
	"fylkeslag": {"fylke"}, "branch": {"fylke"}, "branches": {"fylke"},
	"styre": {"styre"}, "styret": {"styre"}, "styrer": {"styre"}, "styrene": {"styre"}, "board": {"styre"}, "boards": {"styre"},
	"fylkesstyre": {"fylke", "styre"}, "fylkesstyret": {"fylke", "styre"}, "fylkesstyrer": {"fylke", "styre"},
	"fylkesstyrene": {"fylke", "styre"}, "fylkesstyrets": {"fylke", "styre"},
	"fylkesleder": {"fylke", "leder"}, "fylkeslederen": {"fylke", "leder"}, "leder": {"leder"}, "leader": {"leder"},
	"fylkesrådgiver": {"fylke", "radgiver"}, "fylkesrådgiveren": {"fylke", "radgiver"}, "adviser": {"radgiver"}, "advisor": {"radgiver"},
	"fylkesårsmøte": {"fylke", "arsmote"}, "fylkesårsmøtene": {"fylke", "arsmote"}, "årsmøte": {"arsmote"}, "årsmøtet": {"arsmote"},
	"arbeidsgruppe": {"arbeidsgruppe"}, "arbeidsgruppen": {"arbeidsgruppe"}, "prosjektgruppe": {"arbeidsgruppe"},
	"prosjektgruppen": {"arbeidsgruppe"}, "programledelse": {"arbeidsgruppe"}, "programledelsen": {"arbeidsgruppe"},
	"kulturskole": {"kulturskole"}, "kulturskolen": {"kulturskole"}, "kulturskoler": {"kulturskole"}, "kulturskolene": {"kulturskole"},
	"kulturskolens": {"kulturskole"}, "kulturskoleråd": {"kulturskolerad"}, "kulturskolerådet": {"kulturskolerad"},
	"kulturskolerådets": {"kulturskolerad"}, "ksr": {"kulturskolerad"}, "nk": {"kulturskolerad"},
	"program": {"program"}, "programmet": {"program"}, "programmer": {"program"}, "programme": {"program"},
	"programmes": {"program"}, "programs": {"program"}, "utviklingsprogram": {"program"}, "utviklingsprogrammet": {"program"},
	"prosjekt": {"program"}, "prosjektet": {"program"}, "project": {"program"}, "pilot": {"pilot"}, "piloten": {"pilot"},
	"delta": {"delta"}, "deltar": {"delta"}, "deltakelse": {"delta"}, "deltaker": {"delta"}, "deltakere": {"delta"},
	"deltakerne": {"delta"}, "deltagere": {"delta"}, "deltagerne": {"delta"}, "participate": {"delta"},
	"participating": {"delta"}, "participant": {"delta"}, "participants": {"delta"}, "participation": {"delta"},
	"join": {"delta"}, "joining": {"delta"},
	"oppstart": {"oppstart"}, "starter": {"oppstart"}, "start": {"oppstart"}, "starte": {"oppstart"}, "starts": {"oppstart"},
	"begynne": {"oppstart"}, "begynner": {"oppstart"}, "begin": {"oppstart"}, "begins": {"oppstart"}, "kickoff": {"oppstart"},
	"varighet": {"varighet"}, "lenge": {"varighet"}, "varer": {"varighet"}, "last": {"varighet"},
	"timeframe": {"varighet"}, "timescale": {"varighet"}, "length": {"varighet"}, "lasts": {"varighet"}, "long": {"varighet"}, "duration": {"varighet"}, "lang": {"varighet"},
	"semester": {"semester"}, "semestre": {"semester"}, "semestrer": {"semester"}, "semesters": {"semester"}, "terms": {"semester"},
	"tidsplan": {"tidsplan"}, "tidsplanen": {"tidsplan"}, "timeline": {"tidsplan"}, "schedule": {"tidsplan"},
	"fremdriftsplan": {"tidsplan"}, "plan": {"tidsplan"},
	// content
	"tema": {"tema"}, "temaet": {"tema"}, "temaer": {"tema"}, "tematikk": {"tema"}, "tematikken": {"tema"},
	"theme": {"tema"}, "themes": {"tema"}, "topic": {"tema"}, "topics": {"tema"}, "focus": {"tema"},
	"utviklingsområde": {"utviklingsomrade"}, "utviklingsområdet": {"utviklingsomrade"}, "utviklingsområder": {"utviklingsomrade"},
	"utviklingsområdene": {"utviklingsomrade"}, "satsingsområde": {"utviklingsomrade"}, "fokusområde": {"utviklingsomrade"},
	"samarbeid": {"samarbeid"}, "samarbeide": {"samarbeid"}, "samarbeider": {"samarbeid"}, "samhandling": {"samarbeid"},
	"samhandle": {"samarbeid"}, "samhandler": {"samarbeid"}, "samspill": {"samarbeid"}, "samspillet": {"samarbeid"},
	"cooperate": {"samarbeid"}, "cooperation": {"samarbeid"}, "collaborate": {"samarbeid"}, "collaboration": {"samarbeid"},
	"partner": {"samarbeid"}, "partners": {"samarbeid"}, "samarbeidspartner": {"samarbeid"}, "samarbeidspartnere": {"samarbeid"},
	"samspillpartner": {"samarbeid"}, "samarbeidsparter": {"samarbeid"}, "sectors": {"sektor"}, "sector": {"sektor"},
	"hensikt": {"hensikt"}, "hensikten": {"hensikt"}, "formål": {"hensikt"}, "formålet": {"hensikt"}, "mål": {"hensikt"},
	"målet": {"hensikt"}, "målene": {"hensikt"}, "goal": {"hensikt"}, "goals": {"hensikt"}, "purpose": {"hensikt"},
	"aim": {"hensikt"}, "aims": {"hensikt"}, "objective": {"hensikt"}, "poeng": {"hensikt"}, "poenget": {"hensikt"}, "vits": {"hensikt"}, "vitsen": {"hensikt"}, "objectives": {"hensikt"}, "point": {"hensikt"},
	"skole": {"skole"}, "skolen": {"skole"}, "skoler": {"skole"}, "school": {"skole"}, "schools": {"skole"},
	"elev": {"elev"}, "elever": {"elev"}, "elevene": {"elev"}, "pupil": {"elev"}, "pupils": {"elev"}, "student": {"elev"},
	"students": {"elev"}, "barn": {"elev"}, "children": {"elev"}, "kids": {"elev"}, "unge": {"elev"}, "ungdom": {"elev"},
	// Kindergarten and after-school care are the childhood sector
	// (oppvekst) the programme talks about.
	"barnehage": {"barnehage", "oppvekst"}, "barnehagen": {"barnehage", "oppvekst"}, "barnehager": {"barnehage", "oppvekst"},
	"kindergarten": {"barnehage", "oppvekst"}, "kindergartens": {"barnehage", "oppvekst"}, "preschool": {"barnehage", "oppvekst"},
	"sfo": {"sfo", "oppvekst"}, "skolefritidsordning": {"sfo", "oppvekst"}, "afterschool": {"sfo", "oppvekst"},
	"helse": {"helse"}, "health": {"helse"}, "oppvekst": {"oppvekst"}, "oppvekstfeltet": {"oppvekst"}, "oppvekstsektoren": {"oppvekst"},
	"nytte": {"nytte"}, "nytten": {"nytte"}, "gevinst": {"nytte"}, "benefit": {"nytte"}, "benefits": {"nytte"}, "gain": {"nytte"},
	"verdi": {"nytte"}, "value": {"nytte"}, "worth": {"nytte"}, "tjene": {"nytte"}, "igjen": {"nytte"}, "utbytte": {"nytte"},
	"krav": {"krav"}, "kravene": {"krav"}, "kreves": {"krav"}, "requirement": {"krav"}, "requirements": {"krav"},
	"forventning": {"krav"}, "forventninger": {"krav"}, "forventningene": {"krav"}, "forventes": {"krav"}, "expected": {"krav"},
	"expect": {"krav"}, "expectations": {"krav"}, "forplikte": {"krav"}, "forplikter": {"krav"}, "forpliktelse": {"krav"},
	"commit": {"krav"}, "commitment": {"krav"}, "required": {"krav"}, "obligations": {"krav"},
	"modell": {"modell"}, "modellen": {"modell"}, "model": {"modell"},
	"rolle": {"rolle"}, "rollen": {"rolle"}, "roller": {"rolle"}, "role": {"rolle"}, "roles": {"rolle"},
	"egenart": {"egenart"}, "egenarten": {"egenart"}, "egenverdi": {"egenart"}, "egenverdien": {"egenart"},
	"character": {"egenart"}, "identity": {"egenart"}, "distinctive": {"egenart"}, "intrinsic": {"egenart"},
	"langsiktig": {"langsiktig"}, "langsiktige": {"langsiktig"}, "enkeltstående": {"langsiktig"}, "longterm": {"langsiktig"},
	"oneoff": {"langsiktig"}, "engangs": {"langsiktig"},
	"kunnskapsgrunnlag": {"kunnskapsgrunnlag"}, "kunnskapsgrunnlaget": {"kunnskapsgrunnlag"}, "knowledgebase": {"kunnskapsgrunnlag"},
	"kjennetegn": {"kjennetegn"}, "kjennetegnene": {"kjennetegn"},
	"characteristics": {"kjennetegn"}, "features": {"kjennetegn"},
	"rammeverk": {"rammeverk"}, "rammeverket": {"rammeverk"}, "framework": {"rammeverk"}, "frameworks": {"rammeverk"},
	"dialoghefte": {"dialoghefte"}, "dialogheftet": {"dialoghefte"}, "hefte": {"dialoghefte"}, "heftet": {"dialoghefte"},
	"booklet": {"dialoghefte"}, "brochure": {"dialoghefte"},
	"samskaping": {"samskaping"}, "samskapning": {"samskaping"}, "cocreation": {"samskaping"},
	"medvirkning": {"medvirkning"}, "involvement": {"medvirkning"}, "bærekraft": {"baerekraft"}, "sustainability": {"baerekraft"},
	"bærekraftig": {"baerekraft"}, "innovasjon": {"innovasjon"}, "innovation": {"innovasjon"},
	"bestemme": {"bestemme"}, "bestemmer": {"bestemme"}, "bestemt": {"bestemme"}, "bestemmes": {"bestemme"},
	"decide": {"bestemme"}, "decided": {"bestemme"}, "decides": {"bestemme"}, "avgjøre": {"bestemme"}, "avgjør": {"bestemme"},
	"velge": {"bestemme"}, "velger": {"bestemme"}, "pick": {"bestemme"}, "select": {"bestemme"}, "choose": {"bestemme"}, "chosen": {"bestemme"},
	"vedta": {"vedta"}, "vedtar": {"vedta"}, "vedtatt": {"vedta"}, "vedtok": {"vedta"}, "adopt": {"vedta"}, "adopted": {"vedta"},
	"forhånd": {"forhand"}, "before": {"forhand"}, "før": {"forhand"}, "advance": {"forhand"}, "beforehand": {"forhand"}, "forveien": {"forhand"},
	"mellom": {"mellom"}, "between": {"mellom"}, "mellomarbeid": {"mellom", "arbeid"}, "mellomarbeidet": {"mellom", "arbeid"},
	"arbeid": {"arbeid"}, "arbeide": {"arbeid"}, "jobbe": {"arbeid"}, "jobb": {"arbeid"}, "jobben": {"arbeid"}, "work": {"arbeid"},
	"working": {"arbeid"}, "arbeidet": {"arbeid"},
	"egen": {"egen"}, "eget": {"egen"}, "egne": {"egen"}, "own": {"egen"},
	"kontakt": {"kontakt"}, "kontakte": {"kontakt"}, "kontakter": {"kontakt"}, "contact": {"kontakt"}, "reach": {"kontakt"},
	"spørsmål": {"sporsmal"}, "spørre": {"sporsmal"}, "spør": {"sporsmal"}, "question": {"sporsmal"}, "questions": {"sporsmal"},
	"ask":   {"sporsmal"},
	"plass": {"plass"}, "plasser": {"plass"}, "places": {"plass"}, "spots": {"plass"}, "slots": {"plass"}, "seats": {"plass"},
	"limited": {"begrenset"}, "begrenset": {"begrenset"}, "begrensa": {"begrenset"}, "maks": {"begrenset"}, "maximum": {"begrenset"},
	"neste": {"neste"}, "next": {"neste"}, "kommende": {"neste"}, "upcoming": {"neste"},
	"sparring": {"sparring"}, "sparre": {"sparring"}, "sparrer": {"sparring"}, "sparringspartner": {"sparring"},
	"kommandoer": {"kommando"}, "kommando": {"kommando"}, "commands": {"kommando"}, "command": {"kommando"},
	"boten": {"bot"}, "bot": {"bot"}, "kulturbot": {"bot"}, "kulturboten": {"bot"}, "chatbot": {"bot"},
	"hvorfor": {"hvorfor"}, "why": {"hvorfor"}, "kvifor": {"hvorfor"},
	"oppskrift": {"modell"}, "fasit": {"modell"}, "mal": {"modell"}, "template": {"modell"}, "blueprint": {"modell"},
	"fortsette": {"videre"}, "fortsetter": {"videre"}, "continue": {"videre"}, "continues": {"videre"}, "videre": {"videre"},
	"videreføre": {"videre"}, "over": {"slutt"},
	"lage": {"organisere"}, "lager": {"organisere"}, "lages": {"organisere"}, "organisere": {"organisere"},
	"organiseres": {"organisere"}, "rigge": {"organisere"}, "rigges": {"organisere"}, "sammensetning": {"organisere"},
	"organised": {"organisere"}, "organized": {"organisere"}, "formed": {"organisere"}, "form": {"organisere"},
	"betyr": {"bety"}, "bety": {"bety"}, "tyder": {"bety"}, "tyde": {"bety"}, "mean": {"bety"}, "means": {"bety"},
	"meaning": {"bety"}, "menes": {"bety"}, "meant": {"bety"}, "definisjon": {"bety"}, "definisjonen": {"bety"},
	"definition": {"bety"}, "defined": {"bety"},
	"tvers": {"ulik"}, "across": {"ulik"}, "ulike": {"ulik"}, "ulik": {"ulik"}, "forskjellige": {"ulik"},
	"different": {"ulik"}, "flere fylker": {"ulik"},
	"sette": {"organisere"}, "settes": {"organisere"}, "setter": {"organisere"}, "satt": {"organisere"},
	"meet": {"samling"}, "meets": {"samling"}, "møtes": {"samling"}, "samles": {"samling"}, "samle": {"samling"},
	"treffes": {"samling"}, "gather": {"samling"}, "gathered": {"samling"}, "samlast": {"samling"},
	"ganger": {"antall"}, "times": {"antall"}, "often": {"antall"}, "ofte": {"antall"},
	"tanke": {"tankesett"}, "tanken": {"tankesett"}, "tankesett": {"tankesett"}, "tankesettet": {"tankesett"},
	"idé": {"tankesett"}, "ideen": {"tankesett"}, "idea": {"tankesett"}, "mindset": {"tankesett"}, "thinking": {"tankesett"},
	"heter": {"begrep"}, "navn": {"begrep"}, "navnet": {"begrep"}, "name": {"begrep"}, "called": {"begrep"},
	"begrep": {"begrep"}, "begrepet": {"begrep"}, "term": {"begrep"}, "uttrykk": {"begrep"}, "uttrykket": {"begrep"},
	"kortvarig": {"langsiktig"}, "kortsiktig": {"langsiktig"}, "shortterm": {"langsiktig"}, "temporary": {"langsiktig"},
	"midlertidig": {"langsiktig"}, "varig": {"langsiktig"}, "permanent": {"langsiktig"},
	"regionsvis": {"regional"}, "regionvis": {"regional"},
	"mulighet": {"mulighet"}, "muligheter": {"mulighet"}, "mulegheit": {"mulighet"}, "opportunity": {"mulighet"},
	"opportunities": {"mulighet"}, "chance": {"mulighet"}, "sjanse": {"mulighet"}, "sjansen": {"mulighet"},
	"vinning": {"nytte"}, "vinningen": {"nytte"}, "fordel": {"nytte"}, "fordeler": {"nytte"}, "fordelene": {"nytte"},
	"advantage": {"nytte"}, "advantages": {"nytte"}, "payoff": {"nytte"},
	"tre": {"3"}, "three": {"3"}, "seks": {"6"}, "six": {"6"}, "femten": {"15"}, "fifteen": {"15"},
	"bidra": {"hensikt"}, "bidrar": {"hensikt"}, "contribute": {"hensikt"}, "oppnå": {"hensikt"}, "achieve": {"hensikt"},
	"span": {"ulik"}, "cross": {"ulik"}, "crosses": {"ulik"}, "several": {"ulik"}, "multiple": {"ulik"},
	"obligatorisk": {"krav"}, "mandatory": {"krav"}, "pålagt": {"krav"}, "forpliktende": {"krav"}, "bindende": {"krav"},
	"binding": {"krav"}, "compulsory": {"krav"},
	"sende": {"sende"}, "send": {"sende"}, "sender": {"sende"}, "bring": {"sende"},
	"mix": {"koble"}, "blande": {"koble"}, "samordne": {"koble"}, "samkjøre": {"koble"},
	"slutt": {"slutt"}, "ferdig": {"slutt"}, "avsluttet": {"slutt"}, "ends": {"slutt"}, "ended": {"slutt"}, "end": {"slutt"},
	"metode": {"metode"}, "metoder": {"metode"}, "metodene": {"metode"}, "arbeidsmåte": {"metode"}, "arbeidsmåter": {"metode"},
	"arbeidsmåtene": {"metode"}, "arbeidsmetode": {"metode"}, "arbeidsmetoder": {"metode"}, "arbeidsmetodene": {"metode"},
	"methods": {"metode"}, "method": {"metode"},
	"grunnlag": {"grunnlag"}, "grunnlaget": {"grunnlag"}, "grunn": {"grunnlag"}, "basert": {"grunnlag"}, "based": {"grunnlag"},
	"bygger": {"grunnlag"}, "basis": {"grunnlag"}, "utgangspunkt": {"grunnlag"}, "dokument": {"dokument"}, "dokumenter": {"dokument"},
	"dokumentene": {"dokument"}, "documents": {"dokument"}, "document": {"dokument"},
	// The county authority is not the council's county branch: its own
	// concept keeps it from splitting into fylke + kommune.
	"fylkeskommune": {"fylkeskommune"}, "fylkeskommunen": {"fylkeskommune"}, "fylkeskommuner": {"fylkeskommune"},
	"fylkeskommunal": {"fylkeskommune"}, "fylkeskommunale": {"fylkeskommune"},
	// Whom the programme is for.
	"målgruppe": {"malgruppe"}, "målgruppa": {"malgruppe"}, "målgruppen": {"malgruppe"}, "retter": {"malgruppe"},
	"rettet": {"malgruppe"}, "aimed": {"malgruppe"}, "target": {"malgruppe"}, "targeted": {"malgruppe"},
	"intended": {"malgruppe"}, "audience": {"malgruppe"},
	"representere": {"representant"}, "representerer": {"representant"}, "represent": {"representant"},
	"tilbud": {"tilbud"}, "tilbudet": {"tilbud"}, "tilbys": {"tilbud"}, "tilbyr": {"tilbud"}, "offer": {"tilbud"},
	"offered": {"tilbud"}, "offers": {"tilbud"}, "offering": {"tilbud"},
	"regning": {"okonomi"}, "regningen": {"okonomi"}, "bill": {"okonomi"},
	"inkludert": {"okonomi"}, "inkluderer": {"okonomi"}, "inngår": {"okonomi"}, "included": {"okonomi"},
	"include": {"okonomi"}, "includes": {"okonomi"},
	"snakke": {"kontakt"}, "prate": {"kontakt"}, "diskutere": {"kontakt"}, "drøfte": {"kontakt"}, "talk": {"kontakt"},
	"discuss": {"kontakt"}, "prioritere": {"delta"}, "prioriterer": {"delta"}, "prioritize": {"delta"},
	"prioritise": {"delta"},
	// Schools and the people in them, as a municipality names its group.
	"grunnskole": {"skole"}, "grunnskolen": {"skole"}, "barneskole": {"skole"}, "barneskolen": {"skole"},
	"ungdomsskole": {"skole"}, "ungdomsskolen": {"skole"}, "videregående": {"skole"},
	"representant": {"representant"}, "representanter": {"representant"}, "rektor": {"representant"},
	"rektorer": {"representant"}, "lærer": {"representant"}, "lærere": {"representant"}, "lærarar": {"representant"},
	"ansatte": {"representant"}, "teacher": {"representant"}, "teachers": {"representant"}, "principal": {"representant"},
	"staff": {"representant"}, "representatives": {"representant"},
	"logge": {"logg"}, "logg": {"logg"}, "logger": {"logg"}, "log": {"logg"}, "økt": {"okt"}, "session": {"okt"}, "sessions": {"okt"},
}

// phraseRaw joins multi-word expressions before splitting into words, so
// "culture school" can meet "kulturskolen".
var phraseRaw = []string{
	// Signing up for a gathering is an RSVP, not the registration of
	// interest; earlier pairs win, so these come before "melde oss på".
	"påmelding til samling", "rsvp samling", "påmelding til samlingen", "rsvp samling",
	"melde oss på en samling", "rsvp samling", "melder vi oss på en samling", "rsvp samling",
	"melder oss på en samling", "rsvp samling", "melder vi oss på ei samling", "rsvp samling",
	"melde oss på ei samling", "rsvp samling", "melde oss på samlingen", "rsvp samling",
	"melde på samlingen", "rsvp samling", "melde seg på samlingen", "rsvp samling",
	"melde seg på en samling", "rsvp samling", "sign up for a gathering", "rsvp samling",
	"sign up for the gathering", "rsvp samling", "melder vi oss på samlingen", "rsvp samling",
	"melder oss på samlingen", "rsvp samling", "melde oss på samlingene", "rsvp samling",
	"culture school", "kulturskole", "culture schools", "kulturskoler", "arts school", "kulturskole",
	"music school", "kulturskole", "school of culture", "kulturskole", "schools of culture", "kulturskoler",
	"county branch", "fylkesavdeling", "county board", "fylkesstyre", "county leader", "fylkesleder",
	"county adviser", "fylkesrådgiver", "county advisor", "fylkesrådgiver", "annual meeting", "årsmøte",
	"working group", "arbeidsgruppe", "work group", "arbeidsgruppe", "project group", "arbeidsgruppe",
	"sign up", "påmelding", "signing up", "påmelding", "melde seg på", "påmelding", "melde oss på", "påmelding",
	"melder oss på", "påmelding", "melde på", "påmelding", "meld på", "påmelding",
	"development area", "utviklingsområde", "development areas", "utviklingsområder",
	"state budget", "statsbudsjett", "in advance", "forhånd", "på forhånd", "forhånd",
	"after-school care", "sfo", "after school care", "sfo", "after-school", "sfo", "after school", "sfo",
	"one-off", "oneoff", "one off", "oneoff", "long-term", "longterm", "long term", "longterm",
	"knowledge base", "knowledgebase", "dialogue booklet", "dialoghefte", "co-creation", "cocreation", "co creation", "cocreation",
	"time plan", "tidsplan", "meeting place", "møteplass", "meeting places", "møteplasser",
	"take part", "participate", "taking part", "participate", "være med", "delta", "vere med", "delta", "bli med", "delta",
	"what's in it for us", "benefit", "whats in it for us", "benefit", "what is in it for us", "benefit",
	"travel support", "reisestøtte", "travel grant", "reisestøtte", "member municipalities", "medlemskommuner",
	"municipal group", "kommunegruppe", "municipality group", "kommunegruppe",
	"executive committee", "au", "arbeidsutvalg", "au", "arbeidsutvalget", "au",
	"how long", "duration", "hvor lenge", "varighet", "kor lenge", "varighet",
	"hvor mye", "hvormye", "kor mykje", "hvormye", "how much", "hvormye",
	"fremtidens kulturskole", "program", "framtidas kulturskule", "program", "fremtidens kulturskule", "program",
	"framtidens kulturskole", "program", "fremtidas kulturskole", "program",
	"kick-off", "kickoff", "kick off", "kickoff", "satt sammen", "organisere", "sette sammen", "organisere",
	"settes sammen", "organisere", "setter sammen", "organisere", "sett saman", "organisere", "sette saman", "organisere",
	"put together", "organisere", "set up", "organisere", "sette opp", "organisere",
	"melde interesse", "påmelding", "meldt interesse", "påmelding", "melder interesse", "påmelding",
	"register interest", "påmelding", "registering interest", "påmelding",
	"i gang", "oppstart", "igang", "oppstart", "getting started", "oppstart", "get started", "oppstart",
	"annet fylke", "ulik fylke", "andre fylker", "ulik fylke", "annen fylkesavdeling", "ulik fylke",
	"andre fylkesavdelinger", "ulik fylke", "another county", "ulik fylke", "other counties", "ulik fylke",
	"for sent", "senere frist", "for seint", "senere frist", "too late", "senere frist", "etter fristen", "senere frist",
	"neste runde", "senere runde", "next round", "senere runde", "short-term", "shortterm", "short term", "shortterm",
	"flere fylker", "ulik fylke", "several counties", "ulik fylke", "multiple counties", "ulik fylke",
	// "før" folds to "for", an English stop word; join it to its concept
	// while the ø is still there.
	"før", "forhånd",
	// Asking for confirmation adds no topic: "tre semestre, stemmer det?"
	"stemmer det", "", "stemmer dette", "", "er det riktig", "", "er det korrekt", "", "har jeg rett", "",
	"is that right", "", "is that correct", "", "am i right", "", "stemmer det at", "",
	"time frame", "varighet", "one-year", "varighet", "one year", "varighet", "a year", "varighet",
	"ett år", "varighet", "eitt år", "varighet", "ettårig", "varighet", "si fra", "påmelding", "si ifra", "påmelding", "melde fra", "påmelding",
	"melde tilbake", "påmelding", "gi beskjed om vi", "påmelding", "let you know", "påmelding",
	"rakk ikke", "senere frist", "rakk", "senere frist", "missed", "senere frist", "nådde ikke", "senere frist",
	"på samme måte", "modell", "samme måte", "modell", "the same way", "modell", "one size fits all", "modell",
	"snakker vi om", "", "snakk om", "", "limited to", "", "begrenset til", "", "avgrenset til", "",
	"one county", "samme fylke", "ett fylke", "samme fylke", "single county", "samme fylke", "eitt fylke", "samme fylke", "holder det", "", "holder dette", "", "er det nok", "", "er det godt nok", "",
	"nabofylke", "ulik fylke", "nabofylket", "ulik fylke", "nabofylker", "ulik fylke", "nabofylkene", "ulik fylke",
	"neighbouring county", "ulik fylke", "neighboring county", "ulik fylke",
	// Replacements are not applied twice: map straight to the concepts.
	"av stabelen", "oppstart", "rekker ikke", "senere frist", "rekk ikkje", "senere frist", "rekke", "senere frist",
	"rekker", "senere frist", "dropper", "senere frist", "droppe", "senere frist", "misser", "senere frist",
	// "holder" lasts only in "holder på" ("hvem holder foredrag" is not
	// about how long anything lasts).
	"holder på", "varer", "holde på", "varer",
	"kven vel", "hvem velger", "kva vel", "hva velger", "går glipp", "senere frist", "miss the", "senere frist", "neste gang", "neste runde",
	// "to" is two in bokmål and a stop word in English; before a plural
	// noun of the programme it is the number.
	"to kommuner", "2 kommuner", "to kommunar", "2 kommunar", "to fylker", "2 fylker", "to samlinger", "2 samlinger",
	"to semestre", "2 semestre", "to semester", "2 semester", "to år", "2 år", "to regioner", "2 regioner",
	"to runder", "2 runder", "to møter", "2 møter", "to nabokommuner", "2 kommuner",
	"kva tid", "når", "kor tid", "når", "hvilken tid", "når", "what time", "when", "er med", "delta", "blir med", "delta", "skal med", "delta", "skal være med", "delta",
	"ta med", "sende", "tar med", "sende", "ta med seg", "sende",
	"e-post", "epost", "ut av det", "benefit", "ut av dette", "benefit", "igjen for det", "benefit",
	"get out of it", "benefit", "get out of this", "benefit", "ut av å delta", "benefit", "ut av å være med", "benefit",
	"ut av å vere med", "benefit", "ut av programmet", "benefit", "ut av deltakelsen", "benefit",
	"out of taking part", "benefit", "out of joining", "benefit",
}

var (
	nynorsk        = map[string]string{}
	weakWords      = map[string]string{}
	stopwords      = map[string]bool{}
	synonyms       = map[string][]string{}
	phraseReplacer *strings.Replacer
	// concepts are the programme vocabulary: every term a synonym maps to.
	concepts = map[string]bool{}
)

func init() {
	// Keys are visited in sorted order: two raw keys can fold to the same
	// key ("mal" and "mål"), and Go's random map order made the engine
	// answer the same question differently from one start to the next.
	for _, k := range sortedKeys(nynorskRaw) {
		nynorsk[bot.Fold(k)] = bot.Fold(nynorskRaw[k])
	}
	for _, k := range sortedKeys(weakRaw) {
		weakWords[bot.Fold(k)] = weakRaw[k]
	}
	for _, w := range stopRaw {
		stopwords[bot.Fold(w)] = true
	}
	// "hvor mye" is a money question more often than not.
	synRaw["hvormye"] = []string{"okonomi"}
	for _, k := range sortedKeys(synRaw) {
		v := synRaw[k]
		for _, c := range v {
			concepts[c] = true
		}
		f := bot.Fold(k)
		// Typed without æøå, "mal" may be "mal" (template) or "mål"
		// (goal): the folded word reaches both concepts.
		v = mergeConcepts(synonyms[f], v)
		synonyms[f] = v
		// Inflected forms reach the concept through their stem too.
		if st := norwegian.Stem(f, true); st != f {
			if _, taken := synonyms[st]; !taken {
				synonyms[st] = v
			}
		}
	}
	var pairs []string
	for i := 0; i+1 < len(phraseRaw); i += 2 {
		pairs = append(pairs, phraseKey(phraseRaw[i]), " "+phraseRaw[i+1]+" ")
	}
	// People without a Norwegian keyboard type "vaere med", "pa", "soke":
	// the phrases are also looked for in those spellings.
	for i := 0; i+1 < len(phraseRaw); i += 2 {
		k := phraseRaw[i]
		for _, r := range []*strings.Replacer{asciiFold1, asciiFold2} {
			// "før" typed as "for" is the preposition far more often.
			if r == asciiFold1 && strings.Contains(k, "før") {
				continue
			}
			if v := r.Replace(k); v != k {
				pairs = append(pairs, phraseKey(v), " "+phraseRaw[i+1]+" ")
			}
		}
	}
	// words() turns hyphens into spaces before the phrases run ("one-size-
	// fits-all" is "one size fits all"), so a hyphenated phrase is also
	// looked for with spaces.
	for i := 0; i+1 < len(phraseRaw); i += 2 {
		if strings.Contains(phraseRaw[i], "-") {
			pairs = append(pairs, phraseKey(strings.ReplaceAll(phraseRaw[i], "-", " ")), " "+phraseRaw[i+1]+" ")
		}
	}
	phraseReplacer = strings.NewReplacer(pairs...)
}

// sortedKeys returns m's keys in order, for deterministic start-up.
func sortedKeys[V any](m map[string]V) []string {
	ks := make([]string, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return ks
}

// mergeConcepts returns a's concepts followed by those of b it lacks.
func mergeConcepts(a, b []string) []string {
	if len(a) == 0 {
		return b
	}
	out := append([]string(nil), a...)
	for _, c := range b {
		if !slices.Contains(out, c) {
			out = append(out, c)
		}
	}
	return out
}

// phraseKey is how a phrase is looked for in words(): every word carries
// its own spaces (" take  part "), so a phrase right after another one
// ("member municipalities take part", "være med neste gang") still
// matches; with one shared space the first replacement ate the second's
// leading space.
func phraseKey(p string) string {
	return " " + strings.Join(strings.Fields(p), "  ") + " "
}

// The two ways æ, ø and å are typed without a Norwegian keyboard.
var (
	asciiFold1 = strings.NewReplacer("æ", "ae", "ø", "o", "å", "a")
	asciiFold2 = strings.NewReplacer("æ", "ae", "ø", "oe", "å", "aa")
)
