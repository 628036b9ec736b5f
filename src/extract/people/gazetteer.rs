//! Word lists the person finder consults, built once: census first names and surnames, common
//! lower-case English words (`data/names/`, see its PROVENANCE.md), and small hand-written lists of
//! titles and roles, organisation head words, places, demonyms, months and function words.
//!
//! Every list is a `HashSet` of lower-case words; callers look words up lower-cased.

use rustc_hash::FxBuildHasher;
use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

/// A set of static words (Fx hashing: the keys are short words, where SipHash set-up dominates).
pub type WordSet = HashSet<&'static str, FxBuildHasher>;

/// The word class a capitalised token belongs to, most specific first.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Class {
    /// `Mr.`, `Mrs.`, `Dr.`: the next capitalised word is surely a person.
    Honorific,
    /// A title or role (`President`, `Minister`, `Sen.`, `spokesman`).
    Title,
    /// A word that heads an organisation or a named thing (`Ministry`, `Inc`, `Center`).
    Org,
    /// A country, city, region or US state (`Florida`, `Moscow`).
    Place,
    /// A nationality or group adjective (`Russian`, `Ukrainian`, `Republican`).
    Demonym,
    /// A month, weekday or holiday.
    Time,
    /// A function word (`the`, `this`, `however`).
    Stop,
    /// Name particle between name parts (`de`, `van`, `bin`).
    Connector,
    /// A name suffix (`Jr.`, `III`).
    Suffix,
    /// None of the above.
    Other,
}

/// The lists, lower-case.
pub struct Lexicon {
    pub first: WordSet,
    pub last: WordSet,
    pub common: WordSet,
    /// Lower-case English dictionary words that are not census names (SCOWL).
    pub english: WordSet,
    honorific: WordSet,
    title: WordSet,
    demonym: WordSet,
    connector: WordSet,
    directions: WordSet,
    /// Every hand-written word with its class (the most specific class wins).
    classes: HashMap<&'static str, Class, FxBuildHasher>,
    /// Verbs of saying and the like that follow or precede a person's name.
    pub cue: WordSet,
    /// Foreign and place-name words that open the name of an institution, church or place
    /// (`Instituto`, `Santo`): a run starting with one is not a person.
    pub org_lead: WordSet,
    /// Firms named after people (`merrill lynch`, `lloyds`), joined lower-case words.
    pub firms: WordSet,
    /// Commercial head words (`inc`, `corp`, `brothers`): the words before them name a firm.
    pub commercial: WordSet,
    /// Nouns for works (`novel`, `film`): the capitalised words after one are a title.
    pub works: WordSet,
    /// Roles whose holder works at a firm (`analyst at X`, `X economist`).
    pub employee: WordSet,
    /// Common Chinese and Korean surnames (romanised), which lead a name.
    pub east_asian: WordSet,
    /// Plural nouns for people (`gods`, `players`) that introduce a list of names.
    pub person_plurals: WordSet,
    /// Countries and continents (also in the place class).
    pub countries: WordSet,
    /// US states, their news abbreviations and the last words of two-word states (also places).
    pub us_states: WordSet,
}

/// The lexicon, built on first use.
pub static LEX: LazyLock<Lexicon> = LazyLock::new(Lexicon::build);

fn lines(s: &'static str) -> WordSet {
    let mut set = sized_set(s);
    set.extend(split_lines(s).map(trim_line).filter(|l| !l.is_empty()));
    set
}

/// `str::trim`, skipped when the line starts and ends in a letter: the word lists are clean, and
/// trimming 170,000 lines was a fifth of building them (this runs at every start).
fn trim_line(l: &str) -> &str {
    let clean = |b: Option<&u8>| b.is_some_and(u8::is_ascii_alphanumeric);
    if clean(l.as_bytes().first()) && clean(l.as_bytes().last()) {
        l
    } else {
        l.trim()
    }
}

/// The first word of every line (`first.txt` is `name gender`).
fn first_column(s: &'static str) -> WordSet {
    let mut set = sized_set(s);
    set.extend(split_lines(s).filter_map(|l| l.split_whitespace().next()));
    set
}

/// An empty set with room for one word per line of `s`: the lists hold some 170,000 words, and
/// growing a set to that size rehashes it again and again (this runs at every start).
fn sized_set(s: &str) -> WordSet {
    let lines = s.bytes().filter(|&b| b == b'\n').count() + 1;
    WordSet::with_capacity_and_hasher(lines, FxBuildHasher)
}

