//! The real binary killed with SIGKILL in the middle of a notice to 2,000 members, then
//! started again: every member gets the notice, at most the copies in flight twice.

use lianxin::bench::{CRASH_MEMBERS, crash_run};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_notice_survives_sigkill_midway() {
    let setup = crate::harness::bench_setup();
    let run = crash_run(&setup, CRASH_MEMBERS).await.unwrap();
    assert!(
        run.before_kill > 0 && run.before_kill < CRASH_MEMBERS,
        "killed at {} of {CRASH_MEMBERS}",
        run.before_kill
    );
    assert_eq!(run.lost, 0, "members who never got it");
    assert!(
        run.twice <= run.bound,
        "{} got it twice; at most the {} in flight may",
        run.twice,
        run.bound
    );
    assert_eq!(run.violations, 0, "Telegram's limits were exceeded");
    assert_eq!(run.outcome, "✅ 发送完成：已送达 2,000 · 无法送达 0");
}
