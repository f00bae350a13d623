//! Loading a project: `retort.yaml` and every revision file under `revisions/`.
//!
//! Each file is parsed once, into `yaml-rust2`'s marked events: serde reads
//! the typed values from them ([`yaml`], whose errors carry a line and
//! column), and `positions` the places of the nodes that parsed fine (each
//! op item, the top-level keys), so that later stages can point at them.
//!
//! Errors are collected across all files rather than stopping at the first,
//! then the revisions are checked as a graph ([`crate::graph`]).

use crate::config::{Config, CONFIG_FILE};
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::location::Location;
use crate::revision::{Downgrade, KeyPositions, OpEntry, RawOpItem, Revision, SourceFile};
use camino::{Utf8Path, Utf8PathBuf};
use rayon::prelude::*;
use serde::de::{self, Deserializer, Visitor};
use serde::Deserialize;
use sha2::{Digest, Sha256};
use std::fmt;

mod positions;
pub mod yaml;

use positions::{Pos, Positions};

/// The longest revision id: `alembic_version.version_num` is `VARCHAR(32)`.
pub const MAX_REVISION_ID_LEN: usize = 32;

/// The largest revision file read, in bytes (16 MiB): far beyond any
/// hand-written revision, and small enough that a file that is no revision
/// (a database dump saved by mistake) is refused before it is read whole.
pub const MAX_REVISION_FILE_BYTES: u64 = 16 * 1024 * 1024;

/// A project's files as read: its settings and its revisions, sorted by
/// file path (the [`crate::project::Project`] holds them as a graph).
#[derive(Debug, Clone)]
pub struct ProjectFiles {
    /// The project folder.
    pub root: Utf8PathBuf,
    /// `retort.yaml`, or the defaults.
    pub config: Config,
    /// Every revision, sorted by source path.
    pub revisions: Vec<Revision>,
}

impl ProjectFiles {
    /// The revisions folder, as a path usable from the current directory.
    pub fn revisions_dir(&self) -> Utf8PathBuf {
        self.root.join(&self.config.revisions)
    }
}

/// Loads the project in `root`: its settings and every revision file.
///
/// A missing revisions folder is an empty project. Errors of every file are
/// reported together; the revisions are not yet checked as a graph (see
/// [`crate::graph::RevisionGraph::build`]).
pub fn load_project(root: &Utf8Path) -> Result<ProjectFiles, Diagnostics> {
    let config = load_config(root)?;
    let revisions_dir = root.join(&config.revisions);
    let files = revision_files(root, &revisions_dir)?;
    let mut revisions = Vec::new();
    let mut errors = Vec::new();
    // Files are independent: read and parse them on every core.
    let results: Vec<_> = files
        .par_iter()
        .map(|relative| load_revision(root, relative))
        .collect();
    for result in results {
        match result {
            Ok(revision) => revisions.push(revision),
            Err(mut file_errors) => errors.append(&mut file_errors.0),
        }
    }
    if errors.is_empty() {
        Ok(ProjectFiles {
            root: root.to_owned(),
            config,
            revisions,
        })
    } else {
        Err(Diagnostics(errors))
    }
}

/// Reads and parses the revision file `relative` (to `root`).
fn load_revision(root: &Utf8Path, relative: &Utf8Path) -> Result<Revision, Diagnostics> {
    let bytes = read_limited(&root.join(relative), MAX_REVISION_FILE_BYTES)
        .map_err(|message| Diagnostic::new(Location::whole(relative), message))?;
    parse_revision(&bytes, relative)
}

/// Reads the file at `path` if it holds at most `limit` bytes. The size is
/// checked before reading, and the read stops after `limit` bytes in case
/// the file grows meanwhile.
fn read_limited(path: &Utf8Path, limit: u64) -> Result<Vec<u8>, String> {
    use std::io::Read;
    let cannot_read = |e: std::io::Error| format!("cannot read the file: {e}");
    let too_large = |size: String| {
        format!(
            "the file is {size} bytes, larger than the limit of {} MiB ({limit} bytes) \
             for a revision file; split it into several revisions",
            limit / (1024 * 1024)
        )
    };
    let file = std::fs::File::open(path).map_err(cannot_read)?;
    let size = file.metadata().map_err(cannot_read)?.len();
    if size > limit {
        return Err(too_large(size.to_string()));
    }
    let mut bytes = Vec::with_capacity(usize::try_from(size).unwrap_or(0));
    file.take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(cannot_read)?;
    if bytes.len() as u64 > limit {
        return Err(too_large(format!("more than {limit}")));
    }
    Ok(bytes)
}

