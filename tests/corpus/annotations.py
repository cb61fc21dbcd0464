"""Annotations of the test corpus: one spec per article, and the cross-article part.

Spans are written as text (see ``build_gold.py`` for the forms); ``build_gold.py`` turns them
into offsets. Ids are local to an article (``a1``, ``c1``, ``d1``); the corpus part refers to
them as ``"NN:id"``, NN being the article's two-digit number.
"""

from __future__ import annotations

from typing import Any


def A(
    id_: str,
    source: str,
    cue: Any,
    content: Any,
    kind: str = "indirect",
    stance: str = "assert",
    chain: list[Any] | None = None,
    **opt: Any,
) -> dict[str, Any]:
    """An attribution; ``chain`` is ``reported_by`` without the publisher (added)."""
    return {
        "id": id_,
        "source": source,
        "cue": cue,
        "content": content,
        "kind": kind,
        "stance": stance,
        "chain": chain or [],
        **opt,
    }


def C(id_: str, from_: str | None, type_: str, **args: Any) -> dict[str, Any]:
    """A claim; ``from_`` None marks the publisher's own statement (give ``evidence``)."""
    return {"id": id_, "from": from_, "type": type_, **args}


def D(
    id_: str, proposition: str, for_: list[str], against: list[str], **opt: Any
) -> dict[str, Any]:
    return {"id": id_, "proposition": proposition, "for": for_, "against": against, **opt}


def U(claim: str | None, evidence: Any, why: str) -> dict[str, Any]:
    return {"claim": claim, "why": why, "evidence": evidence}


F = "fatalities"
TC = "territorial_control"
PL = "person_location"

ARTICLES: list[dict[str, Any]] = []

# ------------------------------------------------------------------ 01 VNA, 3 March (Monday)
ARTICLES.append(
    dict(
        article="01-vna-2025-03-03-dargah-attack-repelled.txt",
        publisher="vna",
        date="2025-03-03",
        entities={
            "vna": ["VNA"],
            "tavrin": ["TAVRIN", "Tavrin"],
            "veshtar": ["Veshtar"],
            "veshtar-army": ["Government forces", "the armed forces"],
            "vlf": (
                ["Valley Liberation Front", "VLF", "militants", "The group"],
                "'militants' here are always VLF fighters",
            ),
            "dargah": ["Dargah"],
            "karsan": ["Karsan province", "Karsan valley"],
            "pirzan": ["Pirzan"],
            "veshtar-mod": ["Ministry of Defence", "the ministry"],
            "rauf-sadikov": ["Colonel Rauf Sadikov", "Sadikov"],
            "daler-karimov": (
                ["Karsan Governor Daler Karimov", "Governor Karimov"],
                "not the VLF leader Yusuf Karimov; the bare surname never occurs here",
            ),
            "yusuf-karimov": ["Yusuf Karimov"],
            "anvar-nazarov": ["Defence Minister Anvar Nazarov"],
        },
        attributions=[
            A(
                "a1",
                "veshtar-mod",
                "announced",
                "Government forces have repelled an attack by militants of the Valley Liberation Front "
                "(VLF) on Dargah, the administrative centre of Karsan province",
                date="2025-03-03",
            ),
            A(
                "a2",
                "rauf-sadikov",
                "told",
                "The terrorists attempted to break into the northern districts of the city overnight. "
                "They were met with decisive fire and retreated towards Pirzan,",
                kind="direct",
                recipient="reporters",
                date="2025-03-03",
            ),
            A(
                "a3",
                "rauf-sadikov",
                "told",
                "The situation in Dargah is fully under the control of the armed forces.",
                kind="direct",
                recipient="reporters",
                date="2025-03-03",
                note="quote continues after the cue sentence; same speaker as a2",
            ),
            A(
                "a4",
                "veshtar-mod",
                "According to",
                "more than 40 militants were killed in the fighting",
            ),
            A(
                "a5",
                "rauf-sadikov",
                ("said", "Sadikov said"),
                "Three servicemen died a heroic death and five were wounded",
            ),
            A(
                "a6",
                "daler-karimov",
                ("said", "Daler Karimov said"),
                "life in the city was returning to normal and that shops and markets would reopen on "
                "Tuesday",
                date="2025-03-03",
            ),
            A(
                "a7",
                "daler-karimov",
                "urged",
                "residents to stay calm and to report any suspicious persons to the police",
                kind="call",
            ),
            A(
                "a8",
                "officials (unnamed)",
                "stress",
                "Governor Karimov is not related to the militant leader",
            ),
            A(
                "a9",
                "anvar-nazarov",
                "warned",
                'any attempt to destabilise the province "will be suppressed by all lawful means"',
                note="reported speech with an embedded quote: indirect",
            ),
        ],
        claims=[
            C(
                "c1",
                "a1",
                TC,
                actor="veshtar-army",
                place="dargah",
                value=True,
                date="2025-03-03",
                note="attack repelled",
            ),
            C("c2", "a3", TC, actor="veshtar-army", place="dargah", value=True, date="2025-03-03"),
            C("c3", "a4", F, victim="vlf", count={"low": 41}, place="dargah", date="2025-03-03"),
            C(
                "c4",
                "a5",
                F,
                victim="veshtar-army",
                count={"best": 3},
                place="dargah",
                date="2025-03-03",
            ),
            C("c5", "a5", "injuries", victim="veshtar-army", count={"best": 5}, date="2025-03-03"),
        ],
    )
)

# ------------------------------------------------------------ 02 Voice of the Valley, 4 March
ARTICLES.append(
    dict(
        article="02-voiceofthevalley-2025-03-04-dargah-liberated.txt",
        publisher="voice-of-the-valley",
        date="2025-03-04",
        document_note="bare 'date' header: no publisher in it; the channel names itself in the "
        "first line of the body (or give it on ingest)",
        entities={
            "voice-of-the-valley": ["VOICE OF THE VALLEY"],
            "vlf": ["Valley Liberation Front", "the Front", "VLF"],
            "farid-massoud": ["Farid Massoud", "Massoud"],
            "dargah": ["Dargah"],
            "sangbur": ["Sangbur"],
            "kohna-bazaar": ["Kohna Bazaar"],
            "tavrin": ["Tavrin"],
            "veshtar-mod": (["the occupation ministry"], "the VLF's name for the defence ministry"),
            "yusuf-karimov": ["Commander Yusuf Karimov"],
            "veshtar-army": ["government soldiers", "the government army"],
        },
        attributions=[
            A(
                "a1",
                "farid-massoud",
                "announced",
                "Fighters of the Valley Liberation Front have liberated the northern half of Dargah and "
                "are advancing on the governor's compound",
                date="2025-03-04",
            ),
            A(
                "a2",
                "farid-massoud",
                ("said", "Massoud said"),
                "Our mujahids entered the Sangbur and Kohna Bazaar districts at dawn. The enemy fled, "
                "leaving weapons and vehicles behind,",
                kind="direct",
                channel="Telegram",
            ),
            A(
                "a3",
                "farid-massoud",
                ("said", "Massoud said"),
                "By tonight the flag of the valley will fly over the whole of Dargah.",
                kind="direct",
                channel="Telegram",
                note="quote continues after the cue sentence",
            ),
            A(
                "a4",
                "farid-massoud",
                "claimed",
                "dozens of government soldiers had been killed and more than 20 captured, among them an "
                "officer",
            ),
            A("a5", "farid-massoud", ("said", "He said the VLF"), "the VLF had lost four martyrs"),
            A(
                "a6",
                "veshtar-mod",
                "claims",
                "the attack had been repelled",
                chain=["farid-massoud"],
                date="2025-03-03",
                note="the ministry's claim (article 01) as the spokesman cites it",
            ),
            A(
                "a7",
                "farid-massoud",
                "dismissed as lies",
                "the claims of the occupation ministry in Tavrin that the attack had been repelled",
                stance="deny",
                responds_to="a6",
            ),
            A(
                "a8",
                "farid-massoud",
                ("said", 'ran," he said'),
                "They said the same in 2016, and then they ran,",
                kind="direct",
                note="'said' inside the quote is not a cue",
            ),
            A(
                "a9",
                "vlf",
                "according to",
                "Commander Yusuf Karimov visited the fighters in Sangbur on Monday night",
                note="'the statement' is the Front's own statement",
            ),
            A(
                "a10",
                "yusuf-karimov",
                "called on",
                "soldiers of the government army to lay down their weapons and return to their families",
                kind="call",
            ),
            A(
                "a11",
                "vlf",
                "urged",
                "the people of Dargah to stay in their homes and to keep away from army positions",
                kind="call",
            ),
        ],
        claims=[
            C(
                "c1",
                "a1",
                TC,
                actor="vlf",
                place="dargah",
                value=True,
                date="2025-03-04",
                note="northern half",
            ),
            C("c2", "a3", "intention", actor="vlf", action="take control", place="dargah"),
            C(
                "c3",
                "a4",
                F,
                victim="veshtar-army",
                count={"low": 24, "vague": "dozens"},
                period="2025-03-03/2025-03-04",
            ),
            C("c4", "a4", "captured", victim="veshtar-army", count={"low": 21}),
            C("c5", "a5", F, victim="vlf", count={"best": 4}, period="2025-03-03/2025-03-04"),
            C("c6", "a6", TC, actor="veshtar-army", place="dargah", value=True, date="2025-03-03"),
            C("c7", "a7", TC, actor="veshtar-army", place="dargah", value=False, date="2025-03-04"),
            C(
                "c8",
                "a9",
                PL,
                person="yusuf-karimov",
                place="sangbur",
                value=True,
                date="2025-03-03",
            ),
            C("c9", "a2", TC, actor="vlf", place="sangbur", value=True, date="2025-03-04"),
        ],
        disputes=[
            D(
                "d1",
                "Government forces repelled the VLF attack and hold Dargah (3-4 March)",
                ["c6"],
                ["c7"],
                also_against=["c1", "c9"],
            ),
        ],
    )
)

