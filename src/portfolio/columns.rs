//! Recognising a holdings file's columns from the header names issuers,
//! custodians and brokers use, in English and the common European and
//! Chinese forms, and the user's overrides.

use std::fmt;

use anyhow::{Result, bail};

/// What a column holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Role {
    /// Security name or description.
    Name,
    /// Ticker or symbol.
    Ticker,
    /// ISIN.
    Isin,
    /// CUSIP (US and Canada).
    Cusip,
    /// SEDOL.
    Sedol,
    /// Weight in the portfolio, percent or fraction.
    Weight,
    /// Market value of the position.
    MarketValue,
    /// Exchange or market of listing.
    Exchange,
    /// Trading currency.
    Currency,
    /// Country or location.
    Country,
    /// Asset class or security type.
    AssetClass,
}

impl Role {
    /// Every role, in the order columns are reported.
    pub const ALL: [Role; 11] = [
        Role::Name,
        Role::Ticker,
        Role::Isin,
        Role::Cusip,
        Role::Sedol,
        Role::Weight,
        Role::MarketValue,
        Role::Exchange,
        Role::Currency,
        Role::Country,
        Role::AssetClass,
    ];

    /// The role's name in reports (snake case).
    pub fn key(self) -> &'static str {
        match self {
            Role::Name => "name",
            Role::Ticker => "ticker",
            Role::Isin => "isin",
            Role::Cusip => "cusip",
            Role::Sedol => "sedol",
            Role::Weight => "weight",
            Role::MarketValue => "market_value",
            Role::Exchange => "exchange",
            Role::Currency => "currency",
            Role::Country => "country",
            Role::AssetClass => "asset_class",
        }
    }

    /// True for the roles that identify a security.
    pub fn identifies(self) -> bool {
        matches!(
            self,
            Role::Name | Role::Ticker | Role::Isin | Role::Cusip | Role::Sedol
        )
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.key())
    }
}

