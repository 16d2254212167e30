//! Fargate task sizes (spec section 8).
//!
//! | CPU units | Valid memory | OS |
//! | --- | --- | --- |
//! | 256 | 512, 1024, 2048 MiB | Linux |
//! | 512 | 1-4 GiB in 1 GiB steps | Linux |
//! | 1024 | 2-8 GiB in 1 GiB steps | Linux, Windows |
//! | 2048 | 4-16 GiB in 1 GiB steps | Linux, Windows |
//! | 4096 | 8-30 GiB in 1 GiB steps | Linux, Windows |
//! | 8192 | 16-60 GiB in 4 GiB steps | Linux (platform 1.4.0+) |
//! | 16384 | 32-120 GiB in 8 GiB steps | Linux (platform 1.4.0+) |
//!
//! The simulator assumes the LATEST platform version, so the 1.4.0 requirement always holds.

use serde::{Deserialize, Serialize};

/// Operating system family of a task definition.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum OsFamily {
    /// Linux.
    #[default]
    Linux,
    /// Windows Server.
    Windows,
}

/// Why a Fargate task size is invalid.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FargateSizeError {
    /// CPU is not one of the Fargate sizes.
    #[error("invalid Fargate CPU {cpu}: use 256, 512, 1024, 2048, 4096, 8192 or 16384 units")]
    Cpu {
        /// Given CPU units.
        cpu: u32,
    },
    /// Memory does not go with the CPU.
    #[error("invalid Fargate size: {cpu} CPU units take {allowed}, not {memory} MiB")]
    Memory {
        /// CPU units.
        cpu: u32,
        /// Given memory (MiB).
        memory: u32,
        /// The allowed memory values in words.
        allowed: &'static str,
    },
    /// Windows below 1 vCPU or above 4 vCPU.
    #[error("invalid Fargate size for Windows: {cpu} CPU units; Windows tasks need 1024 to 4096")]
    Windows {
        /// CPU units.
        cpu: u32,
    },
}

/// (cpu, first MiB, last MiB, step MiB, description) of every Fargate size row.
const ROWS: [(u32, u32, u32, u32, &str); 7] = [
    (256, 512, 2048, 0, "512, 1024 or 2048 MiB"),
    (512, 1024, 4096, 1024, "1 to 4 GiB in 1 GiB steps"),
    (1024, 2048, 8192, 1024, "2 to 8 GiB in 1 GiB steps"),
    (2048, 4096, 16384, 1024, "4 to 16 GiB in 1 GiB steps"),
    (4096, 8192, 30720, 1024, "8 to 30 GiB in 1 GiB steps"),
    (8192, 16384, 61440, 4096, "16 to 60 GiB in 4 GiB steps"),
    (16384, 32768, 122880, 8192, "32 to 120 GiB in 8 GiB steps"),
];

impl std::str::FromStr for OsFamily {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "linux" => Ok(OsFamily::Linux),
            "windows" => Ok(OsFamily::Windows),
            _ => Err(format!("unknown OS `{s}`: use linux or windows")),
        }
    }
}

/// Check a Fargate task size (CPU units, memory MiB) for an OS family.
pub fn validate_size(cpu: u32, memory: u32, os: OsFamily) -> Result<(), FargateSizeError> {
    let Some(&(_, first, last, step, allowed)) = ROWS.iter().find(|r| r.0 == cpu) else {
        return Err(FargateSizeError::Cpu { cpu });
    };
    let memory_ok = if step == 0 {
        matches!(memory, 512 | 1024 | 2048)
    } else {
        (first..=last).contains(&memory) && (memory - first).is_multiple_of(step)
    };
    if !memory_ok {
        return Err(FargateSizeError::Memory {
            cpu,
            memory,
            allowed,
        });
    }
    if os == OsFamily::Windows && !(1024..=4096).contains(&cpu) {
        return Err(FargateSizeError::Windows { cpu });
    }
    Ok(())
}

/// Every valid memory value (MiB) for a CPU size, empty if the CPU is not a Fargate size.
pub fn valid_memory(cpu: u32) -> Vec<u32> {
    match ROWS.iter().find(|r| r.0 == cpu) {
        None => Vec::new(),
        Some(&(_, _, _, 0, _)) => vec![512, 1024, 2048],
        Some(&(_, first, last, step, _)) => (first..=last).step_by(step as usize).collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn f1_256_with_4gb_is_invalid() {
        assert!(validate_size(256, 4096, OsFamily::Linux).is_err());
        for m in [512, 1024, 2048] {
            assert_eq!(validate_size(256, m, OsFamily::Linux), Ok(()));
        }
    }

    #[test]
    fn f2_one_and_two_vcpu() {
        for gb in 2..=8 {
            assert_eq!(validate_size(1024, gb * 1024, OsFamily::Linux), Ok(()));
        }
        assert!(validate_size(2048, 3072, OsFamily::Linux).is_err());
        assert_eq!(validate_size(2048, 4096, OsFamily::Linux), Ok(()));
    }

    #[test]
    fn f3_large_sizes_use_coarse_steps() {
        assert!(validate_size(8192, 18 * 1024, OsFamily::Linux).is_err());
        assert_eq!(validate_size(8192, 20 * 1024, OsFamily::Linux), Ok(()));
        assert_eq!(validate_size(8192, 24 * 1024, OsFamily::Linux), Ok(()));
        assert!(validate_size(16384, 36 * 1024, OsFamily::Linux).is_err());
        assert_eq!(validate_size(16384, 40 * 1024, OsFamily::Linux), Ok(()));
    }

    #[test]
    fn f4_windows_needs_one_vcpu() {
        assert_eq!(
            validate_size(512, 1024, OsFamily::Windows),
            Err(FargateSizeError::Windows { cpu: 512 })
        );
        assert_eq!(validate_size(1024, 2048, OsFamily::Windows), Ok(()));
        assert!(validate_size(8192, 16384, OsFamily::Windows).is_err());
    }

    #[test]
    fn unknown_cpu_is_rejected_with_the_list() {
        let err = validate_size(300, 1024, OsFamily::Linux).unwrap_err();
        assert!(err.to_string().contains("256, 512"));
    }

    #[test]
    fn valid_memory_lists_steps() {
        assert_eq!(valid_memory(256), vec![512, 1024, 2048]);
        assert_eq!(valid_memory(512), vec![1024, 2048, 3072, 4096]);
        assert_eq!(valid_memory(8192).len(), 12);
        assert!(valid_memory(100).is_empty());
    }
}
