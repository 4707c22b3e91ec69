#!/usr/bin/env python3
"""build-gazetteer.py: writes data/gazetteer.tsv, Dateline's built-in gazetteer, from ../shared/gazetteer.

    tools/build-gazetteer.py [SHARED_GAZETTEER_DIR] > data/gazetteer.tsv

One place a line, sorted by id, tab-separated:
    id  kind  name  country  parents  population  names  [until  territory]
id: continents "@af", regions and features a slug ("middle-east"), countries their ISO 3166
alpha-2 code in lower case ("sy"), historical states "h-" and a slug ("h-ussr"), first-level
regions the GeoNames admin1 code ("sy.07"), cities "g" and the GeoNames id ("g170794").
kind: continent, region, country, historical, admin1, city, capital (a country's), feature, town
(a small town, named only with its region or country after it: "Selma, Alabama"). parents: ids, comma-
separated (a city's region, a region's country, a country's continent and regions). names:
|-separated spellings after the display name; a name starting with "~" is an adjective
(Syrian), which points to a place more weakly than its name; one starting with "!" is
used only in datelines (N.J.). Historical states add their
last day (YYYYMMDD) and territory (ids of countries or first-level regions).

An alternate name of a city is kept only where it can only mean that city (see borrowed()):
that needs Debian's word list (apt-get install wamerican) and ../shared/corpora.

Cities are those of 100,000 people or more, capitals, smaller towns that seat a region and
other towns from 30,000 people whose name is a town's alone (seat_town()); every other town
of GeoNames' list (from 15,000 people) is a "town", by its name and its Latin-script ASCII name
only, which extraction reads only where its own region or country qualifies it; a first-level
region's population is its towns' (admin1_population()), and
regions get adjectives from the demonym list (region_adjectives()).

Sources and licences (see data/NOTICE): GeoNames (CC BY 4.0) for countries, first-level
regions and cities with their Latin-script alternate names; datasets/country-codes (PDDL) for
official country names; mordecai (MIT) for nationality adjectives and country aliases;
demonyms by alex-pardo (Apache-2.0) for more adjectives; dr5hn's states (ODbL) only to leave
out towns and alternate names that name a region of another country. Regions, features,
historical states and a few common country aliases are facts listed below.
"""
import csv
import json
import os
import re
import sys
import unicodedata

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from foldkey import fold  # noqa: E402  (the key lib/gazetteer.c computes, from data/fold.tsv)
from commonwords import common, common_words, news_others  # noqa: E402

SRC = sys.argv[1] if len(sys.argv) > 1 else os.path.join(
    os.path.dirname(__file__), '..', '..', 'shared', 'gazetteer')

CITY_MIN_POP = 100000
SEAT2_MIN_POP = 50000  # a second-level region's seat under CITY_MIN_POP (seat_town())
TOWN_MIN_POP = 30000   # any town under CITY_MIN_POP whose name is a town's alone (seat_town())
MAX_ALTERNATES = 24

# Regions news writes about, with the countries they take in (ISO alpha-2).
REGIONS = {
    'middle-east': ('Middle East', ['Mideast', 'Near East'],
                    'ae bh cy eg il iq ir jo kw lb om ps qa sa sy tr ye'),
    'gulf': ('Gulf', ['Persian Gulf', 'Arabian Gulf', 'Gulf region'], 'ae bh iq ir kw om qa sa'),
    'balkans': ('Balkans', ['Balkan Peninsula', 'Western Balkans'],
                'al ba bg gr hr me mk rs si xk'),
    'caucasus': ('Caucasus', ['South Caucasus', 'Transcaucasia'], 'am az ge'),
    'horn-of-africa': ('Horn of Africa', [], 'dj er et so'),
    'sahel': ('Sahel', [], 'bf ml mr ne td sn'),
    'maghreb': ('Maghreb', ['North Africa'], 'dz eg ly ma tn'),
    'latin-america': ('Latin America', [], 'ar bo br cl co cr cu do ec gt hn mx ni pa pe py sv uy ve'),
    'central-america': ('Central America', [], 'bz cr gt hn ni pa sv'),
    'caribbean': ('Caribbean', ['West Indies'], 'ag bb bs cu dm do gd ht jm kn lc tt vc'),
    'southeast-asia': ('Southeast Asia', ['South-East Asia'], 'bn id kh la mm my ph sg th tl vn'),
    'central-asia': ('Central Asia', [], 'kg kz tj tm uz'),
    'scandinavia': ('Scandinavia', ['Nordic countries'], 'dk fi is no se'),
    'baltic-states': ('Baltic states', ['Baltics'], 'ee lt lv'),
    'persian-gulf-states': ('Gulf states', ['Gulf Arab states'], 'ae bh kw om qa sa'),
}
CONTINENTS = {'AF': 'Africa', 'AS': 'Asia', 'EU': 'Europe', 'NA': 'North America',
              'SA': 'South America', 'OC': 'Oceania', 'AN': 'Antarctica'}
