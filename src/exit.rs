//! The exit-code contract, one for every command:
//!
//! | code | meaning |
//! |---|---|
//! | 0 | completed; nothing at or above `--fail-on` |
//! | 1 | completed; at least one finding at or above `--fail-on` |
//! | 2 | could not complete or cannot be trusted: bad usage, unreadable or malformed input, unknown list, stale list past `--max-list-age`, rejected rows with `--strict` |
//!
//! A screen never reports "clean" for input it could not read: any error
//! is 2, whatever `--fail-on` says.

/// How a run ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum ExitCode {
    /// Completed, nothing at or above `--fail-on`.
    Clean = 0,
    /// Completed, findings at or above `--fail-on`.
    Findings = 1,
    /// Could not complete or cannot be trusted.
    Error = 2,
}

impl ExitCode {
    /// The process exit status.
    pub fn code(self) -> i32 {
        self as i32
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_the_contract() {
        assert_eq!(ExitCode::Clean.code(), 0);
        assert_eq!(ExitCode::Findings.code(), 1);
        assert_eq!(ExitCode::Error.code(), 2);
        assert!(ExitCode::Error > ExitCode::Findings);
    }
}
