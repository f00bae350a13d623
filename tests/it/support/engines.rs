//! Throwaway databases on the real engines, for tests that run generated
//! scripts with the clients DBAs use (`psql`, `mariadb`, `sqlite3`).
//!
//! Each test gets its own database (or file) with a unique name, so tests run
//! in parallel; it is dropped when the handle goes out of scope, also when the
//! test fails. The servers come from `RETORT_TEST_PG_URL` and
//! `RETORT_TEST_MYSQL_URL` (set by `scripts/test`, which starts throwaway
//! ones); a missing server skips the test locally and fails it with `CI=true`
//! (see [`super::require`]).

use super::require;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::OnceLock;

/// The engines the end-to-end tests run scripts on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Engine {
    /// PostgreSQL, through `psql`.
    Postgres,
    /// MariaDB (retort's `mysql` dialect), through the `mariadb` client.
    MariaDb,
    /// SQLite, through the `sqlite3` CLI.
    Sqlite,
}

impl Engine {
    /// Every engine.
    pub const ALL: [Engine; 3] = [Engine::Postgres, Engine::MariaDb, Engine::Sqlite];

    /// The `--dialect` whose scripts this engine runs.
    pub fn dialect(self) -> &'static str {
        match self {
            Engine::Postgres => "postgresql",
            Engine::MariaDb => "mysql",
            Engine::Sqlite => "sqlite",
        }
    }

    /// A fresh, empty database on this engine, or `None` (after [`require`])
    /// when the engine is not available.
    pub fn fresh_database(self) -> Option<Box<dyn TestDatabase>> {
        Some(match self {
            Engine::Postgres => Box::new(require_postgres()?.create_database()),
            Engine::MariaDb => Box::new(require_mariadb()?.create_database()),
            Engine::Sqlite => Box::new(require_sqlite()?.create_database()),
        })
    }
}

/// A throwaway database a test runs scripts on.
pub trait TestDatabase {
    /// The engine it lives on.
    fn engine(&self) -> Engine;
    /// Runs a script with the engine's command-line client, stopping at the
    /// first error; `Err` holds the client's output.
    fn run_script(&self, sql: &str) -> Result<(), String>;
    /// Runs one query; each row's values as text, `None` for NULL.
    fn query(&self, sql: &str) -> Vec<Vec<Option<String>>>;
    /// The schema as the engine's own dump tool prints it, normalised only
    /// where the dump would differ between two identical databases.
    fn schema_dump(&self) -> String;
    /// A SQLAlchemy URL of this database, for Alembic's online mode.
    fn sqlalchemy_url(&self) -> String;

    /// The rows of the version table, sorted.
    fn version_rows_of(&self, table: &str) -> Vec<String> {
        let mut rows: Vec<String> = self
            .query(&format!("SELECT version_num FROM {table}"))
            .into_iter()
            .map(|row| row.into_iter().next().flatten().unwrap_or_default())
            .collect();
        rows.sort();
        rows
    }

    /// The rows of `alembic_version`, sorted.
    fn version_rows(&self) -> Vec<String> {
        self.version_rows_of("alembic_version")
    }

    /// Runs a script, failing the test with the client's output if it fails.
    fn run_ok(&self, sql: &str) {
        if let Err(output) = self.run_script(sql) {
            panic!(
                "the {:?} client failed on the script:\n{output}\n--- script ---\n{sql}",
                self.engine()
            );
        }
    }
}

/// A name no other test (or test run) uses: `retort_<pid>_<n>_<nanos>`.
pub fn unique_name() -> String {
    static COUNTER: AtomicU32 = AtomicU32::new(0);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.subsec_nanos());
    format!(
        "retort_{}_{}_{}",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::Relaxed),
        nanos % 1_000_000
    )
}

/// The parts of a `scheme://user:password@host:port/database` URL.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServerUrl {
    /// User name.
    pub user: String,
    /// Password, if the URL has one.
    pub password: Option<String>,
    /// Host name or address.
    pub host: String,
    /// Port, if the URL has one.
    pub port: Option<u16>,
    /// Database name (may be empty).
    pub database: String,
}