# Features: (name, other names, parents). One that crosses several countries lies in its
# region, not in each country: a story naming the Euphrates is not thereby about Iraq.
FEATURES = {
    'euphrates': ('Euphrates River', ['Euphrates'], 'middle-east'),
    'tigris': ('Tigris River', ['Tigris'], 'middle-east'),
    'nile': ('Nile River', ['Nile', 'River Nile'], '@af'),
    'gaza-strip': ('Gaza Strip', ['Gaza'], 'ps'),
    'west-bank': ('West Bank', [], 'ps'),
    'golan-heights': ('Golan Heights', ['Golan'], 'sy'),
    'sinai': ('Sinai Peninsula', ['Sinai'], 'eg'),
    'red-sea': ('Red Sea', [], 'middle-east'),
    'black-sea': ('Black Sea', [], '@eu'),
    'caspian-sea': ('Caspian Sea', [], '@as'),
    'south-china-sea': ('South China Sea', [], 'southeast-asia'),
    'strait-of-hormuz': ('Strait of Hormuz', ['Hormuz'], 'gulf'),
    'korean-peninsula': ('Korean Peninsula', [], '@as'),
    'kashmir': ('Kashmir', [], '@as'),
    'kurdistan': ('Kurdistan', ['Iraqi Kurdistan'], 'iq'),
    'crimea': ('Crimea', ['Crimean Peninsula'], 'ua'),
    'donbass': ('Donbass', ['Donbas'], 'ua'),
    'darfur': ('Darfur', [], 'sd'),
    'tibet': ('Tibet', [], 'cn'),
    'suez-canal': ('Suez Canal', [], 'eg'),
    'panama-canal': ('Panama Canal', [], 'pa'),
    'persian-gulf-waters': ('Gulf of Oman', [], 'gulf'),
}
# Historical states: id: (name, other names, adjectives, successors, last day, territory).
# A place named in a story dated up to the last day that lies in the territory (first-level
# regions, or else the successors) is also in the historical state: Frankfurt in 1987 is in
# West Germany.
HISTORICAL = {
    'h-ussr': ('Soviet Union', ['USSR', 'U.S.S.R.', 'Union of Soviet Socialist Republics'],
               ['Soviet'], 'ru', '1991-12-26', 'ru ua by kz uz tm kg tj am az ge md lt lv ee'),
    'h-west-germany': ('West Germany', ['Federal Republic of Germany', 'FRG',
                                        'German Federal Republic'], ['West German'], 'de',
                       '1990-10-02', 'de.01 de.02 de.03 de.04 de.05 de.06 de.07 de.08 de.09 '
                       'de.10 de.16'),
    'h-east-germany': ('East Germany', ['German Democratic Republic', 'GDR', 'DDR'],
                       ['East German'], 'de', '1990-10-02', 'de.11 de.12 de.13 de.14 de.15'),
    'h-czechoslovakia': ('Czechoslovakia', [], ['Czechoslovak'], 'cz sk', '1992-12-31', 'cz sk'),
    'h-yugoslavia': ('Yugoslavia', ['Socialist Federal Republic of Yugoslavia'], ['Yugoslav'],
                     'rs hr ba si mk me', '1992-04-27', 'rs hr ba si mk me xk'),
    'h-zaire': ('Zaire', ['Republic of Zaire'], ['Zairean', 'Zairian'], 'cd', '1997-05-17', 'cd'),
    'h-rhodesia': ('Rhodesia', [], ['Rhodesian'], 'zw', '1979-05-31', 'zw'),
    'h-south-vietnam': ('South Vietnam', ['Republic of Vietnam'], ['South Vietnamese'], 'vn',
                        '1975-04-30', ''),
    'h-north-yemen': ('North Yemen', ['Yemen Arab Republic'], [], 'ye', '1990-05-21', ''),
    'h-south-yemen': ('South Yemen', ["People's Democratic Republic of Yemen"], [], 'ye',
                      '1990-05-21', ''),
}
# Names news uses for countries that the sources above spell otherwise.
COUNTRY_ALIASES = {
    'us': ['United States', 'U.S.', 'US', 'USA', 'U.S.A.', 'America', 'United States of America'],
    'gb': ['Britain', 'Great Britain', 'UK', 'U.K.', 'United Kingdom'],
    'ae': ['UAE', 'U.A.E.', 'Emirates'],
    'kp': ['North Korea', 'DPRK'], 'kr': ['South Korea'], 'nz': ['NZ', 'N.Z.'],
    'ru': ['Russia', 'Russian Federation'], 'mm': ['Myanmar', 'Burma'],
    'cd': ['Democratic Republic of Congo', 'Democratic Republic of the Congo', 'DR Congo', 'DRC',
           'Congo-Kinshasa'],
    'cg': ['Republic of Congo', 'Congo-Brazzaville', 'Congo Republic'],
    'ci': ["Ivory Coast", "Cote d'Ivoire"], 'cz': ['Czech Republic', 'Czechia'],
    'ir': ['Iran'], 'sy': ['Syria'], 'la': ['Laos'], 'vn': ['Vietnam'], 'bo': ['Bolivia'],
    've': ['Venezuela'], 'tz': ['Tanzania'], 'md': ['Moldova'], 'mk': ['Macedonia',
                                                                      'North Macedonia'],
    'ps': ['Palestinian Territories', 'Palestine', 'Palestinian territories'],
    'va': ['Vatican', 'Holy See'], 'tw': ['Taiwan'], 'lk': ['Sri Lanka', 'Ceylon'],
    'sz': ['Swaziland', 'Eswatini'], 'tl': ['East Timor', 'Timor-Leste'],
    'ba': ['Bosnia', 'Bosnia-Herzegovina', 'Bosnia and Herzegovina'],
    'nl': ['Netherlands', 'Holland'], 'ph': ['Philippines'], 'bs': ['Bahamas'],
    'gm': ['Gambia'], 'cv': ['Cape Verde', 'Cabo Verde'],
}
# Adjectives the lists lack or spell otherwise.
ADJECTIVES = {'us': ['American', 'U.S.'], 'gb': ['British'], 'ps': ['Palestinian'],
              'nl': ['Dutch'], 'ph': ['Philippine', 'Filipino'], 'kp': ['North Korean'],
              'kr': ['South Korean'], 'ae': ['Emirati'], 'sa': ['Saudi'], 'cd': ['Congolese'],
              'gr': ['Greek'], 'ch': ['Swiss'], 'fr': ['French'], 'de': ['German'],
              'cn': ['Chinese'], 'jp': ['Japanese'], 'iq': ['Iraqi'], 'ir': ['Iranian'],
              'il': ['Israeli'], 'sy': ['Syrian'], 'lb': ['Lebanese'], 'tr': ['Turkish'],
              'ru': ['Russian'], 'ua': ['Ukrainian'], 'es': ['Spanish'], 'it': ['Italian']}
