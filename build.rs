// Migrations are embedded at compile time (sqlx::migrate!); a new or changed one must rebuild.
fn main() {
    println!("cargo:rerun-if-changed=migrations");
}
