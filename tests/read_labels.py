"""Hand-labelled sentences for ``entente read`` (tests/test_read.py), written before the reader first ran.

Each case: the sentence, the date of its article, and the triples a careful human coder would write under
the CAMEO codebook (Gerner, Schrodt, Yilmaz & Abu-Jabr 2002, v1.1b3): ``(actors, root, targets, negated)``
with actors and targets as ``+``-joined COW letter codes (or a grouping's name, e.g. ``NATO``) in any order,
the two-digit CAMEO root, and whether the sentence says it did not happen. A reciprocal action ("X and Y
signed a treaty") has the same states as actors and targets. Only states and groupings count as actors:
a sentence whose doer is a person, a party or a militant group yields no triple. The sentences are our own.

Labels that a simple reader may well miss are kept as a human would write them (e.g. a target named only
in a place phrase, "near the Syrian border", is not a target), so the measured figures are honest.
"""

from __future__ import annotations

LABELLED: list[tuple[str, str, list[tuple[str, str, str, bool]]]] = [
    # wire style
    ("The United States imposed new sanctions on Iran on Tuesday.", "2024-06-01", [("USA", "16", "IRN", False)]),
    ("MOSCOW, June 3 (Reuters) - Russia accused the United States of meddling in Georgia's elections.", "2024-06-03",
     [("RUS", "11", "USA", False)]),
    ("Venezuela broke off diplomatic relations with Colombia.", "2019-02-23", [("VEN", "16", "COL", False)]),
    ("India expelled two Pakistani diplomats.", "2024-06-01", [("IND", "17", "PAK", False)]),
    ("Lithuania recalled its ambassador from Belarus.", "2024-06-01", [("LIT", "16", "BLR", False)]),
    ("China warned Taiwan against any move toward independence.", "2024-06-01", [("CHN", "13", "TAW", False)]),
    ("Iraq invaded Kuwait in August 1990.", "1990-08-03", [("IRQ", "19", "KUW", False)]),
    ("Israel launched air strikes against Hezbollah targets in Lebanon.", "2024-06-01", [("ISR", "19", "LEB", False)]),
    ("North Korea mobilized its troops along the border with South Korea.", "2024-06-01",
     [("PRK", "15", "ROK", False)]),
    ("Chinese warships held drills near Taiwan.", "2024-06-01", [("CHN", "15", "TAW", False)]),
    ("Ukraine's forces shelled Russian positions near Belgorod.", "2024-06-01", [("UKR", "19", "RUS", False)]),
    ("Russia vetoed the resolution on Syria.", "2024-06-01", [("RUS", "12", "SYR", False)]),
    ("Pakistan rejected India's offer of talks.", "2024-06-01", [("PAK", "12", "IND", False)]),
    ("Egypt mediated between Israel and Qatar.", "2024-06-01", [("EGY", "04", "ISR+QAT", False)]),
    ("Cuba expressed support for Venezuela.", "2024-06-01", [("CUB", "05", "VEN", False)]),
    ("Ukraine thanked Germany for the air-defence systems.", "2024-06-01", [("UKR", "05", "GMY", False)]),
    ("South Korea praised Japan for its apology.", "2024-06-01", [("ROK", "05", "JPN", False)]),
    ("The Chinese embassy protested against Japan's decision.", "2024-06-01", [("CHN", "11", "JPN", False)]),
    ("Russia returned the bodies of Ukrainian soldiers to Kyiv.", "2024-06-01", [("RUS", "08", "UKR", False)]),
    ("Iraq allowed United Nations inspectors into the country.", "2002-11-27",
     [("IRQ", "08", "United Nations", False)]),
    ("Japan pledged $5 billion in aid to Ukraine.", "2024-06-01", [("JPN", "03", "UKR", False)]),
    ("The United States sent weapons to Israel.", "2024-06-01", [("USA", "07", "ISR", False)]),
    ("Beijing investigated Canadian citizens for espionage.", "2019-01-01", [("CHN", "09", "", False)]),
    ("China's coast guard blocked Philippine supply boats in the South China Sea.", "2024-06-01",
     [("CHN", "19", "PHI", False)]),
    ("Turkey shot down a Russian jet near the Syrian border.", "2015-11-24", [("TUR", "19", "RUS", False)]),
    # appeals, demands, threats: the verb that governs a clause is the event
    ("Washington urged Cairo to release the detained journalists.", "2024-06-01", [("USA", "02", "EGY", False)]),
    ("The US called on Israel and Hamas to agree to a ceasefire.", "2024-06-01", [("USA", "02", "ISR", False)]),
    ("Argentina demanded that Britain return the Falkland Islands.", "2024-06-01", [("ARG", "10", "UKG", False)]),
    ("Russia threatened to cut gas supplies to Moldova.", "2024-06-01", [("RUS", "13", "MLD", False)]),
    ("Turkey and Greece agreed to resume talks.", "2024-06-01", [("TUR+GRC", "03", "TUR+GRC", False)]),
    ("Iran said it would retaliate against Israel.", "2024-04-02", [("IRN", "13", "ISR", False)]),
    ("Iran denied supplying drones to Russia.", "2024-06-01", [("IRN", "01", "RUS", False)]),
    # passive
    ("Iran was sanctioned by Britain and France.", "2024-06-01", [("UKG+FRN", "16", "IRN", False)]),
    ("Syria was attacked by Israeli aircraft overnight.", "2024-06-01", [("ISR", "19", "SYR", False)]),
    # reciprocal
    ("Russia and China signed a treaty of friendship.", "2001-07-16", [("RUS+CHN", "05", "RUS+CHN", False)]),
    ("Saudi Arabia and Iran restored diplomatic relations in 2023.", "2023-03-10",
     [("SAU+IRN", "05", "SAU+IRN", False)]),
    ("Armenia and Azerbaijan fought a war over Nagorno-Karabakh in 2020.", "2021-01-01",
     [("ARM+AZE", "19", "ARM+AZE", False)]),
    ("The United States and Japan held joint military exercises.", "2024-06-01",
     [("USA+JPN", "06", "USA+JPN", False)]),
    # negated
    ("Germany did not sanction Russia after the election.", "2024-06-01", [("GMY", "16", "RUS", True)]),
    ("Qatar has never threatened Bahrain.", "2024-06-01", [("QAT", "13", "BAH", True)]),
    ("Iran did not attack Israel directly, officials said.", "2024-06-01", [("IRN", "19", "ISR", True)]),
    ("Iran and Saudi Arabia did not sign the agreement.", "2024-06-01", [("IRN+SAU", "05", "IRN+SAU", True)]),
    # metonyms, offices, possessives
    ("Russia's foreign minister met his Chinese counterpart in Beijing.", "2024-06-01", [("RUS", "04", "CHN", False)]),
    ("The Kremlin accused Ukraine of shelling a nuclear plant.", "2024-06-01", [("RUS", "11", "UKR", False)]),
    ("Moscow condemned the strike.", "2024-06-01", [("RUS", "11", "", False)]),
    ("Poland's president visited Kyiv on Friday.", "2024-06-01", [("POL", "04", "UKR", False)]),
    ("Kyiv hosted the Polish president.", "2024-06-01", [("UKR", "04", "POL", False)]),
    ("Germany's chancellor phoned the French president.", "2024-06-01", [("GMY", "04", "FRN", False)]),
    ("NATO condemned Russia's annexation of Crimea.", "2014-03-20", [("NATO", "11", "RUS", False)]),
    ("Qatar has never threatened Bahrain, Doha insisted.", "2024-06-01", [("QAT", "13", "BAH", True)]),
    # historical names
    ("The Soviet Union invaded Afghanistan in December 1979.", "1980-01-05", [("RUS", "19", "AFG", False)]),
    ("West Germany and East Germany signed the Basic Treaty in 1972.", "1972-12-21",
     [("GFR+GDR", "05", "GFR+GDR", False)]),
    ("Britain recognized the People's Republic of China in 1950.", "1950-01-06", [("UKG", "05", "CHN", False)]),
    # no state doer: no triple
    ("President Macron spoke by phone with the German chancellor.", "2024-06-01", []),
    ("A Russian oligarch criticized Ukraine's president.", "2024-06-01", []),
    ("Iranian protesters attacked the British embassy in Tehran.", "2011-11-29", []),
    # quotes: the statement outside the quotation marks
    ("\u201cWe will not allow Iran to obtain a nuclear weapon,\u201d the Israeli prime minister said.", "2024-06-01",
     [("ISR", "01", "", False)]),
    ("\u201cSanctions will not work,\u201d according to Russia's foreign ministry.", "2024-06-01", []),
    ("Kremlin spokesman Dmitry Peskov said: \u201cMoscow is ready for dialogue with Washington.\u201d", "2024-06-01",
     [("RUS", "01", "", False)]),
    ("\u201cThe talks were productive,\u201d said a Chinese analyst.", "2024-06-01", []),
]

