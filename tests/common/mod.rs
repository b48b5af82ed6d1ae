//! The one harness every integration test uses: runs the real binary from
//! the package root, with colour variables cleared and a fixed `--as-of`
//! where a test needs one.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};
use std::process::Output;

/// The date the fixtures' expectations are written for.
pub const AS_OF: &str = "2026-11-24";

/// The package root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// `redlist` with a clean environment, run from the package root.
pub fn redlist() -> assert_cmd::Command {
    let mut cmd = assert_cmd::Command::cargo_bin("redlist").expect("the redlist binary is built");
    cmd.current_dir(root())
        .env_remove("NO_COLOR")
        .env_remove("TERM")
        .env_remove("CLICOLOR_FORCE");
    cmd
}

/// Runs `redlist` with `args` and returns the output.
pub fn run(args: &[&str]) -> Output {
    redlist().args(args).output().expect("redlist runs")
}

/// Runs `redlist screen FILE --format json --as-of AS_OF` plus `extra`,
/// returning the exit code and the parsed document.
pub fn screen_json(file: &str, extra: &[&str]) -> (i32, serde_json::Value) {
    let mut args = vec!["screen", file, "--format", "json", "--as-of", AS_OF];
    args.extend_from_slice(extra);
    let output = run(&args);
    let code = output.status.code().expect("exit code");
    let json = serde_json::from_slice(&output.stdout).unwrap_or_else(|e| {
        panic!(
            "{file}: stdout is not JSON ({e}); stderr: {}",
            String::from_utf8_lossy(&output.stderr)
        )
    });
    (code, json)
}

/// Runs `redlist screen - --format json --as-of AS_OF` plus `extra` with
/// `input` on standard input, returning the exit code and the parsed
/// document.
pub fn screen_stdin_json(input: impl Into<Vec<u8>>, extra: &[&str]) -> (i32, serde_json::Value) {
    let output = redlist()
        .args(["screen", "-", "--format", "json", "--as-of", AS_OF])
        .args(extra)
        .write_stdin(input)
        .output()
        .expect("redlist runs");
    let code = output.status.code().expect("exit code");
    let json = serde_json::from_slice(&output.stdout).unwrap_or_else(|e| {
        panic!(
            "standard input: stdout is not JSON ({e}); stderr: {}",
            String::from_utf8_lossy(&output.stderr)
        )
    });
    (code, json)
}

/// Standard error as text.
pub fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// Standard output as text.
pub fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// The file name part of a path, for messages.
pub fn file_name(path: &Path) -> String {
    path.file_name().unwrap().to_string_lossy().into_owned()
}

/// The `key` text of every object in a JSON array.
pub fn texts<'a>(array: &'a serde_json::Value, key: &str) -> Vec<&'a str> {
    array
        .as_array()
        .expect("an array")
        .iter()
        .map(|item| item[key].as_str().expect("a text"))
        .collect()
}
