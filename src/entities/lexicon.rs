//! Closed word lists the rules consult: function words, cues, calendar names,
//! currencies and multipliers. Lookups take a folded key (see [`fold_key`]) so that
//! "Président", "PRÉSIDENT" and "president" are one word, without allocating.

/// Folds `word` into `buf` (lowercase, Latin accents removed, ’ as ') and returns the
/// key, or `None` when the word is longer than the buffer: no closed-list word is.
pub(crate) fn fold_key<'b>(word: &str, buf: &'b mut [u8; 32]) -> Option<&'b str> {
    let mut n = 0;
    for c in word.chars() {
        let f = fold_char(c);
        let len = f.len_utf8();
        if n + len > buf.len() {
            return None;
        }
        f.encode_utf8(&mut buf[n..n + len]);
        n += len;
    }
    std::str::from_utf8(&buf[..n]).ok()
}

/// One character folded: lowercase, without its Latin accent; ’ becomes '.
pub(crate) fn fold_char(c: char) -> char {
    if c.is_ascii() {
        return c.to_ascii_lowercase();
    }
    match c {
        'à' | 'â' | 'ä' | 'á' | 'ã' | 'å' | 'À' | 'Â' | 'Ä' | 'Á' | 'Ã' | 'Å' => 'a',
        'é' | 'è' | 'ê' | 'ë' | 'É' | 'È' | 'Ê' | 'Ë' => 'e',
        'î' | 'ï' | 'í' | 'ì' | 'Î' | 'Ï' | 'Í' | 'Ì' => 'i',
        'ô' | 'ö' | 'ó' | 'ò' | 'õ' | 'Ô' | 'Ö' | 'Ó' | 'Ò' | 'Õ' => 'o',
        'ù' | 'û' | 'ü' | 'ú' | 'Ù' | 'Û' | 'Ü' | 'Ú' => 'u',
        'ç' | 'Ç' => 'c',
        'ñ' | 'Ñ' => 'n',
        'ÿ' | 'Ÿ' => 'y',
        '’' | 'ʼ' | '‘' => '\'',
        _ => c.to_lowercase().next().unwrap_or(c),
    }
}

/// French and English function words and other words that never start a name when
/// capitalised at a sentence start ("Le", "Cependant", "The").
pub(crate) fn is_stopword(key: &str) -> bool {
    matches!(
        key,
        "le" | "la"
            | "les"
            | "l'"
            | "un"
            | "une"
            | "des"
            | "du"
            | "de"
            | "d'"
            | "au"
            | "aux"
            | "et"
            | "ou"
            | "mais"
            | "donc"
            | "or"
            | "ni"
            | "car"
            | "ce"
            | "cet"
            | "cette"
            | "ces"
            | "cela"
            | "ceci"
            | "ca"
            | "il"
            | "elle"
            | "ils"
            | "elles"
            | "on"
            | "nous"
            | "vous"
            | "je"
            | "tu"
            | "lui"
            | "leur"
            | "leurs"
            | "son"
            | "sa"
            | "ses"
            | "mon"
            | "ma"
            | "mes"
            | "notre"
            | "nos"
            | "votre"
            | "vos"
            | "qui"
            | "que"
            | "quoi"
            | "dont"
            | "ou'"
            | "quand"
            | "comme"
            | "si"
            | "selon"
            | "pour"
            | "par"
            | "avec"
            | "sans"
            | "sous"
            | "sur"
            | "dans"
            | "en"
            | "entre"
            | "vers"
            | "chez"
            | "depuis"
            | "pendant"
            | "apres"
            | "avant"
            | "lors"
            | "malgre"
            | "contre"
            | "tout"
            | "tous"
            | "toute"
            | "toutes"
            | "plus"
            | "moins"
            | "tres"
            | "aussi"
            | "encore"
            | "deja"
            | "alors"
            | "ainsi"
            | "cependant"
            | "pourtant"
            | "toutefois"
            | "neanmoins"
            | "enfin"
            | "puis"
            | "ensuite"
            | "d'abord"
            | "oui"
            | "non"
            | "ne"
            | "pas"
            | "a"
            | "est"
            | "sont"
            | "etait"
            | "ont"
            | "the"
            | "an"
            | "and"
            | "but"
            | "of"
            | "in"
            | "at"
            | "to"
            | "for"
            | "from"
            | "by"
            | "with"
            | "without"
            | "as"
            | "is"
            | "are"
            | "was"
            | "were"
            | "be"
            | "been"
            | "has"
            | "have"
            | "had"
            | "it"
            | "its"
            | "he"
            | "she"
            | "they"
            | "we"
            | "i"
            | "you"
            | "his"
            | "her"
            | "their"
            | "our"
            | "this"
            | "that"
            | "these"
            | "those"
            | "there"
            | "here"
            | "what"
            | "which"
            | "who"
            | "when"
            | "where"
            | "why"
            | "how"
            | "if"
            | "after"
            | "before"
            | "while"
            | "since"
            | "during"
            | "however"
            | "also"
            | "yet"
            | "so"
            | "not"
            | "no"
            | "yes"
            | "all"
            | "some"
            | "many"
            | "more"
            | "most"
            | "other"
            | "such"
            | "than"
            | "then"
            | "into"
            | "over"
            | "under"
            | "about"
            | "according"
            | "chef"
            | "interroge"
            | "rapporte"
            | "suivez"
            | "photo"
            | "source"
    )
}

