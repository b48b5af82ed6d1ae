//! Data: the words that name normalisation removes, expands or weighs down.
//!
//! Logic lives in `normalize.rs` and `score.rs`; what counts as a legal form,
//! as security-line noise, as an abbreviation or as a generic word lives here,
//! so that a new form seen in a real file is one line in a table.

/// Legal-form words, removed from the end of a name (repeatedly, so
/// `CO LTD` and `CO., LTD.` both go). Upper case, punctuation already removed.
#[rustfmt::skip]
pub const LEGAL_FORMS: &[&str] = &[
    "CO", "COMPANY", "COS", "LTD", "LIMITED", "LIMITADA", "CORP", "CORPORATION", "INC", "INCORPORATED", "PLC",
    "LLC", "LP", "LLP", "SA", "AG", "NV", "BV", "GMBH", "SE", "SPA", "AB", "ASA", "OYJ", "KK", "BHD", "BERHAD",
    "TBK", "PJSC", "JSC", "OAO", "PAO", "PTY", "SLU", "SL", "SAB", "CV", "SRL", "SAS", "AS", "PCL", "PUBL",
    "KGAA", "SCA", "NL", "OJSC", "PT", "LTDA", "SAU", "SAOG", "QSC", "QPSC", "PSC", "CIA", "SOCIETA",
];

/// Chinese legal forms, removed from the end of a run of Chinese characters.
/// Longest first, so the longest form is removed whole.
#[rustfmt::skip]
pub const CJK_LEGAL_FORMS: &[&str] = &[
    "股份有限公司", "有限责任公司", "有限責任公司", "集团有限公司", "集團有限公司", "有限公司", "股份公司", "公司", "股份",
];

/// Chinese generic words split off the end of a run of Chinese characters as
/// tokens of their own (holdings, group, technology), so `腾讯控股` and
/// `腾讯` share the distinctive part.
pub const CJK_GENERIC_SUFFIXES: &[&str] = &[
    "控股", "集团", "科技", "技术", "国际", "电子", "通信", "通讯",
];

/// Security-line noise: words that describe the share line, not the issuer
/// (`SPON ADR`, `-H`, `CL A`, `REG S`, `144A`). Removed from the end of a
/// name, together with legal forms, until neither remains.
#[rustfmt::skip]
pub const SHARE_LINE_NOISE: &[&str] = &[
    "ADR", "ADRS", "ADS", "GDR", "GDRS", "DR", "DRC", "CDR", "NVDR", "SPON", "SPONS", "SPONSORED", "UNSPON",
    "UNSPONSORED", "UNS", "SP", "ORD", "ORDS", "ORDINARY", "SHS", "SH", "SHARES", "SHARE", "NPV", "REG", "REGS",
    "144A", "CL", "CLASS", "WR", "WI", "REPSTG", "REP", "REPS", "REPR", "REPRESENTING", "REPRESENTS", "EACH", "COMMON", "STOCK", "COM", "CMN", "EQUITY", "UNIT",
    "UNITS", "PREF", "PFD", "PREFERRED", "PRF", "NEW", "SW", "REIT", "FGN", "LOCAL", "ISIN", "EUR", "USD", "HKD",
    "CNY", "RMB", "NON", "VTG", "VOTING", "DEP", "RECEIPT", "RECEIPTS", "DEPOSITARY", "DEPOSITORY",
];

/// Single letters that name share classes (`-A`, `-H`, `-W`, `CLASS B`) or
/// local lines (`-R`, `-F`); removed from the end of a name.
pub const SHARE_CLASS_LETTERS: &[&str] = &[
    "A", "B", "C", "D", "E", "H", "N", "P", "R", "S", "F", "W", "Y", "Z", "U", "X",
];

/// Currency codes of nominal values in German-style share descriptions
/// (`DL-,00025` US dollar, `EO` euro, `HD` Hong Kong dollar, `YC` yuan);
/// removed with the number after them.
#[rustfmt::skip]
pub const NOMINAL_CURRENCIES: &[&str] = &[
    "DL", "EO", "HD", "YC", "SF", "LS", "YN", "SD", "AD", "KD", "NK", "DK", "SK", "RB", "TB", "IR", "RC",
];

