"""Build features/data/attribution/outlets.txt: outlet names for outlet-citation detection.

Names come from the ``source`` field of allsides-baly2020 (publisher names only, no article
text), cleaned of AllSides suffixes ("- News", "(Online)") and of columnists' personal names,
plus a short hand-written list of international outlets seen in wire copy.

    python benchmarks/attribution/build_outlets.py [/work/shared/datasets]
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "features" / "data" / "attribution" / "outlets.txt"

#: Words that mark a name as an outlet rather than a person (kept if any token is one of these).
OUTLET_WORDS = {
    "news", "times", "post", "journal", "tribune", "herald", "gazette", "daily", "telegraph",
    "guardian", "observer", "chronicle", "express", "mail", "star", "sun", "today", "magazine",
    "review", "wire", "press", "insider", "report", "monitor", "standard", "independent",
    "register", "examiner", "dispatch", "inquirer", "mirror", "radio", "tv", "network", "media",
    "week", "economist", "atlantic", "nation", "beast", "caller", "blaze", "hill", "vox", "salon",
    "spectator", "politico", "axios", "slate", "bloomberg", "reuters", "cnbc", "cnn", "npr",
    "bbc", "abc", "cbs", "nbc", "msnbc", "pbs", "fox", "vice", "wired", "verge", "quartz",
    "intercept", "mediaite", "townhall", "newsmax", "breitbart", "reason", "jacobin", "globe",
    "fortune", "forbes", "buzzfeed", "huffpost", "newsweek", "propublica", "snopes", "yahoo",
    "cnet", "esquire", "bustle", "gizmodo", "jezebel", "quillette", "grist", "marketwatch",
    "infowars", "epoch", "signal", "free", "beacon", "bulletin", "sentinel", "courant", "record",
    "ledger", "republic", "enquirer", "statesman", "advocate", "online",
}

#: International outlets that wire copy cites, not in the AllSides list.
EXTRA = """Korea Herald|Korea Times|Korea JoongAng Daily|JoongAng Ilbo|Chosun Ilbo|Dong-A Ilbo
Yonhap|KCNA|Rodong Sinmun|NK News|Daily NK|Asia Times|South China Morning Post|Global Times
Xinhua|People's Daily|China Daily|CGTN|Nikkei|Nikkei Asia|Kyodo|Japan Times|NHK|Asahi Shimbun
Yomiuri Shimbun|Mainichi|Times of India|Hindustan Times|The Hindu|NDTV|Dawn|Al Jazeera
Al Arabiya|Haaretz|Times of Israel|Jerusalem Post|Arab News|Gulf News|TASS|RIA Novosti|Interfax
RT|Sputnik|Izvestia|Kommersant|Vedomosti|Meduza|Novaya Gazeta|Kyiv Independent|Kyiv Post
Ukrainska Pravda|Le Monde|Le Figaro|Liberation|Der Spiegel|Spiegel|Die Welt|Bild|Frankfurter Allgemeine
Süddeutsche Zeitung|Die Zeit|El País|El Mundo|La Repubblica|Corriere della Sera|ANSA|EFE
Financial Times|The Times|Sunday Times|The Sun|Daily Telegraph|The Telegraph|The Independent
Daily Mail|Mail on Sunday|Daily Express|Daily Mirror|Sky News|ITV News|Channel 4 News|BBC
Deutsche Welle|DW|France 24|Euronews|Radio Free Europe|Radio Free Asia|Voice of America|VOA
Associated Press|AP|Reuters|AFP|Agence France-Presse|Bloomberg|Bloomberg News|Dow Jones
Wall Street Journal|New York Times|Washington Post|Los Angeles Times|USA Today|The Guardian
The Economist|Newsweek|Time|Forbes|Fox News|CNN|NBC News|ABC News|CBS News|MSNBC|NPR|PBS
Politico|Axios|The Hill|Vox|Slate|Business Insider|Insider|The Atlantic|The New Yorker
Semafor|The Information|CNBC|Yahoo News|Breitbart|Daily Caller|Daily Wire|The Blaze|Newsmax
One America News|OAN|Epoch Times|Gateway Pundit|Zero Hedge|ZeroHedge|InfoWars"""


#: Publisher names in the AllSides list that are not news outlets or are too ambiguous as words.
DROP = {"AL", "Center - Major Media Sources", "FAIR", "Mic", "Medium", "Heavy", "NASA", "AARP",
        "ACLU", "GLAAD", "PACE", "TED", "Liberation", "Volante", "USAPP", "Gallup", "Wikipedia",
        "Oxford University Press", "Scriberr Media - Opinion/Editorial", "theunion", "Freakonomics",
        "Cook Report", "Independent Institute", "Reason Foundation", "Erraticus", "Metrocosm"}


def clean(name: str) -> str | None:
    """An outlet name without AllSides' suffixes, or None for a person/columnist."""
    name = re.sub(r"\s*\((?:[^)]*)\)\s*$", "", name.strip())
    name = re.sub(r"\s+-\s+(?:News|Opinion|Editorial|Left|Right|Center)\s*$", "", name)
    name = re.sub(r"\.com$", "", name).strip()
    if not name or name.lower().startswith("guest writer") or "," in name:
        return None
    tokens = re.findall(r"[A-Za-z0-9!']+", name.lower())
    if len(tokens) >= 2 and not any(t in OUTLET_WORDS for t in tokens):
        return None  # two title-case words and no outlet word: most likely a columnist
    return name


def main(argv: list[str]) -> int:
    datasets = Path(argv[1]) if len(argv) > 1 else Path("/work/shared/datasets")
    df = pd.read_parquet(datasets / "allsides-baly2020" / "allsides_articles.parquet",
                         columns=["source"])
    names = {n for n in (clean(s) for s in df["source"].dropna().unique()) if n and n not in DROP}
    names.update(x.strip() for line in EXTRA.splitlines() for x in line.split("|") if x.strip())
    header = [
        "# News outlets, one name a line, for outlet-citation detection (\"according to X\").",
        "# Provenance: the `source` (publisher name) field of allsides-baly2020",
        "# (github.com/ramybaly/Article-Bias-Prediction, Apache-2.0), cleaned of AllSides suffixes",
        "# and of columnists' names, plus a hand-written list of international outlets.",
        "# Built by: python benchmarks/attribution/build_outlets.py",
    ]
    OUT.write_text("\n".join(header + sorted(names, key=str.lower)) + "\n", encoding="utf-8")
    print(f"wrote {len(names)} outlets to {OUT}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
