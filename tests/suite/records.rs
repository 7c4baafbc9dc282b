//! The data rights of children: export everything held, erase everything (the test searches every
//! table), erasure after the retention period, and an audit trail nobody can change.

use crate::support::app::{TestApp, invite_code_in, london, say, scalar, spawn_app, spawn_app_with, spawn_paced_app};
use crate::support::fake_telegram::Phone;
use serde_json::Value;

const NAME: &str = "Zephyrine";
const CHILD_TG: i64 = 987_654_321;
const CARER_TG: i64 = 987_654_322;
/// The child's mobile number as typed, and as kept.
const PHONE: &str = "07700-900456";
const PHONE_KEPT: &str = "+447700900456";

/// A child with a record in every part of the bot: details, commitment, slot, answers, attendance,
/// a reason in their own words, a warning, a suspension, a carer and a drop-in sign-up.
async fn full_record(t: &TestApp) -> (Phone, Phone, Phone) {
    let manager = t.manager(1, "Priya").await;
    let worker = t.staff(&manager, "worker", 2, "Alex").await;
    let host = t.staff(&manager, "host", 3, "Hana").await;
    let child = t
        .child(&worker, CHILD_TG, &format!("{NAME} born=2011-03-04 order_end=2027-06-30 ethnicity=mixed phone={PHONE}"))
        .await;
    say(t, &worker, &format!("/commitment {NAME} Mon-Fri 08:45-15:15 school")).await;
    say(t, &worker, &format!("/slot {NAME} Tue 16:00")).await;
    say(t, &worker, &format!("/carer {NAME}")).await;
    child.tap("Yes, that's OK");
    t.settle().await;
    let carer = t.fake.phone(CARER_TG, "Mum");
    carer.send_text(&format!("/start {}", invite_code_in(&worker.last_text())));
    t.settle().await;
    say(t, &child, "/next").await;
    child.tap("I'll be there");
    say(t, &host, "/dropin title=\"Games\" at=\"2026-11-26 18:00\" link=https://zoom.example/j/1").await;
    say(t, &child, "/dropins").await;
    child.tap("Sign up");
    t.settle().await;
    t.clock.set(london(2026, 11, 24, 17, 0));
    t.settle().await;
    worker.tap("Didn't come");
    t.settle().await;
    child.tap("Something else");
    t.settle().await;
    child.send_text("my little brother Zephyrine-note was ill");
    t.settle().await;
    say(t, &worker, &format!("/warn {NAME} missed twice")).await;
    worker.tap("Yes, give the warning");
    say(t, &worker, &format!("/suspend {NAME} 2026-12-07 2026-12-13 family")).await;
    manager.tap("Approve");
    t.settle().await;
    (manager, worker, child)
}

/// Paced as shipped, against a fake that keeps Telegram's limits: no 429 anywhere.
#[tokio::test]
async fn an_export_holds_everything_and_is_audited() {
    let t = spawn_paced_app().await;
    let (_, worker, _) = full_record(&t).await;
    let before = worker.documents().len();
    worker.send_text(&format!("/export {NAME}"));
    t.settle().await;
    let documents = worker.documents();
    assert_eq!(documents.len(), before + 2, "records.json and summary.txt");
    let json = documents.iter().find(|d| d.file_name == "records.json").expect("the JSON");
    let json: Value = serde_json::from_slice(&json.bytes).unwrap();
    let records = &json["records"];
    assert_eq!(records["people"][0]["name"], NAME);
    assert_eq!(records["people"][0]["telegram_user_id"], CHILD_TG);
    assert_eq!(records["children"][0]["born"], "2011-03-04");
    assert_eq!(records["children"][0]["ethnicity"], "mixed");
    assert_eq!(records["children"][0]["phone"], PHONE_KEPT);
    for table in [
        "commitments",
        "slots",
        "occurrences",
        "answers",
        "attendance",
        "miss_reasons",
        "warnings",
        "suspensions",
        "carers",
        "dropin_signups",
    ] {
        let rows = records[table].as_array().unwrap_or_else(|| panic!("{table}"));
        assert!(!rows.is_empty(), "{table} is exported");
    }
    assert_eq!(records["miss_reasons"][0]["note"], "my little brother Zephyrine-note was ill");
    assert!(records["carers"][0]["joined_at"].is_i64(), "the carer who joined");
    assert!(records["invites"][0].get("code_hash").is_none(), "no secrets");
    let actions: Vec<&str> =
        records["audit_log"].as_array().unwrap().iter().map(|e| e["action"].as_str().unwrap()).collect();
    for action in
        ["enrol-child", "add-commitment", "add-slot", "attendance", "warning", "suspension-approved", "export"]
    {
        assert!(actions.contains(&action), "{action} in {actions:?}");
    }
    let summary = documents.iter().find(|d| d.file_name == "summary.txt").expect("a plain summary");
    let summary = String::from_utf8(summary.bytes.clone()).unwrap();
    assert!(summary.contains("Appointments booked so far:") && summary.contains("Warnings: 1"), "{summary}");
}