/// Lowercase words that may be glued to a name by a broken scrape ("Khersonsous"):
/// the name is still recognised when the rest of the glued word is one of these.
pub(crate) fn is_glue_word(key: &str) -> bool {
    matches!(
        key,
        "sous"
            | "dont"
            | "qui"
            | "que"
            | "et"
            | "est"
            | "au"
            | "aux"
            | "de"
            | "du"
            | "des"
            | "le"
            | "la"
            | "les"
            | "pour"
            | "par"
            | "avec"
            | "sur"
            | "dans"
            | "mais"
            | "the"
            | "and"
            | "of"
            | "in"
            | "to"
            | "on"
            | "for"
            | "with"
            | "which"
            | "that"
            | "is"
            | "was"
            | "has"
            | "said"
            | "a-t-il"
            | "a-t-elle"
            | "lors"
            | "vers"
            | "depuis"
            | "contre"
    )
}

/// Honorifics that make the next capitalised word a person ("M. Stoltenberg").
pub(crate) fn is_honorific(key: &str) -> bool {
    matches!(
        key,
        "m" | "mme" | "mlle" | "mr" | "mrs" | "ms" | "dr" | "pr" | "me" | "sir" | "dame" | "lady" | "lord"
    )
}

/// Titles and roles before a person's name ("le président", "ministre", "secrétaire").
pub(crate) fn is_title(key: &str) -> bool {
    matches!(
        key,
        "president"
            | "presidente"
            | "ministre"
            | "secretaire"
            | "general"
            | "chancelier"
            | "chanceliere"
            | "porte-parole"
            | "colonel"
            | "marechal"
            | "amiral"
            | "commandant"
            | "juge"
            | "senateur"
            | "senatrice"
            | "depute"
            | "deputee"
            | "maire"
            | "roi"
            | "reine"
            | "pape"
            | "prince"
            | "princesse"
            | "patron"
            | "patronne"
            | "pdg"
            | "directeur"
            | "directrice"
            | "dirigeant"
            | "journaliste"
            | "ambassadeur"
            | "ambassadrice"
            | "emir"
            | "cheikh"
            | "ayatollah"
            | "minister"
            | "secretary"
            | "chancellor"
            | "senator"
            | "governor"
            | "king"
            | "queen"
            | "pope"
            | "spokesman"
            | "spokeswoman"
            | "spokesperson"
            | "executive"
            | "ceo"
            | "mayor"
            | "chairman"
            | "chairwoman"
            | "ambassador"
            | "envoy"
            | "commander"
            | "journalist"
            | "correspondent"
            | "presenter"
            | "host"
            | "leader"
            | "dirigeante"
            | "opposant"
            | "opposante"
            | "candidat"
            | "candidate"
            | "homologue"
            | "counterpart"
            | "prefet"
            | "prefete"
            | "commissaire"
            | "adjoint"
            | "adjointe"
            | "conseiller"
            | "conseillere"
            | "procureur"
            | "procureure"
            | "economiste"
            | "fondateur"
            | "fondatrice"
            | "chanteur"
            | "chanteuse"
            | "acteur"
            | "actrice"
            | "ecrivain"
            | "ecrivaine"
            | "auteur"
            | "autrice"
            | "romancier"
            | "romanciere"
            | "skipper"
            | "navigatrice"
            | "navigateur"
            | "entraineur"
            | "joueur"
            | "joueuse"
            | "avocat"
            | "avocate"
            | "professeur"
            | "professeure"
            | "chercheur"
            | "chercheuse"
            | "historien"
            | "historienne"
            | "realisateur"
            | "realisatrice"
            | "photographe"
            | "glaciologue"
            | "sociologue"
            | "politologue"
            | "climatologue"
            | "epidemiologiste"
            | "medecin"
            | "eveque"
            | "cardinal"
            | "commissioner"
            | "founder"
            | "singer"
            | "actor"
            | "actress"
            | "author"
            | "writer"
            | "coach"
            | "player"
            | "lawyer"
            | "professor"
            | "researcher"
            | "historian"
            | "director"
            | "photographer"
            | "economist"
            | "scientist"
            | "prosecutor"
            | "judge"
            | "deputy"
            | "adviser"
            | "advisor"
            | "analyst"
            | "novelist"
            | "chef"
            | "cheffe"
            | "secretaire-general"
    )
}