impl ServerUrl {
    /// Parses a URL; no percent-decoding (test servers need none).
    pub fn parse(url: &str) -> Result<ServerUrl, String> {
        let rest = url
            .split_once("://")
            .map(|(_, rest)| rest)
            .ok_or_else(|| format!("`{url}` is not a URL like scheme://user@host:port/db"))?;
        let (authority, database) = rest.split_once('/').unwrap_or((rest, ""));
        let (credentials, address) = authority.rsplit_once('@').unwrap_or(("", authority));
        let (user, password) = match credentials.split_once(':') {
            Some((user, password)) => (user, Some(password.to_owned())),
            None => (credentials, None),
        };
        let (host, port) = match address.rsplit_once(':') {
            Some((host, port)) => (
                host,
                Some(port.parse().map_err(|_| format!("bad port in `{url}`"))?),
            ),
            None => (address, None),
        };
        Ok(ServerUrl {
            user: user.to_owned(),
            password,
            host: if host.is_empty() { "127.0.0.1" } else { host }.to_owned(),
            port,
            database: database.split('?').next().unwrap_or("").to_owned(),
        })
    }

    fn authority(&self) -> String {
        let password = self
            .password
            .as_ref()
            .map(|p| format!(":{p}"))
            .unwrap_or_default();
        let port = self.port.map(|p| format!(":{p}")).unwrap_or_default();
        format!("{}{password}@{}{port}", self.user, self.host)
    }
}

/// Whether `tool` runs (`tool --version`).
fn tool_exists(tool: &str) -> bool {
    Command::new(tool)
        .arg("--version")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|status| status.success())
}

/// Runs `command` with `stdin` as its input.
fn run_with_input(command: &mut Command, stdin: &[u8]) -> Output {
    let mut child = command
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot start {command:?}: {e}"));
    // A client that stops reading early (on an error) must not fail the write.
    let _ = child.stdin.take().expect("stdin is piped").write_all(stdin);
    child
        .wait_with_output()
        .expect("the client runs to its end")
}

