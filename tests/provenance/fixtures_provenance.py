"""Fixture texts for provenance tests, written for these tests (a fictional story)."""

from __future__ import annotations

import random
import re

ORIGINAL = """Harbor ferry strike halts crossings as talks with Calder Marine collapse
By Jane Okafor
PORT WELLING, Norland (AP) — Ferry crews walked off the job at dawn on Tuesday, stranding about 18,000 daily commuters after wage negotiations with the operator Calder Marine broke down late on Monday night.

The Maritime Workers Guild said its 640 members would stay on strike until the company restored the overtime rates it cut in March, when fuel prices pushed the operator into its third straight quarterly loss.

Calder Marine chief executive Tomas Reyer called the walkout reckless and said the company had offered a 4.5 percent raise spread over two years, which the guild rejected within an hour.

Long lines formed at the Eastgate bus terminal as city transport officials added 35 extra coaches along the coastal highway, turning a twelve-minute crossing into a trip of nearly two hours.

Mayor Ines Vadaro urged both sides to accept mediation from the regional labour board and warned that hospitals on Kestrel Island depend on the morning boats for night-shift nurses and fresh medical supplies.

Guild secretary Milan Oduya said crews had worked double shifts through the winter storms without extra pay and that morale on the boats had never been lower in his nineteen years at the harbor.

Economists at the Norland Chamber of Commerce estimated that each day without ferries costs island businesses roughly 2.3 million crowns in lost trade, with restaurants and fish markets hit hardest.

The last harbor strike, in 2009, lasted eleven days and ended only after the national government threatened to take over the ferry licence and run the service with navy crews.

Talks are scheduled to resume on Thursday at the labour board offices in Welling, a spokesperson for the board said, adding that neither side had yet agreed to binding arbitration.

Reyer said the company would publish its full offer online so that commuters could judge it for themselves, while Oduya promised daily pickets at all four piers until a deal is signed."""

UNRELATED_SAME_TOPIC = """Island businesses count the cost as ferry dispute drags on
Shop owners on Kestrel Island say the ferry strike in Port Welling has emptied their streets, with tourists cancelling weekend bookings and delivery vans stuck on the mainland.

At the fish market near the north pier, trader Ana Bellisco said her sales had fallen by two thirds since the walkout began and that she had thrown away crates of unsold catch.

The Maritime Workers Guild and Calder Marine traded accusations in separate radio interviews, each blaming the other for the collapse of talks and for the hardship facing island residents.

Hotel managers said the regional tourism office had promised emergency grants, but no money had arrived and several small guesthouses were considering closing until the summer season.

Hospital administrators on the island arranged a helicopter shuttle for night-shift nurses, paid for by a local charity, after the mayor asked the navy for help and was turned down.

Some residents have begun hiring private fishing boats to cross the strait, a practice the harbor master warned was unsafe in winter weather and possibly illegal for paying passengers.

A survey by the island council found that most households supported the ferry crews, although support had fallen as the strike entered its second week without any sign of a deal.

Local teachers reported that pupils who live on the mainland had missed classes for days, and the education office said it would allow remote lessons until crossings resume.

Council leader Piet Amsel said the island needed a second operator so that one company and one union could never again cut it off from the rest of the country.

Calder Marine said it remained open to talks but would not reinstate the old overtime rates, which it described as unaffordable after a year of record fuel prices and falling traffic."""

#: stop-word swaps that break 5-word shingles but keep content words and their order, the way
#: a round trip through another language does
_SWAPS = {"the": "this", "of": "from", "in": "into", "to": "for", "and": "with", "a": "one",
          "on": "at", "was": "is", "its": "their", "had": "has", "would": "will", "said": "declared"}


def machine_translated(text: str) -> str:
    """A crude MT round trip: function words swapped, a broken hyphenated token, a stray period
    before a lower-case word, and a translation disclosure at the end."""
    out = re.sub(r"\b(\w+)\b", lambda m: _SWAPS.get(m.group(1), m.group(1)), text)
    out = out.replace("Tuesday,", "Tuesday. in the morning,").replace("2.3 million", "2. 3 million")
    out = out.replace("night-shift", "night- shift").replace("By Jane Okafor\n", "")
    out = out.replace("(AP) ", "")
    return out + ("\n\nThis news is transmitted automatically and translated by programmatic "
                  "technology, not by a human editor.")


def rewrite(text: str, seed: int = 3) -> str:
    """Paragraphs shuffled and about a third of the sentences dropped."""
    rnd = random.Random(seed)
    paras = text.split("\n\n")[1:]
    rnd.shuffle(paras)
    kept = []
    for p in paras:
        sents = re.split(r"(?<=[.!?])\s+(?=[A-Z])", p)
        keep = [s for s in sents if rnd.random() > 0.3] or sents[:1]
        kept.append(" ".join(keep))
    return "\n\n".join(kept)


def first_half(text: str) -> str:
    paras = text.split("\n\n")
    return "\n\n".join(paras[: len(paras) // 2 + 1])