# ------------------------------------------------------------------- 03 Reuters, 5 March (Wed)
ARTICLES.append(
    dict(
        article="03-reuters-2025-03-05-rebels-claim-dargah.txt",
        publisher="reuters",
        date="2025-03-05",
        entities={
            "reuters": ["Reuters"],
            "tavrin": ["TAVRIN"],
            "vlf": ["Insurgents", "Valley Liberation Front", "VLF", "the group"],
            "dargah": ["Dargah"],
            "veshtar": ["Veshtar"],
            "karsan": ["Karsan province"],
            "veshtar-government": ["the government"],
            "farid-massoud": ["VLF spokesman Farid Massoud"],
            "veshtar-mod": ["Ministry of Defence", "The ministry"],
            "rauf-sadikov": ["Rauf Sadikov"],
            "sangbur": ["Sangbur"],
            "veshtar-army": ["government troops"],
            "dargah-hospital": ["Dargah Central Hospital"],
        },
        attributions=[
            A(
                "a1",
                "vlf",
                ("said", "Front said"),
                "they had taken control of most of Dargah, the capital of Veshtar's restive Karsan "
                "province",
                date="2025-03-05",
            ),
            A(
                "a2",
                "veshtar-government",
                "dismissed",
                "the claim",
                stance="deny",
                responds_to="a1",
                date="2025-03-05",
                note="'as propaganda'",
            ),
            A(
                "a3",
                "farid-massoud",
                ("told", "Massoud told"),
                "Dargah is ours. Only the governor's compound is still resisting, and it is surrounded,",
                kind="direct",
                recipient="reuters",
                channel="telephone",
                date="2025-03-05",
            ),
            A(
                "a4",
                "farid-massoud",
                ("said", "He said the group"),
                "the group's fighters had killed about 40 soldiers since Monday",
            ),
            A("a5", "veshtar-mod", "denied", "these reports", stance="deny", responds_to="a1"),
            A(
                "a6",
                "rauf-sadikov",
                ("said", "Sadikov said"),
                "Dargah has not fallen and will not fall,",
                kind="direct",
                channel="statement",
            ),
            A(
                "a7",
                "veshtar-mod",
                ("said", "when it said"),
                "three soldiers had been killed",
                date="2025-03-03",
            ),
            A(
                "a8",
                "residents (unnamed)",
                ("said", "telephone, said"),
                "armed men in green headbands had been patrolling their streets since Tuesday and that "
                "the police station had been set on fire",
                note="two residents of Sangbur",
            ),
            A(
                "a9",
                "resident (unnamed)",
                ("said", "city centre said"),
                "government troops still held the main square",
            ),
            A(
                "a10",
                "doctor (unnamed)",
                ("told", "Hospital told"),
                "At least 7 civilians, including two children, were killed on Tuesday when a shell hit a "
                "bus station",
                recipient="reuters",
                note="content before the cue; anonymous doctor",
            ),
        ],
        claims=[
            C(
                "c1",
                "a1",
                TC,
                actor="vlf",
                place="dargah",
                value=True,
                date="2025-03-05",
                note="most of Dargah",
            ),
            C("c2", "a5", TC, actor="vlf", place="dargah", value=False, date="2025-03-05"),
            C("c3", "a6", TC, actor="vlf", place="dargah", value=False, date="2025-03-05"),
            C("c4", "a2", TC, actor="vlf", place="dargah", value=False, date="2025-03-05"),
            C(
                "c5",
                "a4",
                F,
                victim="veshtar-army",
                count={"approx": 40},
                period="2025-03-03/2025-03-05",
            ),
            C("c6", "a7", F, victim="veshtar-army", count={"best": 3}, date="2025-03-03"),
            C(
                "c7",
                "a8",
                TC,
                actor="vlf",
                place="sangbur",
                value=True,
                period="2025-03-04/2025-03-05",
            ),
            C(
                "c8",
                "a9",
                TC,
                actor="veshtar-army",
                place="dargah",
                value=True,
                date="2025-03-05",
                note="the main square only",
            ),
            C(
                "c9",
                "a10",
                F,
                victim="civilians",
                count={"low": 7},
                place="dargah",
                date="2025-03-04",
            ),
            C("c10", "a3", TC, actor="vlf", place="dargah", value=True, date="2025-03-05"),
        ],
        disputes=[
            D(
                "d1",
                "The VLF controls (most of) Dargah (5 March)",
                ["c1", "c10"],
                ["c2", "c3", "c4"],
                also_against=["c8"],
            ),
        ],
        unanswered=[
            U(
                "c5",
                "The ministry did not give a figure for army casualties after Monday, when it said "
                "three soldiers had been killed.",
                "only the VLF gives a figure for army deaths after Monday",
            ),
        ],
    )
)