/// Participles and verbs of reporting: "X a déclaré", "a déclaré X", "X said", "said X".
pub(crate) fn is_reporting_verb(key: &str) -> bool {
    matches!(
        key,
        "declare"
            | "dit"
            | "affirme"
            | "ajoute"
            | "souligne"
            | "explique"
            | "assure"
            | "indique"
            | "estime"
            | "annonce"
            | "averti"
            | "prevenu"
            | "precise"
            | "repondu"
            | "confie"
            | "insiste"
            | "rappele"
            | "conclu"
            | "martele"
            | "reconnu"
            | "admis"
            | "promis"
            | "juge"
            | "deplore"
            | "said"
            | "told"
            | "says"
            | "added"
            | "stated"
            | "warned"
            | "announced"
            | "explained"
            | "insisted"
            | "wrote"
            | "tweeted"
            | "argued"
            | "claimed"
            | "noted"
            | "confirmed"
            | "declared"
    )
}

/// Auxiliaries between a subject and a reporting participle ("X a déclaré").
pub(crate) fn is_auxiliary(key: &str) -> bool {
    matches!(key, "a" | "avait" | "aurait" | "has" | "had")
}

/// Lowercase links inside a name ("Compagnie Armoricaine de Navigation", "Bank of England").
pub(crate) fn is_name_particle(key: &str) -> bool {
    matches!(
        key,
        "de" | "du" | "des" | "d'" | "of" | "for" | "the" | "and" | "&" | "von" | "van" | "der" | "den"
    )
}