#[tokio::test]
async fn erasure_leaves_no_row_that_mentions_the_child() {
    let t = spawn_app().await;
    let (manager, worker, _) = full_record(&t).await;
    let child_id = scalar(&t, &format!("SELECT id FROM people WHERE name = '{NAME}'")).await;
    assert!(say(&t, &worker, &format!("/erase {NAME}")).await.contains("can't use that"), "managers only");
    let confirm = say(&t, &manager, &format!("/erase {NAME}")).await;
    assert!(confirm.starts_with(&format!("Erase everything held about {NAME}?")), "{confirm}");
    // A manager's forged bare button does nothing: only the offered choice erases.
    manager.tap_data(manager.messages().last().unwrap().message_id, &format!("1:erase:{child_id}:y"));
    t.settle().await;
    assert_eq!(scalar(&t, &format!("SELECT COUNT(*) FROM people WHERE id = {child_id}")).await, 1);
    let offer = manager.messages().into_iter().rev().find(|m| !m.buttons.is_empty()).unwrap();
    let yes = offer.buttons[0][0].callback_data.clone().unwrap();
    manager.tap("Yes, erase");
    t.settle().await;
    // The notice stays in chats after the child is gone, so it names nobody.
    assert_eq!(worker.last_text(), "A child's records were erased by Priya. Nothing about them is kept.");

    // Search every table, every column.
    let store = t.app.store();
    let mut conn = store.connection().await.unwrap();
    let tables = store.tables().await.unwrap();
    assert!(tables.len() > 25, "{tables:?}");
    for table in tables {
        for column in store.columns(&table).await.unwrap().into_iter().map(|c| c.name) {
            let sql = format!(
                "SELECT COUNT(*) FROM {table} WHERE CAST({column} AS TEXT) LIKE '%{NAME}%' \
                 OR CAST({column} AS TEXT) IN ('{CHILD_TG}', '{CARER_TG}') OR CAST({column} AS TEXT) LIKE '%{CHILD_TG}%' \
                 OR CAST({column} AS TEXT) LIKE '%900456%' \
                 OR (CAST({column} AS TEXT) = '{child_id}' \
                     AND ('{column}' IN ('child_id', 'person_id', 'subject_id', 'child_a', 'child_b') \
                          OR ('{table}' = 'people' AND '{column}' = 'id')))"
            );
            let (n,): (i64,) = sqlx::query_as(&sql).fetch_one(&mut *conn).await.unwrap();
            assert_eq!(n, 0, "{table}.{column} still mentions the child");
        }
    }
    assert_eq!(scalar(&t, "SELECT COUNT(*) FROM people WHERE role = 'carer'").await, 0, "the carer goes too");
    assert_eq!(
        scalar(&t, "SELECT COUNT(*) FROM audit_log WHERE action = 'erase-child' AND subject_id IS NULL").await,
        1
    );
    manager.tap_data(offer.message_id, &yes);
    t.settle().await;
    let again = manager.callback_answers().last().unwrap().text.clone();
    assert_eq!(again.as_deref(), Some("Sorry, that button does not work now."), "the choice went with the child");
}

