//! CPU time, which a shared machine disturbs far less than wall time: time spent waiting for a
//! core while other jobs run is not counted. Linux (64-bit) only, through two libc calls that std
//! does not expose; elsewhere these fall back to wall time.

use std::process::{Command, ExitStatus};
use std::time::{Duration, Instant};

#[cfg(all(target_os = "linux", target_pointer_width = "64"))]
mod sys {
    use std::time::Duration;

    #[repr(C)]
    struct Timespec {
        tv_sec: i64,
        tv_nsec: i64,
    }

    #[repr(C)]
    struct Timeval {
        tv_sec: i64,
        tv_usec: i64,
    }

    /// `struct rusage` on 64-bit Linux: two timevals, then fourteen longs.
    #[repr(C)]
    pub struct Rusage {
        utime: Timeval,
        stime: Timeval,
        rest: [i64; 14],
    }

    extern "C" {
        fn clock_gettime(clock: i32, tp: *mut Timespec) -> i32;
        fn wait4(pid: i32, status: *mut i32, options: i32, rusage: *mut Rusage) -> i32;
    }

    const CLOCK_THREAD_CPUTIME_ID: i32 = 3;

    pub fn thread_cpu() -> Duration {
        let mut ts = Timespec { tv_sec: 0, tv_nsec: 0 };
        // SAFETY: `ts` is a valid, writable timespec; the clock id is a Linux constant.
        let rc = unsafe { clock_gettime(CLOCK_THREAD_CPUTIME_ID, &mut ts) };
        assert_eq!(rc, 0, "clock_gettime(CLOCK_THREAD_CPUTIME_ID) failed");
        Duration::new(ts.tv_sec as u64, ts.tv_nsec as u32)
    }

    /// Reap child `pid`: its raw wait status and its CPU time (user + system).
    pub fn wait_cpu(pid: u32) -> Option<(i32, Duration)> {
        let mut status = 0i32;
        let mut ru = Rusage {
            utime: Timeval { tv_sec: 0, tv_usec: 0 },
            stime: Timeval { tv_sec: 0, tv_usec: 0 },
            rest: [0; 14],
        };
        loop {
            // SAFETY: both pointers are valid and writable; `pid` is our own unreaped child.
            let rc = unsafe { wait4(pid as i32, &mut status, 0, &mut ru) };
            if rc == pid as i32 {
                break;
            }
            if rc == -1 && std::io::Error::last_os_error().kind() == std::io::ErrorKind::Interrupted {
                continue;
            }
            return None;
        }
        let t = |tv: &Timeval| Duration::new(tv.tv_sec as u64, (tv.tv_usec * 1000) as u32);
        Some((status, t(&ru.utime) + t(&ru.stime)))
    }
}

/// CPU time used so far by the calling thread.
pub fn thread_cpu() -> Option<Duration> {
    #[cfg(all(target_os = "linux", target_pointer_width = "64"))]
    return Some(sys::thread_cpu());
    #[cfg(not(all(target_os = "linux", target_pointer_width = "64")))]
    None
}

/// Is CPU time measured (rather than wall time standing in for it)?
pub const MEASURED: bool = cfg!(all(target_os = "linux", target_pointer_width = "64"));

/// One run of a process: wall time from spawn to exit, its CPU time (user + system; wall time
/// where that cannot be measured) and whether it succeeded.
pub struct ProcessRun {
    pub wall: Duration,
    pub cpu: Duration,
    pub ok: bool,
}

pub fn run_process(cmd: &mut Command) -> std::io::Result<ProcessRun> {
    let t0 = Instant::now();
    let mut child = cmd.spawn()?;
    #[cfg(all(target_os = "linux", target_pointer_width = "64"))]
    {
        if let Some((status, cpu)) = sys::wait_cpu(child.id()) {
            let wall = t0.elapsed();
            // Exited normally with status 0.
            let ok = status & 0x7f == 0 && (status >> 8) & 0xff == 0;
            return Ok(ProcessRun { wall, cpu, ok });
        }
    }
    let status: ExitStatus = child.wait()?;
    let wall = t0.elapsed();
    Ok(ProcessRun { wall, cpu: wall, ok: status.success() })
}