/// Nouns before an organisation's name ("l'opérateur Sirocco Gaz", "the carmaker X").
pub(crate) fn is_org_cue(key: &str) -> bool {
    matches!(
        key,
        "operateur"
            | "exploitant"
            | "constructeur"
            | "groupe"
            | "entreprise"
            | "societe"
            | "firme"
            | "start-up"
            | "startup"
            | "laboratoire"
            | "fabricant"
            | "editeur"
            | "quotidien"
            | "hebdomadaire"
            | "journal"
            | "chaine"
            | "radio"
            | "agence"
            | "banque"
            | "assureur"
            | "compagnie"
            | "club"
            | "parti"
            | "syndicat"
            | "ong"
            | "association"
            | "operator"
            | "company"
            | "firm"
            | "group"
            | "carmaker"
            | "chipmaker"
            | "maker"
            | "manufacturer"
            | "airline"
            | "publisher"
            | "newspaper"
            | "broadcaster"
            | "channel"
            | "lender"
            | "insurer"
            | "retailer"
            | "giant"
            | "rival"
            | "subsidiary"
            | "filiale"
            | "conglomerat"
            | "conglomerate"
            | "charity"
            | "ngo"
            | "party"
            | "union"
            | "utility"
            | "developer"
            | "investor"
            | "fund"
            | "fonds"
    )
}

/// Head words that make a capitalised sequence a named event ("Festival des Deux Rives").
pub(crate) fn is_misc_head(key: &str) -> bool {
    matches!(
        key,
        "festival"
            | "transat"
            | "sommet"
            | "summit"
            | "coupe"
            | "cup"
            | "jeux"
            | "games"
            | "tournoi"
            | "conference"
            | "forum"
            | "operation"
            | "traite"
            | "treaty"
            | "accord"
            | "accords"
            | "salon"
            | "biennale"
            | "exposition"
            | "expo"
            | "championnat"
            | "championship"
            | "grand-prix"
            | "prix"
            | "rallye"
            | "rally"
            | "marathon"
            | "loi"
    )
}

/// Last words that make a capitalised sequence a named event, law or product.
pub(crate) fn is_misc_tail(key: &str) -> bool {
    matches!(
        key,
        "act"
            | "treaty"
            | "agreement"
            | "accord"
            | "accords"
            | "cup"
            | "games"
            | "summit"
            | "festival"
            | "prize"
            | "award"
            | "awards"
            | "championship"
            | "open"
            | "expo"
            | "marathon"
            | "week"
    )
}

/// Lowercase geographic nouns that are part of the name they head ("mer du Nord",
/// "golfe de Gascogne", "lac Léman").
pub(crate) fn is_nature_head(key: &str) -> bool {
    matches!(
        key,
        "mer"
            | "golfe"
            | "detroit"
            | "lac"
            | "baie"
            | "canal"
            | "cap"
            | "mont"
            | "monts"
            | "massif"
            | "glacier"
            | "pointe"
            | "ocean"
            | "estuaire"
            | "delta"
            | "desert"
            | "chaine"
            | "col"
            | "plateau"
    )
}

/// Capitalised English geographic heads that start a place name ("Cape of Good Hope",
/// "Lake Geneva", "Gulf of Mexico").
pub(crate) fn is_place_head(key: &str) -> bool {
    matches!(
        key,
        "cape"
            | "gulf"
            | "lake"
            | "mount"
            | "strait"
            | "straits"
            | "bay"
            | "isle"
            | "sea"
            | "river"
            | "mount'"
    )
}

/// Language names, which follow "in" without being places ("written in Arabic").
pub(crate) fn is_language(key: &str) -> bool {
    matches!(
        key,
        "arabic"
            | "english"
            | "french"
            | "german"
            | "spanish"
            | "russian"
            | "ukrainian"
            | "chinese"
            | "mandarin"
            | "italian"
            | "portuguese"
            | "dutch"
            | "polish"
            | "turkish"
            | "persian"
            | "farsi"
            | "hebrew"
            | "hindi"
            | "urdu"
            | "japanese"
            | "korean"
            | "swahili"
            | "wolof"
            | "latin"
            | "greek"
            | "danish"
            | "swedish"
            | "norwegian"
            | "finnish"
            | "breton"
            | "basque"
            | "catalan"
            | "welsh"
            | "gaelic"
    )
}