#[tokio::test]
async fn records_are_erased_after_the_retention_period_and_managers_hear_how_many() {
    let t = spawn_app_with(&[("TOUCHBASE_RETENTION", "30d")]).await;
    let manager = t.manager(1, "Priya").await;
    let worker = t.staff(&manager, "worker", 2, "Alex").await;
    t.child(&worker, 100, "Ann order_end=2026-12-01").await;
    t.child(&worker, 101, "Bo order_end=2026-12-31").await;
    t.child(&worker, 102, "Cy").await;
    t.child(&worker, 103, "Di order_end=2026-12-01").await;
    t.child(&worker, 104, "Ed order_end=2026-12-01").await;
    t.clock.set(london(2026, 12, 31, 3, 0));
    t.settle().await;
    assert_eq!(
        scalar(&t, "SELECT COUNT(*) FROM people WHERE role = 'child'").await,
        5,
        "30 days after 1 December is 31 December"
    );
    t.clock.set(london(2027, 1, 1, 3, 0));
    t.settle().await;
    assert_eq!(scalar(&t, "SELECT COUNT(*) FROM people WHERE role = 'child'").await, 2);
    assert_eq!(scalar(&t, "SELECT COUNT(*) FROM people WHERE name IN ('Ann', 'Di', 'Ed')").await, 0);
    // Told once, with how many and never who.
    let told = manager.news_texts();
    assert_eq!(told, ["Retention: the records of 3 children whose order ended long enough ago were erased today."]);
    // One child per transaction: each erasure was a run of its own.
    let runs = "SELECT COUNT(*) FROM jobs WHERE kind = 'retention' AND state = 'done' AND finished_at >= $1";
    let runs = runs.replace("$1", &london(2027, 1, 1, 3, 0).timestamp().to_string());
    assert_eq!(scalar(&t, &runs).await, 3);
    assert_eq!(
        scalar(&t, "SELECT COUNT(*) FROM jobs WHERE kind = 'retention' AND state = 'pending'").await,
        1,
        "the next night's"
    );
}

/// Messages about a child queued for others (their words on the way to their worker, an export) go
/// with the child: nothing about them is sent after the erasure.
#[tokio::test]
async fn nothing_queued_about_an_erased_child_goes_after_the_erasure() {
    let t = spawn_app().await;
    let (manager, worker, child) = full_record(&t).await;
    say(&t, &manager, &format!("/erase {NAME}")).await;
    let documents_before = worker.documents().len();
    // Read and handled, but not yet sent.
    let handle_only = || async {
        t.app.poll_updates(0).await.unwrap();
        t.app.handle_updates().await.unwrap();
    };
    child.send_text("im scared to come, that boy will be there");
    worker.send_text(&format!("/export {NAME}"));
    handle_only().await;
    let worker_chat = worker.user_id();
    let waiting = format!("SELECT COUNT(*) FROM outbox WHERE chat_id = {worker_chat} AND state = 'pending'");
    assert!(scalar(&t, &waiting).await >= 3, "their words and two files wait to go to the worker");
    manager.tap("Yes, erase");
    handle_only().await;
    assert_eq!(scalar(&t, &waiting).await, 1, "only the notice of the erasure is left");
    t.settle().await;
    assert_eq!(worker.news_texts(), ["A child's records were erased by Priya. Nothing about them is kept."]);
    assert_eq!(worker.documents().len(), documents_before, "no export after the erasure");
}

#[tokio::test]
async fn a_manager_reads_the_audit_trail_and_nobody_can_change_it() {
    let t = spawn_app().await;
    let manager = t.manager(1, "Priya").await;
    let worker = t.staff(&manager, "worker", 2, "Alex").await;
    t.child(&worker, 100, "Sam").await;
    say(&t, &worker, "/slot Sam Tue 16:00").await;
    say(&t, &worker, "/skip Sam 2026-11-24").await;
    assert!(say(&t, &worker, "/audit Sam").await.contains("can't use that"));
    let trail = say(&t, &manager, "/audit Sam").await;
    assert!(trail.starts_with("Audit trail for Sam: 4 entries"), "{trail}");
    assert!(
        trail.contains("enrol-child by Alex")
            && trail.contains("add-slot by Alex")
            && trail.contains("skip-occurrence by Alex"),
        "{trail}"
    );
    let mut conn = t.app.store().connection().await.unwrap();
    assert!(sqlx::query("UPDATE audit_log SET action = 'nothing'").execute(&mut *conn).await.is_err());
    assert!(sqlx::query("DELETE FROM audit_log").execute(&mut *conn).await.is_err());
    assert_eq!(scalar(&t, "SELECT COUNT(*) FROM audit_log WHERE action = 'nothing'").await, 0);
}

