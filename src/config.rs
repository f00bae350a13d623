//! `retort.yaml`: project settings, every key optional.

use camino::{Utf8Path, Utf8PathBuf};
use serde::{Deserialize, Serialize};

/// The file name of the project settings.
pub const CONFIG_FILE: &str = "retort.yaml";

/// Project settings, with the defaults of SPEC §1.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Config {
    /// Folder of revision files, relative to the project.
    #[serde(deserialize_with = "folder_inside_project")]
    pub revisions: Utf8PathBuf,
    /// Folder of template overrides (may be absent).
    #[serde(deserialize_with = "folder_inside_project")]
    pub dialects: Utf8PathBuf,
    /// Where `compile` writes.
    #[serde(deserialize_with = "folder_inside_project")]
    pub out: Utf8PathBuf,
    /// Default dialect of `upgrade`, `downgrade`, `stamp`.
    #[serde(deserialize_with = "dialect_name")]
    pub dialect: String,
    /// What `compile` builds.
    #[serde(deserialize_with = "dialect_names")]
    pub targets: Vec<String>,
    /// Name of the version table.
    pub version_table: String,
    /// Schema of the version table.
    pub version_table_schema: Option<String>,
    /// Wrap each revision in its own transaction.
    pub transaction_per_migration: bool,
    /// Compiled scripts carry drift checks (`retort drift`): each
    /// per-revision script checks the schema it starts from, each
    /// whole-range script the schema it ends with. Off by default: turning
    /// it on changes every archived script.
    pub drift_check: bool,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            revisions: "revisions".into(),
            dialects: "dialects".into(),
            out: "out".into(),
            dialect: "postgresql".into(),
            targets: ["postgresql", "sqlite", "mysql", "mssql", "oracle"]
                .map(String::from)
                .to_vec(),
            version_table: "alembic_version".into(),
            version_table_schema: None,
            transaction_per_migration: false,
            drift_check: false,
        }
    }
}

impl Config {
    /// Parses `retort.yaml` text; `file` names it in errors.
    pub fn parse(text: &str, file: &Utf8Path) -> Result<Config, crate::diagnostic::Diagnostic> {
        if text.trim().is_empty() {
            return Ok(Config::default());
        }
        serde_yaml::from_str(text).map_err(|e| crate::diagnostic::Diagnostic::from_yaml(file, &e))
    }
}

/// A folder setting: a relative path that stays inside the project folder
/// (no `..`, not absolute), so that `compile` writes only under the
/// project and revisions and templates are read only from it.
fn folder_inside_project<'de, D: serde::Deserializer<'de>>(
    deserializer: D,
) -> Result<Utf8PathBuf, D::Error> {
    // A visitor rather than a check after deserialising: serde_yaml gives
    // an error raised while the scalar is visited the scalar's position.
    struct V;
    impl serde::de::Visitor<'_> for V {
        type Value = Utf8PathBuf;
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("a folder inside the project")
        }
        fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<Utf8PathBuf, E> {
            check_folder_inside_project(Utf8Path::new(text))
                .map(|()| Utf8PathBuf::from(text))
                .map_err(E::custom)
        }
    }
    deserializer.deserialize_str(V)
}

/// A dialect name (see [`crate::dialect::check_name`]), checked while its
/// scalar is visited so that the error has its position.
fn dialect_name<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<String, D::Error> {
    struct V;
    impl serde::de::Visitor<'_> for V {
        type Value = String;
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("a dialect name")
        }
        fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<String, E> {
            crate::dialect::check_name(text)
                .map(|()| text.to_owned())
                .map_err(E::custom)
        }
    }
    deserializer.deserialize_str(V)
}

/// A list of dialect names, each checked as [`dialect_name`] does.
fn dialect_names<'de, D: serde::Deserializer<'de>>(
    deserializer: D,
) -> Result<Vec<String>, D::Error> {
    struct Name(String);
    impl<'de> Deserialize<'de> for Name {
        fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            dialect_name(deserializer).map(Name)
        }
    }
    let names = Vec::<Name>::deserialize(deserializer)?;
    Ok(names.into_iter().map(|n| n.0).collect())
}

/// Why `path` is not a folder inside the project, if it is not.
fn check_folder_inside_project(path: &Utf8Path) -> Result<(), String> {
    use camino::Utf8Component;
    let leaves = path.components().any(|c| {
        matches!(
            c,
            Utf8Component::ParentDir | Utf8Component::RootDir | Utf8Component::Prefix(_)
        )
    });
    if leaves || path.as_str().contains('\\') {
        return Err(format!(
            "`{path}` must be a folder inside the project, written relative to it \
             without `..` (such as `out` or `build/sql`)"
        ));
    }
    if path.components().all(|c| c == Utf8Component::CurDir) {
        return Err(
            format!("`{path}` must be a folder inside the project (such as `out`), not the project folder itself"),
        );
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_key_is_optional() {
        let config = Config::parse("dialect: sqlite\n", "retort.yaml".into()).unwrap();
        assert_eq!(config.dialect, "sqlite");
        assert_eq!(config.version_table, "alembic_version");
        assert_eq!(config.targets.len(), 5);
    }

    #[test]
    fn folders_stay_inside_the_project() {
        for (yaml, line) in [
            ("out: ../elsewhere\n", 1),
            ("dialect: sqlite\nout: /tmp/out\n", 2),
            ("revisions: revisions/../../x\n", 1),
            ("dialects: a\\..\\..\\b\n", 1),
        ] {
            let text = Config::parse(yaml, "retort.yaml".into())
                .unwrap_err()
                .to_string();
            assert!(text.starts_with(&format!("retort.yaml:{line}:")), "{text}");
            assert!(
                text.contains("must be a folder inside the project, written relative"),
                "{text}"
            );
        }
        let text = Config::parse("out: .\n", "retort.yaml".into())
            .unwrap_err()
            .to_string();
        assert!(text.contains("not the project folder itself"), "{text}");
        let config =
            Config::parse("out: build/./sql\nrevisions: ./db\n", "retort.yaml".into()).unwrap();
        assert_eq!(config.out, "build/./sql");
    }

    #[test]
    fn dialect_names_are_checked_where_written() {
        let text = Config::parse("targets:\n  - sqlite\n  - ../x\n", "retort.yaml".into())
            .unwrap_err()
            .to_string();
        assert!(
            text.starts_with("retort.yaml:3:5: targets[1]: `../x` is not a dialect name"),
            "{text}"
        );
        let text = Config::parse("dialect: a/b\n", "retort.yaml".into())
            .unwrap_err()
            .to_string();
        assert!(
            text.starts_with("retort.yaml:1:10: dialect: `a/b` is not"),
            "{text}"
        );
    }

    #[test]
    fn unknown_keys_are_errors() {
        let err = Config::parse("dialet: sqlite\n", "retort.yaml".into()).unwrap_err();
        let text = err.to_string();
        assert!(text.contains("retort.yaml:1:1"), "{text}");
        assert!(text.contains("did you mean `dialect`"), "{text}");
    }
}