/// Abbreviations issuers and brokers print, with the word they stand for.
/// Only abbreviations with one reading belong here; `ELEC` (electric or
/// electronics) does not, and is left to prefix matching.
#[rustfmt::skip]
pub const ABBREVIATIONS: &[(&str, &str)] = &[
    ("GR", "GROUP"), ("SZ", "SHENZHEN"), ("BJ", "BEIJING"), ("GZ", "GUANGZHOU"), ("HLDG", "HOLDINGS"), ("HLDGS", "HOLDINGS"), ("HOLDING", "HOLDINGS"), ("HOLDG", "HOLDINGS"), ("HLD", "HOLDINGS"), ("INTL", "INTERNATIONAL"), ("INTERNATL", "INTERNATIONAL"), ("INT", "INTERNATIONAL"),
    ("TECH", "TECHNOLOGY"), ("TECHN", "TECHNOLOGY"), ("TECHNOL", "TECHNOLOGY"), ("TECHNOLOGIES", "TECHNOLOGY"),
    ("TECHNO", "TECHNOLOGY"), ("TEC", "TECHNOLOGY"), ("GRP", "GROUP"), ("GP", "GROUP"), ("MFG", "MANUFACTURING"),
    ("MANUF", "MANUFACTURING"), ("MANUFACTUR", "MANUFACTURING"), ("SVCS", "SERVICES"), ("SVC", "SERVICES"),
    ("SERVICE", "SERVICES"), ("COMMS", "COMMUNICATIONS"), ("COMMUN", "COMMUNICATIONS"), ("COMMUNICATION", "COMMUNICATIONS"),
    ("ENTMT", "ENTERTAINMENT"), ("ENTERTAIN", "ENTERTAINMENT"), ("INDL", "INDUSTRIAL"), ("INDS", "INDUSTRIES"),
    ("INDUSTRY", "INDUSTRIES"), ("IND", "INDUSTRIES"), ("DEV", "DEVELOPMENT"), ("DEVT", "DEVELOPMENT"), ("CONSTR", "CONSTRUCTION"),
    ("CONST", "CONSTRUCTION"), ("CONSTRUCT", "CONSTRUCTION"), ("ENGR", "ENGINEERING"), ("ENGG", "ENGINEERING"), ("ENG", "ENGINEERING"),
    ("ENGINEER", "ENGINEERING"), ("ENGIN", "ENGINEERING"), ("SCI", "SCIENCE"), ("SCIENCES", "SCIENCE"),
    ("PHARM", "PHARMACEUTICAL"), ("PHARMA", "PHARMACEUTICAL"), ("PHARMACEUTICALS", "PHARMACEUTICAL"),
    ("MGMT", "MANAGEMENT"), ("MGT", "MANAGEMENT"), ("INVT", "INVESTMENT"), ("INVESTMENTS", "INVESTMENT"),
    ("NATL", "NATIONAL"), ("SEMICON", "SEMICONDUCTOR"), ("SEMICOND", "SEMICONDUCTOR"), ("SEMI", "SEMICONDUCTOR"),
    ("SEMICONDUCTORS", "SEMICONDUCTOR"), ("INFO", "INFORMATION"), ("INFORMATN", "INFORMATION"), ("SYS", "SYSTEMS"),
    ("SYSTEM", "SYSTEMS"), ("EQUIP", "EQUIPMENT"), ("MATL", "MATERIALS"), ("MATLS", "MATERIALS"), ("MATERIAL", "MATERIALS"),
    ("MACH", "MACHINERY"), ("ELECTRONIC", "ELECTRONICS"),
    ("NETWK", "NETWORK"), ("NETWORKS", "NETWORK"), ("CHEM", "CHEMICAL"), ("CHEMICALS", "CHEMICAL"),
    ("SHIPBLDG", "SHIPBUILDING"), ("BLDG", "BUILDING"), ("AVN", "AVIATION"), ("AVIAT", "AVIATION"),
    ("AEROSP", "AEROSPACE"), ("TELECOMM", "TELECOMMUNICATIONS"), ("TELECOMMS", "TELECOMMUNICATIONS"),
    ("TELECOMMUNICATION", "TELECOMMUNICATIONS"), ("COMMUNICATNS", "COMMUNICATIONS"), ("DIGIT", "DIGITAL"),
    ("OPTOELECTR", "OPTOELECTRONICS"), ("INSTR", "INSTRUMENTS"), ("INSTRUMENT", "INSTRUMENTS"), ("AUTOMAT", "AUTOMATION"),
    ("MICROELEC", "MICROELECTRONICS"), ("MICROELECTRONIC", "MICROELECTRONICS"), ("PRODS", "PRODUCTS"), ("PRODUCT", "PRODUCTS"), ("SOLUTION", "SOLUTIONS"),
    ("SOLNS", "SOLUTIONS"), ("ENERGIES", "ENERGY"), ("GENOMIC", "GENOMICS"), ("CONTAINER", "CONTAINERS"),
    ("CNTNR", "CONTAINERS"), ("SHIPPG", "SHIPPING"), ("TRANSN", "TRANSPORTATION"), ("TRANSP", "TRANSPORTATION"),
    ("INTELL", "INTELLIGENT"), ("INTELLIG", "INTELLIGENT"), ("SECUR", "SECURITY"), ("ROBOTIC", "ROBOTICS"), ("BIOTECHNOLOGY", "BIOTECH"), ("OPTIC", "OPTICAL"),
];