/// Loads the project in `root` and checks its revisions as a graph: what
/// every command that needs the revisions calls first.
pub fn load_graph(root: &Utf8Path) -> Result<(Config, crate::graph::RevisionGraph), Diagnostics> {
    let project = load_project(root)?;
    let graph = crate::graph::RevisionGraph::build(project.revisions)?;
    Ok((project.config, graph))
}

/// Reads `retort.yaml` in `root`, or returns the defaults when there is none.
fn load_config(root: &Utf8Path) -> Result<Config, Diagnostic> {
    let path = root.join(CONFIG_FILE);
    match std::fs::read_to_string(&path) {
        Ok(text) => Config::parse(&text, Utf8Path::new(CONFIG_FILE)),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            if root.is_dir() {
                Ok(Config::default())
            } else {
                Err(Diagnostic::new(
                    Location::whole(root),
                    "the project folder does not exist",
                ))
            }
        }
        Err(e) => Err(Diagnostic::new(
            Location::whole(CONFIG_FILE),
            format!("cannot read the file: {e}"),
        )),
    }
}

/// Every `.yaml`/`.yml` file under `dir`, relative to `root`, `/`-separated,
/// sorted by path so that loading is deterministic.
///
/// Only files inside the revisions folder are read: the folder itself must
/// resolve to a place inside the project, and a link in it must resolve to a
/// place inside it (a link to a folder inside is not followed, since its
/// files are read where they are).
fn revision_files(root: &Utf8Path, dir: &Utf8Path) -> Result<Vec<Utf8PathBuf>, Diagnostic> {
    if !dir.exists() {
        return Ok(Vec::new());
    }
    let real_dir = real_revisions_dir(root, dir)?;
    let mut files = Vec::new();
    // Hidden files and folders are skipped: editors' lock files (`.#a.yaml`,
    // often a dangling link) and backups are not revisions.
    let walk = walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'));
    for entry in walk {
        let entry = entry.map_err(|e| {
            let path = e
                .path()
                .map(|p| p.display().to_string())
                .unwrap_or_default();
            Diagnostic::new(
                Location::whole(relative_to(root, dir)),
                format!("cannot read the revisions folder at {path}: {e}"),
            )
        })?;
        let Some(path) = Utf8Path::from_path(entry.path()) else {
            return Err(Diagnostic::new(
                Location::new(entry.path().to_string_lossy().as_ref(), 1, 1),
                "the file name is not valid UTF-8",
            ));
        };
        let is_yaml = matches!(path.extension(), Some("yaml" | "yml"));
        let is_file = if entry.depth() > 0 && entry.path_is_symlink() {
            linked_file_inside(root, path, &real_dir, is_yaml)?
        } else {
            entry.file_type().is_file()
        };
        if is_file && is_yaml {
            files.push(relative_to(root, path));
        }
    }
    files.sort_by_cached_key(|path| component_order_key(path));
    Ok(files)
}

/// The revisions folder `dir` with every link resolved; it must be inside
/// the project folder `root` (`retort.yaml` cannot say otherwise, but the
/// folder may be a link).
fn real_revisions_dir(root: &Utf8Path, dir: &Utf8Path) -> Result<std::path::PathBuf, Diagnostic> {
    let shown = relative_to(root, dir);
    let resolve = |path: &Utf8Path| {
        std::fs::canonicalize(path).map_err(|e| {
            Diagnostic::new(
                Location::whole(shown.clone()),
                format!("cannot resolve the revisions folder: {e}"),
            )
        })
    };
    let real_dir = resolve(dir)?;
    if !real_dir.starts_with(resolve(root)?) {
        return Err(Diagnostic::new(
            Location::whole(shown),
            format!(
                "the revisions folder leads to {}, outside the project folder; \
                 revisions are read only from inside the project",
                real_dir.display()
            ),
        ));
    }
    Ok(real_dir)
}