# ---------------------------------------------------------------- 04 Al Jazeera, 5 March (Wed)
ARTICLES.append(
    dict(
        article="04-aljazeera-2025-03-05-rebels-say-dargah-captured.txt",
        publisher="aljazeera",
        date="2025-03-05",
        document_note="bare 'date' header: no publisher in it; inferable from 'told Al Jazeera' "
        "and 'Al Jazeera was unable to ...' (or give it on ingest)",
        entities={
            "aljazeera": ["Al Jazeera"],
            "vlf": ["Rebels", "Valley Liberation Front", "VLF", "the group"],
            "veshtar": ["Veshtar"],
            "karsan": ["Karsan valley"],
            "dargah": ["Dargah"],
            "khoristan": ["Khoristan"],
            "farid-massoud": (["Farid Masood", "Masood"], "spelling variant of Farid Massoud"),
            "yusuf-karimov": (["Yousef Karimov"], "transliteration variant of Yusuf Karimov"),
            "veshtar-government": ["The government in Tavrin"],
            "tavrin": ["Tavrin"],
            "sardor-yuldashev": ["Interior Minister Sardor Yuldashev"],
            "nigora": ["Nigora"],
            "yalqut": ["Yalqut"],
            "rustam-karimov": (
                ["Rustam Karimov"],
                "father of Yusuf ('His son now leads the group')",
            ),
            "veshtar-army": ["government soldiers"],
        },
        attributions=[
            A(
                "a1",
                "vlf",
                "say",
                "they have captured most of the provincial capital, Dargah",
                date="2025-03-05",
            ),
            A(
                "a2",
                "farid-massoud",
                "told",
                "the group's fighters controlled \"everything except the governor's palace\" and had "
                "killed about 40 government soldiers",
                recipient="aljazeera",
                note="indirect speech with an embedded quote",
            ),
            A(
                "a3",
                "farid-massoud",
                ("said", "Masood said"),
                'The VLF\'s leader, Yousef Karimov, was "with the fighters in Dargah"',
            ),
            A("a4", "veshtar-government", "rejected", "the claim", stance="deny", responds_to="a1"),
            A(
                "a5",
                "sardor-yuldashev",
                ("said", "Yuldashev said"),
                '"the bandits" had been pushed out of the city centre and that security forces were '
                "clearing the northern outskirts",
                channel="state television",
                date="2025-03-05",
            ),
            A(
                "a6",
                "nigora",
                ("said", 'stop," said'),
                "We have not slept for three nights. The shelling does not stop,",
                kind="direct",
                note="speaker after the quote, with an appositive",
            ),
            A(
                "a7",
                "nigora",
                ("said", "She said"),
                "hundreds of families were sheltering in the village school and mosque",
            ),
        ],
        claims=[
            C("c1", "a1", TC, actor="vlf", place="dargah", value=True, date="2025-03-05"),
            C(
                "c2",
                "a2",
                TC,
                actor="vlf",
                place="dargah",
                value=True,
                date="2025-03-05",
                note="everything except the governor's palace",
            ),
            C(
                "c3",
                "a2",
                F,
                victim="veshtar-army",
                count={"approx": 40},
                period="2025-03-03/2025-03-05",
            ),
            C(
                "c4",
                "a3",
                PL,
                person="yusuf-karimov",
                place="dargah",
                value=True,
                date="2025-03-05",
            ),
            C("c5", "a4", TC, actor="vlf", place="dargah", value=False, date="2025-03-05"),
            C(
                "c6",
                "a5",
                TC,
                actor="vlf",
                place="dargah",
                value=False,
                date="2025-03-05",
                note="pushed out of the city centre",
            ),
            C(
                "c7",
                "a7",
                "displacement",
                count={"low": 200, "vague": "hundreds"},
                unit="families",
                place="yalqut",
            ),
        ],
        disputes=[
            D("d1", "The VLF controls (most of) Dargah (5 March)", ["c1", "c2"], ["c5", "c6"]),
        ],
    )
)

# -------------------------------------------------------------- 05 Karsan Herald, 6 March (Thu)
ARTICLES.append(
    dict(
        article="05-karsanherald-2025-03-06-hospital-overwhelmed.txt",
        publisher="karsan-herald",
        date="2025-03-06",
        entities={
            "karsan-herald": ["Karsan Herald", "the Herald"],
            "dargah": ["DARGAH", "Dargah"],
            "dargah-hospital": ["Dargah Central Hospital", "the hospital"],
            "leyla-sadykova": (["Leyla Sadykova"], "not Rauf Sadikov, the ministry spokesman"),
            "vlf": ["Valley Liberation Front", "VLF"],
            "sangbur": ["Sangbur"],
            "bahrom": ["Bahrom"],
            "kamol-ergashev": ["Deputy Governor Kamol Ergashev"],
            "daler-karimov": ["Governor Daler Karimov"],
            "karsan-red-crescent": ["Karsan branch of the Red Crescent"],
        },
        attributions=[
            A(
                "a1",
                "hospital staff (unnamed)",
                ("said", "staff said"),
                "Dargah Central Hospital has received between 12 and 15 bodies since fighting for the "
                "city began on Monday, most of them civilians",
                date="2025-03-06",
            ),
            A(
                "a2",
                "leyla-sadykova",
                ("said", "hospital, said"),
                "We are operating by torchlight. Yesterday we had 31 wounded, among them nine children.",
                kind="direct",
                note="appositive speaker, 'said:' then the quote",
            ),
            A(
                "a3",
                "leyla-sadykova",
                "added",
                "the hospital had run out of blood for transfusions and that two ambulances had been hit "
                "by gunfire",
            ),
            A(
                "a4",
                "bahrom",
                ("said", 'since," said'),
                "The VLF came on Monday night. Nobody has seen a policeman since,",
                kind="direct",
            ),
            A(
                "a5",
                "kamol-ergashev",
                "told",
                "the city administration was working normally",
                recipient="karsan-herald",
            ),
            A(
                "a6",
                "media (unnamed)",
                "reports",
                "a rebel takeover",
                chain=["kamol-ergashev"],
                note="what Ergashev calls 'a fantasy spread by foreign channels'",
            ),
            A(
                "a7",
                "kamol-ergashev",
                "told",
                'reports of a rebel takeover were "a fantasy spread by foreign channels"',
                stance="deny",
                responds_to="a6",
                recipient="karsan-herald",
                note="second statement under one cue",
            ),
            A(
                "a8",
                "karsan-red-crescent",
                ("said", "Red Crescent said"),
                "it had registered more than 3,000 people displaced from the northern districts",
            ),
            A(
                "a9",
                "karsan-red-crescent",
                "appealed for",
                "blankets and drinking water",
                kind="call",
            ),
        ],
        claims=[
            C(
                "c1",
                "a1",
                F,
                victim="civilians",
                count={"low": 12, "high": 15},
                place="dargah",
                period="2025-03-03/2025-03-06",
                note="bodies received, 'most of them civilians'",
            ),
            C("c2", "a2", "injuries", count={"best": 31}, place="dargah", date="2025-03-05"),
            C(
                "c3",
                "a4",
                TC,
                actor="vlf",
                place="sangbur",
                value=True,
                period="2025-03-03/2025-03-06",
            ),
            C(
                "c4",
                None,
                TC,
                actor="vlf",
                place="sangbur",
                value=True,
                date="2025-03-05",
                evidence="Our correspondent saw fighters wearing the green headbands of the Valley "
                "Liberation Front at checkpoints in the Sangbur district on Wednesday afternoon",
                note="the paper's own observation: narrator, not an attribution",
            ),
            C("c5", "a6", TC, actor="vlf", place="dargah", value=True),
            C("c6", "a7", TC, actor="vlf", place="dargah", value=False, date="2025-03-06"),
            C("c7", "a8", "displacement", count={"low": 3001}, place="dargah"),
        ],
        disputes=[
            D("d1", "Rebels have taken over Dargah (6 March)", ["c5"], ["c6"]),
        ],
    )
)