# Adjectives of first-level regions the demonym list lacks.
REGION_ADJECTIVES = {'gb.wls': ['Welsh'], 'gb.nir': ['Northern Irish']}
# US states as datelines abbreviate them ("CHERRY HILL, N.J."): names for datelines only.
US_STATE_ABBREVIATIONS = {
    'al': 'Ala.', 'az': 'Ariz.', 'ar': 'Ark.', 'ca': 'Calif.', 'co': 'Colo.', 'ct': 'Conn.',
    'de': 'Del.', 'dc': 'D.C.', 'fl': 'Fla.', 'ga': 'Ga.', 'il': 'Ill.', 'in': 'Ind.',
    'ks': 'Kan.', 'ky': 'Ky.', 'la': 'La.', 'md': 'Md.', 'ma': 'Mass.', 'mi': 'Mich.',
    'mn': 'Minn.', 'ms': 'Miss.', 'mo': 'Mo.', 'mt': 'Mont.', 'ne': 'Neb.', 'nv': 'Nev.',
    'nh': 'N.H.', 'nj': 'N.J.', 'nm': 'N.M.', 'ny': 'N.Y.', 'nc': 'N.C.', 'nd': 'N.D.',
    'ok': 'Okla.', 'or': 'Ore.', 'pa': 'Pa.', 'ri': 'R.I.', 'sc': 'S.C.', 'sd': 'S.D.',
    'tn': 'Tenn.', 'tx': 'Texas', 'vt': 'Vt.', 'va': 'Va.', 'wa': 'Wash.', 'wv': 'W.Va.',
    'wi': 'Wis.', 'wy': 'Wyo.'}
