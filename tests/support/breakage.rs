//! Breaking the database on purpose, as a full disk or a bad migration would, so a test can watch what the
//! bot does when its work keeps failing.
#![allow(dead_code)]

use touchbase::store::{Backend, Store};

/// From now on every job of `kind` fails when it tries to finish (its transaction is refused), so it is
/// retried and in the end given up. Closing a job as failed still works.
pub async fn fail_jobs_of_kind(store: &Store, kind: &str) {
    assert!(kind.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_'), "a plain job kind");
    let statements = match store.backend() {
        Backend::Sqlite => vec![format!(
            "CREATE TRIGGER test_breaks_{name} BEFORE UPDATE ON jobs \
             WHEN NEW.state = 'done' AND NEW.kind = '{kind}' \
             BEGIN SELECT RAISE(ABORT, 'broken on purpose by a test'); END",
            name = kind.replace('-', "_")
        )],
        Backend::Postgres => vec![
            "CREATE OR REPLACE FUNCTION test_breaks_jobs() RETURNS trigger AS $$ \
             BEGIN RAISE EXCEPTION 'broken on purpose by a test'; END $$ LANGUAGE plpgsql"
                .to_owned(),
            format!(
                "CREATE TRIGGER test_breaks_{name} BEFORE UPDATE ON jobs FOR EACH ROW \
                 WHEN (NEW.state = 'done' AND NEW.kind = '{kind}') EXECUTE FUNCTION test_breaks_jobs()",
                name = kind.replace('-', "_")
            ),
        ],
    };
    let mut conn = store.connection().await.unwrap();
    for statement in statements {
        sqlx::query(&statement).execute(&mut *conn).await.unwrap_or_else(|e| panic!("{statement}: {e}"));
    }
}