# ------------------------------------------------- 06 Ministry of Defence statement, 7 March
MOD = ["Ministry of Defence", "The Ministry"]
ARTICLES.append(
    dict(
        article="06-mod-2025-03-07-statement-dargah.txt",
        publisher="veshtar-mod",
        date="2025-03-07",
        document_note="no header: the ingested date is unknown; 7 March is in the statement's own "
        "second line. The publisher speaks of itself in the third person: those "
        "statements are attributions whose source is the publisher",
        entities={
            "veshtar-mod": MOD,
            "veshtar": ["VESHTAR", "Veshtar"],
            "tavrin": ["Tavrin"],
            "dargah": ["Dargah"],
            "brigade-4": ["4th Mountain Brigade"],
            "veshtar-army": ["The armed forces"],
            "vlf": ["VLF", "terrorist formations", "illegal armed formations"],
            "yusuf-karimov": ["Yusuf Karimov"],
            "khoristan": ["Republic of Khoristan"],
            "karsan-health-department": ["Karsan provincial health department"],
        },
        attributions=[
            A(
                "a1",
                "media (unnamed)",
                ("reports", "media reports"),
                "the city of Dargah has come under the control of terrorist formations",
            ),
            A(
                "a2",
                "veshtar-mod",
                "refutes",
                "media reports that the city of Dargah has come under the control of terrorist "
                "formations",
                stance="deny",
                responds_to="a1",
                date="2025-03-07",
            ),
            A(
                "a3",
                "veshtar-mod",
                "draws attention to",
                "the so-called leader of the VLF, Yusuf Karimov, left the territory of Veshtar on 4 March "
                "and is hiding in the neighbouring Republic of Khoristan, from where he sends his fighters "
                "to their deaths",
                date="2025-03-07",
            ),
            A("a4", "foreign media (unnamed)", "Reports", "mass civilian casualties in Dargah"),
            A(
                "a5",
                "veshtar-mod",
                "are not true",
                "Reports by certain foreign media about mass civilian casualties in Dargah",
                stance="deny",
                responds_to="a4",
                note="a denial without a verb of saying",
            ),
            A(
                "a6",
                "karsan-health-department",
                "According to",
                "four civilians have died since the start of the operation, all of them as a result of "
                "terrorist actions",
            ),
            A(
                "a7",
                "veshtar-mod",
                "calls on",
                "members of the illegal armed formations to surrender",
                kind="call",
            ),
        ],
        claims=[
            C("c1", "a1", TC, actor="vlf", place="dargah", value=True),
            C("c2", "a2", TC, actor="vlf", place="dargah", value=False, date="2025-03-07"),
            C(
                "c3",
                None,
                TC,
                actor="veshtar-army",
                place="dargah",
                value=True,
                date="2025-03-07",
                evidence="Units of the 4th Mountain Brigade control all entrances to the city",
            ),
            C(
                "c4",
                None,
                F,
                victim="vlf",
                count={"approx": 60},
                period="2025-03-03/2025-03-07",
                evidence="about 60 terrorists have been eliminated",
            ),
            C(
                "c5",
                None,
                "detained",
                victim="vlf",
                count={"best": 14},
                period="2025-03-03/2025-03-07",
                evidence="14 detained",
            ),
            C(
                "c6",
                None,
                F,
                victim="veshtar-army",
                count={"best": 5},
                period="2025-03-03/2025-03-07",
                evidence="The armed forces have lost five servicemen",
            ),
            C(
                "c7",
                "a3",
                PL,
                person="yusuf-karimov",
                place="khoristan",
                value=True,
                period="2025-03-04/2025-03-07",
            ),
            C("c8", "a4", F, victim="civilians", magnitude="mass", place="dargah", value=True),
            C("c9", "a5", F, victim="civilians", magnitude="mass", place="dargah", value=False),
            C(
                "c10",
                "a6",
                F,
                victim="civilians",
                count={"best": 4},
                place="dargah",
                period="2025-03-03/2025-03-07",
            ),
        ],
        disputes=[
            D("d1", "Dargah is under VLF control (7 March)", ["c1"], ["c2"], also_against=["c3"]),
            D("d2", "Mass civilian casualties in Dargah", ["c8"], ["c9"], also_against=["c10"]),
        ],
    )
)

# ----------------------------------------------------------------- 07 AFP, 8 March (Saturday)
ARTICLES.append(
    dict(
        article="07-afp-2025-03-08-karimov-video-denies-flight.txt",
        publisher="afp",
        date="2025-03-08",
        entities={
            "afp": ["AFP"],
            "tavrin": ["TAVRIN"],
            "veshtar": ["Veshtar"],
            "vlf": ["Valley Liberation Front", "VLF", "the group"],
            "yusuf-karimov": (
                ["Yusuf Karimov", "Karimov"],
                "the bare surname is safe here: no other Karimov is named",
            ),
            "khoristan": ["Khoristan"],
            "dargah": ["Dargah"],
            "qala-tv": ["Qala TV"],
            "veshtar-mod": ["defence ministry"],
            "khoristan-foreign-ministry": ["Khoristan's foreign ministry"],
            "veshtar-army": ["government troops"],
        },
        attributions=[
            A(
                "a1",
                "veshtar-government",
                "claims",
                "he had fled to neighbouring Khoristan",
                chain=["yusuf-karimov"],
                note="the claim Karimov denies; cf. 06:a3",
            ),
            A(
                "a2",
                "yusuf-karimov",
                "deny",
                "government claims that he had fled to neighbouring Khoristan",
                stance="deny",
                responds_to="a1",
                channel="video message",
                date="2025-03-08",
            ),
            A(
                "a3",
                "yusuf-karimov",
                ("said", "Karimov said"),
                "I am in the valley, among my brothers. Let those who say I ran away come to Dargah and "
                "look for me,",
                kind="direct",
                channel="video message",
                recipient="qala-tv",
                date="2025-03-08",
                note="'say' inside the quote is not a cue",
            ),
            A(
                "a4",
                "veshtar-mod",
                ("said", "ministry said"),
                "Karimov had crossed into Khoristan on March 4",
                date="2025-03-07",
                note="'on Friday' against the header date 2025-03-08 (Saturday)",
            ),
            A(
                "a5",
                "security official (unnamed)",
                ("told", "official told"),
                "intelligence services had tracked Karimov's satellite phone to a village on the "
                'Khoristan side of the border "as recently as Thursday"',
                recipient="afp",
                note="Thursday = 2025-03-06",
            ),
            A(
                "a6",
                "khoristan-foreign-ministry",
                ("said", "has said"),
                "it is not sheltering any members of the VLF",
            ),
            A(
                "a7",
                "residents (unnamed)",
                ("said", "residents said"),
                "Fighting continued in Dargah on Saturday",
                date="2025-03-08",
            ),
        ],
        claims=[
            C("c1", "a1", PL, person="yusuf-karimov", place="khoristan", value=True),
            C(
                "c2",
                "a2",
                PL,
                person="yusuf-karimov",
                place="khoristan",
                value=False,
                date="2025-03-08",
            ),
            C(
                "c3",
                "a3",
                PL,
                person="yusuf-karimov",
                place="karsan",
                value=True,
                date="2025-03-08",
                note="'in the valley'",
            ),
            C(
                "c4",
                "a4",
                PL,
                person="yusuf-karimov",
                place="khoristan",
                value=True,
                date="2025-03-04",
            ),
            C(
                "c5",
                "a5",
                PL,
                person="yusuf-karimov",
                place="khoristan",
                value=True,
                date="2025-03-06",
            ),
            C(
                "c6",
                "a6",
                PL,
                person="vlf",
                place="khoristan",
                value=False,
                note="no VLF member sheltered",
            ),
            C(
                "c7",
                "a7",
                "fighting_ongoing",
                sides=["vlf", "veshtar-army"],
                place="dargah",
                value=True,
                date="2025-03-08",
            ),
            C(
                "c8",
                None,
                F,
                victim="all",
                count={"low": 71},
                period="2025-03-01/2025-03-08",
                evidence="An AFP tally based on figures from both sides and the local hospital puts the "
                "death toll from the past week at more than 70",
                note="the publisher's own tally",
            ),
        ],
        disputes=[
            D(
                "d1",
                "Yusuf Karimov is in Khoristan",
                ["c1", "c4", "c5"],
                ["c2", "c3"],
                also_against=["c6"],
            ),
        ],
    )
)

