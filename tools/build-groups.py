#!/usr/bin/env python3
"""build-groups.py: writes data/groups.tsv, Dateline's built-in list of groups, from ../shared/gazetteer.

    tools/build-groups.py [SHARED_GAZETTEER_DIR] > data/groups.tsv

The same columns as data/gazetteer.tsv (id kind name country parents population names), one
group a line: id is the group's key (its name folded), kind one of igo, bank, armed, party,
government, company. Names after the display name are other names and acronyms; one starting with "?" is weak (a
common word, or a short acronym of an armed group or party) and counts only where the story
names the group otherwise too.

Sources (see data/NOTICE): the groups listed below are facts (names and acronyms of
international organisations, central banks, armed groups, companies and government bodies
that news names most); Petrarch2's Phoenix dictionaries (MIT) add armed groups and
international organisations; PartyFacts (MIT) adds parties that won 20% or more of a vote
(their names, not their acronyms, which mean other things elsewhere); the S&P 500 list
(datasets/s-and-p-500-companies, PDDL 1.0) adds companies.
"""
import csv
import os
import re
import sys
import unicodedata

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from foldkey import fold  # noqa: E402  (the key lib/gazetteer.c computes, from data/fold.tsv)
from commonwords import common, common_words  # noqa: E402

SRC = sys.argv[1] if len(sys.argv) > 1 else os.path.join(
    os.path.dirname(__file__), '..', '..', 'shared', 'gazetteer')