fn output_text(output: &Output) -> String {
    format!(
        "exit status: {}\nstdout:\n{}\nstderr:\n{}",
        output.status,
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

/// Runs a command that must succeed; returns its standard output.
fn checked(command: &mut Command) -> String {
    let output = command
        .output()
        .unwrap_or_else(|e| panic!("cannot start {command:?}: {e}"));
    assert!(
        output.status.success(),
        "{command:?} failed:\n{}",
        output_text(&output)
    );
    String::from_utf8(output.stdout).expect("the client prints UTF-8")
}

// ---------------------------------------------------------------------------
// PostgreSQL

const PG_HOW: &str = "run scripts/test, which starts a throwaway PostgreSQL 15 and sets \
     RETORT_TEST_PG_URL, or set RETORT_TEST_PG_URL=postgresql://USER@HOST:PORT/DB \
     to a server you run (psql, pg_dump on PATH)";

/// A PostgreSQL server the tests may create databases on.
#[derive(Debug, Clone)]
pub struct PgServer {
    url: ServerUrl,
}

/// The PostgreSQL server of `RETORT_TEST_PG_URL`, checked once per test binary.
pub fn postgres() -> Result<PgServer, String> {
    static SERVER: OnceLock<Result<PgServer, String>> = OnceLock::new();
    SERVER.get_or_init(find_postgres).clone()
}

fn find_postgres() -> Result<PgServer, String> {
    let url = std::env::var("RETORT_TEST_PG_URL")
        .map_err(|_| "RETORT_TEST_PG_URL is not set".to_owned())?;
    let mut url = ServerUrl::parse(&url)?;
    if url.database.is_empty() {
        url.database = "postgres".into();
    }
    for tool in ["psql", "pg_dump"] {
        if !tool_exists(tool) {
            return Err(format!("`{tool}` is not on PATH"));
        }
    }
    let server = PgServer { url };
    let output = server
        .psql(&server.url.database)
        .args(["-c", "SELECT 1"])
        .output();
    match output {
        Ok(output) if output.status.success() => Ok(server),
        Ok(output) => Err(format!(
            "PostgreSQL at RETORT_TEST_PG_URL does not answer: {}",
            String::from_utf8_lossy(&output.stderr).trim()
        )),
        Err(e) => Err(format!("cannot run psql: {e}")),
    }
}

/// [`postgres`], through [`require`].
pub fn require_postgres() -> Option<PgServer> {
    match postgres() {
        Ok(server) => Some(server),
        Err(why) => require(None, "PostgreSQL", &format!("{why}; {PG_HOW}")),
    }
}

impl PgServer {
    fn with_connection(&self, command: &mut Command, database: &str) {
        let port = self.url.port.unwrap_or(5432).to_string();
        command
            .args(["-h", &self.url.host, "-p", &port, "-U", &self.url.user])
            .args(["-d", database])
            .env("PGCONNECT_TIMEOUT", "10");
        if let Some(password) = &self.url.password {
            command.env("PGPASSWORD", password);
        }
    }

    /// `psql -X -q -v ON_ERROR_STOP=1` connected to `database`.
    fn psql(&self, database: &str) -> Command {
        let mut command = Command::new("psql");
        command.args(["-X", "-q", "-v", "ON_ERROR_STOP=1"]);
        self.with_connection(&mut command, database);
        command
    }

    /// Creates a new empty database with a unique name.
    pub fn create_database(&self) -> PgDatabase {
        let name = unique_name();
        checked(
            self.psql(&self.url.database)
                .args(["-c", &format!("CREATE DATABASE {name}")]),
        );
        PgDatabase {
            server: self.clone(),
            name,
        }
    }
}

/// A database on a [`PgServer`], dropped with the handle.
pub struct PgDatabase {
    server: PgServer,
    name: String,
}

impl PgDatabase {
    /// The database's name.
    pub fn name(&self) -> &str {
        &self.name
    }
}

impl TestDatabase for PgDatabase {
    fn engine(&self) -> Engine {
        Engine::Postgres
    }

    fn run_script(&self, sql: &str) -> Result<(), String> {
        // `-f -` rather than stdin redirection: psql then names the line of an error.
        let output = run_with_input(
            self.server.psql(&self.name).args(["-f", "-"]),
            sql.as_bytes(),
        );
        if output.status.success() {
            Ok(())
        } else {
            Err(output_text(&output))
        }
    }

    fn query(&self, sql: &str) -> Vec<Vec<Option<String>>> {
        const NULL: &str = "\u{1d}NULL\u{1d}";
        let text = checked(self.server.psql(&self.name).args([
            "-A",
            "-t",
            "-F",
            "\u{1f}",
            "-R",
            "\u{1e}",
            "-P",
            &format!("null={NULL}"),
            "-c",
            sql,
        ]));
        let text = text.strip_suffix('\n').unwrap_or(&text);
        if text.is_empty() {
            return Vec::new();
        }
        text.split('\u{1e}')
            .map(|row| {
                row.split('\u{1f}')
                    .map(|value| (value != NULL).then(|| value.to_owned()))
                    .collect()
            })
            .collect()
    }

    fn schema_dump(&self) -> String {
        let mut command = Command::new("pg_dump");
        // pg_dump 15.18 writes `\restrict KEY` with a random key unless given one.
        command.args(["--schema-only", "--restrict-key=retorttest"]);
        self.server.with_connection(&mut command, &self.name);
        checked(&mut command)
    }

    fn sqlalchemy_url(&self) -> String {
        format!("postgresql://{}/{}", self.server.url.authority(), self.name)
    }
}

impl Drop for PgDatabase {
    fn drop(&mut self) {
        let _ = self
            .server
            .psql(&self.server.url.database)
            .args([
                "-c",
                &format!("DROP DATABASE IF EXISTS {} WITH (FORCE)", self.name),
            ])
            .output();
    }
}

// ---------------------------------------------------------------------------
// MariaDB

const MARIADB_HOW: &str = "run scripts/test, which installs MariaDB if needed, starts a \
     throwaway server and sets RETORT_TEST_MYSQL_URL, or set \
     RETORT_TEST_MYSQL_URL=mysql://USER@HOST:PORT/ to a server you run (mariadb, mariadb-dump on PATH)";

/// A MariaDB (or MySQL) server the tests may create databases on.
#[derive(Debug, Clone)]
pub struct MariaDbServer {
    url: ServerUrl,
}

/// The server of `RETORT_TEST_MYSQL_URL`, checked once per test binary.
pub fn mariadb() -> Result<MariaDbServer, String> {
    static SERVER: OnceLock<Result<MariaDbServer, String>> = OnceLock::new();
    SERVER.get_or_init(find_mariadb).clone()
}

fn find_mariadb() -> Result<MariaDbServer, String> {
    let url = std::env::var("RETORT_TEST_MYSQL_URL")
        .map_err(|_| "RETORT_TEST_MYSQL_URL is not set".to_owned())?;
    let url = ServerUrl::parse(&url)?;
    for tool in ["mariadb", "mariadb-dump"] {
        if !tool_exists(tool) {
            return Err(format!("`{tool}` is not on PATH"));
        }
    }
    let server = MariaDbServer { url };
    match server.client(None).args(["-e", "SELECT 1"]).output() {
        Ok(output) if output.status.success() => Ok(server),
        Ok(output) => Err(format!(
            "MariaDB at RETORT_TEST_MYSQL_URL does not answer: {}",
            String::from_utf8_lossy(&output.stderr).trim()
        )),
        Err(e) => Err(format!("cannot run mariadb: {e}")),
    }
}

/// [`mariadb`], through [`require`].
pub fn require_mariadb() -> Option<MariaDbServer> {
    match mariadb() {
        Ok(server) => Some(server),
        Err(why) => require(None, "MariaDB", &format!("{why}; {MARIADB_HOW}")),
    }
}

impl MariaDbServer {
    /// `tool --no-defaults` with the connection options.
    fn command(&self, tool: &str) -> Command {
        let mut command = Command::new(tool);
        // --no-defaults first: keeps the machine's /etc/mysql and ~/.my.cnf out.
        command.arg("--no-defaults");
        command.args(["-h", &self.url.host, "-u", &self.url.user]);
        command.arg(format!("--port={}", self.url.port.unwrap_or(3306)));
        if let Some(password) = &self.url.password {
            command.env("MYSQL_PWD", password);
        }
        command
    }

    /// The `mariadb` client, on `database` if given.
    fn client(&self, database: Option<&str>) -> Command {
        let mut command = self.command("mariadb");
        command.args(database);
        command
    }

    /// Creates a new empty database with a unique name.
    pub fn create_database(&self) -> MariaDbDatabase {
        let name = unique_name();
        checked(self.client(None).args([
            "-e",
            &format!("CREATE DATABASE {name} CHARACTER SET utf8mb4 COLLATE utf8mb4_general_ci"),
        ]));
        MariaDbDatabase {
            server: self.clone(),
            name,
        }
    }
}

/// A database on a [`MariaDbServer`], dropped with the handle.
pub struct MariaDbDatabase {
    server: MariaDbServer,
    name: String,
}

impl MariaDbDatabase {
    /// The database's name.
    pub fn name(&self) -> &str {
        &self.name
    }
}

/// Undoes the escaping of `mariadb --batch` (`\t`, `\n`, `\\`, `\0`).
fn unescape_batch(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    let mut chars = value.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('t') => out.push('\t'),
            Some('n') => out.push('\n'),
            Some('0') => out.push('\0'),
            Some(other) => out.push(other),
            None => out.push('\\'),
        }
    }
    out
}