# --------------------------------------------------------------- 08 KhorPress, 9 March (Sunday)
ARTICLES.append(
    dict(
        article="08-khorpress-2025-03-09-refugees-tosh-bulak.txt",
        publisher="khorpress",
        date="2025-03-09",
        entities={
            "khorpress": ["KhorPress"],
            "samarand": ["SAMARAND"],
            "veshtar": ["Veshtar"],
            "khoristan": ["Khoristan"],
            "tosh-bulak": ["Tosh Bulak"],
            "khoristan-border-committee": ["State Border Committee"],
            "ilhom-nurov": ["Committee spokesman Ilhom Nurov"],
            "karsan": ["Karsan valley"],
            "kengsoy": ["Kengsoy"],
            "khoristan-foreign-ministry": ["Foreign Ministry"],
            "gulnora-rahimova": ["Gulnora Rahimova", "Rahimova"],
            "veshtar-mod": ["Veshtar Ministry of Defence"],
            "vlf": ["Valley Liberation Front"],
            "yusuf-karimov": ([], "only as 'the leader of the Valley Liberation Front'"),
            "tavrin": ["Tavrin"],
            "dargah": ["Dargah"],
            "davron-sattorov": ["Emergencies Minister Davron Sattorov"],
        },
        attributions=[
            A(
                "a1",
                "khoristan-border-committee",
                "announced",
                "More than 2,000 citizens of Veshtar have crossed into Khoristan through the Tosh Bulak "
                "checkpoint since the beginning of the week",
                date="2025-03-09",
            ),
            A(
                "a2",
                "ilhom-nurov",
                ("said", "Nurov said"),
                "Most of the arrivals are women, children and elderly people from the Karsan valley",
            ),
            A(
                "a3",
                "veshtar-mod",
                "allegations",
                "the leader of the Valley Liberation Front is hiding on Khoristan's territory",
                chain=["gulnora-rahimova"],
                note="the claim Rahimova rejects; cf. 06:a3",
            ),
            A(
                "a4",
                "gulnora-rahimova",
                "rejected",
                "allegations by the Veshtar Ministry of Defence that the leader of the Valley Liberation "
                "Front is hiding on Khoristan's territory",
                stance="deny",
                responds_to="a3",
            ),
            A(
                "a5",
                "gulnora-rahimova",
                ("said", "Rahimova said"),
                "Khoristan does not give shelter to armed people of any side. Such statements from Tavrin "
                "are unfounded and do not help to resolve the crisis,",
                kind="direct",
                channel="weekly briefing",
            ),
            A(
                "a6",
                "gulnora-rahimova",
                ("said", "She said"),
                "the border was closed to anyone carrying weapons",
            ),
            A(
                "a7",
                "gulnora-rahimova",
                "called on",
                "both sides to cease hostilities and to open humanitarian corridors for civilians leaving "
                "Dargah",
                kind="call",
            ),
            A("a8", "gulnora-rahimova", "added", "Khoristan was ready to host talks"),
            A(
                "a9",
                "davron-sattorov",
                ("said", "Saturday, said"),
                'the republic could take in "several thousand more" people',
            ),
            A(
                "a10",
                "davron-sattorov",
                "warned",
                "international help would be needed if the fighting dragged on",
            ),
        ],
        claims=[
            C(
                "c1",
                "a1",
                "displacement",
                count={"low": 2001},
                place="khoristan",
                period="2025-03-03/2025-03-09",
                note="crossed at Tosh Bulak",
            ),
            C("c2", "a3", PL, person="yusuf-karimov", place="khoristan", value=True),
            C(
                "c3",
                "a4",
                PL,
                person="yusuf-karimov",
                place="khoristan",
                value=False,
                date="2025-03-09",
            ),
            C(
                "c4",
                "a5",
                PL,
                person="vlf",
                place="khoristan",
                value=False,
                note="no shelter for armed people",
            ),
        ],
        disputes=[
            D("d1", "The VLF leader is hiding in Khoristan", ["c2"], ["c3"], also_against=["c4"]),
        ],
    )
)

# ------------------------------------------------------------ 09 OCHA, 10 March (Monday)
ARTICLES.append(
    dict(
        article="09-ocha-2025-03-10-flash-update-karsan.txt",
        publisher="ocha",
        date="2025-03-10",
        entities={
            "ocha": ["OCHA"],
            "geneva": ["GENEVA"],
            "dargah": ["Dargah"],
            "karsan": ["Karsan province"],
            "yalqut": ["Yalqut"],
            "khoristan-government": ["Government of Khoristan"],
            "tosh-bulak": ["Tosh Bulak"],
            "maria-lindqvist": ["Maria Lindqvist"],
            "veshtar": ["Veshtar"],
        },
        attributions=[
            A(
                "a1",
                "local health authorities (unnamed)",
                "according to",
                "At least 23 civilians, including seven children, have been killed and more than 60 "
                "injured in Dargah and surrounding villages since fighting erupted on 3 March",
                note="cue after the content",
            ),
            A(
                "a2",
                "khoristan-government",
                "reports",
                "more than 2,000 people have crossed the border at Tosh Bulak",
            ),
            A(
                "a3",
                "maria-lindqvist",
                ("said", 'mosques," said'),
                "Civilians are paying the heaviest price. Hospitals are running out of supplies, water "
                "pumping stations have been damaged, and families are sleeping in schools and mosques,",
                kind="direct",
                note="speaker after the quote, with a long appositive",
            ),
            A(
                "a4",
                "maria-lindqvist",
                ("said", 'mosques," said'),
                "I call on all parties to respect international humanitarian law and to allow safe "
                "passage for civilians who wish to leave.",
                kind="direct",
                note="quote continues after the cue sentence; a call made in direct speech",
            ),
            A(
                "a5",
                "humanitarian partners (unnamed)",
                "warned",
                "stocks of food in Yalqut would last less than a week",
            ),
        ],
        claims=[
            C(
                "c1",
                "a1",
                F,
                victim="civilians",
                count={"low": 23},
                place="dargah",
                period="2025-03-03/2025-03-10",
            ),
            C(
                "c2",
                "a1",
                "injuries",
                victim="civilians",
                count={"low": 61},
                place="dargah",
                period="2025-03-03/2025-03-10",
            ),
            C(
                "c3",
                None,
                "displacement",
                count={"approx": 15000},
                place="karsan",
                evidence="About 15,000 people are estimated to have been displaced within Karsan province",
            ),
            C(
                "c4",
                "a2",
                "displacement",
                count={"low": 2001},
                place="khoristan",
                period="2025-03-03/2025-03-10",
            ),
            C(
                "c5",
                None,
                "fighting_ongoing",
                place="dargah",
                value=True,
                date="2025-03-09",
                evidence="access to the northern districts remained impossible because of ongoing "
                "fighting",
            ),
        ],
    )
)

