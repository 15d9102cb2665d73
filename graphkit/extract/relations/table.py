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
    of, 's, ...    that word, in any case
  `?` makes an element optional, `|` gives alternatives, `@label` names the element: `@subject` is the
  person, any other label on an ORG names a relation "<role> <label>" from the person to it.

- CLAUSES are read from the dependency parse: a trigger word, then the path from it to the subject and to the
  object. Triggers: `verb` (a lemma in verbs.tsv), `reciprocal` (its reciprocal verbs), `judging` (its verbs that
  judge a party by its act, cues.tsv: "condemned Russia's invasion" condemns Russia), `speaking` (a speaking
  verb of cues.tsv, listed in verbs.tsv or not), `role` (a title),
  `affiliation` and `event` (nouns in nouns.tsv). Path steps, applied left to right:
    subj           the subject of the verb (through relative pronouns, coordination, "agreed to meet")
    dep            children attached by that dependency (dobj, pobj, dative, poss, conj, ...)
    dep:w1|w2      only children that are one of these words (prep:to|with)
    dep:@          only children that are one of the trigger verb's prepositions (verbs.tsv: "offer" -> to)
    ^dep           the head, when the token is attached to it by that dependency (^attr: from "member" to "is")
    ^dep:w1|w2     only a head whose lemma is one of these words (^dobj:hold|have: "held talks", "had talks");
                   ^dep:@light: one of the light verbs of cues.tsv ("made a bid for", "imposed sanctions on")
    hyphen         only tokens joined to a neighbour by a hyphen or a dash ("the Russia-Ukraine summit")
  For an event noun, `dep:@` are the noun's prepositions (nouns.tsv: "visit" -> to, "takeover" -> of).
  Name templates: {verb} the verb's relation name, {noun} the noun's, {role} the title. A verb names the
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
        "PERSON@subject , the|a? ORG@of 's? ROLE",
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