/// The lines of `s` split at `\n` by a byte loop (`str::lines` sets up a searcher for each of
/// these short lines); a `\r` before the break stays, for the caller's `trim`.
fn split_lines(s: &str) -> impl Iterator<Item = &str> {
    let mut rest = Some(s);
    std::iter::from_fn(move || {
        let r = rest?;
        match r.bytes().position(|b| b == b'\n') {
            Some(i) => {
                rest = Some(&r[i + 1..]);
                Some(&r[..i])
            }
            None => {
                rest = None;
                Some(r)
            }
        }
    })
}

fn words(s: &'static str) -> WordSet {
    s.split_whitespace().collect()
}

impl Lexicon {
    fn build() -> Lexicon {
        Lexicon {
            first: first_column(include_str!("../../../data/names/first.txt")),
            last: lines(include_str!("../../../data/names/last.txt")),
            common: lines(include_str!("../../../data/names/common.txt")),
            english: lines(include_str!("../../../data/names/english.txt")),
            honorific: words(HONORIFICS),
            title: words(TITLES),
            demonym: words(DEMONYMS),
            connector: words(CONNECTORS),
            directions: words(DIRECTIONS),
            classes: class_map(),
            cue: words(CUES),
            org_lead: words(ORG_LEADS),
            firms: FIRMS
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .collect(),
            commercial: words(COMMERCIAL),
            works: words(WORKS),
            employee: words(EMPLOYEE),
            east_asian: words(EAST_ASIAN),
            person_plurals: words(PERSON_PLURALS),
            countries: words(COUNTRIES),
            us_states: words(US_STATES),
        }
    }

    /// The class of a lower-cased word (trailing period removed by the caller).
    pub fn class(&self, w: &str) -> Class {
        if let Some(c) = self.classes.get(w) {
            return *c;
        }
        // Byte tests, not `contains(char)`: most words get here, and they are short.
        if w.bytes().any(|b| b == b'.') {
            // `N.V.`, `A.G.`, `D.C.`: look the letters up without their periods.
            let bare: String = w.chars().filter(|c| *c != '.').collect();
            if let Some(c) = self.classes.get(bare.as_str()) {
                return *c;
            }
        }
        let dash = w.bytes().position(|b| b == b'-');
        if dash.is_some() && self.is_compound_title(w) {
            Class::Title
        } else if dash.is_some_and(|d| self.classes.get(&w[..d]) == Some(&Class::Org)) {
            Class::Org // `Bank-Houston`
        } else if w
            .strip_suffix('s')
            .is_some_and(|stem| self.demonym.contains(stem))
        {
            Class::Demonym // `Americans`, `Democrats`
        } else {
            Class::Other
        }
    }

    /// `secretary-general`, `vice-president`, `ex-minister`, `president-elect`.
    fn is_compound_title(&self, w: &str) -> bool {
        let mut any = false;
        for part in w.split('-') {
            if self.title.contains(part) {
                any = true;
            } else if !matches!(part, "ex" | "co" | "elect" | "designate" | "in" | "chief") {
                return false;
            }
        }
        any
    }

    /// True for a name particle (`de`, `van`, `al`), which may stay lower-case inside a name.
    pub fn is_connector(&self, w: &str) -> bool {
        self.connector.contains(w)
    }

    /// True for a compass or relative place word (`East`, `New`), never a surname after a name.
    pub fn is_direction(&self, w: &str) -> bool {
        self.directions.contains(w)
    }

    /// True for a title or role word (`president`, `envoy`).
    pub fn is_title(&self, w: &str) -> bool {
        self.title.contains(w) || self.honorific.contains(w)
    }
}

/// One map from word to class; lists are inserted from least to most specific, so a word on
/// several lists gets the most specific class.
fn class_map() -> HashMap<&'static str, Class, FxBuildHasher> {
    let mut m = HashMap::default();
    for (list, class) in [
        (SUFFIXES, Class::Suffix),
        (CONNECTORS, Class::Connector),
        (STOP_WORDS, Class::Stop),
        (TIME_WORDS, Class::Time),
        (DEMONYMS, Class::Demonym),
        (PLACES, Class::Place),
        (COUNTRIES, Class::Place),
        (ORG_WORDS, Class::Org),
        (TITLES, Class::Title),
        (HONORIFICS, Class::Honorific),
    ] {
        for w in list.split_whitespace() {
            m.insert(w, class);
        }
    }
    m
}