/// Demonyms and nationality adjectives by their endings ("Européens", "Russian",
/// "Sénégalais"): never a name on their own.
pub(crate) fn looks_like_demonym(key: &str) -> bool {
    const ENDINGS: &[&str] = &[
        "ien", "ienne", "iens", "iennes", "ais", "aise", "aises", "ois", "oise", "oises", "ain", "aine",
        "ains", "aines", "ian", "ians", "ese", "ish", "ean", "eans", "an", "ans", "ane", "anes", "ique",
        "iques", "ite", "ites", "ote", "otes", "ide", "ides", "ien'",
    ];
    key.len() > 4 && ENDINGS.iter().any(|e| key.ends_with(e))
}

/// Head words that make a capitalised sequence they start an organisation.
pub(crate) fn is_org_head(key: &str) -> bool {
    matches!(
        key,
        "conseil"
            | "commission"
            | "banque"
            | "agence"
            | "ministere"
            | "compagnie"
            | "societe"
            | "fondation"
            | "institut"
            | "universite"
            | "parlement"
            | "parti"
            | "assemblee"
            | "cour"
            | "tribunal"
            | "federation"
            | "association"
            | "organisation"
            | "office"
            | "groupe"
            | "comite"
            | "syndicat"
            | "mouvement"
            | "front"
            | "fonds"
            | "ecole"
            | "centre"
            | "council"
            | "ministry"
            | "bank"
            | "agency"
            | "party"
            | "company"
            | "university"
            | "institute"
            | "foundation"
            | "committee"
            | "organization"
            | "court"
            | "department"
            | "union"
            | "observatoire"
            | "musee"
            | "museum"
            | "radio"
            | "autorite"
            | "haut-commissariat"
            | "caisse"
            | "regie"
            | "academie"
            | "academy"
            | "laboratoire"
            | "hopital"
            | "hospital"
            | "lycee"
            | "college"
            | "police"
            | "gendarmerie"
            | "armee"
            | "army"
            | "garde"
            | "guard"
            | "marine"
            | "navy"
            | "service"
            | "services"
            | "brigade"
            | "regiment"
            | "division"
            | "chambre"
            | "senat"
            | "cabinet"
            | "orchestre"
            | "orchestra"
    )
}

/// Last words that make a capitalised sequence an organisation ("Haurizon News").
pub(crate) fn is_org_tail(key: &str) -> bool {
    matches!(
        key,
        "news"
            | "tv"
            | "times"
            | "post"
            | "press"
            | "media"
            | "group"
            | "bank"
            | "partnership"
            | "council"
            | "agency"
            | "institute"
            | "university"
            | "party"
            | "inc"
            | "ltd"
            | "corp"
            | "corporation"
            | "company"
            | "foundation"
            | "association"
            | "committee"
            | "journal"
            | "tribune"
            | "herald"
            | "gazette"
            | "radio"
            | "airlines"
            | "airways"
            | "motors"
            | "industries"
            | "technologies"
            | "sa"
            | "ag"
            | "plc"
            | "gmbh"
            | "holding"
            | "energies"
            | "telecom"
            | "nations"
            | "semiconductors"
            | "systems"
            | "labs"
            | "pharma"
            | "pharmaceuticals"
            | "bancorp"
            | "capital"
            | "partners"
            | "ventures"
            | "networks"
            | "aerospace"
            | "automotive"
            | "foods"
            | "brands"
            | "entertainment"
            | "studios"
            | "records"
            | "wire"
            | "ledger"
            | "courier"
            | "observer"
            | "monitor"
            | "review"
            | "magazine"
            | "daily"
            | "weekly"
            | "express"
            | "mail"
            | "telegraph"
            | "chronicle"
            | "standard"
            | "police"
            | "army"
            | "navy"
            | "ministry"
            | "commission"
            | "parliament"
            | "assembly"
            | "senate"
            | "authority"
            | "board"
            | "office"
            | "service"
            | "agence"
            | "bureau"
            | "reserve"
            | "exchange"
    )
}

