//! Where deckhand keeps its files: progress in the data directory, `config.toml` in the
//! config directory. Each can be overridden by a flag or an environment variable, which also
//! keeps tests hermetic.

use std::path::{Path, PathBuf};

/// Environment variable that overrides the data directory.
pub const DATA_DIR_ENV: &str = "DECKHAND_DATA_DIR";
/// Environment variable that overrides the config directory.
pub const CONFIG_DIR_ENV: &str = "DECKHAND_CONFIG_DIR";

/// The resolved directories of one run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Paths {
    /// Progress database and user packs (`packs/`).
    pub data_dir: PathBuf,
    /// `config.toml`.
    pub config_dir: PathBuf,
}

impl Paths {
    /// Resolve the directories: the flag wins, then the environment variable, then the
    /// platform default from `directories` (`~/.local/share/deckhand` on Linux).
    pub fn resolve(data_flag: Option<&Path>, config_flag: Option<&Path>) -> Self {
        let dirs = directories::ProjectDirs::from("", "", "deckhand");
        let pick =
            |flag: Option<&Path>, env: &str, default: fn(&directories::ProjectDirs) -> &Path| {
                if let Some(p) = flag {
                    return p.to_path_buf();
                }
                if let Some(v) = std::env::var_os(env).filter(|v| !v.is_empty()) {
                    return PathBuf::from(v);
                }
                match &dirs {
                    Some(d) => default(d).to_path_buf(),
                    // No home directory at all (a bare container): fall back to the working directory.
                    None => PathBuf::from(".deckhand"),
                }
            };
        Paths {
            data_dir: pick(data_flag, DATA_DIR_ENV, |d| d.data_dir()),
            config_dir: pick(config_flag, CONFIG_DIR_ENV, |d| d.config_dir()),
        }
    }

    /// The SQLite progress database.
    pub fn database(&self) -> PathBuf {
        self.data_dir.join("progress.sqlite3")
    }

    /// The compiled-pack cache: the validated packs, so a start need not parse them again
    /// (see `content::load_library_cached`). Safe to delete at any time.
    pub fn pack_cache(&self) -> PathBuf {
        self.data_dir.join("cache").join("packs.bin")
    }

    /// The folder user packs are loaded from.
    pub fn packs_dir(&self) -> PathBuf {
        self.data_dir.join("packs")
    }

    /// The user's configuration file.
    pub fn config_file(&self) -> PathBuf {
        self.config_dir.join("config.toml")
    }
}