const HONORIFICS: &str = "mr mrs ms miss mx dr messrs mme mlle herr monsieur madame sir dame";

/// Titles and roles, as written before a name (capitalised) or in an appositive (lower case).
const TITLES: &str = "
president vice prime minister ministers secretary sec chancellor premier governor gov lt-gov mayor
senator sen sens representative rep reps congressman congresswoman congressmen assemblyman councillor
councilman councilwoman alderman speaker leader chairman chairwoman chair chairperson ceo cfo coo cto
chief executive director managing officer commissioner administrator ambassador envoy emissary consul
attorney general gen lieutenant lt colonel col major maj captain capt sergeant sgt corporal cpl private
pvt admiral adm commander cmdr marshal brigadier commodore judge justice magistrate prosecutor
counsel lawyer solicitor barrister advocate professor prof emeritus lecturer dean provost rector
doctor nurse surgeon dr reverend rev pastor father fr bishop archbishop cardinal pope rabbi imam
sheikh sheik ayatollah mullah cleric king queen prince princess duke duchess earl count countess
baron baroness lord lady emperor empress sultan emir crown spokesman spokeswoman spokesperson
adviser advisor aide deputy assistant undersecretary acting former late then incumbent
coach manager striker midfielder defender goalkeeper forward captain player star champion
actor actress singer rapper musician artist author writer novelist poet journalist reporter editor
correspondent columnist analyst economist scientist researcher historian photographer filmmaker
director producer designer architect economist strategist candidate nominee challenger
mp mep mla msp president-elect pm fm chancellor-elect negotiator mediator delegate
investigator detective inspector superintendent constable sheriff officer trooper agent
founder co-founder owner chairman-elect head boss chief-of-staff staff
partner principal headmaster teacher student activist campaigner organiser organizer protester
witness victim suspect defendant plaintiff survivor resident
ms. mr. first lady gentleman
";

/// Heads of organisation and thing names; a capitalised sequence ending in one is not a person.
const ORG_WORDS: &str = "
inc inc. corp corp. co co. cos cos. ltd ltd. llc plc ag gmbh sa nv bv spa lp llp pty group holdings
company companies corporation incorporated enterprises industries international partners
associates brothers bros trust fund funds capital securities investments bank bancorp
bankshares financial insurance assurance airlines airways motors motor energy oil petroleum
resources mining steel chemicals pharmaceuticals systems technologies technology software
communications telecom networks media entertainment studios pictures records publishing press
times post journal herald tribune gazette daily news newspaper magazine television tv radio
channel network broadcasting agency bureau office department ministry ministries directorate
administration authority commission committee council board cabinet parliament congress senate
assembly chamber house legislature government state states republic kingdom federation union
league alliance coalition party front movement organisation organization association society
foundation institute institution memorial university college school academy museum gallery library
hospital clinic center centre centers centres service services force forces army navy
corps guard police command brigade regiment battalion division fleet militia court tribunal
prison church mosque temple cathedral synagogue club team fc united city rovers wanderers
festival conference summit forum games olympics olympic cup championship championships open
county province district region tournament series prize award awards act treaty accord pact plan program programme project
initiative mission operation campaign fund index exchange market markets street avenue road
boulevard square park bridge river lake mountain mountains mount island islands bay gulf sea
ocean valley airport station port harbour harbor stadium arena hall tower building palace
castle plaza mall hotel restaurant cafe hq headquarters kremlin pentagon whitehall reuters ap
afp bloomberg xinhua tass ria interfax cnn bbc nbc cbs abc fox pbs npr wikinews wikipedia
google apple microsoft amazon facebook twitter meta nasa fbi cia nsa un nato eu opec imf who
enquirer inquirer examiner chronicle telegraph courier sentinel dispatch bulletin observer
show podcast capitol springs falls heights beach creek township sony netflix wikileaks youtube
instagram samsung toyota honda nissan boeing airbus pfizer nestle nokia ericsson siemens uber
coast mt sun masjid expo org graphics mozilla firefox iphone ipad android xbox playstation linux shuttle satellite station facility laboratory lab labs institute taliban hamas hezbollah
isis al-qaeda qaeda jazeera
kgaa girozentrale banken kogyo nationale nacional nazionale oy oyj asa shimbun seaway freres
";