# name: (kind, other names)
KNOWN = {
    'United Nations': ('igo', ['UN', 'U.N.']),
    'UN Security Council': ('igo', ['Security Council', 'U.N. Security Council']),
    'European Union': ('igo', ['EU', 'E.U.']),
    'European Community': ('igo', ['EC', 'EEC', 'European Economic Community', 'Common Market']),
    'European Commission': ('igo', ['EC Commission', 'E.C. Commission', 'EEC Commission',
                                    'European Community Commission',
                                    'Commission of the European Communities',
                                    'Commission of the European Community']),
    'International Monetary Fund': ('igo', ['IMF']),
    'World Bank': ('igo', ['International Bank for Reconstruction and Development']),
    'Organization of Petroleum Exporting Countries': ('igo', ['OPEC']),
    'North Atlantic Treaty Organization': ('igo', ['NATO', 'North Atlantic Alliance']),
    'World Trade Organization': ('igo', ['WTO']),
    'General Agreement on Tariffs and Trade': ('igo', ['GATT']),
    'Organisation for Economic Co-operation and Development': (
        'igo', ['OECD', 'Organization for Economic Cooperation and Development']),
    'Arab League': ('igo', ['League of Arab States']),
    'African Union': ('igo', ['AU', 'Organisation of African Unity', 'OAU']),
    'Association of Southeast Asian Nations': ('igo', ['ASEAN']),
    'International Committee of the Red Cross': ('igo', ['ICRC', 'Red Cross']),
    'UN High Commissioner for Refugees': ('igo', ['UNHCR', 'UN refugee agency']),
    'World Health Organization': ('igo', ['WHO']),
    'International Atomic Energy Agency': ('igo', ['IAEA']),
    'UN Relief and Works Agency': ('igo', ['UNRWA', 'United Nations Relief and Works Agency']),
    'Group of Seven': ('igo', ['G7', 'G-7']),
    'Group of Eight': ('igo', ['G8', 'G-8']),
    'Group of 20': ('igo', ['G20', 'G-20']),
    'Gulf Cooperation Council': ('igo', ['GCC']),
    'International Energy Agency': ('igo', ['IEA']),
    'International Coffee Organization': ('igo', ['ICO']),
    'International Cocoa Organization': ('igo', ['ICCO']),
    'Asian Development Bank': ('igo', ['ADB']),
    'African Development Bank': ('igo', ['AfDB', 'ADB Africa']),
    'International Tin Council': ('igo', ['ITC']),
    'UN Conference on Trade and Development': ('igo', [
        'UNCTAD', 'United Nations Conference on Trade and Development']),
    'Food and Agriculture Organization': ('igo', ['FAO', 'UN Food and Agriculture Organization']),
    'International Natural Rubber Organization': ('igo', ['INRO']),
    'International Wheat Council': ('igo', ['IWC']),
    'International Development Association': ('igo', ['IDA']),
    'European Investment Bank': ('igo', ['EIB']),
    'European Free Trade Association': ('igo', ['EFTA']),
    'Council for Mutual Economic Assistance': ('igo', ['Comecon', 'CMEA']),
    'Bank for International Settlements': ('igo', ['BIS']),
    'International Labour Organization': ('igo', ['ILO', 'International Labor Organization']),
    'International Air Transport Association': ('igo', ['IATA']),
    'International Sugar Organization': ('igo', ['ISO', 'International Sugar Agreement']),
    'Organization of Arab Petroleum Exporting Countries': ('igo', ['OAPEC']),
    'International Wool Textile Organisation': ('igo', ['IWTO']),
    'Economic Commission for Africa': ('igo', ['ECA']),
    'European Coal and Steel Community': ('igo', ['ECSC']),
    'Multifibre Arrangement': ('igo', ['MFA', 'Multi-Fibre Arrangement']),
    'European Central Bank': ('bank', ['ECB']),
    'Federal Reserve': ('bank', ['Fed', 'Federal Reserve Board', 'U.S. Federal Reserve']),
    'Bundesbank': ('bank', ['Deutsche Bundesbank']),
    'Bank of England': ('bank', ['BoE']),
    'Bank of Japan': ('bank', ['BOJ']),
    'Bank of France': ('bank', ['Banque de France']),
    'Bank of Canada': ('bank', []),
    'Swiss National Bank': ('bank', ['SNB']),
    "People's Bank of China": ('bank', ['PBOC']),
    'Reserve Bank of India': ('bank', ['RBI']),
    'Central Bank of Russia': ('bank', ['Bank of Russia']),
    'Islamic State': ('armed', ['IS', 'ISIS', 'ISIL', 'Daesh', 'Islamic State of Iraq and the Levant',
                                'Islamic State of Iraq and Syria']),
    'al Qaeda': ('armed', ['al-Qaeda', 'al-Qaida', 'al Qaida', 'Al Qaeda']),
    'al Qaeda in the Arabian Peninsula': ('armed', ['AQAP']),
    'Taliban': ('armed', ['the Taliban']),
    'Hamas': ('armed', ['Islamic Resistance Movement']),
    'Hezbollah': ('armed', ['Hizbollah', 'Hizballah', 'Hizbullah']),
    'Islamic Jihad': ('armed', ['Palestinian Islamic Jihad']),
    'al Shabaab': ('armed', ['al-Shabaab', 'Shabaab', 'al Shabab', 'al-Shabab']),
    'Boko Haram': ('armed', []),
    "Kurdistan Workers' Party": ('armed', ['PKK', 'Kurdistan Workers Party']),
    "People's Protection Units": ('armed', ['YPG']),
    'Free Syrian Army': ('armed', ['FSA']),
    'Nusra Front': ('armed', ['al-Nusra Front', 'Jabhat al-Nusra']),
    'Revolutionary Armed Forces of Colombia': ('armed', ['FARC']),
    'ETA': ('armed', ['Basque separatist group ETA']),
    'Irish Republican Army': ('armed', ['IRA']),
    'Houthis': ('armed', ['Houthi', 'Ansarallah']),
    'Palestine Liberation Organization': ('armed', ['PLO']),
    'Fatah': ('party', []),
    'Muslim Brotherhood': ('party', []),
    'Khmer Rouge': ('armed', []),
    'Tamil Tigers': ('armed', ['LTTE', 'Liberation Tigers of Tamil Eelam']),
    'Securities and Exchange Commission': ('government', ['SEC']),
    'Federal Aviation Administration': ('government', ['FAA']),
    'Pentagon': ('government', ['U.S. Defense Department', 'Department of Defense']),
    'Agriculture Department': ('government', ['U.S. Agriculture Department', 'USDA',
                                              'Department of Agriculture']),
    'Commerce Department': ('government', ['Department of Commerce']),
    'Treasury': ('government', ['U.S. Treasury', 'Treasury Department']),
    'State Department': ('government', ['U.S. State Department']),
    'Congress': ('government', ['U.S. Congress']),
    'Kremlin': ('government', []),
    'Nuclear Regulatory Commission': ('government', ['NRC']),
    'Ministry of International Trade and Industry': ('government', ['MITI']),
    'Metropolitan Police': ('government', ['Scotland Yard']),
    'Supreme Council of the Armed Forces': ('government', ['SCAF']),
    'Reuters': ('company', []),
    'General Motors': ('company', ['GM', 'General Motors Corp']),
    'Ford Motor': ('company', ['Ford Motor Co', 'Ford']),
    'International Business Machines': ('company', ['IBM', 'IBM Corp']),
    'Lehman Brothers': ('company', ['Lehman Brothers Holdings', 'Lehman']),
    'Bank of America': ('company', []),
    'Merrill Lynch': ('company', []),
    'Tokyo Electric Power': ('company', ['TEPCO', 'Tokyo Electric Power Co']),
    'Deutsche Bank': ('company', []),
    'New York Stock Exchange': ('company', ['NYSE']),
    'British Airways': ('company', []),
    'Charlie Hebdo': ('company', []),
    'Senate': ('government', ['U.S. Senate']),
    'House of Representatives': ('government', ['U.S. House of Representatives']),
    'White House': ('government', []),
    'Federal Bureau of Investigation': ('government', ['FBI']),
    'Central Intelligence Agency': ('government', ['CIA']),
    'State Department': ('government', ['U.S. State Department', 'Department of State']),
    'Justice Department': ('government', ['U.S. Justice Department', 'Department of Justice']),
    'European Parliament': ('igo', []),
    # government bodies and media that news names bare
    'Supreme Court': ('government', ['U.S. Supreme Court']),
    'Environmental Protection Agency': ('government', ['EPA', 'U.S. Environmental Protection Agency']),
    'Department of Homeland Security': ('government', ['Homeland Security Department', 'DHS']),
    'National Security Agency': ('government', ['NSA']),
    'Internal Revenue Service': ('government', ['IRS']),
    'Food and Drug Administration': ('government', ['FDA', 'U.S. Food and Drug Administration']),
    'Federal Emergency Management Agency': ('government', ['FEMA']),
    'Federal Communications Commission': ('government', ['FCC']),
    'National Aeronautics and Space Administration': ('government', ['NASA']),
    'Bureau of Alcohol, Tobacco, Firearms and Explosives': (
        'government', ['ATF', 'BATF', 'Bureau of Alcohol, Tobacco and Firearms']),
    'Secret Service': ('government', ['U.S. Secret Service']),
    'Electoral College': ('government', []),
    'Congressional Budget Office': ('government', ['CBO']),
    'Cable News Network': ('company', ['CNN']),
    'CNBC': ('company', []),
    'MSNBC': ('company', []),
    'NBC News': ('company', ['NBC']),
    'CBS News': ('company', ['CBS']),
    'ABC News': ('company', []),
    'Fox News': ('company', ['Fox News Channel']),
    'New York Times': ('company', ['The New York Times']),
    'Washington Post': ('company', ['The Washington Post']),
    'Wall Street Journal': ('company', ['The Wall Street Journal']),
    'Los Angeles Times': ('company', []),
    'Boston Globe': ('company', ['The Boston Globe']),
    'Politico': ('company', []),
    'Axios': ('company', []),
    'Getty Images': ('company', []),
    'State Duma': ('government', ['Duma']),
    'Bundestag': ('government', []),
    'Organization for Security and Cooperation in Europe': (
        'igo', ['OSCE', 'Organisation for Security and Cooperation in Europe',
                'Organization for Security and Co-operation in Europe']),
    # short forms of parties, not the words for their members ("Democrats")
    'Conservative Party': ('party', ['Tories']),
    'Labour Party': ('party', ['Labour']),
    'Democratic Party': ('party', []),
    'Republican Party': ('party', ['GOP']),
    'Likud': ('party', []),
    'Interfax': ('company', []),
    'Itar-Tass': ('company', ['Tass', 'ITAR-TASS']),
    'Xinhua': ('company', ['Xinhua News Agency']),
    'Agence France-Presse': ('company', ['AFP']),
    'Associated Press': ('company', ['AP']),
    'British Broadcasting Corporation': ('company', ['BBC']),
    'Google': ('company', ['Google Inc', 'Alphabet Inc']),
    'Microsoft': ('company', ['Microsoft Corp']),
    'Facebook': ('company', ['Facebook Inc']),
    'Twitter': ('company', ['Twitter Inc']),
}
ORG_WORDS = re.compile(r'\b(ORGANI[SZ]ATION|UNION|BANK|FUND|COUNCIL|COMMISSION|AGENCY|NATIONS|'
                       r'LEAGUE|ASSOCIATION|COMMITTEE|FEDERATION|PROGRAMME|PROGRAM|COURT|'
                       r'INSTITUTE|FORUM|COMMUNITY|TRIBUNAL|PARTY|FRONT|ARMY|BRIGADES?|'
                       r'MOVEMENT|FORCES|GROUP)\b')