# ------------------------------------------------------------ 10 Reuters, 12 March (Wednesday)
ARTICLES.append(
    dict(
        article="10-reuters-2025-03-12-army-says-dargah-retaken.txt",
        publisher="reuters",
        date="2025-03-12",
        entities={
            "reuters": ["Reuters"],
            "tavrin": ["TAVRIN"],
            "veshtar-army": (
                ["Veshtar's army", "The army", "government forces"],
                "'Veshtar' is named only inside 'Veshtar's army'",
            ),
            "dargah": ["Dargah"],
            "vlf": ["Valley Liberation Front", "VLF", "rebels", "the group"],
            "hamid-massoud": (
                ["Colonel Hamid Massoud", "Colonel Massoud"],
                "army colonel; not the VLF spokesman Farid Masood/Massoud",
            ),
            "brigade-4": ["4th Mountain Brigade"],
            "farid-massoud": (["VLF spokesman Farid Masood"], "spelling variant of Farid Massoud"),
            "sangbur": ["Sangbur"],
            "veshtar-mod": ["defence ministry"],
        },
        attributions=[
            A(
                "a1",
                "veshtar-army",
                ("said", "army said"),
                "it had regained full control of Dargah after nine days of fighting",
                date="2025-03-12",
            ),
            A(
                "a2",
                "vlf",
                "rejected",
                "a claim",
                stance="deny",
                responds_to="a1",
                date="2025-03-12",
                note="the denied claim is the clause before it",
            ),
            A(
                "a3",
                "vlf",
                "saying",
                "its fighters had only withdrawn from positions in the city's north to spare civilians",
            ),
            A(
                "a4",
                "hamid-massoud",
                "told",
                "The operation in Dargah is complete. The city is fully under the control of government "
                "forces,",
                kind="direct",
                recipient="reporters",
            ),
            A(
                "a5",
                "hamid-massoud",
                ("said", 'He said "hundreds'),
                '"hundreds" of rebels had been killed or wounded and 37 had surrendered',
            ),
            A(
                "a6",
                "farid-massoud",
                "denied",
                "Dargah had been lost",
                stance="deny",
                responds_to="a1",
            ),
            A(
                "a7",
                "farid-massoud",
                "tweeted",
                "Our fighters have left the north of the city in an organised manner. The war for Dargah "
                "is not over,",
                kind="direct",
                channel="Twitter",
                date="2025-03-11",
                note="'on Tuesday night' against the header date 2025-03-12 (Wednesday)",
            ),
            A(
                "a8",
                "farid-massoud",
                ("said", "He said the group"),
                "the group had lost about 20 fighters since March 3",
            ),
            A(
                "a9",
                "residents (unnamed)",
                ("said", "Wednesday, said"),
                "army units and police had returned to the area and that they had not seen rebel fighters "
                "since Monday",
                date="2025-03-12",
                note="three residents of Sangbur",
            ),
            A("a10", "veshtar-mod", "gave", "a toll of five", date="2025-03-07"),
        ],
        claims=[
            C("c1", "a1", TC, actor="veshtar-army", place="dargah", value=True, date="2025-03-12"),
            C("c2", "a4", TC, actor="veshtar-army", place="dargah", value=True, date="2025-03-12"),
            C(
                "c3",
                "a6",
                TC,
                actor="veshtar-army",
                place="dargah",
                value=False,
                date="2025-03-11",
                note="'Dargah had not been lost'",
            ),
            C(
                "c4",
                "a3",
                "withdrawal",
                actor="vlf",
                place="dargah",
                value=True,
                date="2025-03-11",
                note="from the north of the city",
            ),
            C(
                "c5",
                "a5",
                "casualties",
                victim="vlf",
                count={"low": 200, "vague": "hundreds"},
                note="killed or wounded",
            ),
            C("c6", "a5", "surrendered", victim="vlf", count={"best": 37}),
            C("c7", "a8", F, victim="vlf", count={"approx": 20}, period="2025-03-03/2025-03-11"),
            C("c8", "a9", TC, actor="veshtar-army", place="sangbur", value=True, date="2025-03-12"),
            C(
                "c9",
                None,
                TC,
                actor="veshtar-army",
                place="dargah",
                value=True,
                date="2025-03-12",
                evidence="A Reuters photographer saw soldiers clearing debris on the main square.",
                note="the publisher's own observation",
            ),
            C(
                "c10",
                "a10",
                F,
                victim="veshtar-army",
                count={"best": 5},
                period="2025-03-03/2025-03-07",
            ),
        ],
        disputes=[
            D("d1", "Government forces control Dargah (11-12 March)", ["c1", "c2"], ["c3"]),
            D(
                "d2",
                "The VLF lost hundreds of fighters",
                ["c5"],
                ["c7"],
                note="'killed or wounded' against 'lost' (killed): not strictly one measure",
            ),
        ],
        unanswered=[
            U(
                None,
                "The army has not said how many of its soldiers were killed since March 7, when "
                "the defence ministry gave a toll of five.",
                "no army toll after 7 March",
            ),
        ],
    )
)

# ------------------------------------------------------------- 11 VNA, 13 March (Thursday)
ARTICLES.append(
    dict(
        article="11-vna-2025-03-13-governor-returns-dargah.txt",
        publisher="vna",
        date="2025-03-13",
        entities={
            "vna": ["VNA"],
            "dargah": ["DARGAH", "Dargah"],
            "daler-karimov": (
                ["Karsan Governor Daler Karimov", "the governor"],
                "not Yusuf Karimov, who is named in the same article",
            ),
            "hamid-massoud": ["Colonel Hamid Massoud"],
            "vlf": ["VLF", "militants"],
            "veshtar": ["Veshtar"],
            "samarand": ["Samarand"],
            "otabek-mirzaev": ["Otabek Mirzaev"],
            "khoristan-border-guards": ["Khoristan border guards"],
            "yusuf-karimov": ["Yusuf Karimov"],
            "pirzan": ["Pirzan"],
            "governor-press-office": ["governor's press office"],
        },
        attributions=[
            A(
                "a1",
                "daler-karimov",
                "promised",
                "damaged homes in the northern districts would be rebuilt at state expense by the autumn",
                date="2025-03-13",
            ),
            A(
                "a2",
                "daler-karimov",
                "told",
                "The bandits have been driven out. Dargah is free,",
                kind="direct",
                recipient="residents",
                date="2025-03-13",
            ),
            A(
                "a3",
                "daler-karimov",
                ("said", "He said electricity"),
                "electricity and mobile internet would be restored across the city by Saturday",
            ),
            A(
                "a4",
                "hamid-massoud",
                "According to",
                'seven soldiers were killed and 19 wounded in the fighting for the city, while "hundreds" '
                "of militants were eliminated",
            ),
            A(
                "a5",
                "yusuf-karimov",
                "claims",
                "to have moved his headquarters to Pirzan, 40 kilometres up the valley",
                chain=["khoristan-border-guards", "otabek-mirzaev"],
                date="2025-03-12",
                note="nested: VNA reports that Mirzaev said, citing Khoristan border guards, that "
                "Karimov claims ...; 'on Wednesday' against the header date (Thursday)",
            ),
            A(
                "a6",
                "foreign news channels (unnamed)",
                "spread rumours",
                "fighting is still going on in Dargah",
            ),
            A(
                "a7",
                "governor-press-office",
                "refuted",
                "these reports",
                stance="deny",
                responds_to="a6",
            ),
            A(
                "a8",
                "governor-press-office",
                "saying",
                "the city was calm and the curfew would be lifted on Monday",
            ),
        ],
        claims=[
            C("c1", "a2", TC, actor="veshtar-army", place="dargah", value=True, date="2025-03-13"),
            C(
                "c2",
                "a4",
                F,
                victim="veshtar-army",
                count={"best": 7},
                place="dargah",
                period="2025-03-03/2025-03-12",
            ),
            C("c3", "a4", "injuries", victim="veshtar-army", count={"best": 19}, place="dargah"),
            C(
                "c4",
                "a4",
                F,
                victim="vlf",
                count={"low": 200, "vague": "hundreds"},
                place="dargah",
                period="2025-03-03/2025-03-12",
            ),
            C(
                "c5",
                "a5",
                "headquarters_location",
                actor="vlf",
                place="pirzan",
                value=True,
                date="2025-03-12",
            ),
            C("c6", "a6", "fighting_ongoing", place="dargah", value=True, date="2025-03-13"),
            C("c7", "a7", "fighting_ongoing", place="dargah", value=False, date="2025-03-13"),
            C(
                "c8",
                "a8",
                "fighting_ongoing",
                place="dargah",
                value=False,
                date="2025-03-13",
                note="'the city was calm'",
            ),
        ],
        disputes=[
            D("d1", "Fighting is still going on in Dargah (13 March)", ["c6"], ["c7", "c8"]),
        ],
        unanswered=[
            U(
                "c4",
                "The VLF has not commented on its losses.",
                "only the army gives a figure for VLF deaths",
            ),
        ],
    )
)

