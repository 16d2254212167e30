//! Run a program in a pseudo-terminal, as a user would: the benchmark of start-up time and
//! the reliability tests (signals, terminal modes) drive the real binary through this.
#![allow(dead_code)]

use std::ffi::CString;
use std::io;
use std::os::fd::{AsRawFd, FromRawFd, OwnedFd, RawFd};
use std::os::unix::process::CommandExt;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// A child running on the slave side of a pty; we hold the master.
pub struct PtyChild {
    pub child: Child,
    master: OwnedFd,
    /// The slave side, kept open so the terminal modes can be read after the child exits.
    slave: OwnedFd,
    /// Everything the child wrote so far.
    pub output: Vec<u8>,
}

/// What one run cost: wall time until a condition and the peak resident set size.
#[derive(Debug, Clone, Copy)]
pub struct Usage {
    /// Peak RSS in KiB (`ru_maxrss`).
    pub max_rss_kib: i64,
    /// CPU time (user + system) over the whole run, in milliseconds.
    pub cpu_ms: f64,
}

fn cvt(r: libc::c_int) -> io::Result<libc::c_int> {
    if r < 0 {
        Err(io::Error::last_os_error())
    } else {
        Ok(r)
    }
}

/// Open a pty of `cols`×`rows`; returns (master, slave).
pub fn open_pty(cols: u16, rows: u16) -> io::Result<(OwnedFd, OwnedFd)> {
    let mut master: RawFd = -1;
    let mut slave: RawFd = -1;
    let size = libc::winsize {
        ws_row: rows,
        ws_col: cols,
        ws_xpixel: 0,
        ws_ypixel: 0,
    };
    // SAFETY: openpty writes two fds into the out-pointers; the name pointer may be null.
    unsafe {
        cvt(libc::openpty(
            &mut master,
            &mut slave,
            std::ptr::null_mut(),
            std::ptr::null(),
            &size,
        ))?;
        Ok((OwnedFd::from_raw_fd(master), OwnedFd::from_raw_fd(slave)))
    }
}

impl PtyChild {
    /// Start `cmd` on a new pty of `cols`×`rows` as the session leader with the pty as its
    /// controlling terminal (so `/dev/tty` is the pty, as in a real terminal).
    pub fn spawn(mut cmd: Command, cols: u16, rows: u16) -> io::Result<PtyChild> {
        let (master, slave) = open_pty(cols, rows)?;
        let fd = slave.as_raw_fd();
        let dup = |fd: RawFd| -> io::Result<Stdio> {
            // SAFETY: dup returns a new fd we own.
            let d = cvt(unsafe { libc::dup(fd) })?;
            Ok(Stdio::from(unsafe { OwnedFd::from_raw_fd(d) }))
        };
        cmd.stdin(dup(fd)?).stdout(dup(fd)?).stderr(dup(fd)?);
        cmd.env("TERM", "xterm-256color");
        // SAFETY: only async-signal-safe calls between fork and exec.
        unsafe {
            cmd.pre_exec(move || {
                cvt(libc::setsid())?;
                cvt(libc::ioctl(0, libc::TIOCSCTTY as _, 0))?;
                Ok(())
            });
        }
        let child = cmd.spawn()?;
        // Non-blocking reads on the master, polled with a timeout.
        // SAFETY: fcntl on an fd we own.
        unsafe {
            let flags = cvt(libc::fcntl(master.as_raw_fd(), libc::F_GETFL))?;
            cvt(libc::fcntl(
                master.as_raw_fd(),
                libc::F_SETFL,
                flags | libc::O_NONBLOCK,
            ))?;
        }
        Ok(PtyChild {
            child,
            master,
            slave,
            output: Vec::new(),
        })
    }

    /// Read what is there within `wait`; false once the child closed the terminal.
    pub fn pump(&mut self, wait: Duration) -> bool {
        let mut pfd = libc::pollfd {
            fd: self.master.as_raw_fd(),
            events: libc::POLLIN,
            revents: 0,
        };
        let ms = wait.as_millis().min(i32::MAX as u128) as libc::c_int;
        // SAFETY: one valid pollfd.
        let ready = unsafe { libc::poll(&mut pfd, 1, ms) };
        if ready <= 0 {
            return true;
        }
        let mut buf = [0u8; 65536];
        loop {
            // SAFETY: reading into a stack buffer of the given length.
            let n =
                unsafe { libc::read(self.master.as_raw_fd(), buf.as_mut_ptr().cast(), buf.len()) };
            if n > 0 {
                let start = self.output.len();
                self.output.extend_from_slice(&buf[..n as usize]);
                self.answer_queries(start);
                continue;
            }
            if n == 0 {
                return false;
            }
            let err = io::Error::last_os_error();
            return err.kind() == io::ErrorKind::WouldBlock;
        }
    }

