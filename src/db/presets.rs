//! Presets: the dataset's named groups of cities, for the pickers.

use sqlx::SqlitePool;

/// A named group of cities, in the order the dataset lists them.
#[derive(Debug, Clone, PartialEq)]
pub struct Preset {
    pub id: String,
    pub label: String,
    pub description: String,
    pub cities: Vec<String>,
}

/// Every preset, by label.
pub async fn all(pool: &SqlitePool) -> Result<Vec<Preset>, sqlx::Error> {
    let rows: Vec<(String, String, String, String)> =
        sqlx::query_as("SELECT id, label, description, cities FROM presets ORDER BY label COLLATE NOCASE")
            .fetch_all(pool)
            .await?;
    Ok(rows
        .into_iter()
        .map(|(id, label, description, cities)| Preset {
            id,
            label,
            description,
            cities: cities.split(';').filter(|c| !c.is_empty()).map(str::to_string).collect(),
        })
        .collect())
}
