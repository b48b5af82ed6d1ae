//! Text from lists and holdings files is untrusted: before a terminal sees
//! it, control characters (escape sequences), bidirectional overrides and
//! zero-width characters are replaced, so a crafted name cannot recolour,
//! retitle or reorder what the analyst reads.

/// Makes `text` safe to print on a terminal: controls, bidi and zero-width
/// characters become visible escapes (`\x1b` is shown as `\u{1b}`).
pub fn for_terminal(text: &str) -> String {
    if text.chars().all(|c| !needs_escape(c)) {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if needs_escape(c) {
            out.push_str(&format!("\\u{{{:x}}}", c as u32));
        } else {
            out.push(c);
        }
    }
    out
}

/// [`for_terminal`] for a message of several lines (an error or a warning
/// quoting a file): its line breaks stay, everything else is escaped.
pub fn message_for_terminal(text: &str) -> String {
    text.split('\n')
        .map(for_terminal)
        .collect::<Vec<_>>()
        .join("\n")
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

fn needs_escape(c: char) -> bool {
    c.is_control()
        || matches!(c,
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
    fn truncates_by_characters() {
        assert_eq!(truncate("abcdef", 4), "abc…");
        assert_eq!(truncate("abc", 4), "abc");
        assert_eq!(truncate("比亚迪股份", 3), "比亚…");
    }
}
