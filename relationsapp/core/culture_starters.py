"""Starter culture notes shipped with the app: hedged tendencies, never rules about people.

The Culture panel shows these per country and topic, in the UI language, until the team
writes its own note; each is labelled as a starter to review. They describe what many
business people in a country tend to expect, compiled from general etiquette guides, so the
person in front of you may well differ. Keep every text a literal inside ``N_()`` (Babel
extracts ``N_`` by default) and translate it with ``_()`` only when it is shown.
"""

from __future__ import annotations

from relationsapp.i18n.translate import N_

#: Shown as the source of every starter note (translated on display).
STARTER_SOURCE = N_(
    "RelationsApp starter note, compiled from general business-etiquette guides; check it with "
    "colleagues who know the country."
)

#: Country (ISO 3166-1 alpha-2) → topic → untranslated text (translate with _() when shown).
STARTER_NOTES: dict[str, dict[str, str]] = {
    # Denmark
    "DK": {
        "communication": N_(
            "Many Danes communicate directly and plainly, often with understatement and dry "
            "humour; a clear no is usually meant as information, not as rudeness."
        ),
        "formality": N_(
            "Address is usually informal: most people use first names from the start, including "
            "with senior managers, and titles are rarely used."
        ),
        "greetings": N_(
            "A brief, firm handshake with eye contact is usual at the start and end of a meeting; "
            "business cards are often exchanged casually, without ceremony."
        ),
        "meetings": N_(
            "Punctuality is generally expected; it is usual to send an agenda in advance and keep "
            "to time. Many take long summer holidays in July, so plan around them."
        ),
        "negotiation": N_(
            "Decisions often involve consensus within the team, so they can take time; many prefer "
            "realistic opening offers and factual arguments to hard selling."
        ),
        "gifts": N_(
            "Business gifts are uncommon and usually modest; a small, good-quality item or "
            "something from your own region may be appreciated but is not expected."
        ),
        "dining": N_(
            "Business lunches are often short and simple; at dinners the host usually makes the "
            "first toast (skål), and many keep eye contact when raising a glass."
        ),
        "dress": N_(
            "Business dress is often smart casual, and ties are fairly uncommon; a neat, "
            "understated style is usually a safe choice for a first meeting."
        ),
        "avoid": N_(
            "Many Danes prefer not to discuss personal income or wealth, and boasting about status "
            "or achievements tends to be received poorly."
        ),
    },
    # Finland
    "FI": {
        "communication": N_(
            "Many Finns speak directly and concisely and are comfortable with silence; pauses in "
            "conversation are usually a sign of reflection, not of disagreement."
        ),
        "formality": N_(
            "First names are commonly used soon after meeting, often right away; titles are rarely "
            "used in speech, though some senior people may expect more formality at first."
        ),
        "greetings": N_(
            "A firm handshake with eye contact is usual, and business cards are exchanged simply; "
            "personal space tends to be valued, so hugs are uncommon in business."
        ),
        "meetings": N_(
            "Punctuality is generally taken seriously: arrive on time and keep to the agenda. July "
            "is a common holiday month, so meetings then may be hard to arrange."
        ),
        "negotiation": N_(
            "Many Finns value honesty and reliability: a promise is usually taken as binding, and "
            "realistic offers often work better than hard bargaining or exaggeration."
        ),
        "gifts": N_(
            "Business gifts are usually small and not expected; many organisations, especially "
            "public bodies, have strict rules on accepting them, so something modest is safest."
        ),
        "dining": N_(
            "Business lunches are common and often short, usually without alcohol; an invitation "
            "to a sauna may be part of hospitality, and it is usually fine to decline politely."
        ),
        "dress": N_(
            "Business dress is generally understated; smart casual is common in many companies, "
            "while suits are more usual in finance, law and senior public roles."
        ),
        "avoid": N_(
            "Many Finns are private about income and family matters; some prefer Finland to be "
            "called Nordic rather than Scandinavian, and light jokes about its history with Russia "
            "are best avoided."
        ),
    },
    # Japan
    "JP": {
        "communication": N_(
            "Communication is often indirect and context-dependent; a direct no is usually "
            "avoided, so a reply that something would be difficult often signals a polite refusal."
        ),
        "formality": N_(
            "The family name usually comes first; many address others by family name plus -san "
            "(never for oneself), and given names are usually kept for close relationships."
        ),
        "greetings": N_(
            "A bow or a handshake is common. Business cards (meishi) are usually given and "
            "received with both hands, looked at briefly and kept on the table during the meeting."
        ),
        "meetings": N_(
            "Punctuality is highly valued, and many arrive a few minutes early; first meetings "
            "often focus on building the relationship, and seating usually follows seniority."
        ),
        "negotiation": N_(
            "Decisions often follow consensus-building across the organisation (nemawashi), so "
            "they may take time; patience and thorough written detail are usually appreciated."
        ),
        "gifts": N_(
            "Gift-giving is common, often at first meetings or after travel; gifts are usually "
            "modestly wrapped and offered with both hands, and sets of four are generally avoided."
        ),
        "dining": N_(
            "It is usual to pour drinks for others rather than for yourself and to wait for the "
            "toast (kanpai) before drinking; declining alcohol politely is generally accepted."
        ),
        "dress": N_(
            "Business dress tends to be conservative, usually dark suits; shoes are often removed "
            "in homes and some traditional restaurants, so neat socks are useful."
        ),
        "avoid": N_(
            "Many prefer not to discuss wartime history or territorial disputes in business "
            "settings; open criticism of someone in front of others tends to cause loss of face."
        ),
    },
    # Saudi Arabia
    "SA": {
        "communication": N_(
            "Communication is often indirect and relationship-based; many prefer to build personal "
            "rapport first, and disagreement is usually expressed tactfully and in private."
        ),
        "formality": N_(
            "Titles such as Sheikh, Doctor or Engineer are commonly used with the first name, e.g. "
            "Dr. Ahmed; it is usual to stay formal until invited to do otherwise."
        ),
        "greetings": N_(
            "Greetings usually use the right hand and may be lengthy. Between men and women, it is "
            "wise to wait and see whether a hand is offered; cards with an Arabic side are "
            "appreciated."
        ),
        "meetings": N_(
            "The weekend is Friday–Saturday, and prayer times may pause meetings; schedules are "
            "often flexible, and during Ramadan working hours are usually shorter."
        ),
        "negotiation": N_(
            "Decisions are often made by senior figures once trust is established; negotiations "
            "may take several meetings, and bargaining over terms is common."
        ),
        "gifts": N_(
            "Hospitality matters, and accepting offered coffee or tea is usual; gifts are given "
            "with the right hand, and alcohol or pork products are not appropriate as gifts."
        ),
        "dining": N_(
            "Alcohol is generally prohibited, and it is usual to eat with the right hand; during "
            "Ramadan, eating, drinking and smoking in public in daylight are not permitted."
        ),
        "dress": N_(
            "Conservative dress is usual: men generally wear suits, and women visitors commonly "
            "wear loose clothing covering arms and legs; an abaya is no longer required for "
            "foreigners."
        ),
        "avoid": N_(
            "Many prefer not to discuss religion, politics or the royal family, or to be asked "
            "about female relatives; showing the sole of your foot is often seen as impolite."
        ),
    },
    # United Arab Emirates
    "AE": {
        "communication": N_(
            "Communication tends to be polite and relationship-oriented; many value courtesy and "
            "patience, and criticism is usually given privately and indirectly."
        ),
        "formality": N_(
            "Titles such as Sheikh, Doctor or Engineer are commonly used with the first name; it "
            "is usual to keep to formal address until invited to do otherwise."
        ),
        "greetings": N_(
            "Handshakes with the right hand are common; between men and women it is wise to wait "
            "for a hand to be offered. Cards are usually given with the right hand, often with an "
            "Arabic side."
        ),
        "meetings": N_(
            "Since 2022 the official weekend is Saturday–Sunday, and many offices close early on "
            "Friday for prayers; during Ramadan working hours are usually shorter."
        ),
        "negotiation": N_(
            "Decisions often rest with senior figures, and trust and personal relationships "
            "usually matter; negotiations may be lengthy, and bargaining over terms is common."
        ),
        "gifts": N_(
            "Hospitality is valued, and accepting Arabic coffee or tea is usual; gifts are given "
            "with the right hand, and alcohol or pork products are generally unsuitable as gifts."
        ),
        "dining": N_(
            "Alcohol is usually served only in licensed venues such as hotels; eat with the right "
            "hand, and during Ramadan it is respectful to avoid eating or drinking in public in "
            "daylight."
        ),
        "dress": N_(
            "Conservative business dress is usual: suits for men, and clothing covering shoulders "
            "and knees for women; more modest dress is expected in government offices and during "
            "Ramadan."
        ),
        "avoid": N_(
            "Many prefer not to hear criticism of religion, local politics or the ruling families; "
            "questions about female relatives and public displays of affection are best avoided."
        ),
    },
    # Germany
    "DE": {
        "communication": N_(
            "Communication is often direct, factual and explicit; criticism is usually aimed at "
            "the issue, not the person, and many prefer clear information to small talk."
        ),
        "formality": N_(
            "Formal address (Sie) with title and surname, e.g. Herr Dr. Schmidt, is usual at "
            "first; many wait for the senior person to suggest du, though start-ups often use it "
            "at once."
        ),
        "greetings": N_(
            "A firm handshake is usual at the start and end of meetings; business cards are "
            "commonly exchanged, and academic titles shown on them are often used in address."
        ),
        "meetings": N_(
            "Punctuality is generally expected, and lateness without notice tends to be noticed; "
            "meetings usually follow an agenda and are scheduled well in advance."
        ),
        "negotiation": N_(
            "Decisions often follow careful analysis and internal approval, so they may take time; "
            "detailed, reliable data usually persuades more than enthusiasm."
        ),
        "gifts": N_(
            "Business gifts are usually modest, and many companies have strict compliance rules; a "
            "small item from your region, such as good chocolate or wine, is a common choice."
        ),
        "dining": N_(
            "Business lunches are common; it is usual to wait until the host says Guten Appetit or "
            "raises a toast (Prost), and many keep eye contact when clinking glasses."
        ),
        "dress": N_(
            "Business dress tends to be conservative in finance, law and industry, usually dark "
            "suits; technology firms and start-ups are often more casual."
        ),
        "avoid": N_(
            "Many prefer not to discuss personal income or private life with new contacts; jokes "
            "or casual remarks about the Nazi era are best avoided."
        ),
    },
    # United States
    "US": {
        "communication": N_(
            "Communication is often direct and explicit, with a positive, upbeat tone; many expect "
            "points to be stated clearly, and small talk is usually brief."
        ),
        "formality": N_(
            "First names are usually used quickly, even with senior people; titles are more common "
            "in medicine, academia and government, and Mr. or Ms. may be used at first."
        ),
        "greetings": N_(
            "A firm handshake with eye contact and a smile is usual; business cards are often "
            "exchanged casually or replaced by contact details shared digitally."
        ),
        "meetings": N_(
            "Punctuality is generally expected, and meetings often start and end on time with a "
            "clear agenda; the country spans several time zones, so check local time."
        ),
        "negotiation": N_(
            "Negotiations are often fast-paced and focused on results; many decide relatively "
            "quickly but expect detailed contracts, and lawyers are commonly involved."
        ),
        "gifts": N_(
            "Business gifts are usually modest and not expected; many companies and public bodies "
            "limit gifts, so a small branded item or a shared meal is a common gesture."
        ),
        "dining": N_(
            "Business meals, including breakfast meetings, are common; little or no alcohol at "
            "lunch is usual, and a restaurant tip of around 18 to 20 percent is customary."
        ),
        "dress": N_(
            "Dress varies by industry and region: suits are common in finance and law, while "
            "technology firms and the West Coast are often business casual or casual."
        ),
        "avoid": N_(
            "Many prefer to avoid politics, religion, race, salary and age in business "
            "conversation; personal comments on appearance tend to be unwelcome."
        ),
    },
    # China
    "CN": {
        "communication": N_(
            "Communication is often indirect and attentive to face (mianzi); a direct refusal is "
            "usually avoided, and vague or delayed replies may signal a polite no."
        ),
        "formality": N_(
            "The family name comes first; many use a title or job position with the family name, "
            "e.g. Manager Wang or Director Li, and given names are usually for close "
            "relationships."
        ),
        "greetings": N_(
            "A light handshake and slight nod are common, and the most senior person is usually "
            "greeted first; cards are offered with both hands, ideally with a Chinese side."
        ),
        "meetings": N_(
            "Punctuality is valued, and seating and speaking order often follow seniority; Chinese "
            "New Year (late January or February) is usually a poor time for meetings."
        ),
        "negotiation": N_(
            "Relationships (guanxi) and trust often come before business; decisions may be made by "
            "senior leaders after internal discussion, and negotiations can take several rounds."
        ),
        "gifts": N_(
            "Gifts are common and may be politely declined once or twice before being accepted; "
            "clocks, sets of four and white wrapping are usually avoided, and officials face "
            "strict gift rules."
        ),
        "dining": N_(
            "Banquets are common, with the host ordering; toasts (ganbei) are frequent, and it is "
            "usual to toast the host in return. Declining alcohol politely is generally accepted."
        ),
        "dress": N_(
            "Business dress tends to be conservative, usually dark suits; modest styles are "
            "common, and very bright or revealing clothing is generally avoided in formal "
            "meetings."
        ),
        "avoid": N_(
            "Many prefer not to discuss politics, Taiwan, Tibet, Hong Kong or human rights in "
            "business settings; open criticism that causes loss of face is usually best avoided."
        ),
    },
    # India
    "IN": {
        "communication": N_(
            "Communication is often warm and indirect; many avoid a flat no, so a promise to try "
            "may signal doubt. Confirming agreements in writing is usually helpful."
        ),
        "formality": N_(
            "Titles and surnames (Mr. Sharma, Dr. Rao) are usual at first, and -ji may be added as "
            "a mark of respect; naming customs vary by region, so it helps to ask."
        ),
        "greetings": N_(
            "A handshake is common in business, and namaste with palms together is widely used; "
            "some women prefer not to shake hands with men. Cards are given with the right hand."
        ),
        "meetings": N_(
            "Punctuality is appreciated from visitors, but meetings may start late or move at "
            "short notice; it is usual to confirm appointments a day or two in advance."
        ),
        "negotiation": N_(
            "Relationships and trust often matter as much as price; decisions are usually made by "
            "senior people, and negotiation over terms is common and may take time."
        ),
        "gifts": N_(
            "Gifts such as sweets or a small item from your country are common; they are usually "
            "given with the right hand or both hands, and leather or alcohol may be unsuitable for "
            "some."
        ),
        "dining": N_(
            "Many are vegetarian or avoid beef or pork, and some do not drink alcohol; it is usual "
            "to eat with the right hand and to ask about dietary preferences when hosting."
        ),
        "dress": N_(
            "Business dress is usually conservative: suits or shirts and trousers for men, and "
            "modest clothing covering shoulders and legs for women; light fabrics suit the "
            "climate."
        ),
        "avoid": N_(
            "Many prefer not to discuss religion, caste, poverty or relations with Pakistan in "
            "business settings; friendly questions about family, however, are often welcome."
        ),
    },
    # Brazil
    "BR": {
        "communication": N_(
            "Communication is often warm, expressive and relationship-based; many avoid a blunt "
            "no, and overlapping conversation is common and usually a sign of engagement."
        ),
        "formality": N_(
            "First names are often used quickly, sometimes with Senhor or Senhora; Doutor is "
            "commonly used as a title of respect, including for lawyers and senior people."
        ),
        "greetings": N_(
            "Handshakes with eye contact are usual; among people who know each other, a hug or "
            "cheek kiss is common. Cards are exchanged casually, and a Portuguese side is "
            "appreciated."
        ),
        "meetings": N_(
            "Meetings often start later than scheduled, yet visitors are usually expected to be on "
            "time; personal conversation commonly comes before business."
        ),
        "negotiation": N_(
            "Personal relationships often matter as much as the company, so decisions may take "
            "several meetings; face-to-face contact is usually preferred to e-mail."
        ),
        "gifts": N_(
            "Gifts are not usually expected at first meetings; a small, good-quality item is "
            "appreciated once a relationship develops, and very expensive gifts may cause unease."
        ),
        "dining": N_(
            "Business lunches are common and often long, and dinners tend to start late; moderate "
            "drinking is usual, and many eat even finger food with cutlery or a napkin."
        ),
        "dress": N_(
            "Business dress tends to be smart and well-groomed; suits are common in São Paulo and "
            "in finance, while lighter clothing is usual in hot regions."
        ),
        "avoid": N_(
            "Many prefer to avoid politics, corruption and inequality with new contacts; it is "
            "wise not to assume Spanish is spoken, as the language of Brazil is Portuguese."
        ),
    },
    # United Kingdom
    "GB": {
        "communication": N_(
            "Communication is often indirect and polite, with understatement and humour; phrases "
            "such as ‘with respect’ or ‘that’s interesting’ may signal disagreement."
        ),
        "formality": N_(
            "First names are commonly used early on, though it is usual to start with Mr or Ms and "
            "the surname in formal settings or with senior people."
        ),
        "greetings": N_(
            "A brief handshake is usual at first meetings; business cards are exchanged without "
            "ceremony, often at the end of the meeting or not at all."
        ),
        "meetings": N_(
            "Punctuality is generally expected, and it is usual to send a short message if you "
            "will be a few minutes late; meetings often begin with brief small talk."
        ),
        "negotiation": N_(
            "Negotiations are usually calm and pragmatic; hard selling or exaggerated claims tend "
            "to be received poorly, and decisions may involve several approval steps."
        ),
        "gifts": N_(
            "Business gifts are uncommon and usually modest; many organisations have gift "
            "policies, and inviting a contact for a meal is often a more usual gesture."
        ),
        "dining": N_(
            "Business lunches are common, often with little alcohol; in pubs it is usual to take "
            "turns buying rounds, and the host usually pays at a business meal."
        ),
        "dress": N_(
            "Business dress varies: suits are usual in finance and law, especially in London, "
            "while many other sectors are business casual; formal dress is a safe first choice."
        ),
        "avoid": N_(
            "Many prefer not to discuss income, class or personal matters with new contacts; "
            "calling people from Scotland, Wales or Northern Ireland English tends to cause "
            "offence."
        ),
    },
    # France
    "FR": {
        "communication": N_(
            "Communication is often articulate and debate-oriented; many value well-reasoned "
            "argument, and openly expressed disagreement is usually part of constructive "
            "discussion."
        ),
        "formality": N_(
            "Formal address (vous) with Monsieur or Madame is usual at first; many wait to be "
            "invited before using tu or first names, especially with senior people."
        ),
        "greetings": N_(
            "A brief handshake is usual in business, and greeting with Bonjour Monsieur or Bonjour "
            "Madame is generally expected; cheek kisses (la bise) are for closer colleagues."
        ),
        "meetings": N_(
            "Meetings are usually scheduled well in advance, and punctuality is appreciated, "
            "though a few minutes' delay is often tolerated; August is a common holiday month."
        ),
        "negotiation": N_(
            "Decisions are often made by senior managers after thorough analysis; many appreciate "
            "logical, well-structured proposals, and negotiations can be formal and lengthy."
        ),
        "gifts": N_(
            "Business gifts are usually modest and not given at first meetings; good-quality items "
            "are appreciated, and flowers or chocolates are common when invited to a home."
        ),
        "dining": N_(
            "Business lunches are common and may last well over an hour, often with wine; "
            "conversation about food and culture is usual, and business may be raised later in the "
            "meal."
        ),
        "dress": N_(
            "Business dress tends to be elegant and well-tailored, often in darker colours; "
            "quality and fit are usually valued more than visible brands."
        ),
        "avoid": N_(
            "Many prefer not to discuss money, private life or religion with new contacts; asking "
            "before switching to English, or opening with a few words of French, is usually "
            "appreciated."
        ),
    },
    # South Korea
    "KR": {
        "communication": N_(
            "Communication is often indirect and attentive to harmony and hierarchy; many read the "
            "mood (nunchi) rather than say no directly, and senior people usually speak first."
        ),
        "formality": N_(
            "The family name comes first; many address people by family name and title, e.g. "
            "Director Kim, rather than by given name, which is usually kept for close ties."
        ),
        "greetings": N_(
            "A slight bow with a handshake is common; business cards are usually given and "
            "received with both hands, read carefully and not written on in front of the giver."
        ),
        "meetings": N_(
            "Punctuality is valued, and the most senior person usually leads and is seated first; "
            "first meetings often focus on building rapport, with decisions coming later."
        ),
        "negotiation": N_(
            "Relationships and trust often come first; decisions usually pass through several "
            "levels of approval, so patience and follow-up meetings are common."
        ),
        "gifts": N_(
            "Gifts are common and are given and received with both hands; sets of four and names "
            "written in red are usually avoided, and gifts are often not opened in front of the "
            "giver."
        ),
        "dining": N_(
            "Company dinners (hoesik) are common; it is usual to pour for others, accept a glass "
            "with both hands and turn slightly away from seniors when drinking."
        ),
        "dress": N_(
            "Business dress tends to be conservative, usually dark suits and ties for men and "
            "modest styles for women; shoes are removed in homes and some restaurants."
        ),
        "avoid": N_(
            "Many prefer not to discuss North Korea, Korea–Japan history or personal income "
            "lightly; criticism in front of others tends to cause loss of face."
        ),
    },
    # Israel
    "IL": {
        "communication": N_(
            "Communication is often very direct, informal and fast; open debate and interruptions "
            "are common and usually not meant as rudeness or hostility."
        ),
        "formality": N_(
            "First names are usually used from the start, including with senior managers; titles "
            "are rarely used, and many offices have an informal atmosphere."
        ),
        "greetings": N_(
            "A handshake is common; some religiously observant men and women do not shake hands "
            "with the opposite sex, so it is wise to wait for a hand to be offered."
        ),
        "meetings": N_(
            "The working week usually runs Sunday to Thursday, with a Friday–Saturday weekend; "
            "Shabbat begins at sunset on Friday, and meetings are often arranged at short notice."
        ),
        "negotiation": N_(
            "Negotiations are often direct and energetic, with bargaining common; decisions may be "
            "made quickly, and many appreciate candid, detailed answers to tough questions."
        ),
        "gifts": N_(
            "Business gifts are not usually expected; small items are appreciated, and for "
            "observant contacts any food gift should be kosher."
        ),
        "dining": N_(
            "Many keep kosher to some degree, e.g. no pork or shellfish and no mixing of meat and "
            "dairy; business meals are often informal, and drinking tends to be moderate."
        ),
        "dress": N_(
            "Business dress is generally casual, and ties are uncommon outside formal occasions; "
            "more modest clothing is usual when visiting religious sites or communities."
        ),
        "avoid": N_(
            "Many hold strong views on politics, religion and the Israeli–Palestinian conflict; it "
            "is usually wise to let your host lead on these topics rather than raise them."
        ),
    },
}