/// Countries and continents.
const COUNTRIES: &str = "
afghanistan albania algeria andorra angola argentina armenia australia austria azerbaijan bahamas
bahrain bangladesh barbados belarus belgium belize benin bhutan bolivia bosnia botswana brazil
brunei bulgaria burkina burma burundi cambodia cameroon canada chad chile china colombia comoros
congo croatia cuba cyprus czech czechia denmark djibouti dominica ecuador egypt eritrea estonia
eswatini ethiopia fiji finland france gabon gambia georgia germany ghana greece grenada guatemala
guinea guyana haiti honduras hungary iceland india indonesia iran iraq ireland israel italy
jamaica japan jordan kazakhstan kenya kiribati korea kosovo kuwait kyrgyzstan laos latvia lebanon
lesotho liberia libya liechtenstein lithuania luxembourg madagascar malawi malaysia maldives mali
malta mauritania mauritius mexico micronesia moldova monaco mongolia montenegro morocco
mozambique myanmar namibia nauru nepal netherlands nicaragua niger nigeria norway oman pakistan
palau palestine panama paraguay peru philippines poland portugal qatar romania russia rwanda samoa
senegal serbia seychelles singapore slovakia slovenia somalia spain sudan suriname sweden
switzerland syria taiwan tajikistan tanzania thailand togo tonga trinidad tobago tunisia turkey
turkmenistan tuvalu uganda ukraine uruguay uzbekistan vanuatu vatican venezuela vietnam yemen
zambia zimbabwe america britain england scotland wales ulster europe asia africa antarctica
oceania arctic antarctic americas eurasia scandinavia balkans caucasus crimea donbas donbass
siberia tibet xinjiang kashmir punjab gaza kurdistan chechnya sahara sahel levant
";

/// US states as written after a city (`Eau Claire, Wis.`, `Fort Worth, Texas`); two-word states
/// by their last word (`Albany, New York`).
const US_STATES: &str = "
ala ariz ark calif colo conn del fla ga ind kan kans ky la md mass mich minn miss mo mont neb
nev nh nj nm ny nc nd okla ore pa ri sc sd tenn tex vt va wash wis wva wyo
n.h n.j n.m n.y n.c n.d r.i s.c s.d w.va
alabama alaska arizona arkansas california colorado connecticut delaware florida georgia
hawaii idaho illinois indiana iowa kansas kentucky louisiana maine maryland massachusetts
michigan minnesota mississippi missouri montana nebraska nevada ohio oklahoma oregon
pennsylvania tennessee texas utah vermont virginia washington wisconsin wyoming
hampshire jersey mexico york carolina dakota island
";

/// Major cities and regions, US states and words that make up their names.
const PLACES: &str = "
ala ariz ark calif colo conn fla ga ind kan kans ky md mich minn neb nev nh nj nm ny
nc nd okla pa ri sc sd tenn tex vt va wis wyo
u.s. u.s us usa dc u.k. uk uae ussr eu u.n. n.z. nz hk prc dprk roc
alabama alaska arizona arkansas california colorado connecticut delaware florida hawaii idaho
illinois indiana iowa kansas kentucky louisiana maine maryland massachusetts michigan minnesota
mississippi missouri montana nebraska nevada hampshire jersey mexico york carolina dakota ohio
oklahoma oregon pennsylvania rhode tennessee texas utah vermont virginia wisconsin wyoming
ontario quebec alberta manitoba saskatchewan columbia nova scotia brunswick newfoundland
sul norte brasil
new north south east west northern southern eastern western central upper lower greater
london paris berlin moscow kyiv kiev beijing tokyo seoul pyongyang delhi mumbai bombay kolkata
calcutta madras chennai bangalore karachi lahore islamabad kabul kandahar tehran baghdad damascus
beirut amman jerusalem tel aviv cairo riyadh jeddah mecca medina doha dubai abu dhabi muscat
ankara istanbul athens rome milan naples madrid barcelona lisbon dublin brussels amsterdam
hague rotterdam geneva zurich bern vienna prague warsaw budapest bucharest sofia belgrade
zagreb sarajevo minsk vilnius riga tallinn helsinki stockholm oslo copenhagen reykjavik
frankfurt munich hamburg cologne bonn marseille lyon nice manchester liverpool birmingham
glasgow edinburgh cardiff belfast ottawa toronto montreal vancouver calgary washington chicago
boston philadelphia detroit atlanta miami dallas houston austin denver phoenix seattle angeles
francisco diego vegas orleans baltimore pittsburgh cleveland hollywood manhattan brooklyn
havana caracas bogota lima santiago buenos aires brasilia rio janeiro paulo montevideo
quito la paz asuncion panama managua tegucigalpa salvador guatemala kingston nairobi lagos
abuja accra dakar addis ababa khartoum tripoli tunis algiers rabat casablanca johannesburg
pretoria durban cape town harare lusaka kinshasa luanda kampala kigali mogadishu sydney
melbourne brisbane perth adelaide canberra auckland wellington manila jakarta bangkok hanoi
saigon singapore kuala lumpur hong kong macau shanghai shenzhen guangzhou taipei osaka
kyoto dhaka colombo kathmandu tashkent almaty astana baku tbilisi yerevan kharkiv odesa odessa
lviv donetsk luhansk mariupol kherson zaporizhzhia crimea sevastopol gdansk krakow
florence venice turin genoa sicily sardinia corsica bavaria saxony catalonia andalusia
flanders wallonia normandy brittany provence siberia urals florida gulf
anchorage honolulu sacramento albany springfield richmond nashville memphis louisville
canaveral cairns arabia los las san santa sao saint kowloon territories emirates
lanka leone faso herzegovina salvador rica verde marino lucia kitts vincent
";