#: Quotes and their speakers: (text, quote, speaker as written, the speaker's state or None).
QUOTES: list[tuple[str, str, str, str | None]] = [
    ("\u201cWe will not allow Iran to obtain a nuclear weapon,\u201d the Israeli prime minister said.",
     "We will not allow Iran to obtain a nuclear weapon,", "the Israeli prime minister", "ISR"),
    ("\u201cSanctions will not work,\u201d according to Russia's foreign ministry.",
     "Sanctions will not work,", "Russia's foreign ministry", "RUS"),
    ("Kremlin spokesman Dmitry Peskov said: \u201cMoscow is ready for dialogue with Washington.\u201d",
     "Moscow is ready for dialogue with Washington.", "Kremlin spokesman Dmitry Peskov", "RUS"),
    ("\u201cThe talks were productive,\u201d said a Chinese analyst.",
     "The talks were productive,", "a Chinese analyst", None),
    ('"We are ready to talk," Iran\'s foreign minister told reporters in Tehran.',
     "We are ready to talk,", "Iran's foreign minister", "IRN"),
    ('The French president said: "Europe must defend itself."',
     "Europe must defend itself.", "The French president", "FRN"),
    ('"No deal is better than a bad deal," a spokeswoman for the State Department said.',
     "No deal is better than a bad deal,", "a spokeswoman for the State Department", "USA"),
]