# -------------------------------------------------- 12 Voice of the Valley, 14 March (Friday)
ARTICLES.append(
    dict(
        article="12-voiceofthevalley-2025-03-14-karimov-message.txt",
        publisher="voice-of-the-valley",
        date="2025-03-14",
        entities={
            "voice-of-the-valley": ["Voice of the Valley"],
            "pirzan": ["PIRZAN", "Pirzan"],
            "vlf": ["Valley Liberation Front", "the Front"],
            "yusuf-karimov": ["Yusuf Karimov", "the commander"],
            "dargah": ["Dargah"],
            "karsan": (["Karsan"], "in the quote: the province"),
            "farid-massoud": (
                ["Spokesman Farid Masood", "Masood"],
                "spelling variant of Farid Massoud",
            ),
            "yalqut": ["Yalqut"],
            "veshtar-army": (
                ["occupation army", "government troops"],
                "'occupation army': VLF usage",
            ),
            "veshtar-government": (["The regime"], "VLF usage"),
            "otabek-mirzaev": ([], "only as 'the regime's ambassador in Samarand'"),
            "samarand": ["Samarand"],
        },
        attributions=[
            A(
                "a1",
                "media (unnamed)",
                "reports",
                "he had been wounded in an air strike",
                chain=["yusuf-karimov"],
            ),
            A(
                "a2",
                "yusuf-karimov",
                "dismissing",
                "media reports that he had been wounded in an air strike",
                stance="deny",
                responds_to="a1",
                date="2025-03-13",
            ),
            A(
                "a3",
                "yusuf-karimov",
                "addressed",
                "I am alive and well, and I am where I have always been: in Karsan, with my people. The "
                "enemy counts our martyrs every day, and every day they get the number wrong.",
                kind="direct",
                channel="Telegram",
                note="a quote paragraph with no cue of its own: it continues the cue sentence before it",
            ),
            A(
                "a4",
                "yusuf-karimov",
                ("-", '." - Yusuf'),
                "The valley will never kneel. Dargah will be ours again.",
                kind="direct",
                channel="Telegram",
                note='the "..." - Name form: the dash is the cue',
            ),
            A(
                "a5",
                "yusuf-karimov",
                ("said", "the commander said"),
                "more than 100 soldiers of the occupation army had been killed in two weeks of fighting "
                "and that the Front's losses did not exceed 25 martyrs",
                channel="Telegram",
                date="2025-03-13",
                note="recorded on Thursday, published on Friday",
            ),
            A(
                "a6",
                "farid-massoud",
                ("said", "Masood said the"),
                "the Front's fighters had repelled an attack by government troops on the village of "
                "Yalqut on Thursday, killing between 12 and 15 soldiers",
            ),
            A(
                "a7",
                "otabek-mirzaev",
                "claims",
                "its headquarters had moved to Pirzan",
                chain=["vlf"],
                note="the VLF's account of 11:a5, where the ambassador only relays border guards",
            ),
            A(
                "a8",
                "vlf",
                "refuted",
                "claims by the regime's ambassador in Samarand that its headquarters had moved to Pirzan",
                stance="deny",
                responds_to="a7",
            ),
            A(
                "a9",
                "farid-massoud",
                ("said", 'stands," Masood said'),
                "Our headquarters is wherever our commander stands,",
                kind="direct",
            ),
        ],
        claims=[
            C("c1", "a1", "person_wounded", person="yusuf-karimov", value=True),
            C("c2", "a2", "person_wounded", person="yusuf-karimov", value=False, date="2025-03-13"),
            C(
                "c3",
                "a3",
                PL,
                person="yusuf-karimov",
                place="karsan",
                value=True,
                date="2025-03-13",
            ),
            C(
                "c4",
                "a5",
                F,
                victim="veshtar-army",
                count={"low": 101},
                period="2025-03-01/2025-03-13",
            ),
            C("c5", "a5", F, victim="vlf", count={"high": 25}, period="2025-03-01/2025-03-13"),
            C(
                "c6",
                "a6",
                F,
                victim="veshtar-army",
                count={"low": 12, "high": 15},
                place="yalqut",
                date="2025-03-13",
            ),
            C("c7", "a7", "headquarters_location", actor="vlf", place="pirzan", value=True),
            C(
                "c8",
                "a8",
                "headquarters_location",
                actor="vlf",
                place="pirzan",
                value=False,
                date="2025-03-14",
            ),
        ],
        disputes=[
            D("d1", "Yusuf Karimov was wounded in an air strike", ["c1"], ["c2"]),
            D("d2", "The VLF headquarters moved to Pirzan", ["c7"], ["c8"]),
        ],
        unanswered=[
            U(
                "c6",
                "The regime has not commented on its losses in Yalqut.",
                "only the VLF gives a figure for the Yalqut fight",
            ),
        ],
    )
)

# --------------------------------------------------- 13 AP, 15 March (no header: date unknown)
ARTICLES.append(
    dict(
        article="13-ap-2025-03-15-dargah-two-weeks.txt",
        publisher="ap",
        date="2025-03-15",
        document_note="no header; 'TAVRIN, Veshtar (AP) -' is an in-body dateline. The ingested date "
        "is unknown, so 'on Saturday' cannot be resolved from the text",
        entities={
            "ap": ["AP"],
            "tavrin": ["TAVRIN"],
            "veshtar": ["Veshtar"],
            "dargah": ["Dargah"],
            "khoristan": ["Khoristan"],
            "veshtar-army": ["The army"],
            "vlf": ["Valley Liberation Front", "VLF", "the rebels", "the movement"],
            "reuters": ["Reuters"],
            "aljazeera": ["Al Jazeera"],
            "farid-massoud": (["Farid Massoud"], "also 'a VLF spokesman', 'the group's spokesman'"),
            "veshtar-mod": ["The Defence Ministry"],
            "united-nations": ["The United Nations"],
            "erkin-valiev": ["Erkin Valiev"],
            "conflict-monitor": ["Central Asia Conflict Monitor"],
            "almaty": ["Almaty"],
            "yusuf-karimov": (
                ["Yusuf Karimov", "the rebel leader"],
                "the bare surname is avoided: three Karimovs in one article",
            ),
            "rustam-karimov": (
                ["Rustam Karimov"],
                "'His father': Yusuf's father, a different person",
            ),
            "daler-karimov": ["Governor Daler Karimov"],
        },
        attributions=[
            A("a1", "veshtar-army", ("says", "army says"), "it has held the city since March 11"),
            A("a2", "vlf", "insists", "it withdrew rather than lost"),
            A(
                "a3",
                "farid-massoud",
                ("reported", "Reuters, citing"),
                "the rebels held most of the city",
                chain=["reuters"],
                date="2025-03-05",
                note="'Reuters, citing a VLF spokesman': the spokesman is Farid Massoud (named later)",
            ),
            A(
                "a4",
                "farid-massoud",
                ("reported", "Al Jazeera, citing"),
                'they controlled "everything except the governor\'s palace"',
                chain=["aljazeera"],
                date="2025-03-05",
                note="same original source as a3: corroboration that is not independent",
            ),
            A(
                "a5",
                "veshtar-mod",
                ("says", "Ministry says"),
                "about 60 militants were killed in the first five days alone",
            ),
            A("a6", "vlf", "claimed", "more than 100 government soldiers died"),
            A(
                "a7",
                "local health authorities (unnamed)",
                "according to",
                "at least 23 civilians killed",
                chain=["united-nations"],
                note="nested: AP <- the UN counts <- according to local health authorities",
            ),
            A(
                "a8",
                "erkin-valiev",
                ("said", 'hide it," said'),
                "Nobody knows the real number, and both sides have reasons to hide it,",
                kind="direct",
            ),
            A(
                "a9",
                "veshtar-government",
                "claims",
                "he fled to Khoristan",
                chain=["yusuf-karimov"],
            ),
            A(
                "a10",
                "yusuf-karimov",
                "denied",
                "government claims that he fled to Khoristan",
                stance="deny",
                responds_to="a9",
            ),
            A(
                "a11",
                "daler-karimov",
                "told",
                "reconstruction would begin next week",
                recipient="ap",
                note="'on Saturday': no header date to resolve it against",
            ),
            A(
                "a12",
                "daler-karimov",
                ("said", "he said:"),
                "That man is a criminal, and he will answer before a court.",
                kind="direct",
            ),
        ],
        claims=[
            C(
                "c1",
                "a1",
                TC,
                actor="veshtar-army",
                place="dargah",
                value=True,
                period="2025-03-11/2025-03-15",
            ),
            C("c2", "a2", "withdrawal", actor="vlf", place="dargah", value=True),
            C("c3", "a3", TC, actor="vlf", place="dargah", value=True, date="2025-03-05"),
            C("c4", "a4", TC, actor="vlf", place="dargah", value=True, date="2025-03-05"),
            C("c5", "a5", F, victim="vlf", count={"approx": 60}, period="2025-03-03/2025-03-07"),
            C(
                "c6",
                "a6",
                F,
                victim="veshtar-army",
                count={"low": 101},
                period="2025-03-01/2025-03-14",
            ),
            C("c7", "a7", F, victim="civilians", count={"low": 23}, place="dargah"),
            C("c8", "a9", PL, person="yusuf-karimov", place="khoristan", value=True),
            C("c9", "a10", PL, person="yusuf-karimov", place="khoristan", value=False),
            C(
                "c10",
                None,
                F,
                victim="all",
                count={"low": 24, "vague": "dozens"},
                place="dargah",
                period="2025-03-01/2025-03-15",
                evidence="Two weeks of fighting for the city of Dargah have left dozens of people dead",
            ),
        ],
        disputes=[
            D("d1", "Yusuf Karimov fled to Khoristan", ["c8"], ["c9"]),
        ],
    )
)

