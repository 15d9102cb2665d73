"""The pattern table: every typed relation graphkit reads, one row each, with the sentence it was written for.

Two kinds of rows:

- TITLES are read from word order, because the small English model tags titles reliably but attaches them
  loosely (in "the President of Tajikistan, Emomali Rahmon" it hangs the name on the country). A sequence is
  made of elements separated by spaces:
    PERSON         a person mention (or one typed organization: the small model types unfamiliar names so)
    ORG            a country, organization or place mention, or a demonym of a country the document mentions
    ROLE           a title marked "role" in data/titles.txt ("prime minister"), "former" kept when it stands before it
    FORMER         "former" / "ex-" standing before the country ("Former US President Bill Clinton")
    WORD           any other single word
    of, 's, ...    that word, in any case; for a title, its text ("adviser|lawyer")
    HUMAN, COUNTRY, PLACE, BODY   a mention typed person, country (or demonym), location, organization
    DEMONYM        a country named by its demonym ("Kenyan", "Briton")
    NOUN, FIRM, TERRITORY   a lower-case noun or adjective; one naming a body ("firm", nouns.tsv "body");
                   one naming a part of a country ("region", nouns.tsv "territory")
  `?` makes an element optional, `|` gives alternatives, `@label` names the element: `@subject` is the
  relation's source, any other label on an ORG names a relation "<role> <label>" from the person to it,
  unless the row gives the relation's `name` ("from", "located in"); `guard` adds a check a sequence
  cannot say.

- CLAUSES are read from the dependency parse: a trigger word, then the path from it to the subject and to the
  object. Triggers: `verb` (a lemma in verbs.tsv), `reciprocal` (its reciprocal verbs), `judging` (its verbs that
  judge a party by its act, cues.tsv: "condemned Russia's invasion" condemns Russia), `speaking` (a speaking
  verb of cues.tsv, listed in verbs.tsv or not), `role` (a title),
  `affiliation`, `event` and `gathering` (nouns in nouns.tsv). Path steps, applied left to right:
    subj           the subject of the verb (through relative pronouns, coordination, "agreed to meet")
    dep            children attached by that dependency (dobj, pobj, dative, poss, conj, ...)
    dep:w1|w2      only children that are one of these words (prep:to|with)
    dep:@          only children that are one of the trigger verb's prepositions (verbs.tsv: "offer" -> to)
    ^dep           the head, when the token is attached to it by that dependency (^attr: from "member" to "is")
    ^dep:w1|w2     only a head that is one of these words, or whose lemma is (^pobj:as: from "chairman" to "as"
                   in "resigned as"; ^dobj:hold|have: "held talks", "had talks");
                   ^dep:@light: one of the light verbs of cues.tsv ("made a bid for", "imposed sanctions on")
    hyphen         only tokens joined to a neighbour by a hyphen or a dash ("the Russia-Ukraine summit")
  For an event noun, `dep:@` are the noun's prepositions (nouns.tsv: "visit" -> to, "takeover" -> of).
  Name templates: {verb} the verb's relation name, {noun} the noun's, {role} the title ("former" kept, and
  added for a role a verb of cues.tsv "leaving" ends: "resigned as chairman"). A verb names the
  relation alone, whatever the object is reached through: "Turkey offered military assistance to Kyrgyzstan"
  and "Turkey offered Kyrgyzstan its assistance" both read "Turkey offered Kyrgyzstan"; what was offered is in
  the evidence sentence. `unless` is a path that cancels the row when it reaches an entity ("Russia sent Ivanov
  to Kyrgyzstan" is not "Russia sent Kyrgyzstan") or, for oprd, anything ("called Russia an ally" is no call).
  Subject and object are widened to their coordinated words ("members of the EAEU and the CSTO") unless the
  row says conjuncts=False.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Example:
    sentence: str
    subject: str
    relation: str
    object: str


@dataclass(frozen=True)
class TitlePattern:
    sequence: str
    example: Example
    role: str = ""  # the title when the sequence has none: "Y, led by X" -> "leader"
    name: str = ""  # the relation's name when it is not a title's: "from", "located in"
    # guard, a check the sequence cannot say:
    #   apposition  not two names of a list ("London, Singapore and Sydney")
    #   opening     the match opens the sentence ("In Brussels, X said")
    #   territory   a TERRITORY word, or a place whose last word is one ("the Batken Region of ...")
    #   known       the gazetteer places the subject in the object ("Andijan in Uzbekistan")
    #   alone       no noun follows the subject ("ITV1's Jonathan Dimbleby programme" is a programme)
    #   fullname    a first and last name, not after "the" ("the British Library" typed a person)
    #   city        the place is one the gazetteer knows, and the phrase ends with it ("in London, said ...")
    #   spelled     a body or place object is not in capitals: "Private Finance Initiative (PFI)" gives an abbreviation
    #   any guard   and the gazetteer must not place the subject in another country than the object
    guard: str = ""


@dataclass(frozen=True)
class ClausePattern:
    trigger: str
    subject: str
    object: str
    name: str
    example: Example
    conjuncts: bool = True
    unless: str = ""


TITLES: tuple[TitlePattern, ...] = (
    TitlePattern(
        "FORMER? ORG@of 's? ROLE PERSON@subject",
        Example("Former US President Bill Clinton arrived in India.", "Bill Clinton", "former president of", "US"),
    ),
    TitlePattern(
        "FORMER? ORG@of 's? ROLE to the? ORG@to|WORD PERSON@subject",
        Example(
            "The Turkish Ambassador to Kyrgyzstan Ahmet Dogan visited Osh, Turkey said.",
            "Ahmet Dogan",
            "ambassador of",
            "Turkey",
        ),
    ),
    TitlePattern(
        "ROLE of the? ORG@of ,? PERSON@subject",
        Example(
            "The president of Tajikistan, Emomali Rahmon, arrived in Moscow.",
            "Emomali Rahmon",
            "president of",
            "Tajikistan",
        ),
    ),
    TitlePattern(
        "ROLE PERSON@subject of the? ORG@of",
        Example("President Emmanuel Macron of France arrived in Berlin.", "Emmanuel Macron", "president of", "France"),
    ),
    TitlePattern(
        "PERSON@subject , the|a? ROLE of the? ORG@of",
        Example(
            "Anur Kurmanov, leader of the Kazakh Socialist Movement, spoke first.",
            "Anur Kurmanov",
            "leader of",
            "Kazakh Socialist Movement",
        ),
    ),
    TitlePattern(
        "PERSON@subject , the|a|an? FORMER? ORG@of 's? ROLE",
        Example("Tony Blair, Britain's prime minister, spoke first.", "Tony Blair", "prime minister of", "Britain"),
    ),
    TitlePattern(
        "ORG@of , led by its|the? ROLE? PERSON@subject",
        Example(
            "A delegation of the Turkish Red Crescent, led by Kerem Kinik, arrived.",
            "Kerem Kinik",
            "leader of",
            "Turkish Red Crescent",
        ),
        role="leader",
    ),
    # titles through modifiers, possessives and appositions
    TitlePattern(
        "FORMER? ORG@of 's|'? NOUN NOUN? ROLE ,? PERSON@subject",
        Example("EU foreign policy chief Javier Solana flew to Kiev.", "Javier Solana", "chief of", "EU"),
    ),
    TitlePattern(
        "FORMER? ORG@of 's|' ROLE , PERSON@subject",
        Example(
            "Germany's chancellor, Gerhard Schroeder, flew to Paris.", "Gerhard Schroeder", "chancellor of", "Germany"
        ),
    ),
    TitlePattern(
        "ORG@of 's|' DEMONYM ROLE PERSON@subject",
        Example("Liverpool's Egyptian forward Mohamed Salah scored twice.", "Mohamed Salah", "forward of", "Liverpool"),
    ),
    TitlePattern(
        "ORG@of mp|mep|msp|mps PERSON@subject",
        Example("Labour MP Karen Buck warned against the plan.", "Karen Buck", "member of", "Labour"),
        role="member",
    ),
    TitlePattern(
        "HUMAN@to 's|' NOUN? adviser|advisor|aide|lawyer|spokesman|spokeswoman|spokesperson PERSON@subject",
        Example("Arafat's adviser Nabil Shaath flew to Cairo.", "Nabil Shaath", "adviser to", "Arafat"),
    ),
    TitlePattern(
        "PERSON@subject , the|a|an? FORMER? NOUN? NOUN? ROLE to the? ORG@to|HUMAN",
        Example(
            "Nabil Shaath, an adviser to Yasser Arafat, flew to Cairo.", "Nabil Shaath", "adviser to", "Yasser Arafat"
        ),
    ),
    TitlePattern(
        "PERSON@subject , the|a|an? FORMER? ORG? NOUN? NOUN? ROLE of|at|for|with the? ORG@of",
        Example(
            "David Kim, an analyst at Sejong Securities, told reporters.",
            "David Kim",
            "analyst of",
            "Sejong Securities",
        ),
    ),
    TitlePattern(
        "PERSON@subject , the|a|an? FORMER? NOUN? NOUN? ROLE of|at|for|with the? COUNTRY? NOUN? NOUN? FIRM "
        "ORG@of|HUMAN",
        Example(
            "Haluk Bayraktar, chief executive of the Turkish drone maker Baykar, opened the plant.",
            "Haluk Bayraktar",
            "chief executive of",
            "Baykar",
        ),
    ),
    TitlePattern(
        "PERSON@subject , the|a|an? FORMER? NOUN? NOUN? ROLE of NOUN|FIRM NOUN|FIRM? NOUN? at|for|with the? ORG@of",
        Example(
            "Jane Hill, director of group marketing at Transport for London, spoke first.",
            "Jane Hill",
            "director of",
            "Transport for London",
        ),
    ),
    TitlePattern(
        "PERSON@subject , the|a|an? FORMER? NOUN? NOUN? ROLE of|at the? ORG 's|' ORG@of",
        Example(
            "Hugh Jones, chair of the CBI's SME Council, spoke first.",
            "Hugh Jones",
            "chair of",
            "SME Council",
        ),
    ),
    TitlePattern(
        "PERSON@subject , the|a|an? FORMER? ORG@of 's|' COUNTRY|PLACE NOUN? NOUN? ROLE",
        Example(
            "Maria Lopez, Unilever's UK head of marketing, said sales had slowed.",
            "Maria Lopez",
            "head of",
            "Unilever",
        ),
    ),
    TitlePattern(
        "PERSON@subject , the|a|an? FORMER? ORG@of 's|'? NOUN NOUN? ROLE",
        Example("Javier Solana, the EU foreign policy chief, flew to Kiev.", "Javier Solana", "chief of", "EU"),
    ),
    # origin: nationality, or the body someone comes from; a demonym with a trade rather than an office
    # ("the Brazilian winger X") is read as an origin by find_titles
    TitlePattern(
        "COUNTRY@from NOUN NOUN? FIRM? HUMAN@subject|BODY",
        Example("The Kenyan runner Paul Tergat won in Berlin.", "Paul Tergat", "from", "Kenya"),
        name="from",
    ),
    TitlePattern(
        "COUNTRY@from NOUN? FIRM HUMAN@subject|BODY",
        Example("The deal was brokered by US firm Arbor Networks.", "Arbor Networks", "from", "US"),
        name="from",
    ),
    TitlePattern(
        "DEMONYM@from HUMAN@subject",
        Example("Briton Tim Henman lost in the final.", "Tim Henman", "from", "United Kingdom"),
        name="from",
        guard="fullname",
    ),
    TitlePattern(
        "COUNTRY@from - born NOUN? NOUN? HUMAN@subject",
        Example("The Uzbek-born billionaire Alisher Usmanov bought the club.", "Alisher Usmanov", "from", "Uzbekistan"),
        name="from",
    ),
    TitlePattern(
        "COUNTRY@from 's|' HUMAN@subject",
        Example("Britain's Kelly Holmes won the race.", "Kelly Holmes", "from", "Britain"),
        name="from",
    ),
    TitlePattern(
        "HUMAN@subject ( COUNTRY@from|BODY|PLACE )",
        Example("The referee is Paddy O'Brien (New Zealand).", "Paddy O'Brien", "from", "New Zealand"),
        name="from",
        guard="spelled",
    ),
    TitlePattern(
        "COUNTRY@from 's|' WORD? WORD? NOUN? NOUN? FIRM ,? BODY@subject|PLACE",
        Example("Germany's biggest bank Deutsche Bank cut jobs.", "Deutsche Bank", "from", "Germany"),
        name="from",
    ),
    TitlePattern(
        "BODY@subject|PLACE , the|a|an? COUNTRY@from 's|' WORD? WORD? NOUN? NOUN? FIRM ,|.|;",
        Example("Toyota, Japan's biggest carmaker, cut prices.", "Toyota", "from", "Japan"),
        name="from",
    ),
    TitlePattern(
        "PERSON@subject , the|a|an COUNTRY@from -? born? NOUN",
        Example("Ahmet Yilmaz, a Turkish businessman, was arrested.", "Ahmet Yilmaz", "from", "Turkey"),
        name="from",
    ),
    TitlePattern(
        "HUMAN@subject , from|of the? BODY@from|COUNTRY ,|.",
        Example(
            "Simon Sweetman, from the Federation of Small Businesses, said the rules were unclear.",
            "Simon Sweetman",
            "from",
            "Federation of Small Businesses",
        ),
        name="from",
    ),
    TitlePattern(
        "said|says|added|explained|warned HUMAN@subject at|from the? BODY@of",
        Example("Prices fell, said David Jones at HSBC.", "David Jones", "employee of", "HSBC"),
        role="employee",
    ),
    TitlePattern(
        "HUMAN@subject of the? BODY@from|COUNTRY",
        Example("Grant Wilson of Mellon Bank said the dollar would fall.", "Grant Wilson", "from", "Mellon Bank"),
        name="from",
    ),
    TitlePattern(
        "the? PLACE@from|COUNTRY - based NOUN? NOUN? FIRM|ROLE? BODY@subject|HUMAN",
        Example("Madrid-based Ferrovial already holds a stake.", "Ferrovial", "from", "Madrid"),
        name="from",
    ),
    TitlePattern(
        "COUNTRY@from 's|' BODY@subject",
        Example("Germany's DaimlerChrysler owns a third of the firm.", "DaimlerChrysler", "from", "Germany"),
        name="from",
        guard="alone",
    ),
    TitlePattern(
        "PLACE@from 's|' HUMAN@subject",
        Example("Glasgow's Andy Murray won in Miami.", "Andy Murray", "from", "Glasgow"),
        name="from",
        guard="alone",
    ),
    TitlePattern(
        "BODY@from 's|' HUMAN@subject",
        Example("Amazon's Robin Terrell said sales had doubled.", "Robin Terrell", "from", "Amazon"),
        name="from",
        guard="alone",
    ),
    TitlePattern(
        "HUMAN@subject ,? who? was|is born in the? PLACE@from|COUNTRY",
        Example("Lilian Marks was born in London in 1910.", "Lilian Marks", "from", "London"),
        name="from",
    ),
    # where a body is based
    TitlePattern(
        "BODY@subject|HUMAN ,? which|that? is|are|was? based|headquartered in the? PLACE@in|COUNTRY",
        Example("Ferrovial, based in Madrid, bought the airport.", "Ferrovial", "based in", "Madrid"),
        name="based in",
    ),
    TitlePattern(
        "BODY@subject 's|' PLACE@in headquarters|office|offices",
        Example(
            "Experts met at the World Health Organization's Geneva headquarters.",
            "World Health Organization",
            "based in",
            "Geneva",
        ),
        name="based in",
    ),
    TitlePattern(
        "PLACE@in 's|' BODY@subject",
        Example(
            "The play opens at New York's Ethel Barrymore Theatre.", "Ethel Barrymore Theatre", "based in", "New York"
        ),
        name="based in",
        guard="alone",
    ),
    TitlePattern(
        "at|of|with the? BODY@subject in PLACE@in",
        Example("She is an economist at Fortis Bank in Brussels.", "Fortis Bank", "based in", "Brussels"),
        name="based in",
        guard="city",
    ),
    # membership
    TitlePattern(
        "COUNTRY@subject|BODY , a|an|the BODY@of member|members",
        Example("Turkey, a NATO member since 1952, hosted the summit.", "Turkey", "member of", "NATO"),
        name="member of",
    ),
    TitlePattern(
        "BODY@of member|members COUNTRY@subject",
        Example("EU member Poland objected to the plan.", "Poland", "member of", "European Union"),
        name="member of",
    ),
    # where a place lies
    TitlePattern(
        "PLACE@subject , COUNTRY@in|PLACE",
        Example("Protesters gathered in Osh, Kyrgyzstan, on Monday.", "Osh", "located in", "Kyrgyzstan"),
        name="located in",
        guard="apposition",
    ),
    TitlePattern(
        "PLACE@subject , in the? PLACE@in TERRITORY?",
        Example("Karakol, in the Issyk-Kul region, hosted the games.", "Karakol", "located in", "Issyk-Kul Region"),
        name="located in",
        guard="territory",
    ),
    TitlePattern(
        "PLACE@subject , in COUNTRY 's PLACE@in",
        Example("Rescuers reached Kashgar, in China's Xinjiang region.", "Kashgar", "located in", "Xinjiang"),
        name="located in",
        guard="place",
    ),
    TitlePattern(
        "COUNTRY@in 's PLACE@subject TERRITORY",
        Example("Rescuers reached Kashgar, in China's Xinjiang region.", "Xinjiang", "located in", "China"),
        name="located in",
        guard="place",
    ),
    TitlePattern(
        "PLACE@subject TERRITORY? of the? COUNTRY@in",
        Example("Floods hit the Batken region of Kyrgyzstan.", "Batken Region", "located in", "Kyrgyzstan"),
        name="located in",
        guard="territory",
    ),
    TitlePattern(
        "PLACE@subject in COUNTRY@in",
        Example("The bridge reaches Andijan in Uzbekistan.", "Andijan", "located in", "Uzbekistan"),
        name="located in",
        guard="known",
    ),
    # where a person was
    TitlePattern(
        "HUMAN@subject , speaking|talking to|at? the|a|an? WORD? WORD? in|from|at the? PLACE@in|COUNTRY",
        Example("Tony Blair, speaking in Brussels, defended the plan.", "Tony Blair", "was in", "Brussels"),
        name="was in",
        guard="place",
    ),
    TitlePattern(
        "speaking|talking to|at? the|a|an? WORD? WORD? in|from|at the? PLACE@in|COUNTRY , HUMAN@subject",
        Example("Speaking to reporters in Brussels, Tony Blair defended the plan.", "Tony Blair", "was in", "Brussels"),
        name="was in",
        guard="place",
    ),
    TitlePattern(
        "in the? PLACE@in|COUNTRY , HUMAN@subject said|says|told|added",
        Example("In Brussels, Tony Blair said the plan was sound.", "Tony Blair", "was in", "Brussels"),
        name="was in",
        guard="opening",
    ),
    TitlePattern(
        "HUMAN@subject told|tells reporters|journalists in the? PLACE@in|COUNTRY",
        Example("Tony Blair told reporters in Brussels that the plan was sound.", "Tony Blair", "was in", "Brussels"),
        name="was in",
        guard="place",
    ),
)

CLAUSES: tuple[ClausePattern, ...] = (
    ClausePattern(
        "verb",
        "subj",
        "dobj",
        "{verb}",
        Example("The United States sanctioned Russia over the war.", "United States", "sanctioned", "Russia"),
        unless="oprd",
    ),
    ClausePattern(
        "verb",
        "agent pobj",
        "nsubjpass",
        "{verb}",
        Example("Lithuania was sanctioned by China last year.", "China", "sanctioned", "Lithuania"),
    ),
    ClausePattern(
        "verb",
        "agent pobj",
        "^acl",
        "{verb}",
        Example("Kyrgyzstan, backed by Russia, rejected the plan.", "Russia", "backed", "Kyrgyzstan"),
    ),
    ClausePattern(
        "verb",
        "subj",
        "dative",
        "{verb}",
        Example("Turkey offered Kyrgyzstan its military assistance.", "Turkey", "offered", "Kyrgyzstan"),
    ),
    ClausePattern(
        "verb",
        "subj",
        "prep:@ pobj",
        "{verb}",
        Example("Turkey offered military assistance to Kyrgyzstan.", "Turkey", "offered", "Kyrgyzstan"),
        unless="dobj",
    ),
    ClausePattern(
        "verb",
        "subj",
        "dobj prep:@ pobj",
        "{verb}",
        Example("Kyrgyzstan signed a defence agreement with Turkey.", "Kyrgyzstan", "signed", "Turkey"),
        unless="dobj",
    ),
    ClausePattern(
        "verb",
        "subj",
        "dobj prep:of pobj prep:@ pobj",
        "{verb}",
        Example("Kyrgyzstan signed a series of agreements with Turkey.", "Kyrgyzstan", "signed", "Turkey"),
        unless="dobj",
    ),
    # a seat on a body's board: "sits on the board of Barclays", "sat on Barclays' board" (verbs.tsv: sit on)
    ClausePattern(
        "verb",
        "subj",
        "prep:@ pobj:board|executive|committee|council|panel prep:of pobj",
        "{verb}",
        Example("Anne Reid sits on the board of Barclays.", "Anne Reid", "member of", "Barclays"),
    ),
    ClausePattern(
        "verb",
        "subj",
        "prep:@ pobj:board|executive|committee|council|panel poss",
        "{verb}",
        Example("Anne Reid sat on Barclays' board for ten years.", "Anne Reid", "member of", "Barclays"),
    ),
    ClausePattern(
        "judging",
        "subj",
        "dobj poss",
        "{verb}",
        Example("France condemned Russia's invasion of Ukraine.", "France", "condemned", "Russia"),
    ),
    ClausePattern(
        "judging",
        "subj",
        "dobj compound",
        "{verb}",
        Example("Israel attacked Hamas positions in Gaza.", "Israel", "attacked", "Hamas"),
    ),
    ClausePattern(
        "speaking",
        "subj",
        "prep:about|of pobj",
        "spoke about",
        Example("Tony Blair, speaking about Iraq, praised the troops.", "Tony Blair", "spoke about", "Iraq"),
    ),
    ClausePattern(
        "reciprocal",
        "subj",
        "subj conj",
        "{verb}",
        Example("Vladimir Putin and Joe Biden met in Geneva.", "Vladimir Putin", "met", "Joe Biden"),
        conjuncts=False,
        unless="dobj",  # "Tokayev and Mirziyoyev each met Xi" is no meeting of the two
    ),
    ClausePattern(
        "role",
        "^attr subj",
        "prep:of pobj",
        "{role} of",
        Example("Tony Blair became leader of the Labour Party in 1994.", "Tony Blair", "leader of", "Labour Party"),
    ),
    ClausePattern(
        "role",
        "^oprd nsubjpass",
        "prep:of pobj",
        "{role} of",
        Example("Sadyr Japarov was elected president of Kyrgyzstan.", "Sadyr Japarov", "president of", "Kyrgyzstan"),
    ),
    ClausePattern(
        "role",
        "^attr subj",
        "poss",
        "{role} of",
        Example("Olaf Scholz is Germany's chancellor.", "Olaf Scholz", "chancellor of", "Germany"),
    ),
    ClausePattern(
        "role",
        "^pobj:as ^prep subj",
        "prep:of pobj",
        "{role} of",
        Example("Gordon Brown resigned as chairman of Barclays.", "Gordon Brown", "former chairman of", "Barclays"),
        unless="^pobj:as ^prep dobj",
    ),
    ClausePattern(
        "role",
        "^pobj:as ^prep dobj",
        "poss",
        "{role} of",
        Example(
            "Sadyr Japarov appointed Adylbek Kasymaliev as Kyrgyzstan's prime minister.",
            "Adylbek Kasymaliev",
            "prime minister of",
            "Kyrgyzstan",
        ),
    ),
    ClausePattern(
        "role",
        "^pobj:as ^prep dobj",
        "prep:of pobj",
        "{role} of",
        Example("The board appointed Gordon Brown as chairman of Barclays.", "Gordon Brown", "chairman of", "Barclays"),
    ),
    ClausePattern(
        "role",
        "^pobj:as ^prep nsubjpass",
        "prep:of pobj",
        "{role} of",
        Example("Gordon Brown was appointed as head of Barclays.", "Gordon Brown", "head of", "Barclays"),
    ),
    ClausePattern(
        "role",
        "^pobj:as ^prep subj",
        "poss",
        "{role} of",
        Example(
            "Gordon Brown stepped down as Britain's finance minister.",
            "Gordon Brown",
            "former finance minister of",
            "Britain",
        ),
        unless="^pobj:as ^prep dobj",
    ),
    ClausePattern(
        "role",
        "^pobj:as ^prep nsubjpass",
        "poss",
        "{role} of",
        Example("Jose Mourinho was hired as Chelsea's coach.", "Jose Mourinho", "coach of", "Chelsea"),
    ),
    ClausePattern(
        "role",
        "^oprd nsubjpass",
        "poss",
        "{role} of",
        Example("Jose Mourinho was named Chelsea's new coach.", "Jose Mourinho", "coach of", "Chelsea"),
    ),
    ClausePattern(
        "affiliation",
        "^attr subj",
        "prep:of pobj",
        "{noun}",
        Example(
            "Kyrgyzstan is a member of the Eurasian Economic Union.",
            "Kyrgyzstan",
            "member of",
            "Eurasian Economic Union",
        ),
    ),
    ClausePattern(
        "affiliation",
        "^appos",
        "prep:of pobj",
        "{noun}",
        Example(
            "Kazakhstan, a member of NATO's Partnership for Peace, abstained.",
            "Kazakhstan",
            "member of",
            "Partnership for Peace",
        ),
    ),
    ClausePattern(
        "affiliation",
        "^compound prep:of pobj prep:as|including pobj",
        "^compound prep:of pobj",
        "{noun}",
        Example(
            "Member states of the European Union such as Hungary objected.", "Hungary", "member of", "European Union"
        ),
    ),
    ClausePattern(
        "affiliation",
        "^compound prep:as|including pobj",
        "^compound prep:of pobj",
        "{noun}",
        Example(
            "Member states of the European Union, including Hungary, objected.",
            "Hungary",
            "member of",
            "European Union",
        ),
    ),
    ClausePattern(
        "event",
        "prep:between pobj",
        "prep:between pobj conj",
        "{noun}",
        Example(
            "A meeting between Vladimir Putin and Sadyr Japarov took place in Sochi.",
            "Vladimir Putin",
            "met",
            "Sadyr Japarov",
        ),
        conjuncts=False,
    ),
    ClausePattern(
        "event",
        "relcl prep:between pobj",
        "relcl prep:between pobj conj",
        "{noun}",
        Example("The row that broke out between Microsoft and Google lasted a year.", "Microsoft", "clashed", "Google"),
        conjuncts=False,
    ),
    ClausePattern(
        "event",
        "^pobj:of ^prep:sort|kind|type relcl prep:between pobj",
        "^pobj:of ^prep:sort|kind|type relcl prep:between pobj conj",
        "{noun}",
        Example(
            "It was the kind of feud that erupted between Oasis and Blur in the 1990s.", "Oasis", "clashed", "Blur"
        ),
        conjuncts=False,
    ),
    ClausePattern(
        "event",
        "poss",
        "prep:with pobj",
        "{noun}",
        Example("Macron's meeting with Scholz lasted an hour.", "Macron", "met", "Scholz"),
    ),
    ClausePattern(
        "event",
        "^dobj subj",
        "prep:with pobj",
        "{noun}",
        Example(
            "Emmanuel Macron held talks with Joe Biden in Paris.", "Emmanuel Macron", "held talks with", "Joe Biden"
        ),
    ),
    ClausePattern(
        "event",
        "^dobj subj",
        "^dobj prep:with pobj",
        "{noun}",
        Example("Emmanuel Macron had a meeting on Friday with Joe Biden.", "Emmanuel Macron", "met", "Joe Biden"),
    ),
    ClausePattern(
        "event",
        "poss",
        "^pobj:under ^prep subj",
        "{noun}",
        Example(
            "Microsoft came under the European Commission's scrutiny.",
            "European Commission",
            "investigated",
            "Microsoft",
        ),
    ),
    # where a body's gathering was held
    ClausePattern(
        "gathering",
        "poss",
        "prep:in pobj",
        "{noun}",
        Example(
            "The World Economic Forum's annual meeting in Davos opened on Monday.",
            "World Economic Forum",
            "held in",
            "Davos",
        ),
    ),
    ClausePattern(
        "gathering",
        "compound",
        "prep:in pobj",
        "{noun}",
        Example("The NATO summit in Vilnius ended on Wednesday.", "NATO", "held in", "Vilnius"),
    ),
    ClausePattern(
        "gathering",
        "prep:of pobj",
        "prep:of pobj prep:in pobj",
        "{noun}",
        Example("A summit of the European Union in Brussels ended late.", "European Union", "held in", "Brussels"),
    ),
    ClausePattern(
        "gathering",
        "prep:of pobj",
        "acl:held prep:in pobj",
        "{noun}",
        Example(
            "The summit of the Organization of Turkic States, held in Gabala, ended with a declaration.",
            "Organization of Turkic States",
            "held in",
            "Gabala",
        ),
    ),
    ClausePattern(
        "gathering",
        "compound",
        "acl:held prep:in pobj",
        "{noun}",
        Example("The NATO summit held in Vilnius ended on Wednesday.", "NATO", "held in", "Vilnius"),
    ),
    ClausePattern(
        "gathering",
        "compound",
        "^nsubjpass:held prep:in pobj",
        "{noun}",
        Example("The NATO summit was held in Vilnius.", "NATO", "held in", "Vilnius"),
    ),
    # events as nouns, with their parties (nouns.tsv: the event's name and prepositions)
    ClausePattern(
        "event",
        "poss",
        "prep:@ pobj",
        "{noun}",
        Example("Tony Blair's visit to China lasted three days.", "Tony Blair", "visited", "China"),
    ),
    ClausePattern(
        "event",
        "compound",
        "prep:@ pobj",
        "{noun}",
        Example("The Microsoft bid for Yahoo was rejected.", "Microsoft", "bid for", "Yahoo"),
    ),
    ClausePattern(
        "event",
        "^dobj:@light subj",
        "prep:@ pobj",
        "{noun}",
        Example("The United States imposed sanctions on Iran.", "United States", "sanctioned", "Iran"),
    ),
    ClausePattern(
        "event",
        "^dobj:@light subj",
        "prep:for pobj prep:@ pobj",
        "{noun}",
        Example("Yukos lodged a claim for damages against Gazprom.", "Yukos", "sued", "Gazprom"),
    ),
    ClausePattern(
        "event",
        "^dobj:@light subj",
        "^dobj prep:@ pobj",
        "{noun}",
        Example("Glazer made a bid on Monday for Manchester United.", "Glazer", "bid for", "Manchester United"),
    ),
    ClausePattern(
        "event",
        "acl agent pobj",
        "acl prep:@ pobj",
        "{noun}",
        Example("Sanctions imposed by the United States on Iran were lifted.", "United States", "sanctioned", "Iran"),
    ),
    ClausePattern(
        "event",
        "compound compound hyphen",
        "compound hyphen",
        "{noun}",
        Example("The Russia-Ukraine summit was cancelled.", "Russia", "met", "Ukraine"),
        conjuncts=False,
    ),
    ClausePattern(
        "event",
        "nmod hyphen",
        "compound hyphen",
        "{noun}",
        Example("The Russia–Ukraine talks were cancelled.", "Russia", "held talks with", "Ukraine"),
        conjuncts=False,
    ),
)