/// Words that stand between names without meaning anything (`BANK OF
/// CHINA`, `THE 6TH RESEARCH INSTITUTE`); dropped everywhere.
pub const STOPWORDS: &[&str] = &[
    "THE", "OF", "AND", "ET", "DE", "DES", "DU", "LA", "LE", "DER", "DIE", "UND", "Y", "FOR",
];

/// Words that are in many company names and say little about which company
/// is meant: a match on them alone is no match. Their weight is capped low
/// whatever the loaded list says.
#[rustfmt::skip]
pub const GENERIC_WORDS: &[&str] = &[
    // countries and regions
    "CHINA", "CHINESE", "SINO", "ZHONGGUO", "ZHONG", "HONG", "KONG", "HONGKONG", "ASIA", "ASIAN", "PACIFIC",
    "AMERICA", "AMERICAS", "AMERICAN", "USA", "US", "NORTH", "SOUTH", "EAST", "WEST", "CENTRAL", "GLOBAL",
    "INTERNATIONAL", "NATIONAL", "WORLD", "OVERSEAS", "BVI", "CAYMAN", "EUROPE", "TAIWAN", "SINGAPORE",
    // provinces and large cities
    "BEIJING", "SHANGHAI", "SHENZHEN", "GUANGZHOU", "TIANJIN", "CHONGQING", "HANGZHOU", "NANJING", "WUHAN",
    "CHENGDU", "XIAN", "XIAMEN", "SUZHOU", "QINGDAO", "DALIAN", "SHENYANG", "HARBIN", "CHANGSHA", "ZHENGZHOU",
    "JINAN", "HEFEI", "FUZHOU", "KUNMING", "NANNING", "GUIYANG", "LANZHOU", "TAIYUAN", "SHIJIAZHUANG", "NINGBO",
    "WUXI", "ZHUHAI", "DONGGUAN", "FOSHAN", "BAODING", "ZHUZHOU", "JIANGSU", "ZHEJIANG", "GUANGDONG", "FUJIAN",
    "SHANDONG", "HENAN", "HEBEI", "HUBEI", "HUNAN", "SICHUAN", "YUNNAN", "GUIZHOU", "SHAANXI", "SHANXI",
    "ANHUI", "JIANGXI", "LIAONING", "JILIN", "HEILONGJIANG", "INNER", "MONGOLIA", "GANSU", "QINGHAI",
    "NINGXIA", "XINJIANG", "TIBET", "GUANGXI", "HAINAN", "YANGTZE", "PEARL", "RIVER",
    // corporate structure
    "GROUP", "HOLDINGS", "COMPANY", "CORPORATION", "ENTERPRISE", "ENTERPRISES", "INDUSTRIES", "INDUSTRIAL",
    "INVESTMENT", "DEVELOPMENT", "MANAGEMENT", "CAPITAL", "PARTNERS", "VENTURES", "TRUST", "FUND", "UNITED",
    "NEW", "FIRST", "GENERAL", "STATE", "PEOPLES", "POWER",
    // line of business
    "TECHNOLOGY", "SCIENCE", "INFORMATION", "ELECTRONICS", "ELECTRIC", "DIGITAL", "COMMUNICATIONS", "NETWORK",
    "SYSTEMS", "SERVICES", "SOLUTIONS", "ENGINEERING", "CONSTRUCTION", "MANUFACTURING", "MACHINERY",
    "EQUIPMENT", "MATERIALS", "PRODUCTS", "TRADING", "RESEARCH", "INSTITUTE", "ACADEMY", "DESIGN", "CONSULTING",
    "INTELLIGENT", "SMART", "AUTOMATION", "SECURITY", "ENERGY", "RESOURCES", "MARINE", "OCEAN", "LOGISTICS",
    "SUPPLY", "CHAIN", "INNOVATION", "CULTURE", "INC", "CENTER", "CENTRE",
];

