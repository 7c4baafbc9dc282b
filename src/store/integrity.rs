//! What "the database is sound" means on PostgreSQL, whose pages the server checks itself: every rule the
//! schema states still holds for every row: no orphaned reference, no duplicate unique key, no
//! failed check, no missing value.

use sqlx::AnyPool;

use super::StoreResult;

/// Every rule of the current schema that some row breaks, as "table: what"; empty when all hold.
pub async fn postgres_violations(pool: &AnyPool) -> StoreResult<Vec<String>> {
    let mut checks: Vec<(String, String)> = Vec::new();
    // Each single-column foreign key: rows naming a row that is not there.
    let foreign_keys: Vec<(String, String, String, String)> = sqlx::query_as(
        "SELECT CAST(c.conrelid::regclass AS TEXT), CAST(a.attname AS TEXT), \
                CAST(c.confrelid::regclass AS TEXT), CAST(f.attname AS TEXT) \
         FROM pg_constraint c \
         JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1] \
         JOIN pg_attribute f ON f.attrelid = c.confrelid AND f.attnum = c.confkey[1] \
         WHERE c.contype = 'f' AND c.connamespace = CAST(current_schema() AS regnamespace)",
    )
    .fetch_all(pool)
    .await?;
    for (table, column, parent, key) in foreign_keys {
        checks.push((
            format!("{table}.{column} names a missing {parent} row"),
            format!(
                "SELECT COUNT(*) FROM {table} c WHERE c.{column} IS NOT NULL \
                 AND NOT EXISTS (SELECT 1 FROM {parent} p WHERE p.{key} = c.{column})"
            ),
        ));
    }
    // Each unique index (partial ones over their own rows): keys held twice.
    let unique: Vec<(String, String, String, Option<String>)> = sqlx::query_as(
        "SELECT CAST(i.indrelid::regclass AS TEXT), CAST(i.indexrelid::regclass AS TEXT), \
                CAST(array_to_string(ARRAY(SELECT pg_get_indexdef(i.indexrelid, k, true) \
                     FROM generate_series(1, i.indnkeyatts) AS k), chr(31)) AS TEXT), \
                CAST(pg_get_expr(i.indpred, i.indrelid) AS TEXT) \
         FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid \
         WHERE i.indisunique AND c.relnamespace = CAST(current_schema() AS regnamespace)",
    )
    .fetch_all(pool)
    .await?;
    for (table, index, keys, predicate) in unique {
        // The keys come apart on a character no expression holds (an expression may hold commas).
        let keys: Vec<&str> = keys.split('\u{1f}').collect();
        let mut filter: Vec<String> = keys.iter().map(|key| format!("({key}) IS NOT NULL")).collect();
        filter.extend(predicate.map(|p| format!("({p})")));
        checks.push((
            format!("{table}: {index} holds a key twice"),
            format!(
                "SELECT COUNT(*) FROM (SELECT 1 FROM {table} WHERE {} GROUP BY {} HAVING COUNT(*) > 1) AS twice",
                filter.join(" AND "),
                keys.join(", ")
            ),
        ));
    }
    // Each check constraint: rows for which it is false (a check passes on NULL, as PostgreSQL has it).
    let constraints: Vec<(String, String, String)> = sqlx::query_as(
        "SELECT CAST(conrelid::regclass AS TEXT), CAST(conname AS TEXT), CAST(pg_get_expr(conbin, conrelid) AS TEXT) \
         FROM pg_constraint WHERE contype = 'c' AND connamespace = CAST(current_schema() AS regnamespace)",
    )
    .fetch_all(pool)
    .await?;
    for (table, name, expression) in constraints {
        checks.push((
            format!("{table}: check {name} fails"),
            format!("SELECT COUNT(*) FROM {table} WHERE ({expression}) IS FALSE"),
        ));
    }
    // Each column that must have a value.
    let required: Vec<(String, String)> = sqlx::query_as(
        "SELECT CAST(table_name AS TEXT), CAST(column_name AS TEXT) FROM information_schema.columns \
         WHERE table_schema = current_schema() AND is_nullable = 'NO'",
    )
    .fetch_all(pool)
    .await?;
    for (table, column) in required {
        checks.push((
            format!("{table}.{column} is empty"),
            format!("SELECT COUNT(*) FROM {table} WHERE {column} IS NULL"),
        ));
    }
    let mut violations = Vec::new();
    for (what, sql) in checks {
        let (rows,): (i64,) = sqlx::query_as(&sql).fetch_one(pool).await?;
        if rows > 0 {
            violations.push(format!("{what} ({rows} rows)"));
        }
    }
    Ok(violations)
}