/// Whether the link at `path` is a file to read: a link to a file inside the
/// revisions folder `real_dir` is; a link to a folder inside it is not
/// followed. A link leading outside is an error, and so is a `.yaml` link
/// that leads nowhere (a loop, a missing target).
fn linked_file_inside(
    root: &Utf8Path,
    path: &Utf8Path,
    real_dir: &std::path::Path,
    is_yaml: bool,
) -> Result<bool, Diagnostic> {
    let target = std::fs::read_link(path)
        .map(|t| t.display().to_string())
        .unwrap_or_default();
    let at = || Location::whole(relative_to(root, path));
    let real = match std::fs::canonicalize(path) {
        Ok(real) => real,
        Err(_) if !is_yaml => return Ok(false),
        Err(e) => {
            return Err(Diagnostic::new(
                at(),
                format!("the link to `{target}` leads to no file: {e}"),
            ))
        }
    };
    let is_dir = real.is_dir();
    if !real.starts_with(real_dir) && (is_yaml || is_dir) {
        return Err(Diagnostic::new(
            at(),
            format!(
                "the link to `{target}` leads outside the revisions folder (to {}); \
                 revision files are read only from inside it",
                real.display()
            ),
        ));
    }
    Ok(real.is_file())
}

/// A key whose byte order is the order of `path`'s components, as `Path`
/// compares them, but with a memcmp rather than a component parser per
/// comparison (sorting 5,000 paths took 5 ms, now under 1 ms). `path` is
/// relative and `/`-separated, as [`relative_to`] makes it; `/` sorts below
/// every other byte, so that a component sorts before any longer one it
/// begins.
fn component_order_key(path: &Utf8Path) -> Vec<u8> {
    path.as_str()
        .bytes()
        .map(|byte| if byte == b'/' { 0 } else { byte })
        .collect()
}

/// `path` relative to `root` with `/` separators (as manifests cite it).
fn relative_to(root: &Utf8Path, path: &Utf8Path) -> Utf8PathBuf {
    let relative = path.strip_prefix(root).unwrap_or(path);
    let parts: Vec<&str> = relative.components().map(|c| c.as_str()).collect();
    Utf8PathBuf::from(parts.join("/"))
}

/// The keys of a revision file, as written (before validation).
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRevision {
    revision: RevisionId,
    #[serde(deserialize_with = "ids_or_null")]
    down_revision: Vec<RevisionId>,
    #[serde(default, deserialize_with = "ids_or_null")]
    branch_labels: Vec<RevisionId>,
    #[serde(default, deserialize_with = "ids_or_null")]
    depends_on: Vec<RevisionId>,
    #[serde(default)]
    message: Option<String>,
    #[serde(default)]
    create_date: Option<String>,
    upgrade: Vec<RawOpItem>,
    #[serde(default)]
    downgrade: Option<RawDowngrade>,
}

/// A revision id, branch label or reference, as a string. YAML would read
/// `1234` or `1e10` as a number and lose its text, so numbers must be quoted.
struct RevisionId(String);

impl<'de> Deserialize<'de> for RevisionId {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = RevisionId;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a revision id as a string (quote ids that look like numbers)")
            }
            fn visit_str<E: de::Error>(self, text: &str) -> Result<RevisionId, E> {
                Ok(RevisionId(text.to_owned()))
            }
            fn visit_u64<E: de::Error>(self, n: u64) -> Result<RevisionId, E> {
                Err(E::custom(format!(
                    "`{n}` reads as a number in YAML; quote it: \"{n}\""
                )))
            }
            fn visit_i64<E: de::Error>(self, n: i64) -> Result<RevisionId, E> {
                self.visit_u64(n.unsigned_abs())
            }
            fn visit_f64<E: de::Error>(self, n: f64) -> Result<RevisionId, E> {
                Err(E::custom(format!(
                    "`{n}` reads as a number in YAML; quote the id"
                )))
            }
        }
        deserializer.deserialize_any(V)
    }
}

/// `null`, `"id"` or `["id1", "id2"]`. Written as a visitor (not an
/// untagged enum) so that `serde_yaml` keeps the error's position.
fn ids_or_null<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Vec<RevisionId>, D::Error> {
    struct V;
    impl<'de> Visitor<'de> for V {
        type Value = Vec<RevisionId>;
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("null, a string, or a list of strings")
        }
        fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(Vec::new())
        }
        fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(Vec::new())
        }
        fn visit_str<E: de::Error>(self, text: &str) -> Result<Self::Value, E> {
            Ok(vec![RevisionId(text.to_owned())])
        }
        fn visit_u64<E: de::Error>(self, n: u64) -> Result<Self::Value, E> {
            Err(E::custom(format!(
                "`{n}` reads as a number in YAML; quote it: \"{n}\""
            )))
        }
        fn visit_i64<E: de::Error>(self, n: i64) -> Result<Self::Value, E> {
            self.visit_u64(n.unsigned_abs())
        }
        fn visit_f64<E: de::Error>(self, n: f64) -> Result<Self::Value, E> {
            Err(E::custom(format!(
                "`{n}` reads as a number in YAML; quote the id"
            )))
        }
        fn visit_seq<A: de::SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
            let mut ids = Vec::new();
            while let Some(id) = seq.next_element()? {
                ids.push(id);
            }
            Ok(ids)
        }
    }
    deserializer.deserialize_any(V)
}