/// English words before a place name ("in Odesa"); French "à" is checked on the raw
/// word, since its folded key is the verb "a".
pub(crate) fn is_place_cue(key: &str) -> bool {
    matches!(key, "in" | "near" | "outside" | "en" | "vers")
}

/// Nouns whose "de X" names a place ("la ville de Lyon", "la base de Ramstein").
pub(crate) fn is_place_noun(key: &str) -> bool {
    matches!(
        key,
        "ville"
            | "base"
            | "region"
            | "province"
            | "village"
            | "commune"
            | "localite"
            | "oblast"
            | "port"
            | "city"
            | "town"
            | "capitale"
            | "capital"
            | "departement"
            | "canton"
            | "aeroport"
            | "airport"
            | "ile"
            | "island"
            | "land"
            | "etat"
            | "state"
            | "quartier"
            | "district"
            | "faubourg"
            | "banlieue"
            | "terminal"
            | "prefecture"
            | "county"
            | "comte"
            | "vallee"
            | "valley"
            | "plaine"
            | "pres"
            | "environs"
            | "alentours"
            | "large"
    )
}

/// Nouns and verbs before a named event, operation or infrastructure ("l'exercice X").
pub(crate) fn is_misc_cue(key: &str) -> bool {
    matches!(
        key,
        "operation"
            | "exercice"
            | "exercise"
            | "tempete"
            | "ouragan"
            | "cyclone"
            | "storm"
            | "hurricane"
            | "typhoon"
            | "typhon"
            | "gazoduc"
            | "gazoducs"
            | "oleoduc"
            | "pipeline"
            | "pipelines"
            | "nomme"
            | "nommee"
            | "baptise"
            | "baptisee"
            | "dubbed"
            | "named"
            | "codenamed"
            | "programme"
            | "mission"
            | "traite"
            | "treaty"
            | "cable"
            | "passerelle"
            | "pont"
            | "bridge"
            | "tunnel"
            | "barrage"
            | "dam"
            | "satellite"
            | "fusee"
            | "rocket"
            | "navire"
            | "ship"
            | "fregate"
            | "porte-avions"
            | "vaccin"
            | "vaccine"
            | "logiciel"
            | "application"
            | "app"
            | "modele"
            | "model"
            | "missile"
            | "missiles"
            | "systeme"
            | "char"
            | "chars"
            | "avion"
            | "avions"
            | "centrale"
            | "reacteur"
            | "champ"
            | "gisement"
            | "projet"
            | "project"
            | "array"
    )
}

/// Words that follow an acronym too often to trust it as a name, and acronyms that are
/// not organisations.
pub(crate) fn is_generic_acronym(key: &str) -> bool {
    matches!(
        key,
        "tv" | "ok"
            | "pdg"
            | "pib"
            | "gdp"
            | "tva"
            | "vat"
            | "ceo"
            | "ai"
            | "ia"
            | "adn"
            | "dna"
            | "ong"
            | "ngo"
            | "pme"
            | "sms"
            | "ps"
            | "nb"
            | "am"
            | "pm"
            | "km"
            | "kg"
            | "mw"
            | "gw"
            | "kw"
            | "usd"
            | "eur"
            | "ii"
            | "iii"
            | "iv"
            | "vi"
            | "vii"
            | "viii"
            | "ix"
            | "xi"
            | "xii"
            | "xx"
            | "xxi"
            | "id"
            | "it"
            | "faq"
            | "pdf"
            | "gps"
            | "suv"
            | "vip"
            | "lgbt"
            | "covid"
            | "sida"
            | "aids"
            | "hiv"
            | "vih"
            | "rip"
            | "jt"
            | "qg"
            | "hq"
            | "mds"
            | "md"
            | "bn"
            | "gmt"
            | "utc"
            | "cet"
            | "mm"
            | "cm"
            | "ht"
            | "ttc"
            | "a"
            | "i"
            | "y"
            | "o"
            | "e"
            | "le"
            | "la"
            | "les"
            | "de"
            | "du"
            | "des"
            | "et"
            | "un"
            | "the"
            | "of"
            | "and"
            | "in"
            | "to"
            | "is"
            | "on"
            | "we"
            | "he"
            | "us"
            | "me"
            | "my"
            | "so"
            | "no"
            | "do"
            | "be"
            | "go"
            | "at"
            | "or"
            | "if"
            | "as"
            | "an"
            | "by"
            | "up"
    )
}