# Words that are names of first-level regions somewhere but mean nothing on their own.
GENERIC = set('''central eastern western northern southern north south east west capital centre
center coast coastal upper lower islands island lakes lake river border frontier valley
mountain mountains highlands plateau interior littoral northeast northwest southeast southwest
midlands metropolitan federal district city province region national special autonomous
administration greater new oriental occidental'''.split())




def group_keys():
    """The folded names of the groups the groups table knows (data/groups.tsv)."""
    path = os.path.join(os.path.dirname(__file__), '..', 'data', 'groups.tsv')
    keys = set()
    with open(path, encoding='utf-8') as f:
        for line in f:
            cols = line.rstrip('\n').split('\t')
            if len(cols) >= 7:
                keys.update(fold(n) for n in [cols[2]] + cols[6].split('|') if fold(n))
    return keys


def latin(s):
    return all(ord(c) < 0x250 or unicodedata.category(c)[0] in 'PZ' for c in s)


class Place:
    def __init__(self, pid, kind, name, country='', parents=(), population=0):
        self.id, self.kind, self.name, self.country = pid, kind, name, country
        self.parents = list(parents)
        self.population = population
        self.names = []      # other names
        self.adjectives = []
        self.dateline_names = []  # names only a dateline uses: "N.J."
        self.until = ''      # historical states: last day, YYYYMMDD
        self.territory = []  # historical states: where they were

    def add(self, name, adjective=False):
        name = name.strip()
        if not name or '|' in name or '\t' in name or not fold(name):
            return
        target = self.adjectives if adjective else self.names
        if name != self.name and name not in target:
            target.append(name)


def read_tsv(path):
    with open(path, encoding='utf-8') as f:
        for line in f:
            if not line.startswith('#'):
                yield line.rstrip('\n').split('\t')


def regions_elsewhere():
    """The folded names of the regions of every level that dr5hn's states.csv lists (English
    counties among them: Essex, Kent, Somerset), each with its countries' codes. Only a
    filter: a town of another country so named is left out (seat_town()); nothing of it is
    copied into the table (ODbL, see data/NOTICE)."""
    names = {}
    with open(os.path.join(SRC, 'dr5hn-csc', 'states.csv'), encoding='utf-8') as f:
        for row in csv.DictReader(f):
            names.setdefault(fold(row['name']), set()).add(row['country_code'].lower())
    return names


