//! The shape of the code: no module imports another in a circle, and only each channel's adapter
//! (`telegram/`, `notify/`), the wiring (`app.rs`) and the command line name it. Read from the sources, so a change
//! that breaks either fails here, on any machine.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Every `.rs` file under `dir`.
fn sources(dir: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    for entry in std::fs::read_dir(dir).expect("the source folder reads") {
        let path = entry.expect("a folder entry").path();
        if path.is_dir() {
            found.extend(sources(&path));
        } else if path.extension().is_some_and(|e| e == "rs") {
            found.push(path);
        }
    }
    found.sort();
    found
}

/// A file's module path: `src/usecase/access.rs` is `usecase::access`, `src/delivery/mod.rs` is
/// `delivery`, `src/lib.rs` is the crate itself (empty).
fn module_of(src: &Path, file: &Path) -> String {
    let relative = file.strip_prefix(src).expect("under src").with_extension("");
    let mut parts: Vec<String> = relative.iter().map(|p| p.to_string_lossy().into_owned()).collect();
    if matches!(parts.last().map(String::as_str), Some("mod" | "lib" | "main")) {
        parts.pop();
    }
    parts.join("::")
}

/// Each `crate::a::b::c` path in `text`, as the list of its names.
fn crate_paths(text: &str) -> Vec<Vec<String>> {
    let mut paths = Vec::new();
    for (at, _) in text.match_indices("crate::") {
        if text[..at].ends_with(|c: char| c.is_alphanumeric() || c == '_') {
            continue; // e.g. `touchbase_crate::`, not ours
        }
        let rest = &text[at + "crate::".len()..];
        let end = rest.find(|c: char| !(c.is_alphanumeric() || c == '_' || c == ':')).unwrap_or(rest.len());
        let names: Vec<String> = rest[..end].split("::").filter(|n| !n.is_empty()).map(str::to_owned).collect();
        if !names.is_empty() {
            paths.push(names);
        }
    }
    paths
}

/// The longest prefix of `path` that is one of `modules`.
fn resolve<'a>(modules: &'a BTreeSet<String>, path: &[String]) -> Option<&'a String> {
    (1..=path.len()).rev().find_map(|n| modules.get(&path[..n].join("::")))
}

struct Tree {
    /// Module → the modules it names.
    imports: BTreeMap<String, BTreeSet<String>>,
}

fn read_tree() -> Tree {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let files = sources(&src);
    let modules: BTreeSet<String> = files.iter().map(|f| module_of(&src, f)).collect();
    let mut imports = BTreeMap::new();
    for file in &files {
        let module = module_of(&src, file);
        let text = std::fs::read_to_string(file).expect("a source file reads");
        let named: BTreeSet<String> = crate_paths(&text)
            .iter()
            .filter_map(|path| resolve(&modules, path))
            .filter(|target| **target != module && !target.is_empty())
            .cloned()
            .collect();
        imports.insert(module, named);
    }
    Tree { imports }
}

/// A circle through `start`, if the imports hold one: the modules in order.
fn circle_from(tree: &Tree, start: &str) -> Option<Vec<String>> {
    fn walk(tree: &Tree, at: &str, start: &str, path: &mut Vec<String>, seen: &mut BTreeSet<String>) -> bool {
        for next in tree.imports.get(at).into_iter().flatten() {
            if next == start {
                return true;
            }
            if seen.insert(next.clone()) {
                path.push(next.clone());
                if walk(tree, next, start, path, seen) {
                    return true;
                }
                path.pop();
            }
        }
        false
    }
    let mut path = vec![start.to_owned()];
    walk(tree, start, start, &mut path, &mut BTreeSet::new()).then_some(path)
}

#[test]
fn no_module_imports_another_in_a_circle() {
    let tree = read_tree();
    let circles: Vec<String> =
        tree.imports.keys().filter_map(|m| circle_from(&tree, m)).map(|c| c.join(" -> ")).collect();
    assert!(circles.is_empty(), "modules that import each other in a circle:\n{}", circles.join("\n"));
}

#[test]
fn only_each_adapter_the_wiring_and_the_command_line_name_an_adapter() {
    let tree = read_tree();
    for adapter in ["telegram", "notify"] {
        let inside = |module: &str| module == adapter || module.starts_with(&format!("{adapter}::"));
        let allowed = |module: &str| inside(module) || module == "app" || module.starts_with("cli");
        let named: Vec<&String> = tree
            .imports
            .iter()
            .filter(|(module, imports)| !allowed(module) && imports.iter().any(|i| inside(i)))
            .map(|(module, _)| module)
            .collect();
        assert!(
            named.is_empty(),
            "these name crate::{adapter}, which only the adapter, app.rs and cli/ may: {named:?}"
        );
    }
}

#[test]
fn the_reader_finds_paths_and_circles() {
    // The checks above pass on the real tree; this shows they can fail.
    assert_eq!(crate_paths("use crate::usecase::access::{self, find_child};"), [["usecase", "access"]]);
    let tree = Tree {
        imports: BTreeMap::from([
            ("a".into(), BTreeSet::from(["b".into()])),
            ("b".into(), BTreeSet::from(["c".into()])),
            ("c".into(), BTreeSet::from(["a".into()])),
            ("d".into(), BTreeSet::from(["a".into()])),
        ]),
    };
    assert_eq!(circle_from(&tree, "a"), Some(vec!["a".into(), "b".into(), "c".into()]));
    assert_eq!(circle_from(&tree, "d"), None);
}