/// `downgrade:`: omitted, `auto`, or a list of ops.
enum RawDowngrade {
    Auto,
    Ops(Vec<RawOpItem>),
}

impl<'de> Deserialize<'de> for RawDowngrade {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = RawDowngrade;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("`auto` or a list of operations")
            }
            fn visit_str<E: de::Error>(self, text: &str) -> Result<RawDowngrade, E> {
                match text {
                    "auto" => Ok(RawDowngrade::Auto),
                    other => Err(E::custom(format!(
                        "expected `auto` or a list of operations, found `{other}`"
                    ))),
                }
            }
            fn visit_unit<E: de::Error>(self) -> Result<RawDowngrade, E> {
                Ok(RawDowngrade::Auto)
            }
            fn visit_seq<A: de::SeqAccess<'de>>(
                self,
                mut seq: A,
            ) -> Result<RawDowngrade, A::Error> {
                let mut ops = Vec::new();
                while let Some(op) = seq.next_element()? {
                    ops.push(op);
                }
                Ok(RawDowngrade::Ops(ops))
            }
        }
        deserializer.deserialize_any(V)
    }
}

/// What a revision file must be, for error messages.
const EXPECTED_REVISION: &str =
    "expected a revision: a mapping with `revision:`, `down_revision:` and `upgrade:` (and usually `message:`)";

/// Parses one revision file; `file` is its path relative to the project.
pub fn parse_revision(bytes: &[u8], file: &Utf8Path) -> Result<Revision, Diagnostics> {
    let text = decode(bytes, file)?;
    let events = yaml::events(text).map_err(|e| {
        let at = Location::new(file, e.marker().line(), e.marker().col() + 1);
        Diagnostic::new(at, format!("invalid YAML: {}", e.info()))
    })?;
    let positions = Positions::of(text, &events);
    check_shape(&positions, file)?;
    // Errors raised inside the hand-written Deserialize impls of revision.rs
    // and types.rs keep their position too (tested below).
    let raw: RawRevision =
        yaml::from_events(&events).map_err(|e| Diagnostic::from_yaml_events(file, &e))?;
    check_identifiers(&raw, &positions, file)?;
    Ok(build_revision(raw, &positions, bytes, file))
}

/// The file's text: UTF-8, without a byte-order mark (which editors on
/// Windows may write).
fn decode<'b>(bytes: &'b [u8], file: &Utf8Path) -> Result<&'b str, Diagnostic> {
    let text = std::str::from_utf8(bytes).map_err(|e| {
        let line = bytes[..e.valid_up_to()]
            .iter()
            .filter(|b| **b == b'\n')
            .count()
            + 1;
        Diagnostic::new(
            Location::new(file, line, 1),
            format!("the file is not valid UTF-8: {e}"),
        )
    })?;
    Ok(text.strip_prefix('\u{feff}').unwrap_or(text))
}

/// One YAML document, a mapping, each key once.
fn check_shape(positions: &Positions, file: &Utf8Path) -> Result<(), Diagnostic> {
    let at = |pos: Pos| Location::new(file, pos.line, pos.column);
    let start = Pos { line: 1, column: 1 };
    if !positions.has_document {
        return Err(Diagnostic::new(
            at(start),
            format!("the file is empty; {EXPECTED_REVISION}"),
        ));
    }
    if let Some(&second) = positions.document_starts.get(1) {
        return Err(Diagnostic::new(
            at(second),
            "a second YAML document starts here; expected one revision per file",
        ));
    }
    if let Some((key, again, first)) = positions.duplicate_keys.first() {
        return Err(Diagnostic::new(
            at(*again),
            format!(
                "`{key}` appears twice (first on line {}); expected each key once",
                first.line
            ),
        ));
    }
    if !positions.root_is_mapping {
        return Err(Diagnostic::new(at(start), EXPECTED_REVISION));
    }
    if let Some(pos) = positions.first_anchor_or_alias {
        return Err(Diagnostic::new(
            at(pos),
            "YAML anchors and aliases (`&name`, `*name`) are not allowed in revision files; \
             write the value out where it is used",
        ));
    }
    Ok(())
}