const DIRECTIONS: &str = "new north south east west northern southern eastern western central upper
lower greater old great little mid northeast northwest southeast southwest";

/// Nationalities, languages and group adjectives; never person names.
const DEMONYMS: &str = "
afghan albanian algerian american andorran angolan argentine argentinian armenian australian
austrian azerbaijani azeri bahraini bangladeshi belarusian belgian bolivian bosnian brazilian
british briton bulgarian burmese cambodian cameroonian canadian chilean chinese colombian
congolese croatian cuban cypriot czech danish dutch ecuadorian egyptian emirati english eritrean
estonian ethiopian european filipino finnish french georgian german ghanaian greek guatemalan
haitian honduran hungarian icelandic indian indonesian iranian iraqi irish israeli italian
ivorian jamaican japanese jordanian kazakh kenyan korean kosovar kuwaiti kyrgyz lao latvian
lebanese liberian libyan lithuanian luxembourgish macedonian malagasy malawian malaysian maldivian
malian maltese mauritanian mexican moldovan mongolian montenegrin moroccan mozambican namibian
nepalese nepali dutch zealander nicaraguan nigerian nigerien norwegian omani pakistani palestinian
panamanian paraguayan persian peruvian philippine polish portuguese qatari romanian russian rwandan saudi
scottish senegalese serbian serb sierra singaporean slovak slovenian somali spanish sri sudanese
swedish swiss syrian taiwanese tajik tanzanian thai tibetan tunisian turkish turkmen ugandan
ukrainian uruguayan uzbek venezuelan vietnamese welsh yemeni zambian zimbabwean arab arabic
asian african latin latino hispanic caucasian western eastern northern southern soviet kurdish
kurd pashtun tamil sikh hindu muslim moslem islamic jewish christian catholic protestant
orthodox sunni shia shiite buddhist islam christianity judaism hinduism buddhism coptic anglican evangelical republican republicans democrat
democratic democrats conservative conservatives liberal liberals labour tory tories socialist
communist green greens nationalist nationalists federal allied transatlantic
";

const TIME_WORDS: &str = "
january february march april may june july august september october november december
jan feb mar apr jun jul aug sep sept oct nov dec monday tuesday wednesday thursday friday
saturday sunday mon tue tues wed thu thur thurs fri sat christmas easter ramadan eid
hanukkah diwali thanksgiving today yesterday tomorrow tonight
";

/// Function words and sentence openers that are capitalised only by position.
const STOP_WORDS: &str = "
the a an this that these those there here it its it's he she they we i you his her their our
my your him them us me who whom whose which what when where why how whether while although though
because since after before during until unless if then than and or but nor so yet also both
either neither each every all any some many most more much few several other another such
no not none nothing nobody everyone everybody someone somebody anyone one two three four five
six seven eight nine ten first second third last next new old in on at by for from to of with
without within into onto upon about above below under over between among across against
through throughout toward towards around near as like unlike per via despite however meanwhile
moreover furthermore nevertheless nonetheless instead indeed thus therefore hence still already
even only just once again later earlier soon now recently currently finally eventually
additionally according following including regarding concerning given asked said says told
but mostly overall yes no okay ok please thank thanks dear hello hi is are was were be been
being has have had do does did will would shall should can could may might must let
image photo video file credit source sources update updated related read more share
";

const CONNECTORS: &str = "
de da do dos das di del della dell' degli du des van von der den ter ten zu la le el al bin
ibn ben bint abu abd abdel ul ud y e st. st
";