#[tokio::test]
async fn the_export_and_erasure_cover_every_table_that_names_a_child() {
    let t = spawn_app().await;
    let store = t.app.store();
    let mut rows = Vec::new();
    for table in store.tables().await.unwrap() {
        for column in store.columns(&table).await.unwrap().into_iter().map(|c| c.name) {
            if column == "child_id" || column == "person_id" {
                rows.push((table.clone(), column));
            }
        }
    }
    assert!(rows.len() > 10, "{rows:?}");
    // Internal queues whose rows go with the person (foreign keys cascade) and hold nothing to export;
    // a staff member's flow half done goes whole when any child is erased.
    let internal = ["jobs", "outbox", "offered_choices", "flows"];
    for (table, column) in rows {
        let covered = touchbase::store::records::CHILD_TABLES.iter().any(|(t, c)| *t == table && *c == column);
        assert!(covered || internal.contains(&table.as_str()), "{table}.{column} is not in CHILD_TABLES");
    }
}

#[tokio::test]
async fn an_erased_childs_drop_in_place_goes_to_the_next_one_waiting() {
    let t = spawn_app().await;
    let manager = t.manager(1, "Priya").await;
    let worker = t.staff(&manager, "worker", 2, "Alex").await;
    let host = t.staff(&manager, "host", 3, "Hana").await;
    let zeph = t.child(&worker, 100, NAME).await;
    let kim = t.child(&worker, 101, "Kim").await;
    say(&t, &host, "/dropin title=\"Games\" at=\"2026-11-26 18:00\" capacity=1 link=https://zoom.example/j/1").await;
    say(&t, &zeph, "/dropins").await;
    zeph.tap("Sign up");
    say(&t, &kim, "/dropins").await;
    kim.tap("Join the waiting list");
    t.settle().await;
    say(&t, &manager, &format!("/erase {NAME}")).await;
    manager.tap("Yes, erase");
    t.settle().await;
    assert_eq!(kim.last_text(), "Good news! You now have a place at Games, Thursday 26 November, 6pm.");
}

/// The tables that never reuse ids: after erasing the child who held the highest id, a new row gets
/// a new id, so a button left in a chat can never reach a new record.
#[tokio::test]
async fn an_erased_childs_ids_are_never_given_again() {
    let t = spawn_app().await;
    let manager = t.manager(1, "Priya").await;
    let worker = t.staff(&manager, "worker", 2, "Alex").await;
    t.child(&worker, 3, "Sam").await;
    t.child(&worker, 4, "Jo").await;
    say(&t, &worker, "/slot Sam Tue 16:00").await;
    say(&t, &worker, "/slot Jo Tue 18:00").await;
    say(&t, &worker, "/warn Sam late twice").await;
    worker.tap("Yes, give the warning");
    t.settle().await;
    t.clock.set(london(2026, 11, 24, 17, 0));
    t.settle().await;
    worker.tap("Came");
    t.settle().await;
    t.clock.set(london(2026, 11, 24, 19, 0));
    t.settle().await;
    worker.tap("Didn't come");
    t.settle().await;
    say(&t, &worker, "/warn Jo missed").await;
    worker.tap("Yes, give the warning");
    t.settle().await;
    let jo = "(SELECT id FROM people WHERE name = 'Jo')";
    let highest = |table: &str| format!("SELECT MAX(id) FROM {table}");
    let jos = |table: &str| format!("SELECT MAX(id) FROM {table} WHERE child_id = {jo}");
    for table in ["attendance", "warnings"] {
        assert_eq!(scalar(&t, &jos(table)).await, scalar(&t, &highest(table)).await, "Jo holds {table}' highest id");
    }
    let erased = (scalar(&t, &jos("attendance")).await, scalar(&t, &jos("warnings")).await);

    say(&t, &manager, "/erase Jo").await;
    manager.tap("Yes, erase");
    t.settle().await;
    assert_eq!(scalar(&t, &format!("SELECT COUNT(*) FROM people WHERE id = {jo}")).await, 0);
    // New rows for Sam, a week later.
    t.clock.set(london(2026, 12, 1, 17, 0));
    t.settle().await;
    worker.tap("Came");
    t.settle().await;
    say(&t, &worker, "/warn Sam late again").await;
    worker.tap("Yes, give the warning");
    t.settle().await;
    assert!(scalar(&t, &highest("attendance")).await > erased.0, "attendance id {} given again", erased.0);
    assert!(scalar(&t, &highest("warnings")).await > erased.1, "warning id {} given again", erased.1);
}