def seat_town(name, fcode, cc, pop, rivals, words, others, regions):
    """A town under CITY_MIN_POP that news names as itself: the seat of a first-level region
    (Annapolis, Larnaca), or of a second-level one from SEAT2_MIN_POP (Lugano), or any town
    from TOWN_MIN_POP (Farmington Hills, Worthing), whose name has 4 letters or more ("Wa" of
    Ghana reads as an abbreviation), is no common word and names no town of another country;
    a town that seats nothing also bears no name news gives mostly to persons or companies
    (others: news_others()) nor a region's of another country (regions: regions_elsewhere();
    Essex, Maryland would take the English county's cricket club)."""
    k = fold(name)
    seat = fcode == 'PPLA' or (fcode == 'PPLA2' and pop >= SEAT2_MIN_POP)
    town = not seat and pop >= TOWN_MIN_POP and k not in others and \
        all(c == cc for c in regions.get(k, ()))
    return (seat or town) and len(k) >= 4 and not common(name, words) and \
        all(c == cc for c in rivals.get(k, {}))


def admin1_population(places, words):
    """A first-level region's population is the sum of its towns of 15,000 people or more (a
    floor, which is all a prior needs: England 40 million, Texas 19). A region whose name is a
    word or phrase of the dictionary that news writes in lower case at all ("Delta" of Nigeria,
    a delta, and an airline's name; "Maritime" of Togo) is given none, so that it stays a name
    that needs support; "Wales" and "Shanghai" are in the dictionary but news writes them only
    as names."""
    dictionary = common_words(least=1)
    sums = {}
    for row in read_tsv(os.path.join(SRC, 'geonames', 'cities15000.txt')):
        pid = '%s.%s' % (row[8].lower(), row[10].lower())
        sums[pid] = sums.get(pid, 0) + int(row[14] or 0)
    for p in places.values():
        if p.kind == 'admin1' and not common(p.name, dictionary):
            p.population = sums.get(p.id, 0)


def region_adjectives(places, country_keys, words):
    """Adjectives of regions (Texan, Welsh, Kashmiri) from the demonym list, where the place it
    names is one first-level region, region or feature and no country, and the adjective is no
    country's name or adjective ("Georgian" stays Georgia's)."""
    by_name, towns = {}, set()
    for p in places.values():
        if p.kind in ('admin1', 'region', 'feature'):
            for n in [p.name] + p.names:
                by_name.setdefault(fold(n), set()).add(p.id)
        elif p.kind in ('city', 'capital'):
            towns.update(fold(n) for n in [p.name] + p.names)
    with open(os.path.join(SRC, 'demonyms-alexpardo', 'demonyms.csv'), encoding='utf-8') as f:
        for row in csv.reader(f):
            # "Viennese", "New Yorker", "Mancunian": a city's too, or only a city's
            if len(row) < 2 or fold(row[0]) in country_keys or fold(row[1]) in country_keys \
                    or fold(row[0]) in towns or common(row[1], words):
                continue
            ids = by_name.get(fold(row[0]), set())
            if len(ids) == 1:
                places[ids.pop()].add(row[1], adjective=True)
    for pid, adjs in REGION_ADJECTIVES.items():
        for a in adjs:
            places[pid].add(a, adjective=True)