def title(s):
    """PETRARCH's ABU_NIDAL_ORGANIZATION as Abu Nidal Organization."""
    words = s.replace('_', ' ').strip().split()
    if len(words) > 1 and words[0] == 'THE':
        words = words[1:]
    small = {'of', 'the', 'for', 'and', 'in', 'on', 'al', 'el', 'de', 'la'}
    out = []
    for i, w in enumerate(words):
        lw = w.lower()
        out.append(lw if i and lw in small else lw[:1].upper() + lw[1:])
    return ' '.join(out)


class Group:
    def __init__(self, name, kind):
        self.name, self.kind, self.names = name, kind, []


def petrarch(path, org_only):
    """Entries: a first line NAME_ [CODE], then +SYNONYM lines. Yields (name, synonyms)."""
    entry = None
    with open(path, encoding='utf-8', errors='replace') as f:
        for raw in f:
            line = raw.split('#')[0].rstrip()
            if not line.strip():
                continue
            if line[0] in ' \t':
                continue
            if line.startswith('+'):
                if entry:
                    entry[1].append(line[1:].split('[')[0].strip(' _'))
                continue
            if entry:
                yield entry
            name = line.split('[')[0].strip(' _')
            org = ORG_WORDS.search(name.replace('_', ' '))
            entry = (name, []) if name and (not org_only or org) else None
    if entry:
        yield entry


