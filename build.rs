//! Compiles every list under `lists/` into the binary.
//!
//! Writes `$OUT_DIR/embedded_lists.rs`: one `EmbeddedList` per folder
//! `lists/<list-id>/`, holding its `list.json` and every `<YYYY-MM-DD>.csv`
//! snapshot as `include_str!`, sorted by date. Adding a snapshot file is all it
//! takes to ship it; no code changes.

#![allow(clippy::unwrap_used)] // a build script fails the build by panicking

use std::fmt::Write as _;
use std::fs;
use std::path::Path;

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("lists");
    println!("cargo:rerun-if-changed=lists");

    let mut lists: Vec<_> = fs::read_dir(&root)
        .expect("lists/ is part of the package")
        .filter_map(Result::ok)
        .filter(|e| e.path().is_dir())
        .map(|e| e.path())
        .collect();
    lists.sort();

    let mut out = String::from("&[\n");
    for dir in lists {
        println!("cargo:rerun-if-changed={}", dir.display());
        let id = dir
            .file_name()
            .and_then(|n| n.to_str())
            .expect("utf-8 list id");
        let meta = dir.join("list.json");
        assert!(meta.is_file(), "lists/{id}/list.json is missing");

        let mut snapshots: Vec<_> = fs::read_dir(&dir)
            .expect("readable list folder")
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|x| x == "csv"))
            .collect();
        snapshots.sort();

        writeln!(
            out,
            "    EmbeddedList {{ id: {id:?}, meta: include_str!({:?}), snapshots: &[",
            meta.display()
        )
        .unwrap();
        for path in snapshots {
            let stem = path
                .file_stem()
                .and_then(|n| n.to_str())
                .expect("utf-8 file name");
            writeln!(
                out,
                "        EmbeddedSnapshot {{ date: {stem:?}, csv: include_str!({:?}) }},",
                path.display()
            )
            .unwrap();
        }
        out.push_str("    ] },\n");
    }
    out.push(']');

    let dest =
        Path::new(&std::env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("embedded_lists.rs");
    fs::write(dest, out).expect("writable OUT_DIR");
}