/// Header names for each role, most preferred first, in the cleaned form of
/// [`clean_header`] (lower case, words separated by single spaces, text in
/// brackets dropped). When two columns fit one role, the earlier name wins:
/// `Market Value` over `Notional Value`.
#[rustfmt::skip]
pub const HEADER_NAMES: &[(Role, &[&str])] = &[
    (Role::Name, &[
        "name", "security name", "security description", "description", "security", "holding name", "holding", "holdings",
        "issuer name", "issuer", "company name", "company", "instrument name", "instrument", "asset name",
        "asset description", "constituent name", "constituent", "investment", "investment name", "securities",
        "security long description", "long name", "short name", "position name", "stock name", "stock",
        "fund holding", "underlying", "underlying name", "product", "product name",
        // French, German, Dutch, Spanish, Italian
        "libelle", "nom", "nom du titre", "designation", "valeur", "titre", "produkt", "bezeichnung", "wertpapier",
        "wertpapiername", "name des wertpapiers", "titel", "emittent", "naam", "effect", "fonds", "omschrijving",
        "nombre", "denominacion", "descripcion", "valor", "emisor", "titolo", "descrizione",
        // Chinese
        "名称", "证券名称", "证券简称", "股票名称", "股票简称", "简称", "名稱", "證券名稱", "證券簡稱", "股票簡稱", "持仓名称",
    ]),
    (Role::Ticker, &[
        "ticker", "ticker symbol", "symbol", "bloomberg ticker", "bbg ticker", "local ticker", "trading symbol",
        "ric", "reuters code", "stock code", "security code", "exchange ticker", "code", "ticker code",
        "symbole", "mnemo", "mnemonique", "code valeur", "kurzel", "kuerzel", "tickersymbol", "symbool", "ticker",
        "codigo", "simbolo",
        "证券代码", "代码", "股票代码", "证券代號", "股票代號", "代號", "證券代碼", "股份代號",
    ]),
    (Role::Isin, &["isin", "isin code", "code isin", "isin number", "isin nummer", "isin nr", "codigo isin", "国际证券识别码"]),
    (Role::Cusip, &["cusip", "cusip number", "cusip code"]),
    (Role::Sedol, &["sedol", "sedol code"]),
    (Role::Weight, &[
        "weight", "weight percent", "weighting", "portfolio weight", "percent of fund", "percent of net assets",
        "percent of portfolio", "percent net assets", "percentage of fund", "percentage of net assets", "net assets percent",
        "percent of total net assets", "percent", "weight of holding", "fund weight", "allocation", "pct of fund",
        "pct of nav", "percent of nav", "nav percent", "weight in percent", "pct assets", "percent assets",
        "pct of assets", "percent of assets", "pct net assets", "pct of net assets", "portfolio percent",
        "percent of market value", "pct of market value", "market value percent", "weight pct", "pct weight",
        "percent weight", "wgt", "wt", "wgt percent", "weight percent of fund",
        "poids", "poids percent", "ponderation", "gewicht", "gewichtung", "anteil", "anteil percent", "anteil in percent",
        "fondsanteil", "weging", "gewicht percent", "aandeel", "peso", "ponderacion", "peso percent",
        "权重", "占比", "占净值比例", "占基金资产净值比例", "占基金资产净值比", "占净值比例 percent", "持仓占比", "比例", "佔比", "權重",
    ]),
    (Role::MarketValue, &[
        "market value", "market value base", "base market value", "mkt value", "mkt val", "market val", "marketvalue",
        "position value", "value", "total value", "current value", "market value local", "notional value", "notional",
        "exposure", "valorisation", "valeur de marche", "valeur boursiere", "montant", "marktwert", "kurswert", "wert",
        "positionswert", "waarde", "marktwaarde", "valor de mercado", "valor", "importe", "controvalore",
        "市值", "持仓市值", "市值 元", "參考市值", "市值(元)",
    ]),
    (Role::Exchange, &[
        "exchange", "listing exchange", "primary exchange", "exchange name", "stock exchange", "market", "exchange code",
        "mic", "trading venue", "venue", "bourse", "place de cotation", "borse", "boerse", "handelsplatz", "beurs",
        "mercado", "bolsa", "交易所", "上市地点", "市场",
    ]),
    (Role::Currency, &[
        "market currency", "trading currency", "currency", "ccy", "crncy", "local currency", "price currency",
        "devise", "wahrung", "waehrung", "valuta", "moneda", "divisa", "币种", "货币", "幣種",
    ]),
    (Role::Country, &[
        "location", "country", "country of risk", "country of listing", "domicile", "country of domicile",
        "country code", "pays", "land", "pais", "paese", "国家", "国家/地区", "國家",
    ]),
    (Role::AssetClass, &[
        "asset class", "asset type", "security type", "instrument type", "sec type", "type", "asset class name",
        "investment type", "holding type", "classe d actif", "type d instrument", "anlageklasse", "wertpapierart",
        "gattung", "activaklasse", "soort", "clase de activo", "tipo", "tipo de activo", "资产类别", "证券类别", "类型", "證券類別",
    ]),
];

/// Which column holds what. Column indices are 0-based.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ColumnMap {
    slots: [Option<usize>; 11],
    /// The weight column's header says percent (`%`, `percent`, `pct`).
    pub weight_in_percent: bool,
}

impl ColumnMap {
    /// The column holding `role`.
    pub fn get(&self, role: Role) -> Option<usize> {
        self.slots[role as usize]
    }

    fn set(&mut self, role: Role, column: usize) {
        self.slots[role as usize] = Some(column);
    }

    /// How many roles were recognised.
    pub fn count(&self) -> usize {
        self.slots.iter().flatten().count()
    }

    /// True when some column identifies securities (name, ticker, ISIN ...).
    pub fn identifies(&self) -> bool {
        Role::ALL
            .iter()
            .any(|r| r.identifies() && self.get(*r).is_some())
    }

    /// The recognised roles and their columns, in role order.
    pub fn roles(&self) -> impl Iterator<Item = (Role, usize)> + '_ {
        Role::ALL
            .into_iter()
            .filter_map(|r| self.get(r).map(|c| (r, c)))
    }
}

