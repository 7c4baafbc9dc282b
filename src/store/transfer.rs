//! `touchbase migrate-to`: copies a SQLite service, every table and row, into an empty PostgreSQL
//! database with the same schema, in one transaction, then checks every table's count.

use std::collections::{BTreeSet, HashMap};

use futures::TryStreamExt;
use sqlx::Row;
use sqlx::any::AnyArguments;
use sqlx::query::Query;

use super::{Backend, Column, Store, StoreError, StoreResult};

/// Rows sent in one INSERT (PostgreSQL takes at most 65,535 parameters in a statement).
const ROWS_PER_INSERT: usize = 500;

/// How many rows one table holds, in the copy and in the original.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TableCount {
    pub table: String,
    pub rows: i64,
}

#[derive(Debug, thiserror::Error)]
pub enum TransferError {
    #[error("copy from a SQLite database (DATABASE_URL is not one)")]
    SourceNotSqlite,
    #[error("copy into a PostgreSQL database (postgres://...)")]
    TargetNotPostgres,
    #[error("the PostgreSQL database is not empty ({table} has {rows} rows); copy into a new, empty one")]
    TargetNotEmpty { table: String, rows: i64 },
    #[error("the two databases have different tables or columns ({0}); run the same version of touchbase on both")]
    SchemaDiffers(String),
    #[error("{table}: {copied} rows copied but the original has {original}")]
    CountDiffers { table: String, original: i64, copied: i64 },
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("database: {0}")]
    Database(#[from] sqlx::Error),
}

/// Copies everything in `from` (SQLite, migrated) into `to` (PostgreSQL, migrated and empty). Nothing
/// is left in `to` if it fails. Returns each table's count, checked equal in both.
pub async fn copy_sqlite_to_postgres(from: &Store, to: &Store) -> Result<Vec<TableCount>, TransferError> {
    if from.backend() != Backend::Sqlite {
        return Err(TransferError::SourceNotSqlite);
    }
    if to.backend() != Backend::Postgres {
        return Err(TransferError::TargetNotPostgres);
    }
    let tables = from.tables().await?;
    let target_tables: BTreeSet<String> = to.tables().await?.into_iter().collect();
    if tables.iter().cloned().collect::<BTreeSet<_>>() != target_tables {
        return Err(TransferError::SchemaDiffers("tables".into()));
    }
    for table in &tables {
        let rows = count(to, table).await?;
        if rows > 0 {
            return Err(TransferError::TargetNotEmpty { table: table.clone(), rows });
        }
    }
    let references = foreign_keys(from, &tables).await?;
    let order = in_reference_order(&tables, &references);

    let mut source = from.connection().await?;
    let mut tx = to.pool.begin().await?;
    for table in &order {
        let columns = to.columns(table).await?;
        if columns != from.columns(table).await? {
            return Err(TransferError::SchemaDiffers(table.clone()));
        }
        // A column naming another row of the same table (a moved appointment's original, a worker
        // who is also a person) is filled in afterwards, once every row it may name is there.
        let own: Vec<&str> = references
            .iter()
            .filter(|(from_table, _, to_table)| from_table == table && to_table == table)
            .map(|(_, column, _)| column.as_str())
            .collect();
        let names: Vec<&str> = columns.iter().map(|c| c.name.as_str()).collect();
        let select = format!("SELECT {} FROM {table} ORDER BY rowid", names.join(", "));
        let mut rows = sqlx::query(&select).fetch(&mut *source);
        let mut batch: Vec<sqlx::any::AnyRow> = Vec::with_capacity(ROWS_PER_INSERT);
        let mut later: Vec<(String, i64, i64)> = Vec::new();
        while let Some(row) = rows.try_next().await? {
            for column in &own {
                if let Some(value) = row.try_get::<Option<i64>, _>(*column)? {
                    later.push(((*column).to_owned(), row.try_get::<i64, _>("id")?, value));
                }
            }
            batch.push(row);
            if batch.len() == ROWS_PER_INSERT {
                insert(&mut tx, table, &columns, &own, &batch).await?;
                batch.clear();
            }
        }
        drop(rows);
        if !batch.is_empty() {
            insert(&mut tx, table, &columns, &own, &batch).await?;
        }
        for (column, id, value) in later {
            sqlx::query(&format!("UPDATE {table} SET {column} = $2 WHERE id = $1"))
                .bind(id)
                .bind(value)
                .execute(&mut *tx)
                .await?;
        }
    }
    reset_identities(&mut source, &mut tx).await?;
    // Checked before the commit, so a copy that does not match leaves nothing behind.
    let mut counts = Vec::with_capacity(tables.len());
    for table in &tables {
        let original = count(from, table).await?;
        let (copied,): (i64,) = sqlx::query_as(&format!("SELECT COUNT(*) FROM {table}")).fetch_one(&mut *tx).await?;
        if original != copied {
            return Err(TransferError::CountDiffers { table: table.clone(), original, copied });
        }
        counts.push(TableCount { table: table.clone(), rows: copied });
    }
    tx.commit().await?;
    Ok(counts)
}