/// Traditional Chinese characters found in company names, with their
/// simplified forms: Hong Kong lists print `比亞迪`, A-share lists `比亚迪`.
#[rustfmt::skip]
pub const TRADITIONAL_TO_SIMPLIFIED: &[(char, char)] = &[
    ('亞', '亚'), ('國', '国'), ('電', '电'), ('訊', '讯'), ('騰', '腾'), ('聯', '联'), ('動', '动'), ('團', '团'),
    ('際', '际'), ('華', '华'), ('為', '为'), ('藝', '艺'), ('機', '机'), ('飛', '飞'), ('車', '车'), ('鐵', '铁'),
    ('設', '设'), ('築', '筑'), ('發', '发'), ('產', '产'), ('業', '业'), ('網', '网'), ('絡', '络'), ('術', '术'),
    ('資', '资'), ('學', '学'), ('藥', '药'), ('醫', '医'), ('療', '疗'), ('銀', '银'), ('險', '险'), ('陽', '阳'),
    ('漢', '汉'), ('東', '东'), ('廣', '广'), ('門', '门'), ('開', '开'), ('關', '关'), ('長', '长'), ('萬', '万'),
    ('與', '与'), ('興', '兴'), ('號', '号'), ('龍', '龙'), ('島', '岛'), ('灣', '湾'), ('偉', '伟'), ('創', '创'),
    ('達', '达'), ('邁', '迈'), ('遠', '远'), ('運', '运'), ('輪', '轮'), ('軍', '军'), ('衛', '卫'), ('導', '导'),
    ('體', '体'), ('億', '亿'), ('寶', '宝'), ('麗', '丽'), ('書', '书'), ('會', '会'), ('經', '经'), ('濟', '济'),
    ('貿', '贸'), ('聖', '圣'), ('愛', '爱'), ('視', '视'), ('數', '数'), ('據', '据'), ('雲', '云'), ('計', '计'),
    ('儀', '仪'), ('測', '测'), ('試', '试'), ('檢', '检'), ('驗', '验'), ('鋼', '钢'), ('鋁', '铝'), ('銅', '铜'),
    ('錢', '钱'), ('貴', '贵'), ('陝', '陕'), ('遼', '辽'), ('蘇', '苏'), ('瀋', '沈'), ('滬', '沪'), ('鄭', '郑'),
    ('閩', '闽'), ('贛', '赣'), ('黃', '黄'), ('輝', '辉'), ('煉', '炼'), ('氣', '气'), ('潔', '洁'), ('環', '环'),
    ('節', '节'), ('傳', '传'), ('樂', '乐'), ('遊', '游'), ('戲', '戏'), ('園', '园'), ('區', '区'), ('實', '实'),
    ('響', '响'), ('顯', '显'), ('種', '种'), ('農', '农'), ('糧', '粮'), ('飲', '饮'), ('裝', '装'), ('備', '备'),
    ('製', '制'), ('廠', '厂'), ('礦', '矿'), ('鎮', '镇'), ('縣', '县'), ('鄉', '乡'), ('購', '购'), ('壽', '寿'),
    ('證', '证'), ('財', '财'), ('兌', '兑'), ('換', '换'), ('幣', '币'), ('價', '价'), ('馬', '马'), ('魚', '鱼'),
    ('鳥', '鸟'), ('點', '点'), ('線', '线'), ('紅', '红'), ('綠', '绿'), ('藍', '蓝'), ('舉', '举'), ('歐', '欧'),
    ('語', '语'), ('話', '话'), ('說', '说'), ('讀', '读'), ('寫', '写'), ('權', '权'), ('變', '变'), ('週', '周'),
    ('時', '时'), ('間', '间'), ('問', '问'), ('題', '题'), ('層', '层'), ('處', '处'), ('應', '应'), ('態', '态'),
    ('總', '总'), ('幾', '几'), ('頭', '头'), ('觀', '观'), ('親', '亲'), ('詳', '详'), ('碼', '码'), ('庫', '库'),
    ('寧', '宁'), ('蘭', '兰'), ('蓮', '莲'), ('紡', '纺'), ('織', '织'), ('綜', '综'), ('鴻', '鸿'), ('葯', '药'),
    ('衆', '众'),
];

/// The word tables as sets, built once: matching looks words up for every
/// holding, and a linear scan of a table per word would dominate its cost.
pub mod sets {
    use std::sync::LazyLock;

    use rustc_hash::{FxHashMap, FxHashSet};