/// The month number of a French or English month name or abbreviation.
pub(crate) fn month(key: &str) -> Option<u8> {
    Some(match key {
        "janvier" | "january" | "jan" | "janv" => 1,
        "fevrier" | "february" | "feb" | "fev" | "fevr" => 2,
        "mars" | "march" | "mar" => 3,
        "avril" | "april" | "apr" | "avr" => 4,
        "mai" | "may" => 5,
        "juin" | "june" | "jun" => 6,
        "juillet" | "july" | "jul" | "juil" => 7,
        "aout" | "august" | "aug" => 8,
        "septembre" | "september" | "sep" | "sept" => 9,
        "octobre" | "october" | "oct" => 10,
        "novembre" | "november" | "nov" => 11,
        "decembre" | "december" | "dec" => 12,
        _ => return None,
    })
}

/// Whether a month key is a full name (abbreviations need a day or a year beside them).
pub(crate) fn is_full_month(key: &str) -> bool {
    key.len() > 4 || matches!(key, "mars" | "mai" | "juin" | "aout" | "may" | "june" | "july")
}

/// Whether `key` is a weekday name in French or English.
pub(crate) fn is_weekday(key: &str) -> bool {
    matches!(
        key,
        "lundi"
            | "mardi"
            | "mercredi"
            | "jeudi"
            | "vendredi"
            | "samedi"
            | "dimanche"
            | "monday"
            | "tuesday"
            | "wednesday"
            | "thursday"
            | "friday"
            | "saturday"
            | "sunday"
    )
}

/// The ISO code of a currency word or symbol.
pub(crate) fn currency(key: &str) -> Option<&'static str> {
    Some(match key {
        "dollars" | "dollar" | "$" | "usd" | "us$" => "USD",
        "euros" | "euro" | "€" | "eur" => "EUR",
        "livres" | "livre" | "£" | "gbp" | "pounds" | "pound" | "sterling" => "GBP",
        "roubles" | "rouble" | "rubles" | "ruble" | "rub" => "RUB",
        "hryvnias" | "hryvnia" | "hryvnas" | "uah" => "UAH",
        "yuans" | "yuan" | "renminbi" | "cny" => "CNY",
        "yens" | "yen" | "¥" | "jpy" => "JPY",
        "francs" | "franc" | "chf" => "CHF",
        _ => return None,
    })
}

/// The factor of a multiplier word ("milliards", "bn", "million").
pub(crate) fn multiplier(key: &str) -> Option<u64> {
    Some(match key {
        "mille" | "thousand" | "k" => 1_000,
        "million" | "millions" | "m" | "mn" | "mio" => 1_000_000,
        "milliard" | "milliards" | "billion" | "billions" | "bn" | "md" | "mds" | "mrd" => 1_000_000_000,
        "trillion" | "trillions" | "tn" => 1_000_000_000_000,
        _ => return None,
    })
}

/// Units written after a numeral ("km", "%", "tonnes").
pub(crate) fn is_unit(key: &str) -> bool {
    matches!(
        key,
        "%" | "km"
            | "m"
            | "cm"
            | "mm"
            | "kg"
            | "g"
            | "t"
            | "mw"
            | "gw"
            | "kw"
            | "twh"
            | "gwh"
            | "kwh"
            | "km2"
            | "km²"
            | "ha"
            | "l"
            | "mph"
            | "km/h"
            | "°c"
            | "°"
    )
}