/// One multi-row INSERT of `rows`, with the columns in `own` left empty for now.
async fn insert(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    table: &str,
    columns: &[Column],
    own: &[&str],
    rows: &[sqlx::any::AnyRow],
) -> StoreResult<()> {
    let names: Vec<&str> = columns.iter().map(|c| c.name.as_str()).collect();
    let width = columns.len();
    let values: Vec<String> = (0..rows.len())
        .map(|r| {
            let places: Vec<String> = (1..=width).map(|c| format!("${}", r * width + c)).collect();
            format!("({})", places.join(", "))
        })
        .collect();
    let sql = format!("INSERT INTO {table} ({}) VALUES {}", names.join(", "), values.join(", "));
    let mut query: Query<'_, sqlx::Any, AnyArguments<'_>> = sqlx::query(&sql);
    for row in rows {
        for column in columns {
            let name = column.name.as_str();
            query = if own.contains(&name) {
                query.bind(None::<i64>)
            } else if column.integer {
                query.bind(row.try_get::<Option<i64>, _>(name)?)
            } else {
                query.bind(row.try_get::<Option<String>, _>(name)?)
            };
        }
    }
    query.execute(&mut **tx).await?;
    Ok(())
}

/// (table, column, table it names) for every foreign key in the SQLite database.
async fn foreign_keys(store: &Store, tables: &[String]) -> StoreResult<Vec<(String, String, String)>> {
    let mut references = Vec::new();
    for table in tables {
        let rows: Vec<(String, String)> = sqlx::query_as("SELECT \"from\", \"table\" FROM pragma_foreign_key_list($1)")
            .bind(table)
            .fetch_all(&store.pool)
            .await?;
        references.extend(rows.into_iter().map(|(column, to)| (table.clone(), column, to)));
    }
    Ok(references)
}

/// The tables, each after every other table it names, so each row's references are there before it.
fn in_reference_order(tables: &[String], references: &[(String, String, String)]) -> Vec<String> {
    let mut needs: HashMap<&str, BTreeSet<&str>> = HashMap::new();
    for (from, _, to) in references {
        if from != to {
            needs.entry(from.as_str()).or_default().insert(to.as_str());
        }
    }
    let mut order: Vec<String> = Vec::with_capacity(tables.len());
    while order.len() < tables.len() {
        let before = order.len();
        for table in tables {
            let placed = |t: &str| order.iter().any(|o| o == t);
            if !placed(table) && needs.get(table.as_str()).is_none_or(|n| n.iter().all(|t| placed(t))) {
                order.push(table.clone());
            }
        }
        if order.len() == before {
            // A cycle between tables (there is none in the schema): keep the creation order for the rest.
            order.extend(tables.iter().filter(|t| !order.contains(t)).cloned().collect::<Vec<_>>());
        }
    }
    order
}

/// New rows in the copy get ids past every id the original ever gave, erased ones included.
async fn reset_identities(
    source: &mut super::Connection,
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
) -> StoreResult<()> {
    let given: HashMap<String, i64> = sqlx::query_as::<_, (String, i64)>("SELECT name, seq FROM sqlite_sequence")
        .fetch_all(source)
        .await?
        .into_iter()
        .collect();
    let identities: Vec<(String, String)> = sqlx::query_as(
        "SELECT CAST(table_name AS TEXT), CAST(column_name AS TEXT) FROM information_schema.columns \
         WHERE table_schema = current_schema() AND is_identity = 'YES'",
    )
    .fetch_all(&mut **tx)
    .await?;
    for (table, column) in identities {
        let (highest,): (Option<i64>,) =
            sqlx::query_as(&format!("SELECT MAX({column}) FROM {table}")).fetch_one(&mut **tx).await?;
        let next = highest.unwrap_or(0).max(given.get(&table).copied().unwrap_or(0));
        if next > 0 {
            sqlx::query("SELECT CAST(setval(pg_get_serial_sequence($1, $2), $3) AS BIGINT)")
                .bind(&table)
                .bind(&column)
                .bind(next)
                .fetch_one(&mut **tx)
                .await?;
        }
    }
    Ok(())
}

async fn count(store: &Store, table: &str) -> StoreResult<i64> {
    let (rows,): (i64,) = sqlx::query_as(&format!("SELECT COUNT(*) FROM {table}")).fetch_one(&store.pool).await?;
    Ok(rows)
}