#[tokio::test]
async fn the_retention_job_failing_for_good_tells_the_managers_and_erases_nothing() {
    let t = spawn_app_with(&[("TOUCHBASE_RETENTION", "30d")]).await;
    let manager = t.manager(1, "Priya").await;
    let worker = t.staff(&manager, "worker", 2, "Alex").await;
    t.child(&worker, 100, "Ann order_end=2026-12-01").await;
    crate::support::breakage::fail_jobs_of_kind(t.app.store(), "retention").await;
    t.clock.set(london(2027, 1, 1, 3, 0));
    t.settle().await;
    for _ in 0..12 {
        t.clock.advance(chrono::Duration::minutes(10));
        t.settle().await;
    }
    let told: Vec<String> = manager.texts().into_iter().filter(|m| m.contains("job after many tries")).collect();
    assert_eq!(
        told,
        [
            "Touchbase could not do its \"retention\" job after many tries. Please ask whoever runs the bot to look at its log."
        ]
    );
    assert_eq!(scalar(&t, "SELECT COUNT(*) FROM people WHERE name = 'Ann'").await, 1, "each try was rolled back");
    assert!(!worker.texts().iter().any(|m| m.contains("job after many tries")), "managers, not workers");
}

/// The sender looks again just before a claimed message goes: one taken away while it waited for its
/// turn (as an erasure or a revoked access takes it) is not sent.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_message_taken_away_after_it_was_claimed_does_not_go() {
    use std::sync::atomic::{AtomicBool, Ordering};
    use std::sync::{Arc, OnceLock};
    use touchbase::store::Store;
    use touchbase::usecase::context::FaultSite;

    const WORKER: i64 = 2;
    let store: Arc<OnceLock<Store>> = Arc::default();
    let armed = Arc::new(AtomicBool::new(false));
    let (hook_store, hook_armed) = (store.clone(), armed.clone());
    let t = crate::support::app::spawn_app_failing(move |site| {
        if let FaultSite::Send { chat_id: WORKER } = site
            && hook_armed.swap(false, Ordering::SeqCst)
        {
            let store = hook_store.get().expect("the store is set").clone();
            tokio::task::block_in_place(|| {
                tokio::runtime::Handle::current().block_on(async move {
                    let mut conn = store.connection().await.unwrap();
                    let gone = sqlx::query("DELETE FROM outbox WHERE chat_id = $1 AND state = 'sending'")
                        .bind(WORKER)
                        .execute(&mut *conn)
                        .await
                        .unwrap();
                    assert_eq!(gone.rows_affected(), 1, "the claimed message");
                })
            });
        }
    })
    .await;
    store.set(t.app.store().clone()).ok().expect("set once");
    let manager = t.manager(1, "Priya").await;
    let worker = t.staff(&manager, "worker", WORKER, "Alex").await;
    let child = t.child(&worker, CHILD_TG, NAME).await;
    armed.store(true, Ordering::SeqCst);
    child.send_text("please tell nobody");
    t.settle().await;
    assert!(!armed.load(Ordering::SeqCst), "the hook ran");
    assert!(worker.news().is_empty(), "{:?}", worker.news_texts());
    assert_eq!(child.news_texts(), ["Thanks. Your worker has your message."]);
}