    fn set(words: &'static [&'static str]) -> FxHashSet<&'static str> {
        words.iter().copied().collect()
    }

    /// [`super::LEGAL_FORMS`].
    pub static LEGAL_FORMS: LazyLock<FxHashSet<&'static str>> =
        LazyLock::new(|| set(super::LEGAL_FORMS));
    /// [`super::SHARE_LINE_NOISE`].
    pub static SHARE_LINE_NOISE: LazyLock<FxHashSet<&'static str>> =
        LazyLock::new(|| set(super::SHARE_LINE_NOISE));
    /// [`super::SHARE_CLASS_LETTERS`].
    pub static SHARE_CLASS_LETTERS: LazyLock<FxHashSet<&'static str>> =
        LazyLock::new(|| set(super::SHARE_CLASS_LETTERS));
    /// [`super::STOPWORDS`].
    pub static STOPWORDS: LazyLock<FxHashSet<&'static str>> =
        LazyLock::new(|| set(super::STOPWORDS));
    /// [`super::GENERIC_WORDS`].
    pub static GENERIC_WORDS: LazyLock<FxHashSet<&'static str>> =
        LazyLock::new(|| set(super::GENERIC_WORDS));
    /// [`super::NOMINAL_CURRENCIES`].
    pub static NOMINAL_CURRENCIES: LazyLock<FxHashSet<&'static str>> =
        LazyLock::new(|| set(super::NOMINAL_CURRENCIES));
    /// [`super::ABBREVIATIONS`], short form to word.
    pub static ABBREVIATIONS: LazyLock<FxHashMap<&'static str, &'static str>> =
        LazyLock::new(|| super::ABBREVIATIONS.iter().copied().collect());
    /// [`super::TRADITIONAL_TO_SIMPLIFIED`].
    pub static TRADITIONAL_TO_SIMPLIFIED: LazyLock<FxHashMap<char, char>> =
        LazyLock::new(|| super::TRADITIONAL_TO_SIMPLIFIED.iter().copied().collect());
    /// The Latin legal forms and share-line words of six letters or more,
    /// by length: the words a misspelling is checked against.
    pub static LONG_NOISE_BY_LENGTH: LazyLock<Vec<Vec<&'static str>>> = LazyLock::new(|| {
        let mut by_length: Vec<Vec<&'static str>> = Vec::new();
        for word in super::LEGAL_FORMS.iter().chain(super::SHARE_LINE_NOISE) {
            if word.len() >= 6 && word.is_ascii() {
                if by_length.len() <= word.len() {
                    by_length.resize(word.len() + 1, Vec::new());
                }
                by_length[word.len()].push(word);
            }
        }
        by_length
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    fn assert_upper_unique(name: &str, words: &[&str]) {
        let mut seen = HashSet::new();
        for w in words {
            assert!(seen.insert(*w), "{name}: {w} twice");
            assert!(!w.is_empty(), "{name}: empty entry");
            assert!(
                w.chars()
                    .all(|c| !c.is_ascii_lowercase() && !c.is_whitespace()),
                "{name}: {w:?}"
            );
        }
    }

    #[test]
    fn word_tables_are_upper_case_and_unique() {
        assert_upper_unique("LEGAL_FORMS", LEGAL_FORMS);
        assert_upper_unique("SHARE_LINE_NOISE", SHARE_LINE_NOISE);
        assert_upper_unique("SHARE_CLASS_LETTERS", SHARE_CLASS_LETTERS);
        assert_upper_unique("STOPWORDS", STOPWORDS);
        assert_upper_unique("GENERIC_WORDS", GENERIC_WORDS);
        assert_upper_unique("CJK_LEGAL_FORMS", CJK_LEGAL_FORMS);
        assert_upper_unique("NOMINAL_CURRENCIES", NOMINAL_CURRENCIES);
    }

    #[test]
    fn abbreviations_expand_to_a_word_that_is_not_itself_abbreviated() {
        let short: HashSet<_> = ABBREVIATIONS.iter().map(|(a, _)| *a).collect();
        assert_eq!(
            short.len(),
            ABBREVIATIONS.len(),
            "an abbreviation appears twice"
        );
        for (abbreviation, word) in ABBREVIATIONS {
            assert!(
                !short.contains(word),
                "{abbreviation} -> {word}, which is itself expanded"
            );
            assert_ne!(abbreviation, word);
        }
    }

    #[test]
    fn cjk_legal_forms_are_longest_first() {
        for pair in CJK_LEGAL_FORMS.windows(2) {
            assert!(
                pair[0].chars().count() >= pair[1].chars().count(),
                "{pair:?}"
            );
        }
    }

    #[test]
    fn traditional_characters_map_consistently() {
        let mut seen = HashSet::new();
        for (traditional, simplified) in TRADITIONAL_TO_SIMPLIFIED {
            assert!(seen.insert(traditional), "{traditional} twice");
            assert_ne!(traditional, simplified);
        }
    }
}