/// The revision id and branch labels fit `alembic_version.version_num`.
fn check_identifiers(
    raw: &RawRevision,
    positions: &Positions,
    file: &Utf8Path,
) -> Result<(), Diagnostics> {
    let mut errors = Vec::new();
    if let Err(message) = check_identifier(&raw.revision.0, "revision id") {
        errors.push(Diagnostic::new(
            value_location(positions, "revision", file),
            message,
        ));
    }
    for label in &raw.branch_labels {
        if let Err(message) = check_identifier(&label.0, "branch label") {
            errors.push(Diagnostic::new(
                value_location(positions, "branch_labels", file),
                message,
            ));
        }
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(Diagnostics(errors))
    }
}

/// The typed revision, with the positions of its keys and ops.
fn build_revision(
    raw: RawRevision,
    positions: &Positions,
    bytes: &[u8],
    file: &Utf8Path,
) -> Revision {
    let located = |pos: Option<&Pos>| {
        pos.map_or_else(
            || Location::new(file, 1, 1),
            |p| Location::new(file, p.line, p.column),
        )
    };
    let with_locations = |items: Vec<RawOpItem>, list: &[Pos]| -> Vec<OpEntry> {
        items
            .into_iter()
            .enumerate()
            .map(|(i, item)| OpEntry {
                op: item.op,
                review: item.review,
                location: located(list.get(i)),
            })
            .collect()
    };
    let downgrade = match raw.downgrade {
        None | Some(RawDowngrade::Auto) => Downgrade::Auto,
        Some(RawDowngrade::Ops(items)) => {
            Downgrade::Ops(with_locations(items, &positions.downgrade_items))
        }
    };
    let ids = |list: Vec<RevisionId>| list.into_iter().map(|r| r.0).collect();
    Revision {
        id: raw.revision.0,
        down_revisions: ids(raw.down_revision),
        branch_labels: ids(raw.branch_labels),
        depends_on: ids(raw.depends_on),
        message: raw.message,
        create_date: raw.create_date,
        upgrade: with_locations(raw.upgrade, &positions.upgrade_items),
        downgrade,
        source: SourceFile {
            path: file.to_owned(),
            sha256: hex::encode(Sha256::digest(bytes)),
        },
        location: located(positions.keys.get("revision")),
        key_locations: KeyPositions::new(
            positions
                .keys
                .iter()
                .map(|(key, p)| (key.clone(), p.line, p.column)),
        ),
    }
}

/// Where the value of top-level `key` starts (or the key, if unknown).
fn value_location(positions: &Positions, key: &str, file: &Utf8Path) -> Location {
    positions
        .values
        .get(key)
        .or_else(|| positions.keys.get(key))
        .map(|p| Location::new(file, p.line, p.column))
        .unwrap_or_else(|| Location::new(file, 1, 1))
}