/// Erasure and pruning find their rows by index: every foreign key, and every column rows are
/// deleted or updated by, leads an index, in each backend's own catalogue.
#[tokio::test]
async fn every_column_rows_are_erased_or_pruned_by_leads_an_index() {
    use std::collections::BTreeSet;
    use touchbase::store::Backend;

    let t = spawn_app().await;
    let store = t.app.store();
    let mut conn = store.connection().await.unwrap();
    let (foreign_keys, leading) = match store.backend() {
        Backend::Sqlite => (
            "SELECT m.name, f.\"from\" FROM sqlite_master m, pragma_foreign_key_list(m.name) f WHERE m.type = 'table'",
            "SELECT m.name, i.name FROM sqlite_master m, pragma_index_list(m.name) l, pragma_index_info(l.name) i \
             WHERE m.type = 'table' AND i.seqno = 0 \
             UNION SELECT m.name, c.name FROM sqlite_master m, pragma_table_info(m.name) c \
             WHERE m.type = 'table' AND c.pk = 1",
        ),
        Backend::Postgres => (
            "SELECT c.conrelid::regclass::text, a.attname::text FROM pg_constraint c \
             JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1] \
             WHERE c.contype = 'f' AND c.connamespace = current_schema()::regnamespace",
            "SELECT i.indrelid::regclass::text, a.attname::text FROM pg_index i \
             JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = i.indkey[0] \
             JOIN pg_class t ON t.oid = i.indrelid \
             WHERE t.relnamespace = current_schema()::regnamespace",
        ),
    };
    let pairs = |rows: Vec<(String, String)>| rows.into_iter().collect::<BTreeSet<_>>();
    let foreign_keys = pairs(sqlx::query_as(foreign_keys).fetch_all(&mut *conn).await.unwrap());
    let leading = pairs(sqlx::query_as(leading).fetch_all(&mut *conn).await.unwrap());
    assert!(foreign_keys.len() > 40, "{foreign_keys:?}");
    let named = [
        ("outbox", "chat_id"),
        ("outbox", "person_id"),
        ("outbox", "occurrence_id"),
        ("outbox", "about_child_id"),
        ("outbox", "finished_at"),
        ("jobs", "person_id"),
        ("jobs", "occurrence_id"),
        ("jobs", "finished_at"),
        ("occurrences", "moved_from"),
        ("audit_log", "actor_id"),
        ("offered_choices", "created_at"),
        ("strangers", "answered_at"),
    ];
    let wanted = foreign_keys.iter().cloned().chain(named.iter().map(|(t, c)| (t.to_string(), c.to_string())));
    let missing: Vec<_> = wanted.filter(|pair| !leading.contains(pair)).collect();
    assert!(missing.is_empty(), "no index leads with {missing:?}");
}

/// Delivery records go after a week, finished jobs once nothing can make them again, offered choices
/// and strangers after a month; what is still to come stays.
#[tokio::test]
async fn records_of_what_is_done_are_pruned_after_a_while() {
    let t = spawn_app().await;
    let (manager, worker, child) = crate::support::app::sam_on_tuesdays(&t).await;
    t.fake.phone(77, "Stranger").send_text("hello?");
    // A choice offered and never taken.
    manager.send_text("/erase Sam");
    t.settle().await;
    // A week of reminders, answers and a record of who came.
    t.clock.set(london(2026, 11, 24, 17, 0));
    t.settle().await;
    worker.tap("Came");
    child.send_text("/next");
    t.settle().await;
    let old = [
        "SELECT COUNT(*) FROM outbox WHERE state = 'sent'",
        "SELECT COUNT(*) FROM jobs WHERE state = 'done'",
        "SELECT COUNT(*) FROM offered_choices",
        "SELECT COUNT(*) FROM strangers",
    ];
    for sql in old {
        assert!(scalar(&t, sql).await > 0, "{sql}");
    }
    let pending_jobs = "SELECT COUNT(*) FROM jobs WHERE state = 'pending'";
    let to_come = scalar(&t, pending_jobs).await;
    assert!(to_come > 0);
    // Eight days on, the delivery records and the past week's jobs go; the rest stays a month.
    t.clock.set(london(2026, 12, 3, 9, 0));
    let t = t.restart().await;
    assert_eq!(scalar(&t, old[0]).await, 0, "sent messages");
    let week_old = london(2026, 11, 26, 9, 0).timestamp();
    let old_jobs = format!("SELECT COUNT(*) FROM jobs WHERE state = 'done' AND due_at < {week_old}");
    assert_eq!(scalar(&t, &old_jobs).await, 0, "jobs of the past week");
    assert!(scalar(&t, old[2]).await > 0 && scalar(&t, old[3]).await > 0, "kept a month");
    t.clock.set(london(2027, 1, 5, 9, 0));
    let t = t.restart().await;
    for sql in old {
        assert_eq!(scalar(&t, sql).await, 0, "{sql}");
    }
    assert!(scalar(&t, pending_jobs).await > 0, "what is still to come stays");
}