def main():
    places = {}
    iso3_codes = {}
    # continents and regions
    for code, name in CONTINENTS.items():
        places['@' + code.lower()] = Place('@' + code.lower(), 'continent', name)
    # countries (GeoNames countryInfo)
    for row in read_tsv(os.path.join(SRC, 'geonames', 'countryInfo.txt')):
        if len(row) < 17:
            continue
        iso2, iso3, name, cont, pop = row[0].lower(), row[1], row[4], row[8], int(row[7] or 0)
        places[iso2] = Place(iso2, 'country', name, iso2, ['@' + cont.lower()], pop)
        iso3_codes[iso3] = iso2
    for pid, (name, alts, members) in REGIONS.items():
        places[pid] = Place(pid, 'region', name)
        for a in alts:
            places[pid].add(a)
        for m in members.split():
            if m in places:
                places[m].parents.append(pid)
    # official names (datasets/country-codes)
    with open(os.path.join(SRC, 'datasets-country-codes', 'country-codes.csv'),
              encoding='utf-8') as f:
        for row in csv.DictReader(f):
            pid = (row.get('ISO3166-1-Alpha-2') or '').lower()
            if pid in places:
                for k in ('UNTERM English Short', 'UNTERM English Formal', 'CLDR display name',
                          'official_name_en'):
                    v = re.sub(r'\s*\(the\)|^the\s+', '', row.get(k) or '', flags=re.I)
                    places[pid].add(v)
    for pid, names in COUNTRY_ALIASES.items():
        for n in names:
            places[pid].add(n)
    # adjectives: mordecai (nationality -> ISO3), alex-pardo (place -> demonym)
    with open(os.path.join(SRC, 'mordecai', 'nat_df.csv'), encoding='utf-8') as f:
        for row in csv.DictReader(f):
            pid = iso3_codes.get(row['alpha_3_code'])
            if pid:
                places[pid].add(row['nationality'], adjective=True)
    with open(os.path.join(SRC, 'mordecai', 'stopword_country_names.json'),
              encoding='utf-8') as f:
        for name, code in json.load(f).items():
            pid = iso3_codes.get(code)
            if pid:
                places[pid].add(name.replace('_', ' '))
    by_name = {fold(p.name): p for p in places.values() if p.kind == 'country'}
    with open(os.path.join(SRC, 'demonyms-alexpardo', 'demonyms.csv'), encoding='utf-8') as f:
        for row in csv.reader(f):
            if len(row) >= 2 and fold(row[0]) in by_name:
                by_name[fold(row[0])].add(row[1], adjective=True)
    for pid, adjs in ADJECTIVES.items():
        for a in adjs:
            places[pid].add(a, adjective=True)
    for pid, (name, alts, adjs, successors, until, territory) in HISTORICAL.items():
        p = Place(pid, 'historical', name, '', successors.split())
        p.until = until.replace('-', '')
        p.territory = territory.split()
        for a in alts:
            p.add(a)
        for a in adjs:
            p.add(a, adjective=True)
        places[pid] = p
    country_keys = set()
    for p in places.values():
        if p.kind in ('country', 'historical', 'region', 'continent'):
            country_keys.update(fold(n) for n in [p.name] + p.names + p.adjectives)
    # first-level regions
    for row in read_tsv(os.path.join(SRC, 'geonames', 'admin1CodesASCII.txt')):
        code, name, ascii_name = row[0], row[1], row[2]
        cc = code.split('.')[0].lower()
        if cc not in places:
            continue
        p = Place(code.lower(), 'admin1', name, cc, [cc])
        p.add(ascii_name)
        if cc == 'us' and code[3:].lower() in US_STATE_ABBREVIATIONS:
            p.dateline_names.append(US_STATE_ABBREVIATIONS[code[3:].lower()])
        # "Deir ez-Zor Governorate" is written "Deir ez-Zor province" in news: the bare name
        bare = re.sub(r'\s+(Governorate|Province|Region|Oblast|Prefecture|State|District)$', '',
                      name)
        p.add(bare)
        places[p.id] = p
    # An alternate name of a city is kept only where it can only mean that city: not a common
    # word or phrase ("White House" of Casablanca), not the main name of another place, of any
    # size ("Philadelphia" of Amman, "Twickenham" of Huntsville, "Florida" of Floridablanca),
    # not a known group's name ("Google" of Topeka).
    # A rival is a place of another country (the city of New York keeps "New York", its
    # state's name too, and Kyiv "Kiev"), and a town a tenth the city's size or more (Kolkata
    # keeps "Calcutta", a South African town of 36,000); regions and countries always are.
    words = common_words()
    rivals = {}  # folded main name -> {country: the biggest population}
    for row in read_tsv(os.path.join(SRC, 'geonames', 'cities15000.txt')):
        for n in (row[1], row[2]):
            r = rivals.setdefault(fold(n), {})
            r[row[8].lower()] = max(r.get(row[8].lower(), 0), int(row[14] or 0))
    for p in places.values():
        if p.kind in ('admin1', 'country', 'historical', 'region', 'continent'):
            rivals.setdefault(fold(p.name), {})[p.country or p.id] = float('inf')
    groups = group_keys()
    regions = regions_elsewhere()
    others = news_others({row[1] for row in read_tsv(os.path.join(SRC, 'geonames',
                                                                    'cities15000.txt'))})

    def borrowed(a, cc, pop):
        k = fold(a)
        rival = any(c != cc and size * 10 >= pop for c, size in rivals.get(k, {}).items()) or \
            any(c != cc for c in regions.get(k, ()))  # "Somerset" of Bellflower, California
        return common(a, words) or rival or k in groups
    # cities
    for row in read_tsv(os.path.join(SRC, 'geonames', 'cities15000.txt')):
        gid, name, ascii_name, alts, fcode, cc, admin1 = row[0], row[1], row[2], row[3], row[7], \
            row[8].lower(), row[10]
        pop = int(row[14] or 0)
        if cc not in places or not (pop >= CITY_MIN_POP or fcode == 'PPLC' or seat_town(
                name, fcode, cc, pop, rivals, words, others, regions)):
            continue
        parent = '%s.%s' % (cc, admin1.lower())
        p = Place('g' + gid, 'capital' if fcode == 'PPLC' else 'city', name, cc,
                  [parent if parent in places else cc], pop)
        p.add(ascii_name)
        n = 0
        for a in alts.split(','):
            # Latin script, not a code (DEZ), not a country's name (Andorra for its capital)
            # and not a lower-case transliteration (alrqt)
            if n < MAX_ALTERNATES and latin(a) and len(fold(a)) >= 4 and not a.isupper() \
                    and a[:1].isupper() and fold(a) not in country_keys \
                    and not borrowed(a, cc, pop):
                before = len(p.names)
                p.add(a)
                n += len(p.names) - before
        places[p.id] = p
    # the other towns (from 15,000 people): named only with their qualifier, so neither a
    # common word nor a person's name is read as one ("Selma, Alabama", "Paris, Texas")
    for row in read_tsv(os.path.join(SRC, 'geonames', 'cities15000.txt')):
        gid, name, ascii_name, cc, admin1 = row[0], row[1], row[2], row[8].lower(), row[10]
        if 'g' + gid in places or cc not in places or not latin(name) or len(fold(name)) < 3:
            continue
        parent = '%s.%s' % (cc, admin1.lower())
        p = Place('g' + gid, 'town', name, cc, [parent if parent in places else cc],
                  int(row[14] or 0))
        p.add(ascii_name)
        places[p.id] = p
    for pid, (name, alts, parents) in FEATURES.items():
        p = Place(pid, 'feature', name, '', parents.split())
        for a in alts:
            p.add(a)
        places[pid] = p
    admin1_population(places, words)
    region_adjectives(places, country_keys, words)
    # generic words never name a place on their own
    for p in places.values():
        p.names = [n for n in p.names if fold(n) not in GENERIC]
        # names that only fold to the display name's key add nothing
        seen = {fold(p.name)}
        kept = []
        for n in p.names:
            if fold(n) not in seen:
                seen.add(fold(n))
                kept.append(n)
        p.names = kept
    out = sys.stdout
    for pid in sorted(places):
        p = places[pid]
        if p.kind == 'admin1' and fold(p.name) in GENERIC and not p.names:
            continue
        names = p.names + ['~' + a for a in p.adjectives] + ['!' + d for d in p.dateline_names]
        cols = [p.id, p.kind, p.name, p.country, ','.join(p.parents), str(p.population),
                '|'.join(names)]
        if p.until:
            cols += [p.until, ','.join(p.territory)]
        out.write('\t'.join(cols) + '\n')


if __name__ == '__main__':
    main()