def place_keys():
    """The folded names of data/gazetteer.tsv's places (build it first: a group's name that is
    a place's is left out)."""
    with open(os.path.join(os.path.dirname(__file__), '..', 'data', 'gazetteer.tsv'),
              encoding='utf-8') as f:
        return {fold(line.split('\t')[2]) for line in f}


DESIGNATOR = re.compile(r',?\s+(Inc\.?|Incorporated|Corp\.?|Corporation|Co\.?|Company|plc|PLC|'
                        r'Ltd\.?|Limited|N\.V\.|Holdings|Group|L\.P\.)$')


def sp500(path, known):
    """The S&P 500 companies, (name, other names): the name as the list writes it ("Apple
    Inc.", its class in brackets left out), and without its designators ("Apple"), weak when it
    is one word (it counts where the story names the company otherwise too). A company is left out where the list of facts has it, and where its name has
    no designator and is a common word or phrase or a place ("Amazon", "Best Buy"): nothing in
    a story could tell it from the word."""
    try:
        f = open(path, encoding='utf-8')
    except OSError:
        return
    words = common_words()
    places = place_keys()
    seen = set()
    with f:
        for row in csv.DictReader(f):
            name = re.sub(r'\s*\(.*?\)$', '', row['Security'].replace('\u2013', '-')).strip()
            short = name
            while DESIGNATOR.search(short):
                short = DESIGNATOR.sub('', short)
            if not short or fold(name) in known or fold(short) in known or fold(name) in seen:
                continue
            seen.add(fold(name))
            if short == name and (common(name, words) or fold(name) in places):
                continue
            # one word without the designator is weak: "Dow" is the index as often, "Nasdaq"
            # the market
            yield name, ([short] if ' ' in short else ['?' + short]) if short != name else []