impl TestDatabase for MariaDbDatabase {
    fn engine(&self) -> Engine {
        Engine::MariaDb
    }

    fn run_script(&self, sql: &str) -> Result<(), String> {
        // Reading a script from standard input, the client stops at the first error.
        let output = run_with_input(&mut self.server.client(Some(&self.name)), sql.as_bytes());
        if output.status.success() {
            Ok(())
        } else {
            Err(output_text(&output))
        }
    }

    /// NULL and the string `NULL` both read as `None`: the batch format cannot tell them apart.
    fn query(&self, sql: &str) -> Vec<Vec<Option<String>>> {
        // Scripts run with the stock client's character set (they say
        // theirs); reading values back needs every character.
        let text = checked(self.server.client(Some(&self.name)).args([
            "--default-character-set=utf8mb4",
            "--batch",
            "--skip-column-names",
            "-e",
            sql,
        ]));
        text.lines()
            .map(|row| {
                row.split('\t')
                    .map(|value| (value != "NULL").then(|| unescape_batch(value)))
                    .collect()
            })
            .collect()
    }

    /// `mariadb-dump --no-data --skip-comments`, without the tables'
    /// `AUTO_INCREMENT=N` counters (data, not schema).
    fn schema_dump(&self) -> String {
        let dump = checked(self.server.command("mariadb-dump").args([
            "--default-character-set=utf8mb4",
            "--no-data",
            "--skip-comments",
            &self.name,
        ]));
        dump.lines()
            .map(|line| strip_auto_increment_counter(line) + "\n")
            .collect()
    }

    fn sqlalchemy_url(&self) -> String {
        format!(
            "mysql+pymysql://{}/{}?charset=utf8mb4",
            self.server.url.authority(),
            self.name
        )
    }
}

/// `) ENGINE=InnoDB AUTO_INCREMENT=3 DEFAULT ...` → `) ENGINE=InnoDB DEFAULT ...`.
fn strip_auto_increment_counter(line: &str) -> String {
    if !line.starts_with(')') {
        return line.to_owned();
    }
    line.split(' ')
        .filter(|word| {
            !word
                .strip_prefix("AUTO_INCREMENT=")
                .is_some_and(|n| n.chars().all(|c| c.is_ascii_digit()))
        })
        .collect::<Vec<_>>()
        .join(" ")
}