# ------------------------------------------------------------------------------ cross-article
CORPUS: dict[str, Any] = {
    "disputes": [
        D(
            "x1",
            "The VLF controlled (most of) Dargah, 4-7 March",
            [
                "02:c1",
                "02:c7",
                "03:c1",
                "03:c10",
                "04:c1",
                "04:c2",
                "05:c5",
                "06:c1",
                "13:c3",
                "13:c4",
            ],
            [
                "01:c1",
                "01:c2",
                "02:c6",
                "03:c2",
                "03:c3",
                "03:c4",
                "04:c5",
                "04:c6",
                "05:c6",
                "06:c2",
                "06:c3",
            ],
            also_against=["03:c8"],
            note="control of a town claimed and denied across articles and days; 01 is dated 3 "
            "March, before the VLF says it entered",
        ),
        D(
            "x2",
            "Government forces control Dargah again, 11-13 March",
            ["10:c1", "10:c2", "11:c1", "13:c1"],
            ["10:c3"],
            note="the VLF's own 'withdrawal' (10:c4, 13:c2) concedes most of it",
        ),
        D(
            "x3",
            "Yusuf Karimov is in Khoristan, 4-13 March",
            ["06:c7", "07:c1", "07:c4", "07:c5", "08:c2", "13:c8"],
            ["07:c2", "07:c3", "08:c3", "08:c4", "12:c3", "13:c9"],
            also_against=["04:c4", "07:c6"],
        ),
        D(
            "x4",
            "The VLF headquarters moved to Pirzan",
            ["11:c5", "12:c7"],
            ["12:c8"],
            note="12:c7 is the VLF's version of 11:c5 (a nested report, not the ambassador's own "
            "claim)",
        ),
        D(
            "x5",
            "Government forces lost dozens of soldiers or more, 3-14 March",
            ["02:c3", "03:c5", "04:c3", "12:c4", "13:c6"],
            ["06:c6", "10:c10", "11:c2"],
            also_against=["01:c4", "03:c6"],
            note="casualty figures that disagree",
        ),
        D(
            "x6",
            "More than 40 VLF fighters were killed, 3-12 March",
            ["01:c3", "06:c4", "11:c4", "13:c5"],
            ["10:c7", "12:c5"],
            also_against=["02:c5"],
            note="10:c5 counts killed or wounded and is left out",
        ),
        D(
            "x7",
            "Civilian deaths in Dargah go beyond the ministry's four",
            ["03:c9", "05:c1", "06:c8", "09:c1", "13:c7"],
            ["06:c9", "06:c10"],
        ),
    ],
    "corroborations": [
        {
            "id": "k1",
            "proposition": "The VLF held most of Dargah on 5 March",
            "claims": ["03:c1", "03:c10", "04:c1", "04:c2", "13:c3", "13:c4"],
            "independent": False,
            "shared_source": "farid-massoud",
            "note": "Reuters (03) and Al Jazeera (04) both rest on the VLF spokesman; AP (13) says so",
        },
        {
            "id": "k2",
            "proposition": "VLF fighters were in the Sangbur district, 4-6 March",
            "claims": ["02:c9", "03:c7", "05:c3", "05:c4"],
            "independent": True,
            "note": "the VLF's claim, residents reached by Reuters, a pharmacist and the Herald's own "
            "correspondent: separate witnesses",
        },
        {
            "id": "k3",
            "proposition": "More than 2,000 people crossed into Khoristan at Tosh Bulak",
            "claims": ["08:c1", "09:c4"],
            "independent": False,
            "shared_source": "khoristan-government",
            "note": "the State Border Committee (via KhorPress) and the Government of Khoristan (via "
            "OCHA) are one government's figure",
        },
        {
            "id": "k4",
            "proposition": "Government forces were back in Dargah and Sangbur by 12 March",
            "claims": ["10:c1", "10:c2", "10:c8", "10:c9", "11:c1"],
            "independent": True,
            "note": "residents and a Reuters photographer confirm the army's claim independently",
        },
        {
            "id": "k5",
            "proposition": "At least 23 civilians were killed",
            "claims": ["09:c1", "13:c7"],
            "independent": False,
            "shared_source": "local health authorities (unnamed)",
            "note": "AP's UN figure is OCHA's figure from local health authorities",
        },
        {
            "id": "k6",
            "proposition": "Yusuf Karimov is in Khoristan",
            "claims": ["06:c7", "07:c4", "07:c5", "08:c2"],
            "independent": False,
            "shared_source": "veshtar-mod",
            "note": "07:c4 and 08:c2 relay the ministry's statement (06); 07:c5 is an anonymous "
            "Veshtar security official: another voice of the same side, not independent",
        },
    ],
    "responses": [
        {"from": "02:a7", "to": ["01:a1"], "note": "VLF rejects the ministry's 'attack repelled'"},
        {"from": "06:a2", "to": ["02:a1", "03:a1", "04:a1"]},
        {"from": "07:a2", "to": ["06:a3"]},
        {"from": "08:a4", "to": ["06:a3"]},
        {"from": "13:a10", "to": ["06:a3"]},
        {"from": "10:a6", "to": ["10:a1"], "note": "local; listed for completeness"},
        {"from": "12:a8", "to": ["11:a5"], "note": "denies a garbled version of 11:a5"},
    ],
}