/// A user's `--name-col` and friends: a header name or a 1-based number.
#[derive(Clone, Debug, Default)]
pub struct ColumnOverrides {
    /// Role and the header text or column number given for it.
    pub given: Vec<(Role, String)>,
}

/// Lower case, text in brackets dropped (after noting a `%` in it), `%` as
/// the word `percent`, every other non-alphanumeric character a space,
/// spaces collapsed, accents dropped.
pub fn clean_header(header: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    use unicode_normalization::char::is_combining_mark;
    let mut out = String::new();
    let mut depth = 0usize;
    let mut pending_space = false;
    for c in header.trim_start_matches('\u{feff}').nfkd() {
        if is_combining_mark(c) {
            continue;
        }
        match c {
            '(' | '[' | '（' => {
                depth += 1;
                pending_space = true;
            }
            ')' | ']' | '）' => {
                depth = depth.saturating_sub(1);
                pending_space = true;
            }
            _ if depth > 0 => {
                if c == '%' {
                    push_word(&mut out, "percent", &mut pending_space);
                }
            }
            '%' => push_word(&mut out, "percent", &mut pending_space),
            c if c.is_alphanumeric()
                || super::super::matching::normalize::is_cjk(c)
                || c == '/'
                    && !out.is_empty()
                    && out
                        .chars()
                        .last()
                        .is_some_and(super::super::matching::normalize::is_cjk) =>
            {
                if pending_space && !out.is_empty() {
                    out.push(' ');
                }
                pending_space = false;
                out.extend(c.to_lowercase());
            }
            _ => pending_space = true,
        }
    }
    out
}

fn push_word(out: &mut String, word: &str, pending_space: &mut bool) {
    if !out.is_empty() {
        out.push(' ');
    }
    out.push_str(word);
    *pending_space = true;
}

/// Recognises the columns of a header row.
pub fn recognise(headers: &[&str]) -> ColumnMap {
    let cleaned: Vec<String> = headers.iter().map(|h| clean_header(h)).collect();
    let mut map = ColumnMap::default();
    let mut taken = vec![false; headers.len()];
    for &(role, names) in HEADER_NAMES {
        let best = names.iter().enumerate().find_map(|(rank, name)| {
            cleaned
                .iter()
                .enumerate()
                .find(|(i, h)| !taken[*i] && h.as_str() == *name)
                .map(|(i, _)| (rank, i))
        });
        if let Some((_, column)) = best {
            map.set(role, column);
            taken[column] = true;
        }
    }
    if let Some(column) = map.get(Role::Weight) {
        let raw = headers[column].to_lowercase();
        map.weight_in_percent = raw.contains('%') || raw.contains("percent") || raw.contains("pct");
    }
    map
}

/// Applies the user's overrides to a recognised map; a header name is
/// looked up exactly (case-insensitive), a number is a 1-based position.
pub fn apply_overrides(
    map: &mut ColumnMap,
    headers: &[&str],
    overrides: &ColumnOverrides,
) -> Result<()> {
    for (role, given) in &overrides.given {
        let column = match given.trim().parse::<usize>() {
            Ok(n) if n >= 1 && n <= headers.len() => n - 1,
            Ok(n) => bail!(
                "--{}-col {n}: the file has {} columns",
                role_flag(*role),
                headers.len()
            ),
            Err(_) => match headers
                .iter()
                .position(|h| h.trim().eq_ignore_ascii_case(given.trim()))
            {
                Some(i) => i,
                None => bail!(
                    "--{}-col {given:?}: no such column; the header row has {}",
                    role_flag(*role),
                    headers
                        .iter()
                        .map(|h| format!("{h:?}"))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            },
        };
        // A column moved to this role leaves any other role it had.
        for slot in &mut map.slots {
            if *slot == Some(column) {
                *slot = None;
            }
        }
        map.set(*role, column);
        if *role == Role::Weight {
            let raw = headers[column].to_lowercase();
            map.weight_in_percent =
                raw.contains('%') || raw.contains("percent") || raw.contains("pct");
        }
    }
    Ok(())
}

fn role_flag(role: Role) -> &'static str {
    match role {
        Role::MarketValue => "value",
        other => other.key(),
    }
}

