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
    pub revisions: Utf8PathBuf,
    /// Folder of template overrides (may be absent).
    pub dialects: Utf8PathBuf,
    /// Where `compile` writes.
    pub out: Utf8PathBuf,
    /// Default dialect of `upgrade`, `downgrade`, `stamp`.
    pub dialect: String,
    /// What `compile` builds.
    pub targets: Vec<String>,
    /// Name of the version table.
    pub version_table: String,
    /// Schema of the version table.
    pub version_table_schema: Option<String>,
    /// Wrap each revision in its own transaction.
    pub transaction_per_migration: bool,
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
        }
    }
}

impl Config {
    /// Parses `retort.yaml` text; `file` names it in errors.
    pub fn parse(text: &str, file: &Utf8Path) -> Result<Config, crate::error::LoadError> {
        if text.trim().is_empty() {
            return Ok(Config::default());
        }
        serde_yaml::from_str(text).map_err(|e| crate::error::LoadError::from_yaml(file, &e))
    }
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
    fn unknown_keys_are_errors() {
        let err = Config::parse("dialet: sqlite\n", "retort.yaml".into()).unwrap_err();
        let text = err.to_string();
        assert!(text.contains("retort.yaml:1:1"), "{text}");
        assert!(text.contains("did you mean `dialect`"), "{text}");
    }
}
