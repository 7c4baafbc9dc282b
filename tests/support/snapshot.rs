//! Every row of every table the database's own catalogue lists, to prove that something changed nothing.
#![allow(dead_code)]

use std::collections::BTreeMap;

use touchbase::store::Store;

/// The tables that log updates coming in and the pace of messages going out: the input under test, and
/// the answer to it, move them by design (as they do Telegram's update offset, in `bot_state`).
const BOOKKEEPING: [&str; 3] = ["inbound_updates", "handled_updates", "send_pace"];

/// Each table's rows, every column as text, sorted.
#[derive(PartialEq, Eq)]
pub struct Snapshot(BTreeMap<String, Vec<Vec<Option<String>>>>);

impl Snapshot {
    /// Everything held, apart from the bookkeeping and the person's own conversation with the bot (what it
    /// answered `chat`, and that it told `chat` how to get an invite): the rest must not move when
    /// `chat` sends something that is refused.
    pub async fn leaving_out_the_conversation_with(store: &Store, chat: i64) -> Snapshot {
        Self::leaving_out_the_conversations_with(store, &[chat]).await
    }

    /// [`Snapshot::leaving_out_the_conversation_with`] for several people.
    pub async fn leaving_out_the_conversations_with(store: &Store, chats: &[i64]) -> Snapshot {
        let chats = chats.iter().map(i64::to_string).collect::<Vec<_>>().join(", ");
        let mut tables = BTreeMap::new();
        for table in store.tables().await.expect("the catalogue lists the tables") {
            if BOOKKEEPING.contains(&table.as_str()) {
                continue;
            }
            let columns = store.columns(&table).await.expect("the catalogue lists the columns");
            assert!(!columns.is_empty(), "{table} has columns");
            let select: Vec<String> =
                columns.iter().map(|c| format!("CAST({} AS TEXT) AS {}", c.name, c.name)).collect();
            let own = match table.as_str() {
                "outbox" => format!(" WHERE chat_id NOT IN ({chats})"),
                "strangers" => format!(" WHERE telegram_user_id NOT IN ({chats})"),
                "bot_state" => " WHERE name <> 'telegram_updates_offset'".to_owned(),
                _ => String::new(),
            };
            let sql = format!("SELECT {} FROM {table}{own}", select.join(", "));
            let mut conn = store.connection().await.unwrap();
            let rows = sqlx::query(&sql).fetch_all(&mut *conn).await.unwrap_or_else(|e| panic!("{sql}: {e}"));
            let mut rows: Vec<Vec<Option<String>>> = rows
                .iter()
                .map(|row| {
                    use sqlx::Row;
                    (0..columns.len()).map(|i| row.get::<Option<String>, _>(i)).collect()
                })
                .collect();
            rows.sort();
            tables.insert(table, rows);
        }
        Snapshot(tables)
    }

    /// How many tables it holds (a snapshot of nothing would prove nothing).
    pub fn tables(&self) -> usize {
        self.0.len()
    }

    /// Fails, naming each table and row that differs, unless `after` holds exactly what `self` held.
    pub fn assert_unchanged(&self, after: &Snapshot, what: &str) {
        if self == after {
            return;
        }
        let mut differences = Vec::new();
        for (table, rows) in &self.0 {
            let later = after.0.get(table).cloned().unwrap_or_default();
            let gone: Vec<_> = rows.iter().filter(|r| !later.contains(r)).collect();
            let new: Vec<_> = later.iter().filter(|r| !rows.contains(r)).collect();
            if !gone.is_empty() || !new.is_empty() {
                differences.push(format!("{table}: before {gone:?}, after {new:?}"));
            }
        }
        panic!("{what} changed the database:\n{}", differences.join("\n"));
    }
}
