//! One module per command. Each takes resolved settings and a writer for
//! its report, and returns an exit code; none prints.

pub mod diff;
pub mod eval;
pub mod lists;
pub mod lookup;
pub mod screen;
