//! Signals and a vanishing terminal (issue #7): the real TUI in a pseudo-terminal,
//! with data loaded and its threads running. SIGTERM and SIGHUP make it leave
//! within 2 s with the terminal restored and the database's lock let go, so
//! another writer can open the database at once; a terminal whose master side
//! closes (an SSH connection dropping) ends the process instead of leaving it
//! spinning, and the lock goes with it.

#[allow(dead_code)]
#[path = "e2e/harness.rs"]
mod harness;

use harness::{Sandbox, Tui};
use jinzai::audit::Actor;
use jinzai::db::{Db, LOCK_FILE};
use std::path::Path;
use std::time::{Duration, Instant};

fn actor() -> Actor {
    Actor {
        user: "next".into(),
        ssh_client: None,
    }
}

/// Another writer opens the database right away, and finds the lock let go
/// properly (not a stale one left behind by a process that died holding it).
fn assert_lock_released(db: &Path) {
    assert!(
        !db.join(LOCK_FILE).exists(),
        "the lock file is still there after the TUI exited"
    );
    let started = Instant::now();
    let next = Db::open(db, false, actor()).expect("another writer opens the database");
    assert!(
        next.took_over().is_none(),
        "the lock was left behind: {:?}",
        next.took_over()
    );
    assert!(
        started.elapsed() < Duration::from_secs(2),
        "opening took {:?}",
        started.elapsed()
    );
    drop(next);
    // And the real binary, as a script would.
    let out = std::process::Command::new(harness::bin())
        .args(["log", "--json", "--db"])
        .arg(db)
        .env("HOME", db.parent().unwrap().join("home"))
        .env_remove("JINZAI_DB")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "a writable command after the TUI: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// The TUI on the demo database at a full size, the staff list shown (so the
/// loader and the data worker have run).
fn running_tui(sb: &Sandbox) -> Tui {
    let db = sb.db();
    let db = db.to_str().expect("utf-8 temp path");
    let mut t = Tui::spawn(sb, 120, 32, &["--db", db, "--lang", "en"], &[]);
    t.wait_text("300 of 300");
    assert!(
        !t.is_cooked(),
        "the TUI should put the terminal in raw mode"
    );
    t
}

fn signal_exits_restores_and_unlocks(sig: libc::c_int) {
    let sb = Sandbox::with_demo_db();
    let mut t = running_tui(&sb);
    assert!(sb.db().join(LOCK_FILE).exists(), "the TUI holds no lock");
    t.signal(sig);
    let (status, took) = t.wait_exit(Duration::from_secs(2));
    assert!(took <= Duration::from_secs(2), "took {took:?}");
    assert_eq!(
        status.signal(),
        None,
        "killed by signal {sig} instead of handling it: {status:?}\n{}",
        t.dump()
    );
    t.assert_restored();
    assert_lock_released(&sb.db());
}

#[test]
fn sigterm_exits_within_two_seconds_restores_and_releases_the_lock() {
    signal_exits_restores_and_unlocks(libc::SIGTERM);
}

#[test]
fn sighup_exits_within_two_seconds_restores_and_releases_the_lock() {
    signal_exits_restores_and_unlocks(libc::SIGHUP);
}

/// SIGTERM the moment a change is confirmed, while the data worker writes it:
/// the process still leaves within 2 s, the change is whole in the store and the
/// audit log or not there at all (check passes), and the lock is let go.
#[test]
fn sigterm_while_a_change_is_written_keeps_the_database_sound() {
    let sb = Sandbox::with_demo_db();
    let mut t = running_tui(&sb);
    t.send("\x1b");
    t.wait_for("the query line unfocused", |s| {
        !s.rows(0, s.size().1)
            .nth(1)
            .is_some_and(|r| r.contains('▏'))
    });
    t.send("2");
    t.wait_text("organisation");
    t.send("/P023\r");
    t.wait_text("1 of 84 posts");
    t.send("a");
    t.wait_text("Assign to P023");
    t.send("E0010");
    t.wait_text("1 found");
    t.send("\r");
    t.wait_text("From *");
    t.send(&"\x7f".repeat(10));
    t.send("2027-04-01\r");
    t.wait_text("from 2027-04-01?");
    t.send("y");
    t.signal(libc::SIGTERM);
    let (status, took) = t.wait_exit(Duration::from_secs(2));
    assert!(took <= Duration::from_secs(2), "took {took:?}");
    assert_eq!(status.signal(), None, "{status:?}\n{}", t.dump());
    t.assert_restored();
    assert_lock_released(&sb.db());
    let out = std::process::Command::new(harness::bin())
        .args(["check", "--db"])
        .arg(sb.db())
        .env_remove("JINZAI_DB")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

/// SSH dropping closes the master side of the terminal under the TUI: the process
/// ends within a few seconds (it does not spin on a dead terminal), and the lock
/// goes with it.
#[test]
fn a_closed_pty_master_ends_the_process_and_releases_the_lock() {
    let sb = Sandbox::with_demo_db();
    // Wait for the loaded list, then let every master handle go.
    let (mut child, master) = harness::launch_until(&sb, "300 of 300");
    drop(master);
    let hung_up = Instant::now();
    let pid = child.process_id().expect("pid");
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait") {
            break status;
        }
        if hung_up.elapsed() > Duration::from_secs(5) {
            let cpu = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
            let _ = child.kill();
            panic!("still running 5 s after the terminal hung up (stat: {cpu})");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    eprintln!(
        "exited {:?} after the hang-up: {status:?}",
        hung_up.elapsed()
    );
    // It left its loop and closed the database; it did not die of a signal or a
    // panic (a message printed to the dead terminal once aborted it).
    assert!(status.success(), "{status:?}");
    assert_lock_released(&sb.db());
}