const SUFFIXES: &str = "jr jr. sr sr. ii iii iv v jnr snr esq";

/// Words right after (or before) a name that show it is somebody: speech and cognition verbs.
const CUES: &str = "
said says say told tells added adds explained explains stated states noted notes announced
announces argued argues wrote writes asked asks replied replies acknowledged acknowledges
insisted insists warned warns claimed claims commented comments confirmed confirms denied
denies suggested suggests urged urges tweeted tweets posted recalled recalls believes believed
thinks thought admitted admits stressed stresses emphasized emphasised emphasizes emphasises
according continued continues concluded concludes testified testifies declared declares
responded responds countered counters conceded concedes predicted predicts vowed vows
pledged pledges promised promises revealed reveals disclosed discloses described describes
criticized criticised criticizes criticises praised praises blamed blames accused accuses
called calls met meets visited visits resigned resigns died dies was is has had who whose
won wins scored scores joined joins led leads became becomes
";

/// Words (accents folded) that open the name of an institution, a church or a place.
const ORG_LEADS: &str = "
instituto istituto institut universidad universita universitat universite universidade banco
banca banque colegio liceo lycee escuela escola ecole museo musee chiesa iglesia igreja eglise
basilica teatro palazzo piazza rue calle avenida estadio stade partido partito parti comissaria
companhia compania compagnie societe sociedad sociedade fundacion fundacao fondazione ospedale
hopital grupo gruppo banques bancos financiere credito santo santa san sao sainte regie caisse
cie puerto punta lago jornal
";

/// Firms and brands named after people, as joined lower-case words.
const FIRMS: &str = "
merrill lynch
wells fargo
bear stearns
morgan stanley
morgan grenfell
dean witter
smith barney
goldman sachs
salomon brothers
shearson lehman
lehman brothers
drexel burnham
kidder peabody
paine webber
dow jones
lloyds
freddie mac
fannie mae
ginnie mae
sallie mae
thomson mckinnon
prudential bache
merrell dow
warburg
rothschild
schroders
kleinwort benson
hambros
";

/// Commercial head words: a capitalised name right before them is a firm's name.
const COMMERCIAL: &str = "
inc corp co cos ltd llc plc ag gmbh sa nv bv spa lp llp pty group holdings company companies
corporation incorporated enterprises industries brothers bros securities investments bancorp
bankshares financial insurance airlines motors motor petroleum resources mining steel chemicals
pharmaceuticals systems technologies software communications graphics homes foods stores
partners associates l.p n.v s.a
";

/// Nouns for works whose capitalised titles follow them.
const WORKS: &str = "
novel novels book books film films movie movies album albums song songs single series show
sitcom play opera musical painting paintings sculpture poem poems documentary novella memoir
comic comics manga episode game games titled entitled
";

/// Roles at a firm: `an analyst at X`, `X analyst Jane Doe`.
const EMPLOYEE: &str = "
analyst analysts economist economists strategist strategists trader traders dealer dealers
broker brokers spokesman spokeswoman official officials executive executives unit subsidiary
";

/// Romanised Chinese and Korean surnames that open a name (`Park Joo-ho`, `Lam Cheuk-ting`).
const EAST_ASIAN: &str = "
kim lee park choi jung jeong kang cho yoon yun jang lim han oh seo shin kwon hwang ahn song yoo
hong jeon ko moon yang son bae baek heo nam noh ha kwak sung cha joo woo min ryu na jin ji
wong chan leung cheung lau ho ng chow tsang tse lam yip kwok lai tang fung wu li liu zhang wang
chen huang zhao zhou xu sun ma zhu hu guo he lin gao luo zheng liang xie tan deng cao peng zeng
xiao tian dong pan yuan cai jiang yu du ye cheng wei su lu ding ren shen yao shi liao zou xiong
hao kong bai cui mao qiu qin gu hou shao meng duan lei qian yin chang tsai hsu chiang chu yiu
yau mak tam yeung siu hui kwong shiu mo ip yung tien chiu poon pang hau lo kuo chou
";

/// Plural nouns for people that introduce a list of names (`gods such as Zeus, Hera and Ares`).
const PERSON_PLURALS: &str = "
gods goddesses deities heroes people persons men women players athletes artists actors
actresses singers musicians writers authors poets painters politicians leaders candidates
figures celebrities members founders saints prophets kings queens rulers emperors generals
ministers officials directors stars characters ones names
";