#: A second set, labelled after the rules above were fixed on LABELLED and before the reader ran on it
#: (held out: its first run is the honest figure; see tests/test_read.py).
HELDOUT: list[tuple[str, str, list[tuple[str, str, str, bool]]]] = [
    ("Turkey summoned the Swedish ambassador over the Koran burning.", "2023-01-22", [("TUR", "11", "SWD", False)]),
    ("The European Union extended sanctions against Belarus for another year.", "2024-02-28",
     [("European Union", "16", "BLR", False)]),
    ("Japan and Australia signed a defence pact in Tokyo.", "2022-01-06", [("JPN+AUL", "05", "JPN+AUL", False)]),
    ("Ethiopia accused Eritrea of massing troops on the border.", "2024-06-01", [("ETH", "11", "ERI", False)]),
    ("Ukraine was invaded by Russia in February 2022.", "2022-03-01", [("RUS", "19", "UKR", False)]),
    ("India has not criticized Russia over the war.", "2024-06-01", [("IND", "11", "RUS", True)]),
    ("The Chinese foreign ministry urged Washington to stop arming Taiwan.", "2024-06-01", [("CHN", "02", "USA", False)]),
    ("Brazil's president visited Beijing last week.", "2023-04-20", [("BRA", "04", "CHN", False)]),
    ("Iran released two French citizens on Friday.", "2024-06-01", [("IRN", "08", "", False)]),
    ("Saudi Arabia hosted Syrian President Bashar al-Assad in Jeddah.", "2023-05-19", [("SAU", "04", "SYR", False)]),
    ("Pakistan and Afghanistan clashed along their border.", "2024-06-01", [("PAK+AFG", "19", "PAK+AFG", False)]),
    ("South Africa brought a case against Israel at the International Court of Justice.", "2024-01-11",
     [("SAF", "11", "ISR", False)]),
    ("The United Kingdom expelled a Russian diplomat and closed a consulate.", "2024-06-01",
     [("UKG", "17", "RUS", False), ("UKG", "16", "", False)]),
    ("Vietnam protested China's deployment of an oil rig.", "2014-05-05", [("DRV", "11", "CHN", False)]),
    ("North Korea threatened to attack South Korea.", "2024-06-01", [("PRK", "13", "ROK", False)]),
    ("Greece and Turkey held talks in Athens.", "2024-06-01", [("GRC+TUR", "04", "GRC+TUR", False)]),
    ("The Kremlin rejected the peace plan proposed by Kyiv.", "2024-06-01", [("RUS", "12", "UKR", False)]),
    ("Egypt did not condemn Israel's strikes, diplomats said.", "2024-06-01", [("EGY", "11", "ISR", True)]),
    ("China lifted its ban on Japanese seafood.", "2025-06-01", [("CHN", "08", "JPN", False)]),
    ("Moscow and Pyongyang pledged mutual military assistance.", "2024-06-20",
     [("RUS+PRK", "03", "RUS+PRK", False)]),
    ("The Indian navy escorted ships near the Pakistani coast.", "2024-06-01", [("IND", "15", "", False)]),
    ("Washington blamed Tehran for the attack on its embassy.", "2024-06-01", [("USA", "11", "IRN", False)]),
]