/// Checks a revision id or branch label: `[A-Za-z0-9_]`, 1 to 32 characters.
pub fn check_identifier(id: &str, what: &str) -> Result<(), String> {
    if id.is_empty() {
        return Err(format!(
            "the {what} is empty; expected 1 to {MAX_REVISION_ID_LEN} characters of [A-Za-z0-9_]"
        ));
    }
    if let Some(bad) = id
        .chars()
        .find(|c| !(c.is_ascii_alphanumeric() || *c == '_'))
    {
        return Err(format!(
            "the {what} `{id}` contains `{bad}`; expected only letters, digits and `_` ([A-Za-z0-9_])"
        ));
    }
    if id.len() > MAX_REVISION_ID_LEN {
        return Err(format!(
            "the {what} `{id}` is {} characters long; expected at most {MAX_REVISION_ID_LEN}, \
             because alembic_version.version_num is VARCHAR({MAX_REVISION_ID_LEN})",
            id.len()
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn revision_files_sort_as_paths_do() {
        let mut paths: Vec<Utf8PathBuf> = [
            "a.b/y.yaml",
            "a/x.yaml",
            "ab/c.yaml",
            "abc.yaml",
            "a/b/c.yaml",
            "a-b.yaml",
            "a/a.yaml",
        ]
        .map(Utf8PathBuf::from)
        .to_vec();
        let mut by_key = paths.clone();
        by_key.sort_by_cached_key(|path| component_order_key(path));
        paths.sort();
        assert_eq!(by_key, paths);
    }

    fn parse(text: &str) -> Result<Revision, Diagnostics> {
        parse_revision(text.as_bytes(), Utf8Path::new("revisions/a.yaml"))
    }

    fn error(text: &str) -> String {
        parse(text).unwrap_err().to_string()
    }

    #[test]
    fn parses_a_revision_with_positions() {
        let text = "\
# a comment
revision: ae10
down_revision: null
message: add things
upgrade:
  - create_table:
      name: t
      columns:
        - {name: id, type: Integer, primary_key: true}
  -   drop_table: old
downgrade: auto
";
        let rev = parse(text).unwrap();
        assert_eq!(rev.id, "ae10");
        assert!(rev.down_revisions.is_empty());
        assert_eq!(rev.location.to_string(), "revisions/a.yaml:2:1");
        assert_eq!(rev.upgrade.len(), 2);
        assert_eq!(rev.upgrade[0].location.to_string(), "revisions/a.yaml:6:5");
        assert_eq!(rev.upgrade[1].location.to_string(), "revisions/a.yaml:10:7");
        assert!(matches!(rev.downgrade, Downgrade::Auto));
        assert_eq!(rev.source.sha256.len(), 64);
        assert_eq!(rev.key_location("down_revision").line, 3);
    }

    #[test]
    fn message_is_optional_and_shown_as_alembic_shows_none() {
        let rev = parse("revision: a1\ndown_revision: null\nupgrade: []\n").unwrap();
        assert_eq!(rev.message, None);
        assert_eq!(rev.shown_message(), "empty message");
        assert_eq!(rev.slug_source(), "");
        let stem = crate::archive::jobs::revision_stem(1, &rev);
        assert_eq!(stem, "0001_a1");
    }

    #[test]
    fn parses_merges_labels_and_explicit_downgrades() {
        let text = "\
revision: m1
down_revision: [a1, b1]
message: merge
branch_labels: feature
depends_on: [x1]
upgrade: []
downgrade:
  - drop_table: t
";
        let rev = parse(text).unwrap();
        assert_eq!(rev.down_revisions, ["a1", "b1"]);
        assert_eq!(rev.branch_labels, ["feature"]);
        assert_eq!(rev.depends_on, ["x1"]);
        let Downgrade::Ops(ops) = &rev.downgrade else {
            panic!("explicit downgrade expected")
        };
        assert_eq!(ops[0].location.to_string(), "revisions/a.yaml:8:5");
    }

    #[test]
    fn errors_name_the_line_and_column() {
        let text = "revision: a1\ndown_revision: null\nmessage: m\nupgrade:\n  - create_tabel: {name: t}\n";
        let e = error(text);
        assert!(e.starts_with("revisions/a.yaml:5:"), "{e}");
        assert!(e.contains("did you mean `create_table`"), "{e}");

        let e = error("revision: a1\ndown_revison: null\n");
        assert!(e.starts_with("revisions/a.yaml:2:1"), "{e}");
        assert!(e.contains("did you mean `down_revision`"), "{e}");

        let e = error("down_revision: null\nupgrade: []\n");
        assert!(e.contains("missing field `revision`"), "{e}");

        let e = error("revision: [a]\ndown_revision: null\nmessage: m\nupgrade: []\n");
        assert!(e.starts_with("revisions/a.yaml:1:"), "{e}");

        let e = error("revision: a1\ndown_revision: null\nupgrade:\n  - add_column: {table: t, column: {name: c, type: Strin(3)}}\n");
        assert!(e.starts_with("revisions/a.yaml:4:"), "{e}");
    }

    /// Errors raised by the hand-written `Deserialize` impls of revision.rs and
    /// types.rs keep a position in serde_yaml: the innermost node the impl
    /// read (a scalar, or the start of a mapping whose whole body it checks).
    /// (op YAML, expected line; the op item starts on line 5.)
    #[test]
    fn errors_of_hand_written_deserializers_keep_their_line() {
        let cases: &[(&str, usize)] = &[
            // untagged IndexColumn
            ("  - drop_table: x\n  - create_index:\n      name: i\n      table: t\n      columns: [{foo: 1}]\n", 9),
            // Column.default rejected: at the column (the check does not read the value)
            ("  - add_column:\n      table: t\n      column:\n        name: c\n        type: Integer\n        default: 1\n", 8),
            // Execute: sql and dialect keys
            ("  - execute:\n      sql: SELECT 1\n      postgresql: SELECT 2\n", 6),
            // TableConstraint: unknown kind
            ("  - create_table:\n      name: t\n      columns: [{name: id, type: Integer}]\n      constraints:\n        - uniq: {columns: [id]}\n", 9),
            // RawOpItem: two ops in one item
            ("  - drop_table: a\n    drop_index: {name: i}\n", 5),
            // ColumnType map: sql mixed with dialect keys
            ("  - add_column:\n      table: t\n      column: {name: c, type: {sql: X, postgresql: JSONB}}\n", 7),
            // Row: a column twice
            ("  - bulk_insert:\n      table: t\n      rows:\n        - {a: 1, a: 2}\n", 8),
            // ColumnType text parser
            ("  - add_column:\n      table: t\n      column: {name: c, type: \"Numeric(10, x)\"}\n", 7),
        ];
        for (ops, line) in cases {
            let text = format!("revision: a1\ndown_revision: null\nmessage: m\nupgrade:\n{ops}");
            let e = error(&text);
            assert!(
                e.starts_with(&format!("revisions/a.yaml:{line}:")),
                "expected line {line}: {e}"
            );
        }
    }

    /// `execute`'s `effect:` holds schema ops, one per item; an error in one
    /// names its line.
    #[test]
    fn execute_effect_items_are_schema_ops() {
        let head = "revision: a1\ndown_revision: null\nmessage: m\nupgrade:\n  - execute:\n      sql: DROP INDEX ix\n      effect:\n";
        let revision = parse(&format!(
            "{head}        - drop_index: {{name: ix, table: t}}\n"
        ))
        .unwrap();
        let Some(crate::revision::Op::Execute(execute)) = revision.upgrade.first().map(|i| &i.op)
        else {
            panic!("expected an execute");
        };
        assert_eq!(execute.effect.len(), 1);
        assert_eq!(execute.effect[0].name(), "drop_index");
        let cases: &[(&str, &str)] = &[
            ("        - execute: SELECT 1\n", "cannot be an `execute`"),
            (
                "        - bulk_insert: {table: t, rows: []}\n",
                "cannot be a `bulk_insert`",
            ),
            (
                "        - drop_indx: {name: ix}\n",
                "did you mean `drop_index`",
            ),
            (
                "        - drop_index: {name: ix}\n          drop_table: t\n",
                "one op per `effect:` item",
            ),
        ];
        for (item, message) in cases {
            let e = error(&format!("{head}{item}"));
            assert!(e.starts_with("revisions/a.yaml:8:"), "{e}");
            assert!(e.contains(message), "{e}");
        }
    }

    /// A bulk_insert number reaches the model digit for digit, as Alembic
    /// writes a `Decimal`; a float would turn `123456789012345678.12` into
    /// `123456789012345680` and `3.10` into `3.1`.
    #[test]
    fn bulk_insert_numbers_keep_their_text() {
        let text = "revision: a1\ndown_revision: null\nmessage: m\nupgrade:\n  - bulk_insert:\n      table: t\n      rows:\n        - {a: 123456789012345678.12, b: 3.10, c: -0.50, d: 7, e: '1.0', f: 1e5}\n";
        let revision = parse(text).unwrap();
        let Some(crate::revision::Op::BulkInsert(op)) = revision.upgrade.first().map(|i| &i.op)
        else {
            panic!("expected a bulk_insert");
        };
        use crate::revision::Literal::{Number, String as Text};
        let values: Vec<_> = op.rows[0].iter().map(|(_, v)| v.clone()).collect();
        assert_eq!(
            values,
            vec![
                Number("123456789012345678.12".into()),
                Number("3.10".into()),
                Number("-0.50".into()),
                Number("7".into()),
                Text("1.0".into()),
                Number("1e5".into()),
            ]
        );
        let e = error(&text.replace("3.10", ".nan"));
        assert!(e.contains("finite"), "{e}");
    }

    #[test]
    fn odd_files() {
        let ok = "revision: a1\ndown_revision: null\nmessage: m\nupgrade: []\n";
        assert_eq!(parse(&format!("\u{feff}{ok}")).unwrap().id, "a1");
        let e = error(&format!("{ok}---\nrevision: b1\n"));
        assert!(
            e.starts_with("revisions/a.yaml:5:1: a second YAML document"),
            "{e}"
        );
        let e = error(&format!("{ok}revision: a2\n"));
        assert!(
            e.starts_with("revisions/a.yaml:5:1: `revision` appears twice (first on line 1)"),
            "{e}"
        );
        let e = error("revision: a1\ndown_revision: null\nmessage: m\nupgrade:\n  - *zz\n");
        assert!(e.starts_with("revisions/a.yaml:5:5: invalid YAML"), "{e}");
        let e = error("revision: a1\n\tdown_revision: null\n");
        assert!(e.starts_with("revisions/a.yaml:1:11: invalid YAML"), "{e}");
    }

    #[test]
    fn invalid_yaml_and_empty_files_are_errors() {
        let e = error("revision: a1\n  down_revision: [\n");
        assert!(e.starts_with("revisions/a.yaml:"), "{e}");
        assert!(e.contains("invalid YAML"), "{e}");
        let e = error("\n# nothing\n");
        assert!(e.contains("revisions/a.yaml:1:1: the file is empty"), "{e}");
        let e = error("- a\n- b\n");
        assert!(e.contains("expected a revision"), "{e}");
    }

    #[test]
    fn anchors_and_aliases_are_refused() {
        let head = "revision: a1\ndown_revision: null\nmessage: m\n";
        let e = error(&format!(
            "{head}upgrade:\n  - create_table: &t\n      name: t\n      columns: []\n  - create_table: *t\n"
        ));
        assert!(
            e.starts_with("revisions/a.yaml:5:19: YAML anchors and aliases"),
            "{e}"
        );
        let e = error(&format!("{head}create_date: &d x\nupgrade: []\n"));
        assert!(e.starts_with("revisions/a.yaml:4:14: YAML anchors"), "{e}");
        // A "billion laughs": refused at the first anchor, never expanded.
        let mut bomb =
            format!("{head}upgrade: []\nx0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        for n in 1..10 {
            let refs = vec![format!("*a{}", n - 1); 9].join(", ");
            bomb.push_str(&format!("x{n}: &a{n} [{refs}]\n"));
        }
        let e = error(&bomb);
        assert!(e.starts_with("revisions/a.yaml:5:5: YAML anchors"), "{e}");
    }

    /// Deep nesting is an error at its place, never a stack overflow (the
    /// test threads have a small stack, which these overflowed).
    #[test]
    fn deep_nesting_is_an_error() {
        let head = "revision: a1\ndown_revision: null\nmessage: m\n";
        let flow = format!(
            "{head}upgrade: {}{}\n",
            "[".repeat(100_000),
            "]".repeat(100_000)
        );
        let e = error(&flow);
        assert!(e.starts_with("revisions/a.yaml:4:"), "{e}");
        assert!(e.contains("recursion limit exceeded"), "{e}");
        let flow_maps = format!("{head}upgrade: {}\n", "{a: ".repeat(100_000));
        assert!(error(&flow_maps).contains("recursion limit exceeded"));
        // 100,000 block sequences on one line: `- - - … x`
        let block = format!("{head}upgrade:\n  {}x\n", "- ".repeat(100_000));
        let e = error(&block);
        assert!(e.starts_with("revisions/a.yaml:5:"), "{e}");
    }

    #[test]
    fn files_over_the_size_limit_are_not_read() {
        let dir = tempfile::tempdir().unwrap();
        let path = Utf8PathBuf::from_path_buf(dir.path().join("big.yaml")).unwrap();
        let file = std::fs::File::create(&path).unwrap();
        // sparse: nothing is written
        file.set_len(MAX_REVISION_FILE_BYTES + 1).unwrap();
        let e = read_limited(&path, MAX_REVISION_FILE_BYTES).unwrap_err();
        assert_eq!(
            e,
            "the file is 16777217 bytes, larger than the limit of 16 MiB (16777216 bytes) \
             for a revision file; split it into several revisions"
        );
        file.set_len(MAX_REVISION_FILE_BYTES).unwrap();
        assert_eq!(
            read_limited(&path, MAX_REVISION_FILE_BYTES).unwrap().len() as u64,
            MAX_REVISION_FILE_BYTES
        );
    }

    #[test]
    fn revision_ids_are_checked() {
        let long = "a".repeat(33);
        let e = error(&format!(
            "revision: {long}\ndown_revision: null\nmessage: m\nupgrade: []\n"
        ));
        assert!(e.starts_with("revisions/a.yaml:1:11"), "{e}");
        assert!(e.contains("VARCHAR(32)"), "{e}");
        let e = error("revision: a-1\ndown_revision: null\nmessage: m\nupgrade: []\n");
        assert!(e.contains("contains `-`"), "{e}");
        let e = error("revision: 1234\ndown_revision: null\nmessage: m\nupgrade: []\n");
        assert!(e.contains("quote it"), "{e}");
        assert!(check_identifier(&"a".repeat(32), "revision id").is_ok());
    }
}
