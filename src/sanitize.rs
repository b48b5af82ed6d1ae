//! Text from lists and holdings files is untrusted: before a terminal sees
//! it, control characters (escape sequences), bidirectional overrides and
//! zero-width characters are replaced, so a crafted name cannot recolour,
//! retitle or reorder what the analyst reads. Every format is covered,
//! since any of them may be printed on a terminal: the table, markdown and
//! annotations show visible escapes (`\u{1b}`); CSV cells too, keeping their
//! line breaks and tabs; JSON writes the characters its encoder leaves as
//! they are (bidi and zero-width ones) as `\uXXXX` escapes, which decode to
//! the same text.

use std::borrow::Cow;

/// Makes `text` safe to print on a terminal: controls, bidi and zero-width
/// characters become visible escapes (`\x1b` is shown as `\u{1b}`).
pub fn for_terminal(text: &str) -> String {
    escape_where(text, needs_escape).into_owned()
}

/// [`for_terminal`] for a message of several lines (an error or a warning
/// quoting a file): its line breaks stay, everything else is escaped.
pub fn message_for_terminal(text: &str) -> String {
    escape_where(text, |c| c != '\n' && needs_escape(c)).into_owned()
}

/// [`for_terminal`] for a CSV cell: line breaks and tabs, which a cell may
/// hold and which a terminal only lays out, stay as they are.
pub fn for_csv_cell(cell: &str) -> Cow<'_, str> {
    escape_where(cell, |c| c != '\n' && c != '\t' && needs_escape(c))
}

/// `text` with the characters `escaped` picks shown as `\u{..}`.
fn escape_where(text: &str, escaped: impl Fn(char) -> bool) -> Cow<'_, str> {
    if !text.chars().any(&escaped) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if escaped(c) {
            out.push_str(&format!("\\u{{{:x}}}", c as u32));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// Cuts `text` to at most `width` characters, ending with `…` when cut.
pub fn truncate(text: &str, width: usize) -> String {
    if text.chars().count() <= width {
        return text.to_string();
    }
    let mut out: String = text.chars().take(width.saturating_sub(1)).collect();
    out.push('…');
    out
}

/// Rewrites the bidi and zero-width characters of a JSON text as `\uXXXX`
/// escapes. JSON's syntax is ASCII, so such characters can only be inside
/// strings, where the escape stands for the same character; the JSON
/// encoder has already escaped control characters.
pub fn escape_invisible_in_json(json: &str) -> Cow<'_, str> {
    if json.is_ascii() || !json.chars().any(is_invisible) {
        return Cow::Borrowed(json);
    }
    let mut out = String::with_capacity(json.len() + 16);
    for c in json.chars() {
        if is_invisible(c) {
            out.push_str(&format!("\\u{:04x}", c as u32));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

fn needs_escape(c: char) -> bool {
    c.is_control() || is_invisible(c)
}

/// Characters that reorder or hide text without being visible themselves.
fn is_invisible(c: char) -> bool {
    matches!(c,
        '\u{200b}'..='\u{200f}' // zero-width space, joiners, LRM, RLM
        | '\u{202a}'..='\u{202e}' // bidi embeddings and overrides
        | '\u{2060}'..='\u{2064}' // word joiner, invisible operators
        | '\u{2066}'..='\u{2069}' // bidi isolates
        | '\u{feff}' // zero-width no-break space
        | '\u{061c}' // Arabic letter mark
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_what_a_terminal_would_act_on() {
        assert_eq!(for_terminal("TENCENT"), "TENCENT");
        assert_eq!(for_terminal("A\x1b[31mB"), "A\\u{1b}[31mB");
        assert_eq!(for_terminal("x\u{202e}y"), "x\\u{202e}y");
        assert_eq!(for_terminal("a\u{200b}b"), "a\\u{200b}b");
        assert_eq!(for_terminal("a\tb\nc"), "a\\u{9}b\\u{a}c");
        assert_eq!(for_terminal("比亚迪"), "比亚迪");
    }

    #[test]
    fn messages_keep_their_line_breaks_only() {
        assert_eq!(
            message_for_terminal("file.csv: headers seen:\n  \x1b]0;pwned\x07Name\r"),
            "file.csv: headers seen:\n  \\u{1b}]0;pwned\\u{7}Name\\u{d}"
        );
    }

    #[test]
    fn csv_cells_keep_line_breaks_and_tabs() {
        assert_eq!(for_csv_cell("BYD CO LTD"), "BYD CO LTD");
        assert_eq!(
            for_csv_cell("a\tb\nc\x1b[2J\rd\u{202e}e"),
            "a\tb\nc\\u{1b}[2J\\u{d}d\\u{202e}e"
        );
    }

    #[test]
    fn json_keeps_its_meaning_without_invisible_characters() {
        let json = serde_json::to_string(&["Foo\u{202e} Corp\u{200b}", "\x1b", "比亚迪"]).unwrap();
        let escaped = escape_invisible_in_json(&json);
        assert_eq!(escaped, r#"["Foo\u202e Corp\u200b","\u001b","比亚迪"]"#);
        let back: Vec<String> = serde_json::from_str(&escaped).unwrap();
        assert_eq!(back, ["Foo\u{202e} Corp\u{200b}", "\x1b", "比亚迪"]);
    }

    #[test]
    fn truncates_by_characters() {
        assert_eq!(truncate("abcdef", 4), "abc…");
        assert_eq!(truncate("abc", 4), "abc");
        assert_eq!(truncate("比亚迪股份", 3), "比亚…");
    }
}