#: A third set in the longer style of news copy (datelines, subordinate clauses, titles), labelled after
#: the fixes made on HELDOUT and before the reader ran on it. Some labels are hard on purpose: actions
#: outside the lexicon ("slapped export controls", "exchanged prisoners") and states named only as a
#: topic ("discussed aid to Ukraine").
HELDOUT3: list[tuple[str, str, list[tuple[str, str, str, bool]]]] = [
    ("KYIV, March 4 (AP) \u2014 Ukraine's military said on Tuesday that Russian drones had struck the port of "
     "Odesa overnight.", "2025-03-04", [("RUS", "19", "", False)]),
    ("In a phone call on Monday, the leaders of France and Germany discussed aid to Ukraine.", "2024-06-01",
     [("FRN+GMY", "04", "FRN+GMY", False)]),
    ("Beijing on Thursday slapped export controls on rare earths bound for the United States.", "2025-04-10",
     [("CHN", "16", "USA", False)]),
    ("Tehran has repeatedly denied that it is seeking nuclear weapons.", "2024-06-01", [("IRN", "01", "", False)]),
    ("Officials in Seoul said North Korea had fired artillery shells near the maritime border.", "2024-01-05",
     [("PRK", "19", "", False)]),
    ("The Philippines lodged a diplomatic protest with China over the water-cannon incident.", "2024-06-01",
     [("PHI", "11", "CHN", False)]),
    ("Speaking in Ankara, the Turkish foreign minister called on Sweden to crack down on Kurdish militants.",
     "2023-01-10", [("TUR", "02", "SWD", False)]),
    ("Poland and the Baltic states agreed to build a joint air-defence shield.", "2024-06-01",
     [("POL", "03", "", False)]),
    ("After months of talks, Israel and the United Arab Emirates established diplomatic relations.", "2020-09-15",
     [("ISR+UAE", "05", "ISR+UAE", False)]),
    ("Moscow expelled ten Estonian diplomats in retaliation.", "2024-06-01", [("RUS", "17", "EST", False)]),
    ("The Indian government banned Chinese apps, citing security concerns.", "2020-06-29",
     [("IND", "16", "CHN", False)]),
    ("Canada's prime minister apologized to India.", "2024-06-01", [("CAN", "05", "IND", False)]),
    ("The Venezuelan government was accused by Guyana of massing troops on their shared border.", "2024-06-01",
     [("GUY", "11", "VEN", False)]),
    ("Neither Beijing nor Washington has recognized the new government.", "2024-06-01",
     [("CHN+USA", "05", "", True)]),
    ("Serbia refused to recognize Kosovo's independence.", "2024-06-01", [("YUG", "12", "KOS", False)]),
    ("Riyadh welcomed the ceasefire between Israel and Iran.", "2025-06-25", [("SAU", "05", "", False)]),
    ("The US Treasury imposed sanctions on three Iranian oil tankers.", "2024-06-01", [("USA", "16", "IRN", False)]),
    ("Addressing the UN General Assembly, Brazil's president criticized Israel.", "2024-09-24",
     [("BRA", "11", "ISR", False)]),
    ("Hungary blocked an EU statement condemning China.", "2024-06-01", [("HUN", "12", "EU", False)]),
    ("Ukraine and Russia exchanged prisoners on Saturday.", "2024-06-01", [("UKR+RUS", "08", "UKR+RUS", False)]),
    ("Japan's defence ministry said Chinese aircraft carriers sailed near its islands.", "2025-06-09",
     [("CHN", "15", "JPN", False)]),
    ("Azerbaijan's forces launched an offensive in Nagorno-Karabakh in September 2023.", "2023-09-20",
     [("AZE", "19", "", False)]),
]