    /// Answer a cursor-position query (`ESC [ 6 n`) the way a terminal would.
    fn answer_queries(&mut self, from: usize) {
        let window = &self.output[from.saturating_sub(3)..];
        if window.windows(4).any(|w| w == b"\x1b[6n") {
            let _ = self.write(b"\x1b[1;1R");
        }
    }

    /// Wait until `needle` appears in the output (after `from`); returns the time it took.
    pub fn wait_for(&mut self, needle: &[u8], from: usize, timeout: Duration) -> Option<Duration> {
        let start = Instant::now();
        loop {
            if find(&self.output[from.min(self.output.len())..], needle) {
                return Some(start.elapsed());
            }
            if start.elapsed() > timeout {
                return None;
            }
            if !self.pump(Duration::from_millis(20)) {
                return find(&self.output[from.min(self.output.len())..], needle)
                    .then(|| start.elapsed());
            }
        }
    }

    /// Type bytes into the terminal.
    pub fn write(&mut self, bytes: &[u8]) -> io::Result<()> {
        let mut done = 0;
        while done < bytes.len() {
            // SAFETY: writing from a valid slice.
            let n = unsafe {
                libc::write(
                    self.master.as_raw_fd(),
                    bytes[done..].as_ptr().cast(),
                    bytes.len() - done,
                )
            };
            if n < 0 {
                let err = io::Error::last_os_error();
                if err.kind() == io::ErrorKind::WouldBlock {
                    self.pump(Duration::from_millis(5));
                    continue;
                }
                return Err(err);
            }
            done += n as usize;
        }
        Ok(())
    }

    /// Change the terminal's size (the child gets SIGWINCH).
    pub fn resize(&self, cols: u16, rows: u16) -> io::Result<()> {
        let size = libc::winsize {
            ws_row: rows,
            ws_col: cols,
            ws_xpixel: 0,
            ws_ypixel: 0,
        };
        // SAFETY: TIOCSWINSZ with a valid winsize.
        cvt(unsafe { libc::ioctl(self.master.as_raw_fd(), libc::TIOCSWINSZ, &size) })?;
        Ok(())
    }

    /// Send a signal to the child.
    pub fn signal(&self, sig: libc::c_int) -> io::Result<()> {
        // SAFETY: kill with the child's pid.
        cvt(unsafe { libc::kill(self.child.id() as libc::pid_t, sig) })?;
        Ok(())
    }

    /// Wait for the child to exit (reading its output meanwhile); its exit status and usage,
    /// or `None` after `timeout` (the child is then killed).
    pub fn finish(&mut self, timeout: Duration) -> Option<(libc::c_int, Usage)> {
        let start = Instant::now();
        loop {
            let mut status: libc::c_int = 0;
            // SAFETY: an all-zero rusage is valid; wait4 fills it.
            let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
            let pid = self.child.id() as libc::pid_t;
            // SAFETY: wait4 on our own child, non-blocking.
            let r = unsafe { libc::wait4(pid, &mut status, libc::WNOHANG, &mut usage) };
            if r == pid {
                self.pump(Duration::ZERO);
                return Some((
                    status,
                    Usage {
                        max_rss_kib: usage.ru_maxrss,
                        cpu_ms: ms(usage.ru_utime) + ms(usage.ru_stime),
                    },
                ));
            }
            if start.elapsed() > timeout {
                let _ = self.signal(libc::SIGKILL);
                // SAFETY: reap the killed child.
                unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
                return None;
            }
            self.pump(Duration::from_millis(10));
        }
    }

    /// The terminal modes of the pty as the child left them.
    pub fn termios(&self) -> io::Result<libc::termios> {
        // SAFETY: an all-zero termios is valid; tcgetattr fills it.
        let mut t: libc::termios = unsafe { std::mem::zeroed() };
        cvt(unsafe { libc::tcgetattr(self.slave.as_raw_fd(), &mut t) })?;
        Ok(t)
    }
}

/// Whether a terminal is in "cooked" mode (canonical input, echo, signals from keys).
pub fn is_cooked(t: &libc::termios) -> bool {
    t.c_lflag & libc::ICANON != 0 && t.c_lflag & libc::ECHO != 0 && t.c_lflag & libc::ISIG != 0
}

fn ms(t: libc::timeval) -> f64 {
    t.tv_sec as f64 * 1e3 + t.tv_usec as f64 / 1e3
}

fn find(hay: &[u8], needle: &[u8]) -> bool {
    needle.is_empty() || hay.windows(needle.len()).any(|w| w == needle)
}

/// A C string for a path (for tests that call libc directly).
pub fn c_path(p: &std::path::Path) -> CString {
    use std::os::unix::ffi::OsStrExt;
    CString::new(p.as_os_str().as_bytes()).expect("no NUL in path")
}