def main():
    groups = {}

    def add(name, kind, others):
        key = fold(name)
        if len(key) < 2:
            return
        g = groups.get(key)
        if not g:
            g = groups[key] = Group(name, kind)
        for o in others:
            o = o.strip()
            if o and o != g.name and o not in g.names and '|' not in o:
                g.names.append(o)

    for name, (kind, others) in KNOWN.items():
        add(name, kind, others)
    known_keys = set(groups)
    # a name another source lists that is another name of a group above is that group, listed
    # once: Phoenix's "Security Council" is the UN Security Council, not an entry that shadows
    # it (its other names are not taken: Phoenix files persons as names of armed groups)
    known_names = known_keys | {fold(o) for _, others in KNOWN.values() for o in others}
    for name, syns in petrarch(os.path.join(SRC, 'petrarch2-phoenix',
                                            'Phoenix.MilNonState.actors.txt'), False):
        # "ADEN_ABYAN_ISLAMIC_ARMY_(AAIA)": the acronym in brackets is another name
        m = re.match(r'(.*?)_*\(([A-Z0-9]{2,8})\)_*$', name)
        others = [title(s) for s in syns]
        if m:
            name = m.group(1)
            others.append(m.group(2))
        if len(name.split('_')) >= 2 and fold(title(name)) not in known_names:
            add(title(name), 'armed', others)
    for name, syns in petrarch(os.path.join(SRC, 'petrarch2-phoenix',
                                            'Phoenix.International.actors.txt'), True):
        if len(name.split('_')) >= 2 and fold(title(name)) not in known_names:
            add(title(name), 'igo', [title(s) for s in syns if len(s) > 3])
    for name, others in sp500(os.path.join(SRC, 'sp500', 'constituents.csv'), known_names):
        add(name, 'company', others)
    with open(os.path.join(SRC, 'partyfacts', 'partyfacts-core-parties.csv'),
              encoding='utf-8') as f:
        for row in csv.DictReader(f):
            try:
                share = float(row['share'] or 0)
            except ValueError:
                share = 0
            name = (row['name_english'] or '').split(' / ')[0].strip()
            if share < 20 or len(name.split()) < 2 or fold(name) in known_names:
                continue
            # party acronyms are left out: SDF is a party in Cameroon and a militia in Syria
            add(name, 'party', [])
    # Other names that are a place's name are no name of a group (Direct Action's "GREECE");
    # one word that is a common word ("Foundation" of El Rukn; the names listed above, written
    # for news, keep theirs: "Fed"), or a name of an armed group or party under 3 letters (AN,
    # CA, IS), is marked "?": it counts only where the story confirms it.
    places = place_keys()
    words = common_words()
    out = sys.stdout
    for key in sorted(groups):
        g = groups[key]
        names = []
        for n in g.names:
            if fold(n) in places:
                continue
            if n.startswith('?'):  # weak already (a company's name without its designator)
                names.append(n)
                continue
            short = len(fold(n)) < 3 and g.kind in ('armed', 'party')
            word = ' ' not in n.strip() and common(n, words) and key not in known_keys
            names.append('?' + n if word or short else n)
        out.write('\t'.join([key, g.kind, g.name, '', '', '0', '|'.join(names)]) + '\n')


if __name__ == '__main__':
    main()