impl Drop for MariaDbDatabase {
    fn drop(&mut self) {
        let _ = self
            .server
            .client(None)
            .args(["-e", &format!("DROP DATABASE IF EXISTS {}", self.name)])
            .output();
    }
}

// ---------------------------------------------------------------------------
// SQLite

/// The `sqlite3` command-line shell.
#[derive(Debug, Clone, Copy)]
pub struct SqliteShell;

/// The `sqlite3` CLI, if it is on PATH.
pub fn sqlite() -> Result<SqliteShell, String> {
    if tool_exists("sqlite3") {
        Ok(SqliteShell)
    } else {
        Err("`sqlite3` is not on PATH".into())
    }
}

/// [`sqlite`], through [`require`].
pub fn require_sqlite() -> Option<SqliteShell> {
    match sqlite() {
        Ok(shell) => Some(shell),
        Err(why) => require(
            None,
            "SQLite",
            &format!("{why}; install it with `apt-get install sqlite3` (scripts/test does)"),
        ),
    }
}

impl SqliteShell {
    /// A new empty database file in its own temporary folder.
    pub fn create_database(&self) -> SqliteDatabase {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let path = dir.path().join(format!("{}.db", unique_name()));
        SqliteDatabase { _dir: dir, path }
    }
}

/// A database file, removed with its folder when the handle goes.
pub struct SqliteDatabase {
    _dir: tempfile::TempDir,
    path: PathBuf,
}

impl SqliteDatabase {
    /// The database file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    fn shell(&self) -> Command {
        let mut command = Command::new("sqlite3");
        command.arg("-bail").arg(&self.path);
        command
    }
}

impl TestDatabase for SqliteDatabase {
    fn engine(&self) -> Engine {
        Engine::Sqlite
    }

    fn run_script(&self, sql: &str) -> Result<(), String> {
        let output = run_with_input(&mut self.shell(), sql.as_bytes());
        // The shell exits 0 on some errors even with -bail; an "Error:" line counts too.
        let stderr = String::from_utf8_lossy(&output.stderr);
        if output.status.success() && !stderr.contains("Error") {
            Ok(())
        } else {
            Err(output_text(&output))
        }
    }

    /// Through rusqlite, so that values come back exactly (no text formatting).
    fn query(&self, sql: &str) -> Vec<Vec<Option<String>>> {
        use rusqlite::types::ValueRef;
        let connection = rusqlite::Connection::open(&self.path).expect("open the database");
        let mut statement = connection
            .prepare(sql)
            .unwrap_or_else(|e| panic!("bad query `{sql}`: {e}"));
        let width = statement.column_count();
        let mut rows = statement.query([]).expect("run the query");
        let mut out = Vec::new();
        while let Some(row) = rows.next().expect("read a row") {
            let values = (0..width)
                .map(|i| match row.get_ref(i).expect("a column") {
                    ValueRef::Null => None,
                    ValueRef::Integer(n) => Some(n.to_string()),
                    ValueRef::Real(x) => Some(x.to_string()),
                    ValueRef::Text(t) => Some(String::from_utf8_lossy(t).into_owned()),
                    ValueRef::Blob(b) => Some(format!("x'{}'", hex_of(b))),
                })
                .collect();
            out.push(values);
        }
        out
    }

    fn schema_dump(&self) -> String {
        checked(self.shell().arg(".schema"))
    }

    fn sqlalchemy_url(&self) -> String {
        format!("sqlite:///{}", self.path.display())
    }
}

fn hex_of(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// One test per engine for each check named: `per_engine! { check_a, check_b }`
/// defines modules `check_a` and `check_b`, each with the tests `postgres`,
/// `mariadb` and `sqlite` that call `check_a(Engine::…)` of the calling
/// module. An engine that is missing skips (or, in CI, fails) its own test.
macro_rules! per_engine {
    ($($check:ident),* $(,)?) => {$(
        mod $check {
            use $crate::support::engines::Engine;

            #[test]
            fn postgres() {
                super::$check(Engine::Postgres);
            }

            #[test]
            fn mariadb() {
                super::$check(Engine::MariaDb);
            }

            #[test]
            fn sqlite() {
                super::$check(Engine::Sqlite);
            }
        }
    )*};
}
pub(crate) use per_engine;