/// The accepted header names of the identifying roles, for error messages.
pub fn accepted_names() -> String {
    HEADER_NAMES
        .iter()
        .filter(|(role, _)| role.identifies())
        .map(|(role, names)| {
            format!(
                "{role}: {}",
                names
                    .iter()
                    .take(12)
                    .map(|n| format!("{n:?}"))
                    .collect::<Vec<_>>()
                    .join(", ")
            )
        })
        .collect::<Vec<_>>()
        .join("; ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cleans_headers() {
        assert_eq!(clean_header("Weight (%)"), "weight percent");
        assert_eq!(clean_header("Market Value ($)"), "market value");
        assert_eq!(clean_header("  % of Net Assets "), "percent of net assets");
        assert_eq!(clean_header("\u{feff}Libellé"), "libelle");
        assert_eq!(clean_header("Stück"), "stuck");
        assert_eq!(clean_header("证券代码"), "证券代码");
        assert_eq!(clean_header("market value ($)"), "market value");
    }

    #[test]
    fn recognises_issuer_headers() {
        let ishares = [
            "Ticker",
            "Name",
            "Sector",
            "Asset Class",
            "Market Value",
            "Weight (%)",
            "Notional Value",
            "Quantity",
            "Price",
            "Location",
            "Exchange",
            "Currency",
            "FX Rate",
            "Market Currency",
            "Accrual Date",
        ];
        let map = recognise(&ishares);
        assert_eq!(map.get(Role::Ticker), Some(0));
        assert_eq!(map.get(Role::Name), Some(1));
        assert_eq!(map.get(Role::AssetClass), Some(3));
        assert_eq!(map.get(Role::MarketValue), Some(4));
        assert_eq!(map.get(Role::Weight), Some(5));
        assert!(map.weight_in_percent);
        assert_eq!(map.get(Role::Country), Some(9));
        assert_eq!(map.get(Role::Exchange), Some(10));
        assert_eq!(
            map.get(Role::Currency),
            Some(13),
            "market currency is preferred"
        );

        let ark = [
            "date",
            "fund",
            "company",
            "ticker",
            "cusip",
            "shares",
            "market value ($)",
            "weight (%)",
        ];
        let map = recognise(&ark);
        assert_eq!(map.get(Role::Name), Some(2));
        assert_eq!(map.get(Role::Cusip), Some(4));
        assert_eq!(map.get(Role::MarketValue), Some(6));

        let dutch = ["Naam", "Symbool", "ISIN", "Aantal", "Waarde", "Weging"];
        let map = recognise(&dutch);
        assert_eq!(
            (
                map.get(Role::Name),
                map.get(Role::Ticker),
                map.get(Role::Weight)
            ),
            (Some(0), Some(1), Some(5))
        );

        let chinese = ["证券代码", "证券简称", "持仓数量", "市值", "权重"];
        let map = recognise(&chinese);
        assert_eq!(
            (
                map.get(Role::Ticker),
                map.get(Role::Name),
                map.get(Role::MarketValue)
            ),
            (Some(0), Some(1), Some(3))
        );

        assert!(!recognise(&["Foo", "Bar"]).identifies());
    }

    #[test]
    fn overrides_win() {
        let headers = ["Foo", "Bar", "Baz"];
        let mut map = recognise(&headers);
        let overrides = ColumnOverrides {
            given: vec![(Role::Name, "bar".into()), (Role::Weight, "3".into())],
        };
        apply_overrides(&mut map, &headers, &overrides).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(map.get(Role::Name), Some(1));
        assert_eq!(map.get(Role::Weight), Some(2));
        let missing = ColumnOverrides {
            given: vec![(Role::Isin, "nope".into())],
        };
        let error = apply_overrides(&mut map, &headers, &missing)
            .unwrap_err()
            .to_string();
        assert!(
            error.contains("--isin-col \"nope\": no such column"),
            "{error}"
        );
    }
}
